import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../lib/report/html.js';
import type { ReportInput, ReportPair } from '../../lib/report/report-input.js';
import { bigNetwork, brokenLab, MISSING_ACL_LINE, provenLab } from './sample-results.js';

function count(html: string, pattern: RegExp): number {
  return [...html.matchAll(pattern)].length;
}

describe('renderHtmlReport', () => {
  it('shows the proven reference lab as 12 green cells, 4 same-device cells and a PROVEN verdict', async () => {
    // GIVEN the proof result of the reference lab (4 sites, all covered)
    // WHEN the report is rendered
    const html = await renderHtmlReport(provenLab(), { inputDigest: 'sha256:00ff', version: '9.9.9' });
    // THEN the matrix has one green cell per ordered pair and the header says so
    expect(count(html, /<td class="cell ok"/g)).toBe(12);
    expect(count(html, /<td class="cell self"/g)).toBe(4);
    expect(count(html, /<td class="cell broken"/g)).toBe(0);
    expect(html).toContain('id="verdict">PROVEN<');
    expect(html).toContain('sha256:00ff');
    expect(html).toContain('<code>9.9.9</code>');
    expect(html).toContain('<code>ios-12.2</code>');
    // and the findings list the weak-crypto warning with its location and hint
    expect(html).toMatch(/WEAK_CRYPTO<\/code><\/td><td><b>Hub<\/b><br><code>three-spokes\/hub\.cfg:10<\/code>/);
  });

  it('marks a broken pair red, with its problem codes on hover and its problem and hint one click away', async () => {
    // GIVEN the lab with Spoke1 -> Spoke3 broken on the hub
    const input = brokenLab();
    const index = input.pairs.findIndex((p) => p.from === 'Spoke1' && p.to === 'Spoke3');
    // WHEN the report is rendered
    const html = await renderHtmlReport(input);
    // THEN exactly that cell is red, names the code in its title and points at the pair's section
    expect(count(html, /<td class="cell broken"/g)).toBe(1);
    expect(html).toContain(
      `<td class="cell broken" data-pair="pair-${index}" tabindex="0" title="Spoke1 172.16.1.0/24 → Spoke3 172.16.2.0/24: NOT_PROTECTED">`,
    );
    const section = html.slice(
      html.indexOf(`id="pair-${index}"`),
      html.indexOf('</details>', html.indexOf(`id="pair-${index}"`)),
    );
    expect(section).toContain('three-spokes/hub.cfg:49');
    expect(section).toContain('ACL 130 has no line for it');
    expect(section).toContain('Fix: Add a permit line for 172.16.1.0/24 -&gt; 172.16.2.0/24');
    expect(html).toContain('id="verdict">NOT PROVEN<');
  });

  it('colours the tunnels of both end spokes of a broken pair red and the others green', async () => {
    const html = await renderHtmlReport(brokenLab());
    expect(html).toMatch(/id="edge-g1-g0" class="tunnel broken"/); // Spoke1
    expect(html).toMatch(/id="edge-g2-g0" class="tunnel ok"/); // Spoke2
    expect(html).toMatch(/id="edge-g3-g0" class="tunnel broken"/); // Spoke3
  });

  it('draws the WAN addresses and LAN prefixes of every device in the topology picture', async () => {
    const html = await renderHtmlReport(provenLab());
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    for (const text of [
      'LAN 10.1.1.0/24',
      'WAN 10.1.4.1/24 (Ethernet1)',
      'LAN 172.16.2.0/24',
      'WAN 10.1.5.1/24 (Ethernet1)',
    ]) {
      expect(svg).toContain(text);
    }
  });

  it('is self-contained: no external scripts, styles, images or fonts', async () => {
    const html = await renderHtmlReport(brokenLab());
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/href="(?!#)/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toContain("default-src 'none'");
  });

  it('gives byte-identical output for the same input', async () => {
    const a = await renderHtmlReport(bigNetwork(60, [5, 40]));
    const b = await renderHtmlReport(bigNetwork(60, [5, 40]));
    expect(a).toBe(b);
  });

  it('renders the path the proof followed with file:line for each step, and masks a quoted key', async () => {
    // GIVEN a pair whose path quotes config lines, one of them a key line
    const base = brokenLab();
    const pairs: ReportPair[] = base.pairs.map((p) =>
      p.from === 'Spoke1' && p.to === 'Spoke2'
        ? {
            ...p,
            path: {
              hops: [
                {
                  device: 'Spoke1',
                  action: 'encrypt to 10.1.4.1',
                  steps: [
                    {
                      kind: 'route',
                      text: 'ip route 192.168.1.0 255.255.255.0 Ethernet1',
                      file: 'spoke1.cfg',
                      line: 33,
                    },
                    {
                      kind: 'psk',
                      text: 'crypto isakmp key FAKEKEY-do-not-print address 10.1.4.1',
                      file: 'spoke1.cfg',
                      line: 14,
                    },
                  ],
                },
                {
                  device: 'Hub',
                  action: 'decrypt, re-encrypt to 10.1.3.1',
                  steps: [
                    {
                      kind: 'acl line',
                      text: 'access-list 120 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
                      file: 'hub.cfg',
                      line: 47,
                      ok: false,
                    },
                  ],
                },
              ],
            },
          }
        : p,
    );
    // WHEN rendered
    const html = await renderHtmlReport({ ...base, pairs });
    // THEN every step shows its location and line text, the failed one marked, and the key is masked
    expect(html).toContain(
      '<td class="loc">spoke1.cfg:33</td><td><code>ip route 192.168.1.0 255.255.255.0 Ethernet1</code>',
    );
    expect(html).toContain(
      '<tr class="bad"><td class="mark">✗</td><td class="kind">acl line</td><td class="loc">hub.cfg:47</td>',
    );
    expect(html).toContain('crypto isakmp key &lt;redacted&gt; address 10.1.4.1');
    expect(html).not.toContain('FAKEKEY-do-not-print');
  });

  it('treats pairs left out by brokenOnly as covered and says that they are left out', async () => {
    const full = brokenLab();
    const input: ReportInput = { ...full, pairs: full.pairs.filter((p) => !p.covered) };
    const html = await renderHtmlReport(input);
    expect(count(html, /<td class="cell ok"/g)).toBe(11);
    expect(count(html, /<td class="cell broken"/g)).toBe(1);
    expect(html).toContain('11 covered pairs left out');
  });

  it('summarizes a 200-spoke network: grouped picture, group matrix, broken pairs listed one by one', async () => {
    // GIVEN 201 sites (40,200 ordered pairs) with three broken pairs
    const input = bigNetwork(200, [3, 50, 120]);
    // WHEN rendered
    const html = await renderHtmlReport(input);
    // THEN the picture has the hub and 12 spoke groups, not 200 boxes
    expect(count(html, /<g id="node-[^"]+" class="node /g)).toBe(13);
    expect(count(html, /class="node spoke broken group"/g)).toBe(3);
    // and the matrix is 13 x 13 groups instead of 201 x 201 sites
    expect(html).toContain('<table class="matrix groups">');
    expect(count(html, /<td class="cell /g)).toBe(13 * 13);
    // and the three broken pairs are listed with their details
    expect(count(html, /<tr data-pair="pair-\d+" tabindex="0" data-in-cell=/g)).toBe(3);
    expect(count(html, /<details class="pair broken"/g)).toBe(3);
    expect(count(html, /<details class="pair ok"/g)).toBe(0);
    expect(html).toContain('Spoke3 10.1.3.0/24 → Spoke4 10.1.4.0/24');
    // and the page stays small
    expect(html.length).toBeLessThan(400_000);
  });

  it('never prints problem text unescaped', async () => {
    const base = brokenLab();
    const evil = { ...MISSING_ACL_LINE, message: '<script>alert(1)</script> & "quotes"' };
    const html = await renderHtmlReport({ ...base, findings: [evil] });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });
});

describe('renderHtmlReportSync', () => {
  it('gives the same bytes as the async renderer, for a small and a grouped network', async () => {
    const { renderHtmlReportSync } = await import('../../lib/report/html.js');
    for (const input of [brokenLab(), bigNetwork(200, [3, 120])]) {
      expect(renderHtmlReportSync(input, { version: '1' })).toBe(await renderHtmlReport(input, { version: '1' }));
    }
  });
});

describe('pair details order', () => {
  it('lists broken pairs before covered ones', async () => {
    const html = await renderHtmlReport(brokenLab());
    const first = html.indexOf('<details class="pair ');
    expect(html.slice(first, first + 40)).toContain('<details class="pair broken"');
    expect(html.indexOf('<details class="pair broken"')).toBeLessThan(html.indexOf('<details class="pair ok"'));
  });
});
