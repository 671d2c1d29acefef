// A two-router VPN built from L1 constructs, for the cdktf integration tests. Keys are fake.
import type { Construct } from 'constructs';
import { AccessList } from '../../lib/constructs/access-list.js';
import { CryptoMap } from '../../lib/constructs/crypto-map.js';
import { Interface } from '../../lib/constructs/interface.js';
import { IsakmpKey } from '../../lib/constructs/isakmp-key.js';
import { IsakmpPolicy } from '../../lib/constructs/isakmp-policy.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Router } from '../../lib/constructs/router.js';
import { StaticRoute } from '../../lib/constructs/static-route.js';
import { TransformSet } from '../../lib/constructs/transform-set.js';

export const FAKE_KEY = 'fake-lab-key-Zq8v3Lr1Xw7p';
export const OTHER_FAKE_KEY = 'fake-other-key-Hn4k9Tq2Vb6m';
/** Short on purpose, so hubspoke warns about it. */
export const WEAK_FAKE_KEY = 'fakeweak1';

interface Site {
  readonly hostname: string;
  readonly role: 'hub' | 'spoke';
  readonly lan: string;
  readonly lanIp: string;
  readonly wanIp: string;
  readonly peer: string;
  readonly peerHostname: string;
  readonly remoteLan: string;
  readonly key: string;
}

function site(scope: Construct, s: Site): Router {
  const r = new Router(scope, s.hostname, {
    hostname: s.hostname,
    role: s.role,
    ...(s.role === 'spoke' ? { hubHostname: 'Hub' } : {}),
  });
  new Interface(r, 'Lan', { name: 'GigabitEthernet1', address: `${s.lanIp}/24` });
  new Interface(r, 'Wan', { name: 'GigabitEthernet2', address: `${s.wanIp}/24`, cryptoMap: 'VPN' });
  new StaticRoute(r, 'Remote', { destination: s.remoteLan, interface: 'GigabitEthernet2' });
  // The routed underlay of the reference lab: every WAN address is in 10.1.0.0/16.
  new StaticRoute(r, 'Underlay', { destination: '10.1.0.0/16', interface: 'GigabitEthernet2' });
  new IsakmpPolicy(r, 'Policy', {});
  new IsakmpKey(r, 'Key', { address: s.peer, key: PreSharedKey.unsafePlainText(s.key), peerHostname: s.peerHostname });
  new TransformSet(r, 'Ts', { name: 'TS' });
  new AccessList(r, 'Acl', { name: 'VPN-ACL', rules: [{ source: s.lan, destination: s.remoteLan }] });
  new CryptoMap(r, 'Map', { name: 'VPN' }).addEntry({
    seq: 10,
    peers: [s.peer],
    transformSets: ['TS'],
    matchAddress: 'VPN-ACL',
    pfs: 19,
  });
  return r;
}

/** Hub (10.1.1.0/24 behind 10.1.4.1) and Spoke1 (172.16.1.0/24 behind 10.1.2.1). */
export function twoSiteLab(scope: Construct, opts: { key?: string; spokeKey?: string } = {}): void {
  site(scope, {
    hostname: 'Hub',
    role: 'hub',
    lan: '10.1.1.0/24',
    lanIp: '10.1.1.1',
    wanIp: '10.1.4.1',
    peer: '10.1.2.1',
    peerHostname: 'Spoke1',
    remoteLan: '172.16.1.0/24',
    key: opts.key ?? FAKE_KEY,
  });
  site(scope, {
    hostname: 'Spoke1',
    role: 'spoke',
    lan: '172.16.1.0/24',
    lanIp: '172.16.1.1',
    wanIp: '10.1.2.1',
    peer: '10.1.4.1',
    peerHostname: 'Hub',
    remoteLan: '10.1.1.0/24',
    key: opts.spokeKey ?? opts.key ?? FAKE_KEY,
  });
}
