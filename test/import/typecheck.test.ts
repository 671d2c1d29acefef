/**
 * The generated stack type-checks against the package's types: compiled by the repository's
 * TypeScript (tsgo) with `hubspoke` mapped to the built declarations (dist/, written by
 * `npm run build`, which `npm test` runs first), under strict settings. A copy with one wrong prop
 * shows the check can fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { importNetwork } from '../../lib/import/index.js';
import { configFiles } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hubspoke-import-tsc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TYPES = resolve('dist', 'index.d.ts');

function compile(): string {
  try {
    execFileSync(process.execPath, [resolve('node_modules/tsgo/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

it.skipIf(!existsSync(TYPES))(
  'GIVEN stacks with patterns, L1 constructs and secret lines WHEN compiled THEN only the broken copy has errors',
  async () => {
    const result = await importNetwork(configFiles('test/fixtures/import/extra-lines'), { stackId: 'extra' });
    const source = result.source!;
    for (const part of [
      'new Hub(',
      'new Spoke(',
      'new Interface(',
      'new AccessList(',
      'secretLine(env',
      'removeRoutes(',
    ])
      expect(source).toContain(part);
    writeFileSync(join(dir, 'stack.ts'), source);
    // The patterns do not fit when two ends hold different keys: every router with L1 constructs.
    const l1 = configFiles('test/fixtures/seed-lab/three-spokes').map((f) =>
      f.file === 'spoke2.cfg' ? { ...f, text: f.text.replace('key cisco123 address', 'key other-key-77 address') } : f,
    );
    const fallback = (await importNetwork(l1, { stackId: 'l1' })).source!;
    expect(fallback).toContain('new Router(stack,');
    writeFileSync(join(dir, 'l1.ts'), fallback);
    writeFileSync(join(dir, 'broken.ts'), source.replace("hostname: 'Spoke2',", "hostnme: 'Spoke2',"));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          noUnusedLocals: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [resolve('node_modules/@types')],
          paths: { hubspoke: [TYPES] },
        },
        files: ['stack.ts', 'l1.ts', 'broken.ts'],
      }),
    );
    const errors = compile()
      .split('\n')
      .filter((l) => /error TS/.test(l));
    expect(errors.some((l) => /broken\.ts\(\d+,\d+\): error TS\d+: .*'hostnme'/.test(l))).toBe(true);
    expect(errors.filter((l) => !/broken\.ts\(/.test(l))).toEqual([]);
  },
  60_000,
);
