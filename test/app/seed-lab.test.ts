/**
 * The reference example must be semantically equal to the reference lab configs
 * (test/fixtures/seed-lab/three-spokes): both are parsed with the project's parser and compared
 * after normalization (defaults filled in, ACL lines as sets, routes by forwarding decision).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { AddressMatch, RouterConfig } from '../../lib/ir/router-config.js';
import { parseConfig } from '../../lib/parse/index.js';
import { effectiveIsakmpPolicies } from '../../lib/rules/platform-defaults.js';
import { lookupRoute } from '../../lib/rules/routing.js';

// The example imports the package by name; run it against the sources under test.
vi.mock('hubspoke', async () => await import('../../lib/index.js'));
const { buildSeedLab } = await import('../../examples/seed-lab.js');

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'seed-lab', 'three-spokes');
const PAIRS: readonly [string, string][] = [
  ['hub.cfg', 'Hub.cfg'],
  ['spoke1.cfg', 'Spoke1.cfg'],
  ['spoke2.cfg', 'Spoke2.cfg'],
  ['spoke3.cfg', 'Spoke3.cfg'],
];

const outdir = mkdtempSync(join(tmpdir(), 'hubspoke-seed-lab-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const app = buildSeedLab(outdir);
// The lab's warnings (legacy crypto, its key) are what the example opts into; they are checked by
// test/app/coverage-step.test.ts and kept out of this test's log.
const mute = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
const result = (() => {
  try {
    return app.synth();
  } finally {
    mute.mockRestore();
  }
})();
const stack = result.stacks[0]!;

function parse(text: string, file: string): RouterConfig {
  const { config, diagnostics } = parseConfig(text, { file });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return config;
}

function addr(m: AddressMatch): string {
  return m.kind === 'any'
    ? 'any'
    : m.kind === 'host'
      ? `host ${m.address}`
      : m.kind === 'object-group'
        ? `object-group ${m.name}`
        : `${m.address} ${m.wildcard}`;
}

/** The normalized, order-free view the comparison is made on. */
function normalize(c: RouterConfig) {
  const aclLines = (name: string | undefined) =>
    (c.accessLists.find((a) => a.name === name)?.entries ?? [])
      .flatMap((e) => (e.kind === 'rule' ? [`${e.action} ${e.protocol} ${addr(e.source)} ${addr(e.destination)}`] : []))
      .sort();
  return {
    hostname: c.hostname,
    interfaces: c.interfaces
      .map((i) => ({
        name: i.name,
        address: i.address ? `${i.address.ip}/${i.address.prefixLength}` : undefined,
        cryptoMap: i.cryptoMap,
        shutdown: i.shutdown,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    policies: effectiveIsakmpPolicies(c).map(({ priority, encryption, hash, authentication, group, lifetime }) => ({
      priority,
      encryption,
      hash,
      authentication,
      group,
      lifetime,
    })),
    keys: c.isakmpKeys.map((k) => `${k.key} ${k.address}/${k.prefixLength}`).sort(),
    transformSets: c.transformSets.map((t) => `${t.name}: ${t.transforms.join(' ')} ${t.mode ?? 'tunnel'}`).sort(),
    cryptoMaps: c.cryptoMaps.map((m) => ({
      name: m.name,
      entries: m.entries.map((e) => ({
        seq: e.seq,
        peers: e.peers,
        transformSets: e.transformSets,
        acl: e.matchAddress,
        aclLines: aclLines(e.matchAddress),
        pfs: e.pfs,
      })),
    })),
  };
}

describe('examples/seed-lab.ts against the reference lab', () => {
  it('GIVEN the example WHEN synthesized THEN it writes Hub, Spoke1, Spoke2, Spoke3 and topology.json under seed-lab', () => {
    expect(stack.stackId).toBe('seed-lab');
    expect(stack.directory).toBe(join(outdir, 'seed-lab'));
    const names = stack.files.map((f) => f.slice(stack.directory.length + 1));
    expect(names.filter((n) => n.endsWith('.cfg'))).toEqual(['Hub.cfg', 'Spoke1.cfg', 'Spoke2.cfg', 'Spoke3.cfg']);
    expect(names).toContain('topology.json');
  });

  for (const [refName, ourName] of PAIRS) {
    it(`GIVEN ${refName} WHEN both are parsed and normalized THEN ${ourName} has the same interfaces, crypto, keys and ACL line sets`, () => {
      const ref = parse(readFileSync(join(FIXTURES, refName), 'utf8'), refName);
      const ours = parse(readFileSync(join(stack.directory, ourName), 'utf8'), ourName);
      expect(normalize(ours)).toEqual(normalize(ref));
      const wan = ours.interfaces.find((i) => i.cryptoMap !== undefined);
      expect([wan?.name, wan?.cryptoMap]).toEqual(['Ethernet1', 'mymap']);
    });

    it(`GIVEN ${refName} WHEN every routed destination of either config is looked up THEN ${ourName} forwards it out of the same interface`, () => {
      const ref = parse(readFileSync(join(FIXTURES, refName), 'utf8'), refName);
      const ours = parse(readFileSync(join(stack.directory, ourName), 'utf8'), ourName);
      const destinations = [...ref.staticRoutes, ...ours.staticRoutes].map((r) => r.prefix.address);
      expect(destinations.length).toBeGreaterThan(0);
      for (const dst of destinations) {
        expect({ dst, exit: lookupRoute(ours, dst)?.exitInterface }).toEqual({
          dst,
          exit: lookupRoute(ref, dst)?.exitInterface,
        });
      }
    });
  }

  it('GIVEN every router WHEN synthesized THEN each interface block says no shutdown (the lab listing, a running-config, leaves it out)', () => {
    for (const [, ourName] of PAIRS) {
      const text = readFileSync(join(stack.directory, ourName), 'utf8');
      const blocks = text.split('\n!').filter((b) => b.trimStart().startsWith('interface '));
      expect(blocks.length).toBeGreaterThan(1);
      for (const b of blocks) expect(b, `${ourName} ${b.trim().split('\n')[0]}`).toContain('\n no shutdown');
    }
  });

  it('GIVEN the hub WHEN rendered for ios-12.2 THEN its crypto interface keeps process switching (no ip route-cache)', () => {
    const hub = parse(readFileSync(join(stack.directory, 'Hub.cfg'), 'utf8'), 'Hub.cfg');
    expect(hub.interfaces.find((i) => i.name === 'Ethernet1')?.noIpRouteCache).toBe(true);
  });

  it('GIVEN the legacy lab crypto and plain key WHEN synthesized THEN warnings say so, without the key', () => {
    const text = result.warnings.map((w) => `${w.path}: ${w.message}`).join('\n');
    expect(text).toMatch(/seed-lab\/Hub\/Router\/IsakmpPolicy: uses legacy crypto: hash "md5"/);
    expect(text).toMatch(/weak pre-shared key/);
    expect(text).toMatch(/used by 3 peer pairs/);
    expect(text).not.toContain('cisco123');
  });
});
