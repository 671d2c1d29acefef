/**
 * Connection ids as a platform prints them, the same in every command (`show crypto isakmp sa`,
 * `show crypto session detail`, `show crypto ipsec sa`, debug); IOS 15 / IOS-XE number the IPsec rows
 * of `show crypto engine connections active` by flow id instead (show-crypto.ts).
 * The SA database numbers IKE SAs from 1 and IPsec SA halves from 2000, as IOS 12.2 prints them
 * (the reference lab's captures); IOS 15 and IOS-XE print IKE SAs from 1001 and IPsec SA halves
 * from 2001 with the software engine's flow id (`conn id: 2001, flow_id: SW:1`; docs/emulator.md).
 */
import type { Platform } from '../ir/router-config.js';

/** True for the IOS 15 / IOS-XE layouts. */
export function isModern(platform: Platform): boolean {
  return platform !== 'ios-12.2';
}

/** The conn-id of an IKE SA. */
export function ikeConnId(platform: Platform, id: number): number {
  return isModern(platform) ? id + 1000 : id;
}

/** The conn id of an IPsec SA half. */
export function ipsecConnId(platform: Platform, id: number): number {
  return isModern(platform) ? id + 1 : id;
}

/** The flow_id of an IPsec SA half: `1` on 12.2, `SW:1` on IOS 15, `CSR:1` on IOS-XE. */
export function ipsecFlowId(platform: Platform, id: number): string {
  const n = id - 1999;
  if (platform === 'ios-12.2') return String(n);
  return `${platform === 'ios-xe-17' ? 'CSR' : 'SW'}:${n}`;
}
