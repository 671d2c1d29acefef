/**
 * Per-platform facts the constructs need: default interface names and the ISAKMP policy values a
 * running-config leaves out because they are the defaults.
 */
import { ISAKMP_POLICY_DEFAULTS, type IsakmpPolicyValues } from '../ir/ike-vocabulary.js';
import type { Platform } from '../ir/router-config.js';

/** Default interface names for a site router: one WAN interface and `lanCount` LAN interfaces. */
export function defaultInterfaceNames(platform: Platform, lanCount: number): { wan: string; lans: string[] } {
  const lans: string[] = [];
  switch (platform) {
    // The reference lab (Cisco 2500): Ethernet0 is the LAN, Ethernet1 the WAN.
    case 'ios-12.2':
      for (let i = 0; i < lanCount; i++) lans.push(`Ethernet${i === 0 ? 0 : i + 1}`);
      return { wan: 'Ethernet1', lans };
    // ISR G2 routers: GigabitEthernet0/0 LAN, 0/1 WAN.
    case 'ios-15':
      for (let i = 0; i < lanCount; i++) lans.push(`GigabitEthernet0/${i === 0 ? 0 : i + 1}`);
      return { wan: 'GigabitEthernet0/1', lans };
    // CSR1000v / Catalyst 8000v: GigabitEthernet1 is the first (outside) NIC.
    case 'ios-xe-17':
      for (let i = 0; i < lanCount; i++) lans.push(`GigabitEthernet${i + 2}`);
      return { wan: 'GigabitEthernet1', lans };
  }
}

/**
 * The defaults a running-config omits on `platform` (every field on IOS 12.2 / 15), or only the
 * lifetime on IOS-XE, where hubspoke prints every algorithm explicitly (its defaults moved across
 * 17.x releases).
 */
export function omittedPolicyDefaults(platform: Platform): Partial<IsakmpPolicyValues> {
  return platform === 'ios-xe-17' ? { lifetime: ISAKMP_POLICY_DEFAULTS.lifetime } : ISAKMP_POLICY_DEFAULTS;
}
