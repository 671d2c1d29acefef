/**
 * The rows of the line table (lib/parse/line-classes.ts): what a row says, and the shorthands the
 * tables are written with.
 */

/** What a configuration line is to the proof. */
export type LineClass = 'modelled' | 'inert' | 'relevant';

/** Where a line stands: at the top level, in an interface, in a crypto map entry or in a block with a table. */
export type LineScope = 'global' | 'interface' | 'crypto-map-entry' | 'ipsec-profile' | 'control-plane';

/** What the lines under a block header are. */
export type BlockLines =
  'inert' | 'under-relevant' | Exclude<LineScope, 'global' | 'interface' | 'crypto-map-entry' | 'ipsec-profile'>;

/** One row of the table. */
export interface LineRule {
  /** Leading words, space-separated (`#` matches one all-digit word). */
  readonly words: string;
  readonly class: LineClass;
  /** Why the line is (or is not) able to change a VPN packet's fate; the NOT_MODELLED wording for relevant rows. */
  readonly why: string;
  /** For global rows that open a block: what its lines are. @default - from the class */
  readonly block?: BlockLines;
  /**
   * Unindented (flattened) configs: leading words that belong to this block rather than to the
   * top level. @default - none
   */
  readonly claims?: readonly string[];
}

export const M = (words: string, why: string): LineRule => ({ words, class: 'modelled', why });
export const I = (words: string, why: string, extra: Partial<LineRule> = {}): LineRule => ({
  words,
  class: 'inert',
  why,
  ...extra,
});
export const R = (words: string, why: string, extra: Partial<LineRule> = {}): LineRule => ({
  words,
  class: 'relevant',
  why,
  ...extra,
});

export const MGMT = 'management of the router itself; never touches transit or IKE packets';
export const DEF = 'a definition that does nothing until another line applies it (that line is classified on its own)';
export const MCAST = 'multicast only; the VPN carries unicast';
export const V6 = 'IPv6 only; the VPN carries IPv4';
export const LINE_CLAIMS = [
  'transport',
  'login',
  'password',
  'exec-timeout',
  'stopbits',
  'privilege',
  'access-class',
  'session-timeout',
  'length',
  'width',
  'history',
  'exec',
  'flowcontrol',
  'databits',
  'parity',
  'escape-character',
  'autoselect',
  'modem',
  'absolute-timeout',
  'logout-warning',
  'motd-banner',
  'exec-banner',
  'ipv6',
  'authorization',
  'accounting',
];
