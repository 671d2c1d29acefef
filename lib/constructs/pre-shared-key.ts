/**
 * Pre-shared keys for `crypto isakmp key`. Three sources: an environment variable, a per-pair key
 * derived from a master secret (HKDF-SHA256), or plain text for labs (explicitly unsafe). A key is
 * resolved only at synth time and never appears in `toString`, `JSON.stringify`, `util.inspect`
 * or error messages: the value lives in a private field and every printable form is redacted.
 */
import { createHash, hkdfSync } from 'node:crypto';
import { inspect } from 'node:util';
import { ConstructError } from './errors.js';
import type { MasterSecret } from './master-secret.js';
import { SECRET_MARK } from '../ir/secrets.js';

/** One end of a key's peer pair: its hostname and its WAN (peer) address. */
export interface PeerIdentity {
  /** Hostname of the router at this end. */
  readonly hostname: string;
  /** Its IKE (WAN) address. */
  readonly address: string;
}

/** What a key needs to resolve itself. */
export interface KeyResolutionContext {
  /** Construct path of the key's owner, for error messages. */
  readonly path: string;
  /** Stack id: the HKDF salt, so two stacks with one master secret get different keys. */
  readonly stackId: string;
  /** The two ends of the tunnel. Required for derived keys. @default - no pair */
  readonly pair?: readonly [PeerIdentity, PeerIdentity];
  /** Environment to read variables from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Where a pre-shared key's value comes from. */
export type PreSharedKeySource = 'environment' | 'derived' | 'plain-text';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** IOS reads the key as one word: no whitespace, and `?` would trigger CLI help. */
const IOS_SAFE = /^[\x21-\x3e\x40-\x7e]{1,128}$/;
/** Version tag in the HKDF info, so a future derivation change cannot collide with this one. */
const HKDF_INFO_PREFIX = 'hubspoke-psk-v1';
const DICTIONARY = /cisco|passw|secret|admin|letmein|qwerty|test|changeme|default|1234|abcd/i;

/** A pre-shared key source. Create with the static factories. */
export class PreSharedKey {
  /** The key is read from an environment variable at synth time. */
  static fromEnv(variable: string): PreSharedKey {
    if (!ENV_NAME.test(variable))
      throw new Error(`PreSharedKey.fromEnv: "${variable}" is not an environment variable name`);
    return new PreSharedKey('environment', `environment variable ${variable}`, (ctx) => {
      const value = (ctx.env ?? process.env)[variable];
      if (value === undefined || value === '') {
        throw new ConstructError(
          'HS-KEY-ENV',
          ctx.path,
          `environment variable ${variable} is not set; it must hold the pre-shared key`,
        );
      }
      if (!IOS_SAFE.test(value)) {
        throw new ConstructError(
          'HS-KEY-CHARS',
          ctx.path,
          `the pre-shared key in environment variable ${variable} is not a valid IOS key (1-128 printable characters, no spaces, no "?")`,
        );
      }
      return value;
    });
  }

  /**
   * Every hub/spoke pair gets its own key, derived deterministically with HKDF-SHA256
   * (salt = stack id, info = the pair's sorted `hostname@address` identities), encoded as
   * 43 base64url characters (IOS-safe). Re-synthesizing yields the same keys.
   */
  static derivedFrom(master: MasterSecret): PreSharedKey {
    return new PreSharedKey('derived', `derived from master secret (${master.description})`, (ctx) => {
      if (ctx.pair === undefined) {
        throw new ConstructError(
          'HS-KEY-PAIR',
          ctx.path,
          'a derived pre-shared key needs the identities of both peers (set peerHostname on the IsakmpKey)',
        );
      }
      return derivePairKey(master.reveal(ctx.path, ctx.env), ctx.stackId, ctx.pair);
    });
  }

  /**
   * A key written in the program text. Unsafe: it lands in your repository. For labs only;
   * weak or reused plain-text keys produce warnings at synth.
   */
  static unsafePlainText(value: string): PreSharedKey {
    if (typeof value !== 'string' || !IOS_SAFE.test(value)) {
      throw new Error('PreSharedKey.unsafePlainText: the key must be 1-128 printable characters without spaces or "?"');
    }
    return new PreSharedKey('plain-text', 'unsafe plain text', () => value, value);
  }

  /** Where the key comes from. */
  readonly source: PreSharedKeySource;
  /** Human-readable origin, safe to print (never contains the key). */
  readonly description: string;
  readonly #resolve: (ctx: KeyResolutionContext) => string;
  readonly #plain: string | undefined;

  private constructor(
    source: PreSharedKeySource,
    description: string,
    resolve: (ctx: KeyResolutionContext) => string,
    plain?: string,
  ) {
    this.source = source;
    this.description = description;
    this.#resolve = resolve;
    this.#plain = plain;
  }

  /**
   * The key's value for one use. Throws a `ConstructError` (naming the variable and path, never
   * the key) when the source cannot provide it.
   */
  resolve(ctx: KeyResolutionContext): string {
    return this.#resolve(ctx);
  }

  /**
   * Why a plain-text key is weak (short, dictionary-like), as phrases safe to print; empty for
   * other sources, which are checked when resolved.
   */
  weaknesses(): string[] {
    const value = this.#plain;
    if (value === undefined) return [];
    const out: string[] = [];
    if (value.length < 16) out.push(`it is short (${value.length} characters; use 16 or more)`);
    if (/^[a-z]+[0-9]*$/i.test(value)) out.push('it looks like a dictionary word (letters, then digits)');
    else if (DICTIONARY.test(value))
      out.push('it contains a guessable word or sequence (such as cisco, secret, test or 1234)');
    return out;
  }

  /**
   * A stable grouping token for plain-text keys (a salted hash, never printed), used to find reuse
   * without holding values side by side. Undefined for other sources.
   */
  reuseToken(): string | undefined {
    if (this.#plain === undefined) return undefined;
    return createHash('sha256').update('hubspoke-reuse\0').update(this.#plain).digest('hex');
  }

  /** Redacted. */
  toString(): string {
    return `PreSharedKey(${SECRET_MARK}, ${this.description})`;
  }

  /** Redacted. */
  toJSON(): string {
    return this.toString();
  }

  /** Redacted. */
  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * HKDF-SHA256 over the master secret; the pair's identities are sorted so both ends compute the
 * same key. Exported for tests and for tools that must reproduce a key.
 */
export function derivePairKey(master: string, stackId: string, pair: readonly [PeerIdentity, PeerIdentity]): string {
  const ids = pair.map((p) => `${p.hostname}@${p.address}`).sort();
  const info = [HKDF_INFO_PREFIX, ...ids].join('\n');
  const bytes = hkdfSync(
    'sha256',
    Buffer.from(master, 'utf8'),
    Buffer.from(stackId, 'utf8'),
    Buffer.from(info, 'utf8'),
    32,
  );
  return Buffer.from(bytes).toString('base64url');
}
