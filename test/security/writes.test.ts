import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { OutputError } from '../../lib/app/output-errors.js';
import { lockPath, withOutputLock } from '../../lib/app/output-lock.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { MANIFEST_FILE, writeArtifactsAtomically } from '../../lib/app/write-artifacts.js';
import { run as synth } from '../../lib/cli/synth.js';
import { Router } from '../../lib/constructs/router.js';
import { runCli } from '../cli/io.js';

const MODULE = join(import.meta.dirname, '..', 'cli', 'fixtures', 'synth-app.ts');
const DIST_WRITER = join(import.meta.dirname, '..', '..', 'dist', 'index.js');
const scratch = mkdtempSync(join(tmpdir(), 'hubspoke-writes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => mkdtempSync(join(scratch, `t${(n += 1)}-`));
const files = (tag: string) =>
  new Map([
    ['hub.cfg', `hostname hub\ncrypto isakmp key ${tag} address 10.0.0.1\n`],
    ['topology.json', `{"tag":"${tag}"}\n`],
  ]);

function thrown(f: () => unknown): Error | undefined {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return undefined;
}

describe('writes: foreign folders, leftovers, locks', () => {
  it('GIVEN a folder hubspoke did not write WHEN a stack of that name is written THEN it is refused and the folder is intact; force replaces it', () => {
    const out = fresh();
    mkdirSync(join(out, 'docs'));
    writeFileSync(join(out, 'docs', 'notes.md'), 'my notes\n');
    const e = thrown(() => writeArtifactsAtomically(join(out, 'docs'), files('K1')));
    expect(e).toBeInstanceOf(OutputError);
    expect(e!.message).toContain(`${join(out, 'docs')} exists and was not written by hubspoke`);
    expect(e!.message).toContain('--force');
    expect(readFileSync(join(out, 'docs', 'notes.md'), 'utf8')).toBe('my notes\n');
    expect(readdirSync(out)).toEqual(['docs']);
    writeArtifactsAtomically(join(out, 'docs'), files('K1'), { force: true });
    expect(readdirSync(join(out, 'docs')).sort()).toEqual([MANIFEST_FILE, 'hub.cfg', 'topology.json']);
  });

  it('GIVEN output of an earlier hubspoke (artifact names only, no manifest) WHEN rewritten THEN it is adopted', () => {
    const out = fresh();
    mkdirSync(join(out, 'lab'));
    writeFileSync(join(out, 'lab', 'old.cfg'), 'x\n');
    writeFileSync(join(out, 'lab', 'harness.test.mjs'), 'x\n');
    writeArtifactsAtomically(join(out, 'lab'), files('K2'));
    expect(readdirSync(join(out, 'lab')).sort()).toEqual([MANIFEST_FILE, 'hub.cfg', 'topology.json']);
  });

  it('GIVEN temporary and rollback folders a killed synth left (keys inside) WHEN the next synth writes THEN they are gone', () => {
    const out = fresh();
    const dir = join(out, 'lab');
    writeArtifactsAtomically(dir, files('K3'));
    for (const t of ['.lab.tmp-AbC123', '.lab.tmp-XyZ789.old']) {
      mkdirSync(join(out, t));
      writeFileSync(join(out, t, 'hub.cfg'), 'crypto isakmp key LEFTOVER address 10.0.0.1\n');
    }
    writeFileSync(lockPath(dir), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    writeArtifactsAtomically(dir, files('K4'));
    expect(readdirSync(out)).toEqual(['lab']);
    expect(readFileSync(join(dir, 'hub.cfg'), 'utf8')).toContain('K4');
  });

  it('GIVEN a synth killed between its two renames (folder gone, rollback beside it) WHEN the next writer takes the lock THEN the previous output is back before anything else', () => {
    const out = fresh();
    const dir = join(out, 'lab');
    writeArtifactsAtomically(dir, files('K5'));
    renameSync(dir, join(out, '.lab.tmp-Crash1.old'));
    mkdirSync(join(out, '.lab.tmp-Crash1'));
    writeFileSync(join(out, '.lab.tmp-Crash1', 'hub.cfg'), 'crypto isakmp key HALF address 10.0.0.1\n');
    writeFileSync(lockPath(dir), JSON.stringify({ pid: 2 ** 22 + 54321, host: hostname() }));
    withOutputLock(dir, () => undefined);
    expect(readdirSync(out)).toEqual(['lab']);
    expect(readFileSync(join(dir, 'hub.cfg'), 'utf8')).toContain('K5');
    writeArtifactsAtomically(dir, files('K6'));
    expect(readFileSync(join(dir, 'hub.cfg'), 'utf8')).toContain('K6');
  });

  it('GIVEN a lock held by a running process WHEN another write waits past its limit THEN it fails cleanly naming the lock file', () => {
    const out = fresh();
    const dir = join(out, 'lab');
    writeFileSync(lockPath(dir), JSON.stringify({ pid: process.pid, host: hostname() }));
    const e = thrown(() => writeArtifactsAtomically(dir, files('K7'), { lockWaitMs: 200 }));
    expect(e).toBeInstanceOf(OutputError);
    expect(e!.message).toContain(`another synth is writing ${dir} (process ${process.pid}`);
    expect(e!.message).toContain(`delete ${lockPath(dir)}`);
    expect(existsSync(dir)).toBe(false);
  });

  it('GIVEN six processes writing one folder at once WHEN all finish THEN each succeeded in turn and one complete output remains, no leftovers', async () => {
    expect(existsSync(DIST_WRITER), 'npm run build first').toBe(true);
    const out = fresh();
    const dir = join(out, 'lab');
    const script = `import { writeArtifactsAtomically } from ${JSON.stringify(DIST_WRITER)};
      const tag = process.argv[1];
      const files = new Map();
      for (let i = 0; i < 200; i += 1) files.set('r' + i + '.cfg', 'hostname r' + i + '\\ncrypto isakmp key ' + tag + ' address 10.0.0.1\\n');
      writeArtifactsAtomically(${JSON.stringify(dir)}, files);`;
    const codes = await Promise.all(
      ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map(
        (tag) =>
          new Promise<number>((resolve) =>
            spawn(process.execPath, ['--input-type=module', '-e', script, tag], { stdio: 'inherit' }).on('exit', (c) =>
              resolve(c ?? -1),
            ),
          ),
      ),
    );
    expect(codes).toEqual([0, 0, 0, 0, 0, 0]);
    expect(readdirSync(out)).toEqual(['lab']);
    const names = readdirSync(dir);
    expect(names).toHaveLength(201);
    const tags = new Set(
      names.filter((f) => f.endsWith('.cfg')).map((f) => /key (w\d)/.exec(readFileSync(join(dir, f), 'utf8'))![1]),
    );
    expect(tags.size).toBe(1);
  }, 60_000);
});

describe('writes: file system errors and names', () => {
  it('GIVEN an outdir that is a file WHEN hubspoke synth runs THEN exit 2 with the path and the remedy, no stack trace', async () => {
    const out = join(fresh(), 'out');
    writeFileSync(out, 'not a folder\n');
    const r = await runCli(synth, [MODULE, '--outdir', out, '--export', 'buildLab']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`hubspoke synth: cannot create the output folder ${out}`);
    expect(r.stderr).toMatch(/a file is in the way where a folder must be; move it or choose another outdir/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('GIVEN a foreign folder named like the stack WHEN hubspoke synth runs THEN exit 2; with --force it is replaced', async () => {
    const out = fresh();
    mkdirSync(join(out, 'lab'));
    writeFileSync(join(out, 'lab', 'notes.md'), 'mine\n');
    const r = await runCli(synth, [MODULE, '--outdir', out, '--export', 'buildLab']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('was not written by hubspoke');
    expect(existsSync(join(out, 'lab', 'notes.md'))).toBe(true);
    const forced = await runCli(synth, [MODULE, '--outdir', out, '--export', 'buildLab', '--force']);
    expect(forced.code).toBe(0);
    expect(existsSync(join(out, 'lab', 'notes.md'))).toBe(false);
    expect(process.env.HUBSPOKE_FORCE_OUTPUT).toBeUndefined();
  });

  it.each([
    ['an over-long stack id', 'x'.repeat(300), /is longer than 200 bytes; it becomes the output folder name/],
    ['a Windows device name', 'con', /reserved on Windows/],
    ['a Windows device name with a suffix', 'LPT1.old', /reserved on Windows/],
  ])('GIVEN %s WHEN the stack is created THEN a clear construct error names it', (_what, id, message) => {
    expect(() => new HubSpokeStack(new App({ outdir: fresh() }), id)).toThrow(message);
  });

  it.each(['con', 'NUL', 'aux', 'prn', 'com1', 'lpt9'])(
    'GIVEN hostname %s WHEN a router is created THEN it is refused (its config file would be a device on Windows)',
    (h) => {
      const stack = new HubSpokeStack(new App({ outdir: fresh() }), 'S');
      expect(() => new Router(stack, 'R', { hostname: h })).toThrow(
        /S\/R: hostname "\w+" is a device name reserved on Windows/,
      );
    },
  );
});
