// Test helper (not a test file): a branch with two hubs in its `set peer` list on one WAN, for the
// dead peer detection tests and the state golden transcripts.
import { parseConfig } from '../../lib/parse/index.js';
import { Network } from '../../lib/emulate/index.js';
import type { Platform } from '../../lib/ir/router-config.js';

/** A key only these tests use, so a leak is unambiguous. */
export const DPD_KEY = 'dpd-test-key-47';

/** The lab's config texts; `keepalive` is the branch's DPD line (or none). */
export function dpdTexts(keepalive: string | undefined): Map<string, string> {
  const policy = 'crypto isakmp policy 10\n encryption aes 256\n hash sha256\n authentication pre-share\n group 14\n';
  const ts = 'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n mode tunnel\n';
  const hub = (name: string, wan: string) =>
    `version 15.4\nhostname ${name}\n${policy}crypto isakmp key ${DPD_KEY} address 10.0.0.10\n${ts}` +
    'crypto map CM 10 ipsec-isakmp\n set peer 10.0.0.10\n set transform-set TS\n match address 101\n' +
    `interface GigabitEthernet0/0\n ip address ${wan} 255.255.255.0\n crypto map CM\n` +
    'interface GigabitEthernet0/1\n ip address 10.1.1.1 255.255.255.0\n' +
    'ip route 172.16.1.0 255.255.255.0 GigabitEthernet0/0\n' +
    'access-list 101 permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255\nend\n';
  const branch =
    `version 15.4\nhostname Branch\n${policy}crypto isakmp key ${DPD_KEY} address 10.0.0.1\n` +
    `crypto isakmp key ${DPD_KEY} address 10.0.0.2\n${keepalive ? `${keepalive}\n` : ''}${ts}` +
    'crypto map CM 10 ipsec-isakmp\n set peer 10.0.0.1\n set peer 10.0.0.2\n set transform-set TS\n match address 101\n' +
    'interface GigabitEthernet0/0\n ip address 10.0.0.10 255.255.255.0\n crypto map CM\n' +
    'interface GigabitEthernet0/1\n ip address 172.16.1.1 255.255.255.0\n' +
    'ip route 10.1.1.0 255.255.255.0 GigabitEthernet0/0\n' +
    'access-list 101 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255\nend\n';
  return new Map([
    ['branch.cfg', branch],
    ['huba.cfg', hub('HubA', '10.0.0.1')],
    ['hubb.cfg', hub('HubB', '10.0.0.2')],
  ]);
}

/** The lab as an emulated network on a platform (IOS 15 by default). */
export function dpdLab(keepalive: string | undefined, platform: Platform = 'ios-15'): Network {
  const texts = dpdTexts(keepalive);
  const files = [...texts].map(([file, text]) => ({ ...parseConfig(text, { file, platform }), file }));
  return Network.fromParsed(files, { configTexts: texts });
}
