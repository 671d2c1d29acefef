// The report renders the paths the verifier records (`paths: 'all' | 'report'`), from real proofs.
import { describe, expect, it } from 'vitest';
import { withDeviceDetails } from '../../lib/report/device-details.js';
import { renderHtmlReport } from '../../lib/report/html.js';
import type { ReportInput } from '../../lib/report/report-input.js';
import { edit, modernLab, proveLab, replaceLine, seedLab } from '../verify/labs.js';

function section(html: string, input: ReportInput, from: string, to: string): string {
  const index = input.pairs.findIndex((p) => p.from === from && p.to === to);
  const start = html.indexOf(`id="pair-${index}"`);
  return html.slice(start, html.indexOf('</details>', start));
}

const FAKE = 'Fake-Report-Key-31337';
const brokenLab = () =>
  edit(seedLab('three-spokes'), 'hub.cfg', (t) =>
    replaceLine(t, 'crypto isakmp key cisco123 address 10.1.3.1', [`crypto isakmp key ${FAKE} address 10.1.3.1`]),
  );

describe('pair details with the proof path', () => {
  it('GIVEN the reference lab proven with paths WHEN rendered THEN Spoke1 -> Spoke2 shows its hops, the hub ACL line and the replies', async () => {
    const result = proveLab(seedLab('three-spokes'), { paths: 'all' });
    const html = await renderHtmlReport(result);
    expect([...html.matchAll(/<h4>Path the proof followed<\/h4>/g)]).toHaveLength(12);
    const s = section(html, result, 'Spoke1', 'Spoke2');
    expect(s).toContain('<b>Spoke1</b> <span class="action">encrypt to Hub (10.1.4.1)</span>');
    expect(s).toContain('<b>Hub</b> <span class="action">decrypt, encrypt to Spoke2 (10.1.3.1)</span>');
    expect(s).toContain(
      '<td class="loc">hub.cfg:53</td><td><code>access-list 120 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255</code>',
    );
    expect(s).toContain('<li class="replies muted">Replies, from Spoke2</li>');
    expect(html).not.toContain('cisco123');
  });

  it('GIVEN the hub key for Spoke2 changed WHEN rendered THEN the key step is crossed out and only the Spoke2 tunnel is red', async () => {
    const result = proveLab(brokenLab(), { paths: 'all' });
    const html = await renderHtmlReport(result);
    const s = section(html, result, 'Spoke1', 'Spoke2');
    expect(s).toMatch(/<li class="hop broken"><div class="hop-head"><b>Hub<\/b>/);
    expect(s).toMatch(/<tr class="bad"><td class="mark">✗<\/td><td class="kind">pre-shared key<\/td>/);
    expect(html).toMatch(/id="edge-g2-g0" class="tunnel broken"/); // Spoke2
    expect(html).toMatch(/id="edge-g1-g0" class="tunnel ok"/); // Spoke1
    expect(html).not.toContain(FAKE);
    expect(html).not.toContain('cisco123');
  });

  it('GIVEN a network above the matrix limit proven for a report WHEN rendered THEN broken pairs and the sampled covered pairs get path details', async () => {
    const lab = edit(modernLab(41), 'spoke05.cfg', (t) =>
      replaceLine(t, ' permit ip 10.5.0.0 0.0.0.255 10.7.0.0 0.0.0.255', []),
    );
    const result = proveLab(lab, { brokenOnly: true, paths: 'report' });
    const sampled = result.pairs.filter((p) => p.covered).length;
    expect(sampled).toBeGreaterThan(0);
    const html = await renderHtmlReport(result);
    expect(html).toContain(`Sample paths of covered pairs (${sampled})`);
    expect([...html.matchAll(/<details class="pair ok"/g)]).toHaveLength(sampled);
    expect([...html.matchAll(/<details class="pair broken"/g)]).toHaveLength(result.summary.broken);
    expect(html).not.toContain('xyzzy42');
  });

  it("GIVEN the verifier result WHEN device details are added without configs THEN the verifier's WAN, platform and hub are kept", () => {
    const result = proveLab(seedLab('three-spokes'));
    const spoke1 = withDeviceDetails(result).devices.find((d) => d.hostname === 'Spoke1');
    expect(spoke1).toMatchObject({
      hub: 'Hub',
      platform: 'ios-12.2',
      wan: [{ interface: 'Ethernet1', address: '10.1.2.1/24' }],
    });
  });
});
