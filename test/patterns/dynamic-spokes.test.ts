/**
 * Spokes with a DHCP or PPP (negotiated) WAN address (docs/ios-semantics.md#dynamic-crypto-maps,
 * #ip-sla-probes): the hub serves them with one dynamic crypto map bound below its static entries,
 * a wildcard key in its own keyring and a profile selected by the spokes' FQDNs; each such spoke
 * identifies itself by FQDN, routes through its lease's default route and keeps its SAs up with
 * one IP SLA probe per crypto ACL line.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { ConstructError } from '../../lib/constructs/errors.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import type { RouterConfig } from '../../lib/ir/router-config.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import { validationMessages } from '../constructs/helpers.js';
import { aclLines, hubAndSpokes, routes } from './fixtures.js';

const DOMAIN = 'branches.example.net';

/** Hub, spoke 1 static, spokes 2..n on DHCP; IKEv1, whose dynamic map, wildcard key and ISAKMP profile these tests read. */
function mixed(n = 3, hubExtra = {}, spokeExtra: (i: number) => object = () => ({})) {
  return hubAndSpokes(
    n,
    { ike: 'v1', dynamicSpokes: { domainName: DOMAIN }, ...hubExtra },
    { spokeProps: (i) => ({ ...(i >= 2 ? { wan: { address: 'dhcp' } } : {}), ...spokeExtra(i) }) },
  );
}

function probes(ir: RouterConfig): string[] {
  return (ir.ipSlas ?? []).map(
    (s) =>
      `${s.id} ${s.icmpEcho?.source?.kind === 'address' ? s.icmpEcho.source.address : '?'} -> ${s.icmpEcho?.destination} ${s.schedule?.life ?? 'unscheduled'}`,
  );
}

describe('GIVEN a hub with one static spoke and two DHCP spokes', () => {
  it('WHEN synthesized THEN the hub binds one dynamic map at 65535 below the static entry, with reverse-route, the profile and an ACL towards each dynamic LAN', () => {
    const s = mixed();
    const hub = s.hub.router.toIr();
    expect(hub.cryptoMaps[0]!.entries.map((e) => [e.seq, e.type, e.dynamicMap ?? e.peers[0]])).toEqual([
      [10, 'ipsec-isakmp', '192.0.2.11'],
      [65535, 'dynamic', 'DYNAMIC-SPOKES'],
    ]);
    expect(hub.dynamicMaps).toEqual([
      expect.objectContaining({
        name: 'DYNAMIC-SPOKES',
        entries: [
          expect.objectContaining({
            seq: 10,
            matchAddress: 'VPN-DYNAMIC-SPOKES',
            reverseRoute: {},
            isakmpProfile: 'DYNAMIC-SPOKES',
            transformSets: ['HUBSPOKE-TS'],
            pfs: { group: 19 },
          }),
        ],
      }),
    ]);
    expect(aclLines(hub, 'VPN-DYNAMIC-SPOKES')).toEqual([
      'permit 10.0.0.0/0.0.0.255 -> 10.2.0.0/0.0.0.255',
      'permit 10.1.0.0/0.0.0.255 -> 10.2.0.0/0.0.0.255',
      'permit 10.3.0.0/0.0.0.255 -> 10.2.0.0/0.0.0.255',
      'permit 10.0.0.0/0.0.0.255 -> 10.3.0.0/0.0.0.255',
      'permit 10.1.0.0/0.0.0.255 -> 10.3.0.0/0.0.0.255',
      'permit 10.2.0.0/0.0.0.255 -> 10.3.0.0/0.0.0.255',
    ]);
    // The static spoke's tunnel protects the dynamic spokes' LANs too (spoke-to-spoke through the hub).
    expect(aclLines(hub, 'VPN-Spoke1')).toContain('permit 10.3.0.0/0.0.0.255 -> 10.1.0.0/0.0.0.255');
    expect(hub.keyrings).toEqual([
      expect.objectContaining({
        name: 'DYNAMIC-SPOKES',
        keys: [expect.objectContaining({ peer: { kind: 'address', address: '0.0.0.0', prefixLength: 0 } })],
      }),
    ]);
    expect(hub.isakmpProfiles![0]!.matchIdentities.map((m) => (m.kind === 'host' ? m.hostname : m.kind))).toEqual([
      `Spoke2.${DOMAIN}`,
      `Spoke3.${DOMAIN}`,
    ]);
    // Only the static spoke's LAN gets a route: reverse-route routes the dynamic LANs while their SA
    // exists; the default route reaches whatever address a dynamic spoke leased.
    expect(routes(hub)).toEqual(['10.1.0.0/24 GigabitEthernet1', '0.0.0.0/0 GigabitEthernet1']);
    expect(
      routes(mixed(3, { routes: [{ destination: '0.0.0.0/0', nextHop: '192.0.2.254' }] }).hub.router.toIr()),
    ).toEqual(['10.1.0.0/24 GigabitEthernet1', '0.0.0.0/0 192.0.2.254']);
    expect(s.hub.spokes).toEqual(s.spokes);
    expect(s.hub.dynamicSpokes).toEqual([s.spokes[1], s.spokes[2]]);
  });

  it('WHEN synthesized THEN a DHCP spoke leases its address, routes by the lease, says its FQDN and probes one site router per ACL line', () => {
    const s = mixed();
    const spoke = s.spokes[1]!.router.toIr();
    expect(spoke.interfaces.find((i) => i.cryptoMap)).toMatchObject({
      name: 'GigabitEthernet1',
      dynamicAddress: 'dhcp',
    });
    expect(spoke.staticRoutes).toEqual([
      expect.objectContaining({ prefix: { address: '0.0.0.0', prefixLength: 0 }, dhcp: true }),
    ]);
    expect(spoke.options.isakmpIdentity).toBe('hostname');
    expect(spoke.extraLines.map((l) => l.text)).toEqual([`ip domain name ${DOMAIN}`]);
    expect(aclLines(spoke, 'VPN-Hub')).toEqual([
      'permit 10.2.0.0/0.0.0.255 -> 10.0.0.0/0.0.0.255',
      'permit 10.2.0.0/0.0.0.255 -> 10.1.0.0/0.0.0.255',
      'permit 10.2.0.0/0.0.0.255 -> 10.3.0.0/0.0.0.255',
    ]);
    expect(probes(spoke)).toEqual([
      '1 10.2.0.1 -> 10.0.0.1 forever',
      '2 10.2.0.1 -> 10.1.0.1 forever',
      '3 10.2.0.1 -> 10.3.0.1 forever',
    ]);
    expect(spoke.ipSlas!.every((o) => o.schedule?.startTime === 'now')).toBe(true);
    // The static spoke has no probes unless asked.
    expect(s.spokes[0]!.router.toIr().ipSlas).toBeUndefined();
  });

  it('WHEN keys are derived THEN every dynamic spoke holds the hub wildcard key, which no static pair shares', () => {
    const s = mixed(3, { preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('DYN_MASTER')) });
    const env = { DYN_MASTER: 'fake-master-for-dynamic-spoke-tests-51c8' };
    const hub = s.hub.router.toIr({ env });
    const wildcard = hub.keyrings![0]!.keys[0]!.key;
    const [k1, k2, k3] = s.spokes.map((x) => x.router.toIr({ env }).isakmpKeys[0]!.key);
    expect(k2).toBe(wildcard);
    expect(k3).toBe(wildcard);
    expect(k1).toBe(hub.isakmpKeys[0]!.key);
    expect(k1).not.toBe(wildcard);
  });

  it('WHEN the hub uses keying: keyring THEN the dynamic spokes also name the profile, and its keyring key is for the hub', () => {
    const s = mixed(2, { keying: 'keyring' });
    const hub = s.hub.router.toIr();
    expect(hub.keyrings!.map((k) => k.name)).toEqual(['HUBSPOKE-KEYRING', 'DYNAMIC-SPOKES']);
    const spoke = s.spokes[1]!.router.toIr();
    expect(spoke.cryptoMaps[0]!.entries[0]!.isakmpProfile).toBe('HUBSPOKE-PROFILE');
    expect(spoke.keyrings![0]!.keys.map((k) => k.peer)).toEqual([
      { kind: 'address', address: '192.0.2.1', prefixLength: 32 },
    ]);
  });

  it('WHEN tunnelTrigger is off, or tuned, or asked of a static spoke THEN the probes follow', () => {
    const s = mixed(3, {}, (i) =>
      i === 1
        ? { tunnelTrigger: { firstId: 100 } }
        : i === 2
          ? { tunnelTrigger: false }
          : { tunnelTrigger: { frequency: 10 } },
    );
    expect(s.spokes[1]!.router.toIr().ipSlas).toBeUndefined();
    expect(probes(s.spokes[0]!.router.toIr())[0]).toBe('100 10.1.0.1 -> 10.0.0.1 forever');
    expect(s.spokes[2]!.router.toIr().ipSlas!.map((o) => o.frequency)).toEqual([10, 10, 10]);
  });

  it('WHEN the hub is summarized THEN a dynamic spoke probes once per pool line that holds a site router', () => {
    const s = mixed(3, { aclMode: 'summarized', sitePools: ['10.0.0.0/12', '172.16.0.0/12'] });
    expect(aclLines(s.spokes[2]!.router.toIr(), 'VPN-Hub')).toEqual([
      'permit 10.3.0.0/0.0.0.255 -> 10.0.0.0/0.15.255.255',
      'permit 10.3.0.0/0.0.0.255 -> 172.16.0.0/0.15.255.255',
    ]);
    // 172.16.0.0/12 holds no site router: no pair needs that line's SA.
    expect(probes(s.spokes[2]!.router.toIr())).toEqual(['1 10.3.0.1 -> 10.0.0.1 forever']);
  });
});

describe('GIVEN the mixed network synthesized (rendered, parsed back, proven with topology.json)', () => {
  it('WHEN the DHCP spokes probe THEN every pair is covered, the leases are stated, and no pair waits for a spoke', () => {
    const s = mixed(3);
    const artifacts = synthesizeStack(s.stack);
    expect(artifacts.proofReport).toContain('12/12 ordered site pairs covered');
    const codes = artifacts.warnings.map((w) => w.code);
    expect(codes.filter((c) => c === 'DYNAMIC_ADDRESS_ASSUMED')).toHaveLength(2);
    expect(codes).not.toContain('SPOKE_MUST_INITIATE');
    expect(artifacts.topology.underlay.segments[0]!.members.map((m) => m.device)).toEqual([
      'Hub',
      'Spoke1',
      'Spoke2',
      'Spoke3',
    ]);
  });

  it('WHEN a DHCP spoke has no probes THEN the pairs towards it are covered under SPOKE_MUST_INITIATE only', () => {
    const s = mixed(3, {}, (i) => (i === 3 ? { tunnelTrigger: false } : {}));
    const artifacts = synthesizeStack(s.stack);
    expect(artifacts.proofReport).toContain('12/12 ordered site pairs covered');
    const conditional = artifacts.warnings.filter((w) => w.code === 'SPOKE_MUST_INITIATE');
    expect(conditional).toHaveLength(3);
    expect(conditional.every((w) => w.message.includes(' to Spoke3 '))).toBe(true);
  });

  it('WHEN a DHCP spoke breaks out to the internet THEN its probes, exempt from PAT like its VPN traffic, still count', () => {
    const s = mixed(3, {}, (i) => (i === 2 ? { internetBreakout: { nat: 'overload' } } : {}));
    const artifacts = synthesizeStack(s.stack);
    expect(artifacts.proofReport).toContain('12/12 ordered site pairs covered');
    expect(artifacts.warnings.map((w) => w.code)).not.toContain('SPOKE_MUST_INITIATE');
  });

  it('WHEN the hub uses keying: keyring THEN the mixed network still proves', () => {
    const artifacts = synthesizeStack(mixed(3, { keying: 'keyring' }).stack);
    expect(artifacts.proofReport).toContain('12/12 ordered site pairs covered');
  });
});

describe('GIVEN dynamic WAN props that cannot work', () => {
  const fail = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
    return 'no error';
  };

  it('WHEN no domain is known, a key or hub sequence is set, or a gateway is given THEN the error names the spoke and the property', () => {
    // IKEv1, where dynamic spokes share one key (with IKEv2 each may have its own).
    const base = hubAndSpokes(1, { ike: 'v1' });
    const mk = (id: string, extra: object) => () =>
      new Spoke(base.stack, id, {
        hub: base.hub,
        hostname: id,
        lan: { address: '10.9.0.1/24' },
        wan: { address: 'dhcp' },
        ...extra,
      });
    expect(fail(mk('NoDomain', {}))).toMatch(/^Stack\/NoDomain: domainName .*identifies itself by FQDN/);
    expect(fail(mk('Key', { domainName: DOMAIN, preSharedKey: PreSharedKey.unsafePlainText('x'.repeat(20)) }))).toMatch(
      /^Stack\/Key: preSharedKey .*every dynamic spoke shares the hub's dynamicSpokes.preSharedKey/,
    );
    expect(fail(mk('Seq', { domainName: DOMAIN, sequence: 50 }))).toMatch(/^Stack\/Seq: sequence /);
    expect(fail(mk('Gw', { domainName: DOMAIN, wan: { address: 'dhcp', gateway: '192.0.2.254' } }))).toMatch(
      /^Stack\/Gw: wan.gateway .*cannot be set with wan.address 'dhcp'/,
    );
    expect(fail(mk('Ppp', { domainName: DOMAIN, wan: { address: 'negotiated' } }))).toMatch(
      /^Stack\/Ppp: wan.interface .*must name the Dialer interface/,
    );
    expect(fail(mk('Bad', { domainName: DOMAIN, wan: { address: 'dhcp4' } }))).toMatch(
      /^Stack\/Bad: wan.address .*'dhcp' or 'negotiated'/,
    );
    expect(fail(mk('Dom', { domainName: 'not a domain' }))).toMatch(/^Stack\/Dom: domainName .*is not a DNS name/);
  });

  it('WHEN a dynamic spoke is asked for its own hub entry THEN the error points at the dynamic parts', () => {
    const s = mixed(2);
    expect(() => s.spokes[1]!.attachment).toThrow(ConstructError);
    expect(() => s.hub.entryFor(s.spokes[1]!)).toThrow(
      'Stack/Hub: Stack/Spoke2 has a dynamic WAN address: the hub serves it through its dynamic map (dynamicSpokeParts)',
    );
    expect(s.spokes[1]!.wanAddress).toBeUndefined();
    expect(s.hub.dynamicSpokeParts?.binding.seq).toBe(65535);
  });

  it('WHEN the platform is IOS 12.2 THEN the probes are refused (no ip sla there) unless tunnelTrigger is false', () => {
    const legacy = { platform: 'ios-12.2' as const, crypto: { allowLegacyCrypto: true } };
    const s = mixed(2, legacy);
    const trigger = (x: ReturnType<typeof mixed>) =>
      validationMessages(x.spokes[1]!).filter((m) => m.includes('TunnelTrigger'));
    expect(trigger(s)).toEqual([
      expect.stringMatching(/^Stack\/Spoke2\/Router\/TunnelTrigger: tunnelTrigger: IOS 12.2 has no ip sla/),
    ]);
    expect(trigger(mixed(2, legacy, (i) => (i === 2 ? { tunnelTrigger: false } : {})))).toEqual([]);
  });

  it('WHEN a PPPoE spoke uses negotiated on its Dialer THEN its default route leaves by the Dialer', () => {
    const s = mixed(2, {}, (i) => (i === 2 ? { wan: { address: 'negotiated', interface: 'Dialer1' } } : {}));
    const ir = s.spokes[1]!.router.toIr();
    expect(ir.interfaces.find((i) => i.cryptoMap)).toMatchObject({ name: 'Dialer1', dynamicAddress: 'negotiated' });
    expect(routes(ir)).toEqual(['0.0.0.0/0 Dialer1']);
  });

  it('WHEN a spoke asks for a PPPoE client THEN the port joins the Dialer pool, the Dialer runs PPP, and the network proves with no unmodelled line', () => {
    const s = mixed(2, {}, (i) =>
      i === 2
        ? { wan: { address: 'negotiated', interface: 'Dialer1', pppoe: { port: 'GigabitEthernet0/0', dialerPool: 2 } } }
        : {},
    );
    const ir = s.spokes[1]!.router.toIr();
    const dialer = ir.interfaces.find((i) => i.name === 'Dialer1')!;
    expect(dialer.extraLines.map((l) => l.trim())).toEqual(['encapsulation ppp', 'dialer pool 2', 'ip mtu 1492']);
    const port = ir.interfaces.find((i) => i.name === 'GigabitEthernet0/0')!;
    expect(port.extraLines.map((l) => l.trim())).toEqual([
      'pppoe enable group global',
      'pppoe-client dial-pool-number 2',
    ]);
    const artifacts = synthesizeStack(s.stack);
    expect(artifacts.warnings.map((w) => w.code)).not.toContain('NOT_MODELLED');
    expect(
      artifacts.warnings
        .filter((w) => w.code === 'DYNAMIC_ADDRESS_ASSUMED')
        .map((w) => w.message)
        .join(),
    ).toContain('Dialer1');
  });

  it('WHEN pppoe is given without a negotiated address, or on a hub THEN the error names the property', () => {
    expect(() =>
      mixed(2, {}, (i) => (i === 2 ? { wan: { address: 'dhcp', pppoe: { port: 'GigabitEthernet0/0' } } } : {})),
    ).toThrow(/wan\.pppoe .*needs wan\.address 'negotiated'/);
    expect(() =>
      hubAndSpokes(1, { wan: { address: '192.0.2.1/24', pppoe: { port: 'GigabitEthernet0/0' } } as never }),
    ).toThrow(/wan\.pppoe .*is for spokes only/);
  });
});
