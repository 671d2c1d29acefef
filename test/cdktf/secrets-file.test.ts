import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRETS_FILE_NAME, writeSecretsFile } from '../../lib/cdktf/secrets-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('writeSecretsFile', () => {
  it('GIVEN variable values WHEN written THEN the file is sorted tfvars JSON with mode 0600 and no temporary file is left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubspoke-secrets-'));
    dirs.push(dir);
    const file = join(dir, 'stacks', 'lab', SECRETS_FILE_NAME);
    writeSecretsFile(
      file,
      new Map([
        ['b_var', 'fake-2'],
        ['a_var', 'fake-1'],
      ]),
    );
    expect(readFileSync(file, 'utf8')).toBe('{\n  "a_var": "fake-1",\n  "b_var": "fake-2"\n}\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'stacks', 'lab'))).toEqual([SECRETS_FILE_NAME]);
  });

  it('GIVEN an existing world-readable file WHEN rewritten THEN the new file is 0600 with the new content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubspoke-secrets-'));
    dirs.push(dir);
    const file = join(dir, SECRETS_FILE_NAME);
    writeFileSync(file, 'old', { mode: 0o644 });
    writeSecretsFile(file, new Map([['v', 'fake']]));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ v: 'fake' });
  });
});
