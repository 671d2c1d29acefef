import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
// @ts-expect-error: a plain .mjs module without types
import { aclConfig, hubConfig } from '../../bench/scale-configs.mjs';

const bigAclConfig = aclConfig as (lines: number) => string;
const bigHubConfig = hubConfig as (spokes: number) => string;

// The parser runs as production runs it: without the deep freeze the test setup asks for
// (lib/ir/identity-cache.ts), which would visit every object of these configs.
const freeze = process.env.HUBSPOKE_FREEZE_IR;
beforeAll(() => {
  process.env.HUBSPOKE_FREEZE_IR = '0';
});
afterAll(() => {
  process.env.HUBSPOKE_FREEZE_IR = freeze;
});

// Timings and the linearity of the parser (the time ratio of 1,000,000 to 200,000 lines, of
// 10,000 to 2,500 spokes) are measured by bench/scale.mjs and held to bench/budgets.json by
// `npm run bench -- --check`. These tests keep what the parse must get right at scale.
describe('parseConfig at scale', () => {
  it('GIVEN a config with 200,000 ACL lines (past the size where spreading an array into a call overflows the stack) WHEN parsed THEN every entry is read without error', () => {
    const text = bigAclConfig(200_000);
    expect(text.length).toBeGreaterThan(10_000_000);
    const { config, diagnostics } = parseConfig(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const entries = config.accessLists[0]!.entries;
    expect(entries.length).toBe(200_000);
    expect(entries[199_999]).toMatchObject({ kind: 'rule', seq: 2_000_000 });
  }, 240_000);

  it('GIVEN a hub of 5,000 spokes WHEN parsed THEN every entry, list and route is read', () => {
    const { config } = parseConfig(bigHubConfig(5000));
    expect(config.cryptoMaps[0]!.entries.length).toBe(5000);
    expect(config.accessLists.length).toBe(5000);
    expect(config.accessLists[4999]!.entries.length).toBe(30);
    expect(config.staticRoutes.length).toBe(5000);
  }, 240_000);
});
