/**
 * What every section reader gets: the draft being filled, the diagnostics sink, and the shape of
 * a configuration sub-mode (interface, policy, crypto map entry, ...).
 */
import type { ConfigDraft } from './config-draft.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { ConfigLine } from './line-reader.js';

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

/** Keeps the lines under an unmodelled block header verbatim as global extra lines. */
export class VerbatimBlock implements SubMode {
  constructor(readonly indent: number) {}

  claims(): boolean {
    return false;
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    ctx.draft.extraLines.push({ text: line.text, loc: ctx.draft.loc(line.line) });
  }
}

/** Keeps a top-level line as a global extra line and opens a verbatim block for its children. */
export function keepExtra(line: ConfigLine, ctx: ParseContext): SubMode {
  ctx.draft.extraLines.push({ text: line.text.trimStart(), loc: ctx.draft.loc(line.line) });
  return new VerbatimBlock(line.indent);
}

/** Records a NOT_MODELLED warning and keeps the line (and its block) as extra lines. */
export function notModelled(line: ConfigLine, ctx: ParseContext, what: string): SubMode {
  ctx.sink.warning('NOT_MODELLED', line.line, `${what} is not modelled: hubspoke ignores it, but it can change IPsec or routing behaviour`);
  return keepExtra(line, ctx);
}

/** Text after the first `count` words of a line, single-spaced (descriptions, remarks). */
export function restOfLine(words: readonly string[], count: number): string {
  return words.slice(count).join(' ');
}
