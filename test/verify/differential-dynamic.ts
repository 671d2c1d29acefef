/**
 * The dynamic-spoke defects of the differential test (docs/ios-semantics.md#dynamic-crypto-maps,
 * #dhcp-wan-addresses, #ip-sla-probes): spoke k takes its WAN address from DHCP and the hub serves
 * it through a dynamic map at 65535 (its former entry's ACL, `reverse-route`, a wildcard key) with
 * no static route to its LAN; with a probe, spoke k keeps its SA to the hub LAN up; without the
 * wildcard key phase 1 fails.
 */
import { replaceLine } from './labs.js';
import { lan, wan, type DefectSite } from './differential-defects.js';

/** The dynamic defects. False when `site.defect` is not one of them. */
export function dynamicDefect(site: DefectSite): boolean {
  const { defect, lab, k, sf, key } = site;
  if (defect !== 'dynamic-spoke' && defect !== 'dynamic-spoke-sla' && defect !== 'dynamic-no-wildcard') return false;
  const ed = (file: string, fn: (t: string) => string) => (lab[file] = fn(lab[file]!));
  ed('hub.cfg', (t) =>
    t
      .replace(
        `crypto map VPN ${k * 10} ipsec-isakmp\n set peer ${wan(k)}\n`,
        'crypto dynamic-map DYN 10\n reverse-route\n',
      )
      .replace(
        `crypto isakmp key ${key(k)} address ${wan(k)}\n`,
        defect === 'dynamic-no-wildcard' ? '' : `crypto isakmp key ${key(k)} address 0.0.0.0 0.0.0.0\n`,
      ),
  );
  ed('hub.cfg', (t) =>
    replaceLine(t, 'interface Ethernet1', ['crypto map VPN 65535 ipsec-isakmp dynamic DYN', 'interface Ethernet1']),
  );
  ed('hub.cfg', (t) =>
    replaceLine(t, `ip route ${lan(k)}.0 255.255.255.0 Ethernet1`, ['ip route 100.64.0.0 255.192.0.0 Ethernet1']),
  );
  ed(sf, (t) => replaceLine(t, ` ip address ${wan(k)} 255.255.255.0`, [' ip address dhcp']));
  const probe =
    defect === 'dynamic-spoke-sla'
      ? [
          'ip sla 1',
          ` icmp-echo ${lan(0)}.1 source-ip ${lan(k)}.1`,
          ' frequency 10',
          'ip sla schedule 1 life forever start-time now',
        ]
      : [];
  ed(sf, (t) => replaceLine(t, 'end', ['ip route 0.0.0.0 0.0.0.0 dhcp', ...probe, 'end']));
  return true;
}
