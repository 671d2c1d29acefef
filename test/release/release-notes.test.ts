import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { releaseSection } from '../../scripts/release-notes.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const script = (args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'release-notes.mjs'), ...args], { encoding: 'utf8' });

describe('release notes from CHANGELOG.md', () => {
  it('GIVEN a changelog WHEN a version is asked THEN only that section is returned', () => {
    const log = '# hubspoke\n\n## 0.2.0\n\n### Minor Changes\n\n- b\n\n## 0.1.0\n\n- a\n';
    expect(releaseSection(log, '0.2.0')).toBe('### Minor Changes\n\n- b\n');
    expect(releaseSection(log, '0.1.0')).toBe('- a\n');
    expect(releaseSection(log, '0.3.0')).toBeUndefined();
  });

  it("GIVEN the repository WHEN the current version's tag is released THEN CHANGELOG.md has its entry", () => {
    const r = script([`v${pkg.version}`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().length).toBeGreaterThan(100);
  });

  it('GIVEN a tag that is not the package version WHEN released THEN it refuses with the reason', () => {
    const r = script(['v99.0.0']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('does not match package.json version');
    expect(script(['latest']).status).toBe(2);
  });
});
