// Test helper (not a test file): IR objects built by hand, for rule tests that must not depend on
// the parser. `rule()` reads one ACL line in IOS syntax, `labRouter()` builds a lab-style router.
import type {
  AccessList,
  AclProtocol,
  AclRule,
  AddressMatch,
  CryptoMapEntry,
  IsakmpPolicy,
  PortMatch,
  PortOperator,
  RouterConfig,
} from '../../lib/ir/router-config.js';
import { emptyRouterConfig } from '../../lib/ir/router-config.js';

function address(tokens: string[]): AddressMatch {
  const t = tokens.shift()!;
  if (t === 'any') return { kind: 'any' };
  if (t === 'host') return { kind: 'host', address: tokens.shift()! };
  return { kind: 'wildcard', address: t, wildcard: tokens.shift()! };
}

function port(tokens: string[]): PortMatch | undefined {
  const op = tokens[0];
  if (op !== 'eq' && op !== 'neq' && op !== 'lt' && op !== 'gt' && op !== 'range') return undefined;
  tokens.shift();
  const ports: number[] = [];
  while (tokens.length > 0 && /^\d+$/.test(tokens[0]!)) ports.push(Number(tokens.shift()));
  return { op: op as PortOperator, ports };
}

/** `permit tcp 10.0.0.0 0.0.0.255 any eq 80` -> AclRule (extended syntax). */
export function rule(text: string, line?: number): AclRule {
  const tokens = text.trim().split(/\s+/);
  const action = tokens.shift() as 'permit' | 'deny';
  const p = tokens.shift()!;
  const protocol = (/^\d+$/.test(p) ? Number(p) : p) as AclProtocol;
  const source = address(tokens);
  const sourcePort = port(tokens);
  const destination = address(tokens);
  const destinationPort = port(tokens);
  return {
    kind: 'rule',
    action,
    protocol,
    source,
    destination,
    ...(sourcePort ? { sourcePort } : {}),
    ...(destinationPort ? { destinationPort } : {}),
    ...(line !== undefined ? { loc: { file: 'test.cfg', line } } : {}),
  };
}

/** An extended numbered ACL from IOS-syntax lines. */
export function acl(name: string, lines: string[]): AccessList {
  return { name, type: 'extended', numbered: true, entries: lines.map((l, i) => rule(l, i + 1)) };
}

export interface LabRouterSpec {
  readonly hostname: string;
  readonly lan: string;
  readonly wan: string;
  /** Crypto map entries: peer, ACL lines. */
  readonly entries: readonly { peer: string; acl: string[]; pfs?: { group?: number }; transformSets?: string[] }[];
  readonly routes: readonly [string, number][];
  readonly keys: readonly [string, string][];
  readonly policies?: readonly IsakmpPolicy[];
  readonly transformSets?: RouterConfig['transformSets'];
  readonly platform?: RouterConfig['platform'];
  readonly version?: string;
}

/** A router in the lab's shape: Ethernet0 LAN /24, Ethernet1 WAN /24 with crypto map mymap. */
export function labRouter(spec: LabRouterSpec): RouterConfig {
  const base = emptyRouterConfig(spec.hostname, spec.platform ?? 'ios-12.2');
  const entries: CryptoMapEntry[] = spec.entries.map((e, i) => ({
    seq: (i + 1) * 10,
    type: 'ipsec-isakmp',
    peers: [e.peer],
    transformSets: e.transformSets ?? ['myset'],
    matchAddress: String(110 + i * 10),
    extraLines: [],
    ...(e.pfs ? { pfs: e.pfs } : {}),
    loc: { file: `${spec.hostname}.cfg`, line: 20 + i * 4 },
  }));
  return {
    ...base,
    ...(spec.version ? { version: spec.version } : {}),
    interfaces: [
      {
        name: 'Ethernet0',
        address: { ip: spec.lan, prefixLength: 24 },
        secondaryAddresses: [],
        shutdown: false,
        extraLines: [],
      },
      {
        name: 'Ethernet1',
        address: { ip: spec.wan, prefixLength: 24 },
        secondaryAddresses: [],
        shutdown: false,
        cryptoMap: 'mymap',
        extraLines: [],
      },
    ],
    staticRoutes: spec.routes.map(([a, len]) => ({
      prefix: { address: a, prefixLength: len },
      interface: 'Ethernet1',
    })),
    accessLists: spec.entries.map((e, i) => acl(String(110 + i * 10), e.acl)),
    isakmpPolicies: spec.policies ?? [
      { priority: 10, hash: 'md5', authentication: 'pre-share', loc: { file: `${spec.hostname}.cfg`, line: 10 } },
    ],
    isakmpKeys: spec.keys.map(([key, addr]) => ({ key, encryption: 0, address: addr, prefixLength: 32 })),
    transformSets: spec.transformSets ?? [{ name: 'myset', transforms: ['esp-des', 'esp-md5-hmac'] }],
    cryptoMaps: [{ name: 'mymap', entries }],
  };
}

/** The two-spoke reference lab (fake key). */
export function twoSpokeLab(key = 'fake-key-1'): { hub: RouterConfig; spoke1: RouterConfig; spoke2: RouterConfig } {
  const hub = labRouter({
    hostname: 'Hub',
    lan: '10.1.1.1',
    wan: '10.1.4.1',
    entries: [
      {
        peer: '10.1.2.1',
        acl: [
          'permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255',
          'permit ip 192.168.1.0 0.0.0.255 172.16.1.0 0.0.0.255',
        ],
      },
      {
        peer: '10.1.3.1',
        acl: [
          'permit ip 10.1.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
          'permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
        ],
      },
    ],
    routes: [
      ['172.16.1.0', 24],
      ['192.168.1.0', 24],
      ['10.1.0.0', 16],
    ],
    keys: [
      [key, '10.1.2.1'],
      [key, '10.1.3.1'],
    ],
  });
  const spoke1 = labRouter({
    hostname: 'Spoke1',
    lan: '172.16.1.1',
    wan: '10.1.2.1',
    entries: [
      {
        peer: '10.1.4.1',
        acl: [
          'permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
          'permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
        ],
      },
    ],
    routes: [
      ['192.168.1.0', 24],
      ['10.1.0.0', 16],
    ],
    keys: [[key, '10.1.4.1']],
  });
  const spoke2 = labRouter({
    hostname: 'Spoke2',
    lan: '192.168.1.1',
    wan: '10.1.3.1',
    entries: [
      {
        peer: '10.1.4.1',
        acl: [
          'permit ip 192.168.1.0 0.0.0.255 172.16.1.0 0.0.0.255',
          'permit ip 192.168.1.0 0.0.0.255 10.1.1.0 0.0.0.255',
        ],
      },
    ],
    routes: [
      ['172.16.0.0', 16],
      ['10.1.0.0', 16],
    ],
    keys: [[key, '10.1.4.1']],
  });
  return { hub, spoke1, spoke2 };
}
