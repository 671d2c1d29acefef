import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfigs, parseConfig } from '../../lib/parse/index.js';

const LAB = new URL('../fixtures/seed-lab/', import.meta.url);
const labFile = (p: string) => new URL(p, LAB).pathname;

describe('parseConfig on the seed-lab configs', () => {
  it('GIVEN the three-spoke hub WHEN parsed THEN entries, peers, ACLs, keys, routes and interfaces are read with locations', () => {
    const file = labFile('three-spokes/hub.cfg');
    const { config, diagnostics } = parseConfig(readFileSync(file, 'utf8'), { file });
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(config.hostname).toBe('Hub');
    expect(config.platform).toBe('ios-12.2');
    expect(config.version).toBe('12.2');
    expect(config.isakmpPolicies).toMatchObject([{ priority: 10, hash: 'md5', authentication: 'pre-share' }]);
    expect(config.isakmpPolicies[0]!.encryption).toBeUndefined();
    expect(config.isakmpKeys.map((k) => k.address)).toEqual(['10.1.2.1', '10.1.3.1', '10.1.5.1']);
    expect(config.isakmpKeys.every((k) => k.prefixLength === 32 && k.encryption === 0)).toBe(true);
    expect(config.transformSets).toMatchObject([{ name: 'myset', transforms: ['esp-des', 'esp-md5-hmac'] }]);
    const map = config.cryptoMaps.find((m) => m.name === 'mymap');
    expect(map?.entries.map((e) => [e.seq, e.peers, e.matchAddress, e.transformSets])).toEqual([
      [10, ['10.1.2.1'], '110', ['myset']],
      [20, ['10.1.3.1'], '120', ['myset']],
      [30, ['10.1.5.1'], '130', ['myset']],
    ]);
    expect(config.accessLists.map((a) => [a.name, a.type, a.numbered, a.entries.length])).toEqual([
      ['110', 'extended', true, 3],
      ['120', 'extended', true, 3],
      ['130', 'extended', true, 3],
    ]);
    expect(config.accessLists[0]!.entries[1]).toMatchObject({
      kind: 'rule',
      action: 'permit',
      protocol: 'ip',
      source: { kind: 'wildcard', address: '192.168.1.0', wildcard: '0.0.0.255' },
      destination: { kind: 'wildcard', address: '172.16.1.0', wildcard: '0.0.0.255' },
    });
    expect(config.staticRoutes.map((r) => `${r.prefix.address}/${r.prefix.prefixLength} ${r.interface}`)).toEqual([
      '172.16.1.0/24 Ethernet1',
      '192.168.1.0/24 Ethernet1',
      '10.1.0.0/16 Ethernet1',
      '172.16.2.0/24 Ethernet1',
    ]);
    const wan = config.interfaces.find((i) => i.name === 'Ethernet1');
    expect(wan).toMatchObject({
      address: { ip: '10.1.4.1', prefixLength: 24 },
      cryptoMap: 'mymap',
      noIpRouteCache: true,
      noIpMrouteCache: true,
      shutdown: false,
    });
    expect(config.interfaces.find((i) => i.name === 'Ethernet0')?.cryptoMap).toBeUndefined();
    expect(map?.entries[1]?.loc).toEqual({ file, line: 23 });
    expect(config.extraLines.map((l) => l.text)).toContain('ip subnet-zero');
  });

  it('GIVEN every seed-lab config WHEN parsed THEN each has one crypto map entry per peer, interfaces with the map, and no warnings', () => {
    for (const dir of ['two-spokes', 'three-spokes']) {
      for (const name of readdirSync(new URL(`${dir}/`, LAB))) {
        const file = labFile(`${dir}/${name}`);
        const { config, diagnostics } = parseConfig(readFileSync(file, 'utf8'), { file });
        expect(
          diagnostics.filter((d) => d.severity !== 'info'),
          file,
        ).toEqual([]);
        const entries = config.cryptoMaps.flatMap((m) => m.entries);
        expect(entries.length).toBe(config.isakmpKeys.length);
        expect(entries.every((e) => e.peers.length === 1 && e.matchAddress !== undefined)).toBe(true);
        expect(config.interfaces.filter((i) => i.cryptoMap === 'mymap').map((i) => i.name)).toEqual(['Ethernet1']);
        const acl = config.accessLists.find((a) => a.name === entries[0]!.matchAddress);
        expect(acl?.entries.length).toBeGreaterThan(0);
      }
    }
  });

  it('GIVEN the spoke config WHEN parsed THEN the key text is in the IR but in no diagnostic message', () => {
    const file = labFile('two-spokes/spoke1.cfg');
    const text = readFileSync(file, 'utf8').replace(/(crypto isakmp key )\S+/, '$1fake-lab-key-xyz');
    const { config, diagnostics } = parseConfig(
      text.replace('\nend', '\ncrypto isakmp key other-fake-key address 10.9.9.9 255.0.255.0\nend'),
      { file },
    );
    expect(config.isakmpKeys[0]!.key).toBe('fake-lab-key-xyz');
    expect(diagnostics.some((d) => d.code === 'BAD_MASK')).toBe(true);
    expect(JSON.stringify(diagnostics)).not.toContain('fake');
  });

  it('GIVEN the seed-lab directory WHEN loaded THEN every config file is parsed in name order', async () => {
    const files = await loadConfigs([labFile('three-spokes'), labFile('two-spokes/hub.cfg')]);
    expect(files.map((f) => f.file.split('/').slice(-2).join('/'))).toEqual([
      'three-spokes/hub.cfg',
      'three-spokes/spoke1.cfg',
      'three-spokes/spoke2.cfg',
      'three-spokes/spoke3.cfg',
      'two-spokes/hub.cfg',
    ]);
    expect(files.map((f) => f.config.hostname)).toEqual(['Hub', 'Spoke1', 'Spoke2', 'Spoke3', 'Hub']);
    expect(files[0]!.config.cryptoMaps[0]!.entries[0]!.loc?.file).toBe(files[0]!.file);
  });

  it('GIVEN a missing path WHEN loaded THEN the promise rejects with a message naming the path', async () => {
    await expect(loadConfigs(['/nonexistent/hubspoke/x.cfg'])).rejects.toThrow('/nonexistent/hubspoke/x.cfg');
  });
});
