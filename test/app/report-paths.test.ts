// Synth records the proof's per-pair paths only when it writes report.html.
import { describe, expect, it } from 'vitest';
import { defaultCoverageProver } from '../../lib/app/coverage-step.js';
import { synthesizeStack, type RenderedStack } from '../../lib/app/synth.js';
import { proveRenderedStack } from '../../lib/verify/prove/stack-prover.js';
import { seedLabStack } from '../fixtures/seed-lab-stack.js';

const FAKE_KEY = 'FAKE-synth-paths-key-9b41';

/** The reference lab through the constructs, with a fake key. */
const lab = () => seedLabStack({ outdir: 'unused', key: FAKE_KEY }).stack;

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
