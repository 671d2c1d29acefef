/**
 * What every section reader gets: the draft being filled, the diagnostics sink, and the shape of
 * a configuration sub-mode (interface, policy, crypto map entry, ...).
 */
import type { ConfigDraft } from './config-draft.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { ConfigLine } from './line-reader.js';
import { redactLine } from '../ir/secrets.js';
import { blockLines, lineRule, unreadLineClass } from './line-classes.js';
import type { BlockLines, LineScope } from './line-rule.js';

/** Shared state of one parse. */
export interface ParseContext {
  readonly draft: ConfigDraft;
  readonly sink: DiagnosticSink;
}

/**
 * A configuration sub-mode entered by a block header. A line belongs to the mode when it is
 * indented deeper than the header, or, in flattened configs (commands as typed, without
 * indentation), when it is recognisably one of the mode's sub-commands.
 */
export interface SubMode {
  /** Indentation of the header line. */
  readonly indent: number;
  /** True when an unindented line with these words is a sub-command of this mode. */
  claims(words: readonly string[]): boolean;
  /** Reads one line of the mode. */
  handle(line: ConfigLine, ctx: ParseContext): void;
}

/**
 * Keeps the lines under an unmodelled block header verbatim as global extra lines. What those
 * lines are comes from the header's row in the line table (`line-classes.ts`): under an inert
 * definition they are inert, under a relevant header the header's warning speaks for them, and a
 * few blocks (control-plane) classify each line.
 */
export class VerbatimBlock implements SubMode {
  private readonly claimed: ReadonlySet<string>;

  constructor(
    readonly indent: number,
    private readonly lines: BlockLines = 'under-relevant',
    claims: readonly string[] = [],
  ) {
    this.claimed = new Set(claims);
  }

  claims(words: readonly string[]): boolean {
    return words[0] !== undefined && this.claimed.has(words[0]);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    if (
      this.lines !== 'inert' &&
      this.lines !== 'under-relevant' &&
      unreadLineClass(this.lines, line.words) === 'relevant'
    ) {
      warnNotModelled(line, ctx, describeLine(this.lines, line.words));
    }
    ctx.draft.extraLines.push({ text: line.text, loc: ctx.draft.loc(line.line) });
  }
}

/** The NOT_MODELLED wording for a line: its row's reason, or that no row declares it harmless. */
export function describeLine(scope: LineScope, words: readonly string[]): string {
  const rule = lineRule(scope, words);
  // Never a secret in a message: the words are masked by the secret grammar first.
  const head = redactLine(words.join(' ')).split(' ').slice(0, 3).join(' ');
  if (rule === undefined || rule.class !== 'relevant') return `"${head}" (not known to be harmless to VPN traffic)`;
  return `"${head}" (${rule.why})`;
}

function warnNotModelled(line: ConfigLine, ctx: ParseContext, what: string): void {
  ctx.sink.warning(
    'NOT_MODELLED',
    line.line,
    `${what} is not modelled: hubspoke ignores it, but it can change IPsec or routing behaviour`,
  );
}

function keep(line: ConfigLine, ctx: ParseContext, lines: BlockLines, claims?: readonly string[]): SubMode {
  ctx.draft.extraLines.push({ text: line.text.trimStart(), loc: ctx.draft.loc(line.line) });
  return new VerbatimBlock(line.indent, lines, claims);
}

/**
 * Keeps a top-level line the readers did not read as a global extra line, and opens a verbatim
 * block for its children. The line table decides: an inert line is kept silently, anything else
 * (a relevant line or a command the table does not know) gets a NOT_MODELLED warning.
 */
export function keepExtra(line: ConfigLine, ctx: ParseContext): SubMode {
  if (unreadLineClass('global', line.words) === 'relevant') {
    warnNotModelled(line, ctx, describeLine('global', line.words));
    return keep(line, ctx, 'under-relevant');
  }
  const rule = lineRule('global', line.words);
  return keep(line, ctx, blockLines(line.words), rule?.claims);
}

/** Records a NOT_MODELLED warning and keeps the line (and its block) as extra lines. */
export function notModelled(line: ConfigLine, ctx: ParseContext, what: string): SubMode {
  warnNotModelled(line, ctx, what);
  return keep(line, ctx, 'under-relevant');
}

/** Text after the first `count` words of a line, single-spaced (descriptions, remarks). */
export function restOfLine(words: readonly string[], count: number): string {
  return words.slice(count).join(' ');
}
