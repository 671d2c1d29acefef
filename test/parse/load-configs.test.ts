import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigs } from '../../lib/parse/index.js';

const dir = mkdtempSync(join(tmpdir(), 'hubspoke-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfigs', () => {
  it('GIVEN a directory with configs, other files and a sub-directory WHEN loaded THEN only *.cfg/*.conf/*.txt/*.ios files directly inside are parsed, sorted by name', async () => {
    for (const [name, host] of [
      ['b.cfg', 'B'],
      ['a.txt', 'A'],
      ['c.conf', 'C'],
      ['d.ios', 'D'],
      ['notes.md', 'X'],
      ['e.CFG', 'E'],
    ]) {
      writeFileSync(join(dir, name!), `hostname ${host}\n`);
    }
    mkdirSync(join(dir, 'sub.cfg'));
    writeFileSync(join(dir, 'sub.cfg', 'inner.cfg'), 'hostname Inner\n');
    const files = await loadConfigs([dir]);
    expect(files.map((f) => f.file)).toEqual(['a.txt', 'b.cfg', 'c.conf', 'd.ios', 'e.CFG'].map((n) => join(dir, n)));
    expect(files.map((f) => f.config.hostname)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(files[0]!.diagnostics.every((d) => d.file === join(dir, 'a.txt'))).toBe(true);
  });

  it('GIVEN an explicit file with any extension and the same file twice WHEN loaded THEN it is parsed once', async () => {
    const file = join(dir, 'notes.md');
    const files = await loadConfigs([file, file]);
    expect(files.map((f) => f.config.hostname)).toEqual(['X']);
  });
});
