/**
 * The IKEv2 network of `ikev2-lab.ts` with branch B on a DHCP WAN (docs/ios-semantics.md#ikev2-dynamic-crypto-maps):
 * HQ answers it through a dynamic map entry naming an IKEv2 profile selected by B's FQDN identity,
 * with a keyring peer found by that identity (B's own asymmetric keys) and reverse-route. Texts,
 * so a test edits one line and proves (helper module, not a test file).
 */
import { edit, replaceLine, type Lab } from './labs.js';
import { ikev2Lab, KEY_B_DOWN, KEY_B_UP } from './ikev2-lab.js';

/** Branch B's FQDN identity. */
export const FQDN_B = 'branch-b.example.net';

/** HQ's dynamic map entry, its profile and its keyring peer for branch B. */
const HUB_DYNAMIC = [
  'crypto ikev2 keyring DYNAMIC',
  ' peer BranchB',
  `  identity fqdn ${FQDN_B}`,
  `  pre-shared-key local ${KEY_B_DOWN}`,
  `  pre-shared-key remote ${KEY_B_UP}`,
  'crypto ikev2 profile DYNAMIC',
  ` match identity remote fqdn ${FQDN_B}`,
  ' authentication remote pre-share',
  ' authentication local pre-share',
  ' keyring local DYNAMIC',
  '!',
  'crypto dynamic-map DYN 10',
  ' set transform-set GCM',
  ' set pfs group19',
  ' set ikev2-profile DYNAMIC',
  ' match address DYN-B',
  ' reverse-route',
];

/** The network: HQ, BranchA (static, one key), BranchB (DHCP WAN, FQDN identity, asymmetric keys). */
export function ikev2DynamicLab(): Lab {
  let lab = ikev2Lab();
  lab = edit(lab, 'hq.cfg', (t) =>
    t
      .replace(
        /crypto map CMAP 20 ipsec-isakmp\n[^c]*?match address 120\n/,
        'crypto map CMAP 65535 ipsec-isakmp dynamic DYN\n',
      )
      .replace(/ peer BranchB\n {2}address 203\.0\.113\.20\n.*\n.*\n/, '')
      .replace(' match identity remote address 203.0.113.20 255.255.255.255\n', '')
      .replace(
        'crypto ipsec transform-set GCM esp-gcm 256\n',
        `crypto ipsec transform-set GCM esp-gcm 256\n${HUB_DYNAMIC.join('\n')}\n`,
      )
      .replace(/access-list 120 permit ip (\S+) 0\.0\.0\.255 192\.168\.20\.0 0\.0\.0\.255\n/g, '')
      .replace(
        'end\n',
        'ip access-list extended DYN-B\n permit ip 10.10.0.0 0.0.0.255 192.168.20.0 0.0.0.255\n permit ip 172.16.2.0 0.0.0.255 192.168.20.0 0.0.0.255\nend\n',
      ),
  );
  lab = edit(lab, 'branch-b.cfg', (t) =>
    replaceLine(
      replaceLine(
        replaceLine(t, ' ip address 203.0.113.20 255.255.255.0', [' ip address dhcp']),
        'ip route 0.0.0.0 0.0.0.0 203.0.113.1',
        ['ip route 0.0.0.0 0.0.0.0 dhcp'],
      ),
      ' keyring local HQ',
      [' keyring local HQ', ` identity local fqdn ${FQDN_B}`],
    ),
  );
  return lab;
}
