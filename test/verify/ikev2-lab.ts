/**
 * A hand-written IKEv2 crypto-map hub-and-spoke network (IOS-XE 17): the hub HQ with one keyring
 * peer per branch (branch B with asymmetric keys) and one profile matching both branches by
 * address; each branch with its own proposal, policy, keyring and profile. Texts, so a test edits
 * one line and proves (helper module, not a test file).
 */
import type { Lab } from './labs.js';

export const KEY_A = 'Hq-BranchA-v2-7f3e9c2d1b';
export const KEY_B_UP = 'BranchB-to-HQ-51ac8e0f4d';
export const KEY_B_DOWN = 'HQ-to-BranchB-0c9d2e77aa';

const HUB = `version 17.12
hostname HQ
!
crypto ikev2 proposal AES-GCM
 encryption aes-gcm-256
 prf sha384
 group 19 20
crypto ikev2 policy WAN
 match address local 198.51.100.2
 proposal AES-GCM
crypto ikev2 keyring BRANCHES
 peer BranchA
  address 203.0.113.10
  pre-shared-key ${KEY_A}
 peer BranchB
  address 203.0.113.20
  pre-shared-key local ${KEY_B_DOWN}
  pre-shared-key remote ${KEY_B_UP}
crypto ikev2 profile BRANCHES
 match identity remote address 203.0.113.10 255.255.255.255
 match identity remote address 203.0.113.20 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local BRANCHES
 dpd 10 3 periodic
!
crypto ipsec transform-set GCM esp-gcm 256
!
crypto map CMAP 10 ipsec-isakmp
 set peer 203.0.113.10
 set transform-set GCM
 set pfs group19
 set ikev2-profile BRANCHES
 match address 110
crypto map CMAP 20 ipsec-isakmp
 set peer 203.0.113.20
 set transform-set GCM
 set pfs group19
 set ikev2-profile BRANCHES
 match address 120
!
interface GigabitEthernet1
 ip address 198.51.100.2 255.255.255.248
 crypto map CMAP
!
interface GigabitEthernet2
 ip address 10.10.0.1 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 198.51.100.1
!
access-list 110 permit ip 10.10.0.0 0.0.0.255 172.16.2.0 0.0.0.255
access-list 110 permit ip 192.168.20.0 0.0.0.255 172.16.2.0 0.0.0.255
access-list 120 permit ip 10.10.0.0 0.0.0.255 192.168.20.0 0.0.0.255
access-list 120 permit ip 172.16.2.0 0.0.0.255 192.168.20.0 0.0.0.255
end
`;

const branch = (o: { host: string; wan: string; lan: string; other: string; keys: string[] }) => `version 17.12
hostname ${o.host}
!
crypto ikev2 proposal AES-GCM
 encryption aes-gcm-256
 prf sha384
 group 19
crypto ikev2 policy WAN
 proposal AES-GCM
crypto ikev2 keyring HQ
 peer HQ
  address 198.51.100.2
${o.keys.map((k) => `  ${k}`).join('\n')}
crypto ikev2 profile HQ
 match identity remote address 198.51.100.2 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local HQ
!
crypto ipsec transform-set GCM esp-gcm 256
!
crypto map TO-HQ 10 ipsec-isakmp
 set peer 198.51.100.2
 set transform-set GCM
 set pfs group19
 set ikev2-profile HQ
 match address VPN
!
interface GigabitEthernet1
 ip address ${o.wan} 255.255.255.0
 crypto map TO-HQ
!
interface GigabitEthernet2
 ip address ${o.lan}.1 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 203.0.113.1
!
ip access-list extended VPN
 permit ip ${o.lan}.0 0.0.0.255 10.10.0.0 0.0.0.255
 permit ip ${o.lan}.0 0.0.0.255 ${o.other}.0 0.0.0.255
end
`;

/** The IKEv2 network: HQ (hub), BranchA (one key), BranchB (asymmetric keys). */
export function ikev2Lab(): Lab {
  return {
    'hq.cfg': HUB,
    'branch-a.cfg': branch({
      host: 'BranchA',
      wan: '203.0.113.10',
      lan: '172.16.2',
      other: '192.168.20',
      keys: [`pre-shared-key ${KEY_A}`],
    }),
    'branch-b.cfg': branch({
      host: 'BranchB',
      wan: '203.0.113.20',
      lan: '192.168.20',
      other: '172.16.2',
      keys: [`pre-shared-key local ${KEY_B_UP}`, `pre-shared-key remote ${KEY_B_DOWN}`],
    }),
  };
}

/** The sites the network is meant to carry. */
export const IKEV2_SITES = ['10.10.0.0/24', '172.16.2.0/24', '192.168.20.0/24'];
