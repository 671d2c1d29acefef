/**
 * A small hub-and-spoke network written by hand the way operators write it (the hub with numbered
 * ACLs, one spoke with a named ACL and a loopback and a management port, one with numbered ACLs
 * and a default route), for the diagnosis suites. Texts, so a test edits one line and proves.
 */
import type { Lab } from './labs.js';

const HUB = `! core VPN concentrator
version 15.4
hostname HQ
!
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key Hq-Branch-A-7f3e9c2d1b address 203.0.113.10
crypto isakmp key Hq-Branch-B-51ac8e0f4d address 203.0.113.20
!
crypto ipsec transform-set AES256-SHA esp-aes 256 esp-sha256-hmac
!
crypto map CMAP 10 ipsec-isakmp
 description Branch A
 set peer 203.0.113.10
 set transform-set AES256-SHA
 match address 110
crypto map CMAP 20 ipsec-isakmp
 description Branch B
 set peer 203.0.113.20
 set transform-set AES256-SHA
 match address 120
!
interface Loopback0
 ip address 10.255.0.1 255.255.255.255
!
interface GigabitEthernet0/0
 description INTERNET
 ip address 198.51.100.2 255.255.255.248
 crypto map CMAP
!
interface GigabitEthernet0/1
 description HQ LAN
 ip address 10.10.0.1 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 198.51.100.1
!
access-list 110 permit ip 10.10.0.0 0.0.0.255 172.16.2.0 0.0.0.255
access-list 110 permit ip 192.168.20.0 0.0.0.255 172.16.2.0 0.0.0.255
access-list 120 permit ip 10.10.0.0 0.0.0.255 192.168.20.0 0.0.0.255
access-list 120 permit ip 172.16.2.0 0.0.0.255 192.168.20.0 0.0.0.255
!
end
`;

const BRANCH_A = `hostname BranchA
!
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key Hq-Branch-A-7f3e9c2d1b address 198.51.100.2
!
crypto ipsec transform-set AES256-SHA esp-aes 256 esp-sha256-hmac
 mode tunnel
!
crypto map TO-HQ 10 ipsec-isakmp
 set peer 198.51.100.2
 set transform-set AES256-SHA
 match address VPN-TRAFFIC
!
interface Loopback0
 description router id
 ip address 10.255.0.2 255.255.255.255
!
interface GigabitEthernet0/0
 description uplink ISP-A
 ip address 203.0.113.10 255.255.255.0
 crypto map TO-HQ
!
interface GigabitEthernet0/1
 description branch LAN
 ip address 172.16.2.1 255.255.255.0
!
interface GigabitEthernet0/2
 description OOB management
 ip address 192.0.2.50 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 203.0.113.1
!
ip access-list extended VPN-TRAFFIC
 remark to HQ and to branch B through HQ
 permit ip 172.16.2.0 0.0.0.255 10.10.0.0 0.0.0.255
 permit ip 172.16.2.0 0.0.0.255 192.168.20.0 0.0.0.255
!
end
`;

const BRANCH_B = `hostname BranchB
crypto isakmp policy 5
 encryption aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key Hq-Branch-B-51ac8e0f4d address 198.51.100.2
crypto ipsec transform-set T1 esp-aes 256 esp-sha256-hmac
crypto map VPN 1 ipsec-isakmp
 set peer 198.51.100.2
 set transform-set T1
 match address 101
interface FastEthernet0
 ip address 203.0.113.20 255.255.255.0
 crypto map VPN
interface FastEthernet1
 ip address 192.168.20.1 255.255.255.0
ip route 0.0.0.0 0.0.0.0 203.0.113.1
access-list 101 permit ip 192.168.20.0 0.0.0.255 10.10.0.0 0.0.0.255
access-list 101 permit ip 192.168.20.0 0.0.0.255 172.16.2.0 0.0.0.255
end
`;

/** The hand-written network: HQ (hub), BranchA, BranchB. */
export function handWritten(): Lab {
  return { 'hq.cfg': HUB, 'branch-a.cfg': BRANCH_A, 'branch-b.cfg': BRANCH_B };
}

/** The sites the network is meant to carry. */
export const HAND_WRITTEN_SITES = ['10.10.0.0/24', '172.16.2.0/24', '192.168.20.0/24'];
