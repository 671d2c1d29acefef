/**
 * `crypto isakmp ...`: policies, pre-shared keys and global options. Key text never enters a
 * diagnostic message.
 */
import type {
  IsakmpAuthentication,
  IsakmpEncryption,
  IsakmpHash,
  IsakmpKey,
  IsakmpPolicy,
} from '../ir/router-config.js';
import {
  DPD_RETRY_SECONDS,
  DPD_SECONDS,
  NAT_KEEPALIVE_SECONDS,
  isDhGroup,
  ISAKMP_AUTHENTICATIONS,
  ISAKMP_HASHES,
  ISAKMP_LIFETIME_SECONDS,
} from '../ir/ike-vocabulary.js';
import { type ParseContext, type SubMode, keepExtra, notModelled } from './context.js';
import { startProfile } from './isakmp-profile.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, netmaskLength, uint } from './numbers.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const HASHES: ReadonlySet<string> = new Set(ISAKMP_HASHES);
const AUTHENTICATIONS: ReadonlySet<string> = new Set(ISAKMP_AUTHENTICATIONS);
const POLICY_WORDS = new Set(['encryption', 'encr', 'hash', 'authentication', 'group', 'lifetime']);

/** `des`, `3des`, `aes [128|192|256]` -> the IR's encryption name. */
export function readEncryption(words: readonly string[], start: number): IsakmpEncryption | undefined {
  const alg = words[start];
  const size = words[start + 1];
  if (words.length > start + 2) return undefined;
  if (alg === 'des' || alg === '3des') return size === undefined ? alg : undefined;
  if (alg !== 'aes') return undefined;
  if (size === undefined || size === '128') return 'aes';
  if (size === '192') return 'aes-192';
  if (size === '256') return 'aes-256';
  return undefined;
}

/** The sub-mode of a `crypto isakmp policy N` block. */
export class PolicyMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly policy: Writable<IsakmpPolicy>,
  ) {}

  claims(words: readonly string[]): boolean {
    return words[0] !== undefined && POLICY_WORDS.has(words[0]);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const p = this.policy;
    const w = line.words;
    const where = `crypto isakmp policy ${p.priority}`;
    const unknown = (what: string): void => {
      ctx.sink.error(
        'UNKNOWN_ALGORITHM',
        line.line,
        `${where}: unknown ${what} "${w.slice(1).join(' ')}"; line skipped`,
      );
    };
    // The single argument of `hash`, `authentication` and `group`; more words make the line unknown.
    const only = w.length > 2 ? undefined : w[1];
    switch (w[0]) {
      case 'encryption':
      case 'encr': {
        const enc = readEncryption(w, 1);
        if (enc === undefined) return unknown('encryption');
        p.encryption = enc;
        return;
      }
      case 'hash':
        if (only === undefined || !HASHES.has(only)) return unknown('hash');
        p.hash = only as IsakmpHash;
        return;
      case 'authentication':
        if (only === undefined || !AUTHENTICATIONS.has(only)) return unknown('authentication method');
        p.authentication = only as IsakmpAuthentication;
        return;
      case 'group': {
        const g = uint(only, 1, 32);
        if (g === undefined || !isDhGroup(g)) return unknown('Diffie-Hellman group');
        p.group = g;
        return;
      }
      case 'lifetime': {
        const seconds = uint(w[1], ISAKMP_LIFETIME_SECONDS.min, ISAKMP_LIFETIME_SECONDS.max);
        if (seconds === undefined) {
          ctx.sink.error(
            'BAD_NUMBER',
            line.line,
            `${where}: lifetime must be ${ISAKMP_LIFETIME_SECONDS.min}-${ISAKMP_LIFETIME_SECONDS.max} seconds; line skipped`,
          );
          return;
        }
        p.lifetime = seconds;
        return;
      }
      case 'no':
      case 'default':
        return this.reset(w[1]);
      case 'exit':
        return;
      default:
        ctx.sink.warning('UNKNOWN_SUBCOMMAND', line.line, `${where}: "${w[0]}" is not a policy sub-command; ignored`);
    }
  }

  /** `no X` / `default X`: back to the default value. */
  private reset(what: string | undefined): void {
    const p = this.policy;
    if (what === 'encryption' || what === 'encr') delete p.encryption;
    else if (what === 'hash') delete p.hash;
    else if (what === 'authentication') delete p.authentication;
    else if (what === 'group') delete p.group;
    else if (what === 'lifetime') delete p.lifetime;
  }
}

function startPolicy(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const priority = uint(line.words[3], 1, 10000);
  if (priority === undefined) {
    ctx.sink.error('BAD_NUMBER', line.line, 'crypto isakmp policy needs a priority 1-10000');
    return undefined;
  }
  let policy = ctx.draft.isakmpPolicies.get(priority);
  if (policy === undefined) {
    policy = { priority, loc: ctx.draft.loc(line.line) };
    ctx.draft.isakmpPolicies.set(priority, policy);
  }
  return new PolicyMode(line.indent, policy);
}

/**
 * The type word of `crypto isakmp key 0|6|7 KEY ...`, or undefined when word 3 is the key itself
 * (a key may be a digit when no type precedes it).
 */
function keyEncryption(w: readonly string[]): 0 | 6 | 7 | undefined {
  const typeWord = w[3];
  if (typeWord !== '0' && typeWord !== '6' && typeWord !== '7') return undefined;
  if (w[4] === undefined || w[4] === 'address' || w[4] === 'hostname') return undefined;
  return Number(typeWord) as 0 | 6 | 7;
}

/** `crypto isakmp key [0|6|7] KEY {address A [MASK] [no-xauth] | hostname H}`. */
function readKey(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const n = line.line;
  const encryption = keyEncryption(w);
  const i = encryption === undefined ? 3 : 4;
  const key = w[i];
  const kind = w[i + 1];
  if (key === undefined || (kind !== 'address' && kind !== 'hostname')) {
    ctx.sink.error('MISSING_ARGUMENT', n, 'crypto isakmp key needs a key and "address A [MASK]"');
    return undefined;
  }
  if (kind === 'hostname') return notModelled(line, ctx, 'crypto isakmp key ... hostname');
  const address = w[i + 2];
  if (address === 'ipv6') return notModelled(line, ctx, 'crypto isakmp key ... address ipv6');
  if (address === undefined || dottedQuad(address) < 0) {
    ctx.sink.error(
      'BAD_ADDRESS',
      n,
      `crypto isakmp key: peer address "${address ?? ''}" is not an IPv4 address; key skipped`,
    );
    return undefined;
  }
  let j = i + 3;
  // Without a mask a key is for the one address, except 0.0.0.0: that is the wildcard key as
  // `show running-config` prints it (IOS shows the 0.0.0.0 mask as blanks,
  // `crypto isakmp key K address 0.0.0.0        `), and no peer can have the address 0.0.0.0.
  let prefixLength = address === '0.0.0.0' ? 0 : 32;
  const mask = w[j];
  if (mask !== undefined && mask !== 'no-xauth') {
    // The optional mask is a subnet mask, not a wildcard (Cisco command reference).
    prefixLength = netmaskLength(dottedQuad(mask));
    if (prefixLength < 0) {
      ctx.sink.error(
        'BAD_MASK',
        n,
        `crypto isakmp key for ${address}: "${mask}" is not a contiguous netmask; key skipped`,
      );
      return undefined;
    }
    j++;
  }
  const result: Writable<IsakmpKey> = {
    key,
    encryption: encryption ?? 0,
    address,
    prefixLength,
    loc: ctx.draft.loc(n),
  };
  if (w[j] === 'no-xauth') {
    result.noXauth = true;
    j++;
  }
  if (j < w.length) {
    ctx.sink.error(
      'MISSING_ARGUMENT',
      n,
      `crypto isakmp key for ${address}: unexpected words after the address; key skipped`,
    );
    return undefined;
  }
  ctx.draft.isakmpKeys.set(`${address}/${prefixLength}`, result);
  return undefined;
}

/**
 * `crypto isakmp keepalive S [R] [periodic | on-demand]` (dead peer detection). The NAT keepalive
 * (`crypto isakmp nat keepalive`) is another command.
 */
function readKeepalive(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const seconds = uint(w[3], DPD_SECONDS.min, DPD_SECONDS.max);
  let i = 4;
  const retry = uint(w[i], DPD_RETRY_SECONDS.min, DPD_RETRY_SECONDS.max);
  if (retry !== undefined) i++;
  const word = w[i];
  const mode = word === 'periodic' || word === 'on-demand' ? word : undefined;
  if (mode !== undefined) i++;
  if (seconds === undefined || i < w.length) {
    ctx.sink.error(
      'BAD_NUMBER',
      line.line,
      `crypto isakmp keepalive needs ${DPD_SECONDS.min}-${DPD_SECONDS.max} seconds, optionally ${DPD_RETRY_SECONDS.min}-${DPD_RETRY_SECONDS.max} retry seconds and periodic or on-demand; line skipped`,
    );
    return undefined;
  }
  ctx.draft.isakmpKeepalive = {
    seconds,
    ...(retry !== undefined ? { retry } : {}),
    ...(mode !== undefined ? { mode } : {}),
    loc: ctx.draft.loc(line.line),
  };
  return undefined;
}

/** `crypto isakmp nat keepalive S` (docs/ios-semantics.md#nat-traversal). */
function readNatKeepalive(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const seconds = uint(line.words[4], NAT_KEEPALIVE_SECONDS.min, NAT_KEEPALIVE_SECONDS.max);
  if (seconds === undefined || line.words.length !== 5) {
    ctx.sink.error(
      'BAD_NUMBER',
      line.line,
      `crypto isakmp nat keepalive needs ${NAT_KEEPALIVE_SECONDS.min}-${NAT_KEEPALIVE_SECONDS.max} seconds; line skipped`,
    );
    return undefined;
  }
  ctx.draft.natKeepalive = { seconds, loc: ctx.draft.loc(line.line) };
  return undefined;
}

/** Any `crypto isakmp ...` global line. */
export function readCryptoIsakmp(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  switch (w[2]) {
    case 'policy':
      return startPolicy(line, ctx);
    case 'key':
      return readKey(line, ctx);
    case 'aggressive-mode':
      if (w[3] === 'disable') {
        ctx.draft.aggressiveModeDisabled = true;
        return undefined;
      }
      return keepExtra(line, ctx);
    case 'profile':
      return startProfile(line, ctx);
    case 'identity':
      if ((w[3] === 'address' || w[3] === 'hostname' || w[3] === 'dn') && w.length === 4) {
        ctx.draft.isakmpIdentity = w[3];
        return undefined;
      }
      ctx.sink.error('MISSING_ARGUMENT', line.line, 'crypto isakmp identity needs address, hostname or dn');
      return undefined;
    case 'keepalive':
      return readKeepalive(line, ctx);
    case 'nat':
      return w[3] === 'keepalive' ? readNatKeepalive(line, ctx) : keepExtra(line, ctx);
    case 'client':
      return notModelled(line, ctx, 'crypto isakmp client (Easy VPN)');
    default:
      return keepExtra(line, ctx);
  }
}
