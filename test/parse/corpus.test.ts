import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';

// Public Apache-2.0 configurations collected next to the repository (see ../shared/corpus/MANIFEST.md).
const CORPUS = new URL('../../../shared/corpus/', import.meta.url).pathname;
const present = existsSync(CORPUS);

/** Configuration files: everything except the manifest and captured show-command outputs. */
function corpusConfigs(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(CORPUS);
  return out.filter((p) => {
    const rel = relative(CORPUS, p);
    return rel !== 'MANIFEST.md' && !rel.startsWith('ntc-templates/') && !rel.includes('/show/');
  });
}

const parseFile = (rel: string) => {
  const file = join(CORPUS, rel);
  return parseConfig(readFileSync(file, 'utf8'), { file });
};
const TESTCONFIGS = 'batfish/projects/batfish/src/test/resources/org/batfish/grammar/cisco/testconfigs/';

describe(
  present
    ? 'public corpus of IOS configurations'
    : 'public corpus of IOS configurations: SKIPPED, ../shared/corpus is absent',
  () => {
    it.skipIf(!present)(
      'GIVEN every corpus configuration WHEN parsed THEN none throws, none hits an internal error or a syntax error, and unmodelled crypto is flagged',
      () => {
        const files = corpusConfigs();
        expect(files.length).toBeGreaterThanOrEqual(18);
        const byCode = new Map<string, number>();
        for (const file of files) {
          const { diagnostics } = parseConfig(readFileSync(file, 'utf8'), { file });
          for (const d of diagnostics)
            byCode.set(`${d.severity}:${d.code}`, (byCode.get(`${d.severity}:${d.code}`) ?? 0) + 1);
        }
        expect(byCode.get('error:INTERNAL')).toBeUndefined();
        expect([...byCode.keys()].filter((k) => k.startsWith('error:'))).toEqual([]);
        expect(byCode.get('warning:NOT_MODELLED') ?? 0).toBeGreaterThan(50);
      },
    );

    it.skipIf(!present)(
      'GIVEN the Batfish ios-crypto-map config WHEN parsed THEN its crypto map entries, peers, PFS and interfaces are found',
      () => {
        const { config, diagnostics } = parseFile(`${TESTCONFIGS}ios-crypto-map`);
        const map = config.cryptoMaps.find((m) => m.name === 'mymap')!;
        expect(map.entries.map((e) => [e.seq, e.type, e.peers, e.transformSets, e.matchAddress, e.pfs])).toEqual([
          [10, 'ipsec-isakmp', ['1.2.3.4'], ['ts1'], 'ACL', { group: 14 }],
          [20, 'ipsec-isakmp', ['3.4.5.6'], ['ts1'], 'ACL', undefined],
          [30, 'dynamic', [], [], undefined, undefined],
        ]);
        expect(map.entries[2]!.dynamicMap).toBe('mydynamicmap');
        expect(
          config.dynamicMaps!.map((d) => [
            d.name,
            d.entries.map((e) => [e.seq, e.matchAddress, e.transformSets, e.pfs]),
          ]),
        ).toEqual([
          [
            'mydynamicmap',
            [
              [5, 'ACL', ['ts1'], { group: 2 }],
              [15, 'ACL', ['ts2'], undefined],
            ],
          ],
        ]);
        expect(config.interfaces.filter((i) => i.cryptoMap === 'mymap').map((i) => [i.name, i.address?.ip])).toEqual([
          ['TenGigabitEthernet0/0', '2.3.4.6'],
          ['TenGigabitEthernet0/1', undefined],
        ]);
        expect(config.accessLists.find((a) => a.name === 'ACL')!.entries).toHaveLength(1);
        expect(config.transformSets.map((t) => [t.name, t.transforms, t.mode])).toEqual([
          ['ts1', ['esp-aes 256', 'esp-md5-hmac'], 'tunnel'],
          ['ts2', ['esp-aes 256', 'esp-sha-hmac'], 'tunnel'],
        ]);
        // Keyrings, profiles and `set isakmp-profile` are read; a profile's local-address (IKE from
        // another address) is not modelled yet and says so.
        expect(config.keyrings!.map((k) => [k.name, k.keys.map((x) => x.peer), k.localAddress])).toEqual([
          [
            'KEYRING',
            [{ kind: 'address', address: '1.2.3.4', prefixLength: 32 }],
            { kind: 'address', address: '2.3.4.6' },
          ],
          [
            'KEYRING_MATCHED',
            [{ kind: 'address', address: '3.4.5.6', prefixLength: 32 }],
            { kind: 'address', address: '2.3.4.6' },
          ],
        ]);
        expect(
          config.isakmpProfiles!.map((p) => [
            p.name,
            p.keyrings.map((k) => k.name),
            p.matchIdentities.map((m) => m.kind === 'address' && `${m.address}/${m.prefixLength}`),
            p.keepalive?.seconds,
            p.keepalive?.retry,
          ]),
        ).toEqual([
          ['ISAKMP-PROFILE', ['KEYRING'], ['1.2.3.4/32'], 10, 3],
          ['ISAKMP-PROFILE-MATCHED', ['KEYRING_MATCHED'], ['3.4.5.6/32'], 10, 3],
        ]);
        expect(map.entries[0]!.isakmpProfile).toBe('ISAKMP-PROFILE');
        const unmodelled = diagnostics.filter((d) => d.code === 'NOT_MODELLED').map((d) => d.message);
        for (const what of ['crypto isakmp profile ISAKMP-PROFILE: local-address']) {
          expect(
            unmodelled.some((m) => m.includes(what)),
            what,
          ).toBe(true);
        }
        expect(
          unmodelled.some(
            (m) => m.includes('crypto keyring') || m.includes('set isakmp-profile') || m.includes('dynamic-map'),
          ),
        ).toBe(false);
        // Its two VTIs and their IPsec profile are read (docs/ios-semantics.md#tunnel-interfaces).
        expect(unmodelled.some((m) => m.includes('tunnel') || m.includes('ipsec profile'))).toBe(false);
        expect(config.interfaces.filter((i) => i.tunnel).map((i) => [i.name, i.tunnel])).toEqual([
          [
            'Tunnel1',
            {
              source: 'TenGigabitEthernet0/0',
              destination: '1.2.3.4',
              mode: 'ipsec ipv4',
              protection: expect.objectContaining({ profile: 'IPSEC-PROFILE1' }),
            },
          ],
          [
            'Tunnel2',
            {
              source: 'TenGigabitEthernet0/0',
              destination: '1.2.3.4',
              protection: expect.objectContaining({ profile: 'IPSEC-PROFILE1' }),
            },
          ],
        ]);
        expect(config.ipsecProfiles!.map((p) => [p.name, p.transformSets, p.isakmpProfile, p.pfs])).toEqual([
          ['IPSEC-PROFILE1', ['ts1', 'ts2'], 'ISAKMP-PROFILE', { group: 14 }],
        ]);
        expect(JSON.stringify(diagnostics)).not.toMatch(/psk1|psk2/);
      },
    );

    it.skipIf(!present)(
      'GIVEN the Batfish ios-crypto config WHEN parsed THEN its policies keep unset fields undefined and its keys are read',
      () => {
        const { config, diagnostics } = parseFile(`${TESTCONFIGS}ios-crypto`);
        expect(config.isakmpPolicies.map((p) => ({ ...p, loc: undefined }))).toEqual([
          { priority: 20, loc: undefined },
          {
            priority: 10,
            hash: 'md5',
            group: 1,
            encryption: 'aes',
            authentication: 'rsa-sig',
            lifetime: 14400,
            loc: undefined,
          },
          { priority: 30, authentication: 'rsa-encr', loc: undefined },
        ]);
        expect(config.isakmpKeys.map((k) => [k.encryption, k.address, k.prefixLength])).toEqual([
          [6, '2.2.2.2', 32],
          [0, '1.1.1.1', 24],
        ]);
        for (const k of config.isakmpKeys) expect(JSON.stringify(diagnostics)).not.toContain(k.key);
      },
    );

    it.skipIf(!present)(
      'GIVEN a real IOS-XE 16.4 show running-config WHEN parsed THEN the platform is ios-xe-17 and the encr aes policies are read',
      () => {
        const { config } = parseFile(
          'lab-validation/snapshots/eos_iosxe_aws_demo/configs/exitgw/show_running-config.txt',
        );
        expect(config).toMatchObject({ hostname: 'exitgw', platform: 'ios-xe-17', version: '16.4' });
        expect(config.isakmpPolicies.filter((p) => p.priority >= 200)).toMatchObject([
          { priority: 200, encryption: 'aes', authentication: 'pre-share', group: 2, lifetime: 28800 },
          { priority: 201, encryption: 'aes', authentication: 'pre-share', group: 2, lifetime: 28800 },
        ]);
        expect(config.interfaces.length).toBeGreaterThan(3);
      },
    );

    it.skipIf(!present)(
      'GIVEN the Batfish three-router testrig WHEN parsed THEN r1 has its two crypto maps on two interfaces',
      () => {
        const { config } = parseFile(
          'batfish/projects/batfish/src/test/resources/org/batfish/grammar/cisco/testrigs/ios-crypto-ipsec/configs/r1',
        );
        expect(config.cryptoMaps.map((m) => [m.name, m.entries.map((e) => e.peers)])).toEqual([
          ['mymap', [['2.3.4.8']]],
          ['mysecondmap', [['2.3.4.11']]],
        ]);
        expect(config.interfaces.filter((i) => i.cryptoMap).map((i) => [i.name, i.cryptoMap])).toEqual([
          ['TenGigabitEthernet0/0', 'mymap'],
          ['TenGigabitEthernet0/1', 'mysecondmap'],
        ]);
      },
    );
  },
);
