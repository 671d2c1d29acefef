/**
 * `crypto ipsec ...`: transform sets (the IR keeps transform names as IOS spells them, with their
 * key size, e.g. `esp-aes 256`) and their `mode` sub-command.
 */
import type { TransformSet } from '../ir/router-config.js';
import { type ParseContext, type SubMode, keepExtra, notModelled } from './context.js';
import type { ConfigLine } from './line-reader.js';
import { startIpsecProfile } from './ipsec-profile.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Transform keywords of `crypto ipsec transform-set` (IOS 12.2-17.x). */
export const TRANSFORMS: ReadonlySet<string> = new Set([
  'ah-md5-hmac',
  'ah-sha-hmac',
  'ah-sha256-hmac',
  'ah-sha384-hmac',
  'ah-sha512-hmac',
  'esp-des',
  'esp-3des',
  'esp-aes',
  'esp-gcm',
  'esp-gmac',
  'esp-null',
  'esp-seal',
  'esp-md5-hmac',
  'esp-sha-hmac',
  'esp-sha256-hmac',
  'esp-sha384-hmac',
  'esp-sha512-hmac',
  'comp-lzs',
]);
/** Transforms that take a key size word. */
const SIZED = new Set(['esp-aes', 'esp-gcm', 'esp-gmac']);
const KEY_SIZES = new Set(['128', '192', '256']);

/** The sub-mode of a transform set block. */
export class TransformSetMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly set: Writable<TransformSet>,
  ) {}

  claims(words: readonly string[]): boolean {
    return words[0] === 'mode';
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const w = line.words;
    if (w[0] === 'mode') {
      if (w[1] === 'tunnel' && w.length === 2) this.set.mode = 'tunnel';
      else if (w[1] === 'transport' && w.length === 2) this.set.mode = 'transport';
      else if (w[1] === 'transport' && w[2] === 'require' && w.length === 3) this.set.mode = 'transport require';
      else
        ctx.sink.error(
          'UNKNOWN_SUBCOMMAND',
          line.line,
          `transform set ${this.set.name}: unknown mode "${w.slice(1).join(' ')}"; line skipped`,
        );
      return;
    }
    if (w[0] === 'exit') return;
    ctx.sink.warning(
      'UNKNOWN_SUBCOMMAND',
      line.line,
      `transform set ${this.set.name}: "${w[0]}" is not modelled; ignored`,
    );
  }
}

function startTransformSet(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const name = w[3];
  if (name === undefined || w[4] === undefined) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, 'crypto ipsec transform-set needs a name and at least one transform');
    return undefined;
  }
  const transforms: string[] = [];
  for (let i = 4; i < w.length; i++) {
    const word = w[i]!;
    if (!TRANSFORMS.has(word)) {
      ctx.sink.error(
        'UNKNOWN_ALGORITHM',
        line.line,
        `transform set ${name}: unknown transform "${word}"; transform set skipped`,
      );
      return undefined;
    }
    const size = w[i + 1];
    if (SIZED.has(word) && size !== undefined && KEY_SIZES.has(size)) {
      transforms.push(`${word} ${size}`);
      i++;
    } else {
      transforms.push(word);
    }
  }
  // Re-defining a transform set replaces its transforms, as on IOS; the mode is kept.
  let set = ctx.draft.transformSets.get(name);
  if (set === undefined) {
    set = { name, transforms, loc: ctx.draft.loc(line.line) };
    ctx.draft.transformSets.set(name, set);
  } else {
    set.transforms = transforms;
  }
  return new TransformSetMode(line.indent, set);
}

/** Any `crypto ipsec ...` global line. */
export function readCryptoIpsec(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  switch (line.words[2]) {
    case 'transform-set':
      return startTransformSet(line, ctx);
    case 'profile':
      return startIpsecProfile(line, ctx);
    case 'client':
      return notModelled(line, ctx, 'crypto ipsec client (Easy VPN)');
    case 'nat-transparency':
      // docs/ios-semantics.md#nat-traversal: the default, typed out (`no` turns it off).
      if (line.words[3] === 'udp-encapsulation' && line.words.length === 4) {
        ctx.draft.natTraversalDisabled = undefined;
        return undefined;
      }
      return keepExtra(line, ctx);
    default:
      return keepExtra(line, ctx);
  }
}
