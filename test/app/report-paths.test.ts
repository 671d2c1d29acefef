// Synth records the proof's per-pair paths only when it writes report.html.
import { describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { defaultCoverageProver } from '../../lib/app/coverage-step.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { synthesizeStack, type RenderedStack } from '../../lib/app/synth.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import { proveRenderedStack } from '../../lib/verify/stack-prover.js';

const FAKE_KEY = 'FAKE-synth-paths-key-9b41';

/** The reference lab through the constructs, with a fake key. */
function lab(): HubSpokeStack {
  const app = new App({ outdir: 'unused', logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'seed-lab', { platform: 'ios-12.2' });
  const underlay = { destination: '10.1.0.0/16' };
  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub',
    lan: { address: '10.1.1.1/24' },
    wan: { address: '10.1.4.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText(FAKE_KEY),
    crypto: {
      isakmp: { priority: 10, encryption: 'des', hash: 'md5', group: 1, authentication: 'pre-share' },
      transforms: ['esp-des', 'esp-md5-hmac'],
      transformSetName: 'myset',
      cryptoMapName: 'mymap',
      pfs: false,
      allowLegacyCrypto: true,
    },
    aclNaming: 'numbered',
    routes: [underlay],
  });
  const spoke = (id: string, lanAddress: string, wan: string) =>
    new Spoke(stack, id, { hub, hostname: id, lan: { address: lanAddress }, wan: { address: wan }, routes: [{ destination: '172.16.0.0/16' }, underlay] });
  spoke('Spoke1', '172.16.1.1/24', '10.1.2.1/24');
  spoke('Spoke2', '192.168.1.1/24', '10.1.3.1/24');
  spoke('Spoke3', '172.16.2.1/24', '10.1.5.1/24');
  return stack;
}

describe('GIVEN the reference lab as constructs', () => {
  it('WHEN synthesized with the HTML report THEN every pair detail of report.html shows the path the proof followed, without the key', () => {
    const html = synthesizeStack(lab(), { htmlReport: true }).reportHtml ?? '';
    expect(html.match(/<h4>Path the proof followed<\/h4>/g)).toHaveLength(12);
    expect(html).toMatch(/<td class="kind">crypto map entry<\/td><td class="loc">Hub\.cfg:\d+<\/td>/);
    expect(html).not.toContain(FAKE_KEY);
  });

  it('WHEN synthesized with and without the HTML report THEN the prover is asked for paths only with it', () => {
    const seen: (boolean | undefined)[] = [];
    const spy = (r: RenderedStack) => {
      seen.push(r.recordPaths);
      return defaultCoverageProver(r);
    };
    synthesizeStack(lab(), { proveCoverage: spy });
    synthesizeStack(lab(), { proveCoverage: spy, htmlReport: true });
    expect(seen).toEqual([undefined, true]);
  });

  it('WHEN the rendered stack is proven without recordPaths THEN the result lists no pair (broken only) and no path', () => {
    let rendered: RenderedStack | undefined;
    synthesizeStack(lab(), { proveCoverage: (r) => ((rendered = r), defaultCoverageProver(r)) });
    const plain = proveRenderedStack(rendered!);
    expect(plain.result.pairs).toEqual([]);
    const recorded = proveRenderedStack({ ...rendered!, recordPaths: true });
    expect(recorded.result.pairs.length).toBe(12);
    expect(recorded.result.pairs.every((p) => p.covered && p.path)).toBe(true);
    expect(recorded.errors).toEqual([]);
    expect(recorded.report).toBe(plain.report);
  });
});
