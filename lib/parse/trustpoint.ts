/**
 * `crypto pki trustpoint T` (and the older `crypto ca trustpoint T` / `crypto ca identity T`): the
 * certificate authorities certificate authentication (`authentication rsa-sig`) relies on. The
 * block's lines (enrollment, subject name, revocation check) are kept as written: the trust chain
 * is outside the configs, so the proof only needs the trustpoint's name
 * (docs/ios-semantics.md#certificates).
 */
import type { Trustpoint } from '../ir/router-config.js';
import type { TrustpointDraft } from './config-draft.js';
import type { ParseContext, SubMode } from './context.js';
import type { ConfigLine } from './line-reader.js';

/** Trustpoint sub-commands, which a flattened config (commands as typed) gives unindented. */
const TRUSTPOINT_WORDS: ReadonlySet<string> = new Set([
  'enrollment',
  'revocation-check',
  'rsakeypair',
  'subject-name',
  'subject-alt-name',
  'serial-number',
  'ip-address',
  'fqdn',
  'auto-enroll',
  'crl',
  'usage',
  'chain-validation',
  'eku',
  'fingerprint',
  'source',
  'hash',
  'storage',
  'match',
]);

/** The sub-mode of a trustpoint block: every line is kept verbatim. */
class TrustpointMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly trustpoint: TrustpointDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    return words[0] !== undefined && TRUSTPOINT_WORDS.has(words[0]);
  }

  handle(line: ConfigLine): void {
    this.trustpoint.lines.push(line.text.trimStart());
  }
}

const KEYWORDS: ReadonlySet<string> = new Set(['pki trustpoint', 'ca trustpoint', 'ca identity']);

/** True for the header of a trustpoint block (other `crypto pki|ca` lines are inert definitions). */
export function isTrustpointHeader(words: readonly string[]): boolean {
  return words[0] === 'crypto' && KEYWORDS.has(`${words[1]} ${words[2]}`);
}

/** `crypto pki trustpoint T`, `crypto ca trustpoint T` or `crypto ca identity T`. */
export function readTrustpoint(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  const keyword = `${w[1]} ${w[2]}`;
  const name = w[3];
  if (name === undefined || w.length > 4) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, `crypto ${keyword} needs one name`);
    return undefined;
  }
  let tp = ctx.draft.trustpoints.get(name);
  if (tp === undefined) {
    tp = { name, keyword: keyword as Trustpoint['keyword'], lines: [], loc: ctx.draft.loc(line.line) };
    ctx.draft.trustpoints.set(name, tp);
  }
  return new TrustpointMode(line.indent, tp);
}
