/**
 * The router's domain name and the FQDN it is known by in IKE: `crypto isakmp identity hostname`
 * (or a profile's `self-identity fqdn`) sends ID_FQDN = hostname, a dot and the `ip domain name`
 * (Cisco IOS Security Command Reference, `crypto isakmp identity`: "hostname - sets the ISAKMP
 * identity to the host name concatenated with the domain name";
 * docs/ios-semantics.md#keyrings-and-isakmp-profiles).
 */
import type { Platform } from './router-config.js';

/** The FQDN a router with this hostname and domain sends as ID_FQDN. */
export function ikeFqdn(hostname: string, domain: string | undefined): string {
  return domain === undefined ? hostname : `${hostname}.${domain}`;
}

/** The global line that sets the domain: `ip domain-name D` on IOS 12.2, `ip domain name D` later. */
export function domainNameLine(platform: Platform, domain: string): string {
  return platform === 'ios-12.2' ? `ip domain-name ${domain}` : `ip domain name ${domain}`;
}
