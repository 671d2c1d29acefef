/**
 * The IKEv2 vocabulary of IOS and its smart defaults (docs/ios-semantics.md#ikev2-smart-defaults),
 * written once for the parser, the renderer, the rules and the emulator.
 *
 * - Keywords: `encryption aes-cbc-128|aes-cbc-192|aes-cbc-256|aes-gcm-128|aes-gcm-256|3des|des`,
 *   `integrity|prf sha512|sha384|sha256|sha1|md5` (Cisco IOS Security Command Reference,
 *   `crypto ikev2 proposal`).
 * - Smart defaults (FlexVPN and IKEv2 Configuration Guide, "IKEv2 Smart Defaults"; introduced in
 *   15.1(4)M / XE 3.5S): the default proposal, the default policy (fvrf any, any local address,
 *   proposal default), the default transform set and the default IPsec profile. The default
 *   proposal's content depends on the release: IOS 15 shows AES-CBC-256/192/128, integrity and PRF
 *   SHA512 SHA384 SHA256 SHA1 MD5, groups 5 and 2 (published 15.x `show crypto ikev2 proposal`
 *   capture); IOS-XE 17 shows AES-CBC-256, SHA512 SHA384, groups 19 14 21 5 (published IOS-XE 17
 *   capture of the same command).
 */
import type { Platform } from './router-config.js';

/** `encryption` keywords of an IKEv2 proposal. */
export const IKEV2_ENCRYPTIONS = [
  'aes-cbc-128',
  'aes-cbc-192',
  'aes-cbc-256',
  'aes-gcm-128',
  'aes-gcm-256',
  '3des',
  'des',
] as const;
/** An IKEv2 encryption keyword. */
export type Ikev2Encryption = (typeof IKEV2_ENCRYPTIONS)[number];

/** `integrity` and `prf` keywords. */
export const IKEV2_HASHES = ['sha512', 'sha384', 'sha256', 'sha1', 'md5'] as const;
/** An IKEv2 integrity or PRF keyword. */
export type Ikev2Hash = (typeof IKEV2_HASHES)[number];

/** True for the combined-mode (AEAD) ciphers, which take no integrity algorithm. */
export function isAeadEncryption(e: string): boolean {
  return e.startsWith('aes-gcm');
}

/** The content of a proposal, as the rules compare it. */
export interface Ikev2ProposalValues {
  readonly encryption: readonly string[];
  readonly integrity: readonly string[];
  readonly prf: readonly string[];
  readonly groups: readonly number[];
}

/** `crypto ikev2 proposal default` per platform family (none on 12.2: no IKEv2). */
export const IKEV2_DEFAULT_PROPOSAL: Readonly<Record<Platform, Ikev2ProposalValues | undefined>> = {
  'ios-12.2': undefined,
  'ios-15': {
    encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128'],
    integrity: ['sha512', 'sha384', 'sha256', 'sha1', 'md5'],
    prf: ['sha512', 'sha384', 'sha256', 'sha1', 'md5'],
    groups: [5, 2],
  },
  'ios-xe-17': {
    encryption: ['aes-cbc-256'],
    integrity: ['sha512', 'sha384'],
    prf: ['sha512', 'sha384'],
    groups: [19, 14, 21, 5],
  },
};

/** Whether the platform family has IKEv2 at all (IOS 12.2 has not: IKEv2 came with 15.1(1)T). */
export const IKEV2_SUPPORTED: Readonly<Record<Platform, boolean>> = {
  'ios-12.2': false,
  'ios-15': true,
  'ios-xe-17': true,
};

/** The IKE SA lifetime of a profile without `lifetime`, seconds (120-86400). */
export const IKEV2_LIFETIME = { default: 86400, min: 120, max: 86400 } as const;

/** `dpd` ranges of an IKEv2 profile: interval 10-3600 s, retry 2-60 s. */
export const IKEV2_DPD = { interval: { min: 10, max: 3600 }, retry: { min: 2, max: 60 } } as const;

/** The name IOS shows for the smart-default proposal and policy. */
export const IKEV2_DEFAULT_NAME = 'default';
