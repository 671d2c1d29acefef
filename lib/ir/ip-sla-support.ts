/**
 * Which platforms have the `ip sla N` / `icmp-echo` commands. Cisco IOS IP SLAs Command Reference,
 * `icmp-echo`: introduced in 12.4(4)T (replacing `type echo protocol ipIcmpEcho` of `rtr` /
 * `ip sla monitor`), integrated into the 12.2 SR/SB/SX trains only; IOS 15 and IOS-XE have it.
 * The `ios-12.2` platform is the 12.2 mainline of the reference lab, which does not.
 */
import type { Platform } from './router-config.js';

/** Why `ip sla N` / `icmp-echo` cannot be written for the platform, or undefined when it can. */
export function ipSlaProblem(platform: Platform): string | undefined {
  return platform === 'ios-12.2'
    ? 'IOS 12.2 has no ip sla / icmp-echo commands (they came with 12.4(4)T; 12.2 mainline has rtr)'
    : undefined;
}
