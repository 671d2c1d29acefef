/**
 * Splits configuration text into command lines: LF, CRLF and CR-only endings, over-long lines,
 * terminal pager residue, `show running-config` preambles, `!` comments and banner bodies are dealt with here so
 * the section readers only ever see one clean command at a time.
 */
import type { DiagnosticSink } from './diagnostics.js';

/** Lines longer than this are skipped unread (no IOS command comes close). */
export const MAX_LINE_LENGTH = 4096;

/** One command line of a configuration. */
export interface ConfigLine {
  /** 1-based line number in the input. */
  readonly line: number;
  /** The line without trailing whitespace, with its indentation. */
  readonly text: string;
  /** Number of leading whitespace characters. */
  readonly indent: number;
  /** Whitespace-separated words (at least one). */
  readonly words: readonly string[];
  /** True for banner lines, which are kept verbatim and never interpreted. */
  readonly verbatim: boolean;
}

const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const PROMPT = /^[A-Za-z0-9._-]{1,64}[#>] ?(sh|show|more|term|terminal|wr|write)\b/;
const BANNER_TYPES = new Set(['motd', 'login', 'exec', 'incoming', 'slip-ppp', 'prompt-timeout', 'config-save']);

/** Replays backspaces the way a terminal does (cursor left, then overwrite), as pagers rely on. */
function replayBackspaces(text: string): string {
  const out: string[] = [];
  let cursor = 0;
  for (const ch of text) {
    if (ch === '\b') {
      if (cursor > 0) cursor--;
    } else {
      out[cursor] = ch;
      cursor++;
    }
  }
  return out.join('');
}

/** The closing delimiter of a banner whose first line is `words`/`text`, and whether it closes there. */
function bannerDelimiter(text: string, words: readonly string[]): { delimiter: string; closed: boolean } | undefined {
  const typed = words[1] !== undefined && BANNER_TYPES.has(words[1]);
  const keywordEnd = text.indexOf(typed ? words[1]! : 'banner') + (typed ? words[1]!.length : 'banner'.length);
  let rest = text.slice(keywordEnd).trimStart();
  if (rest.length === 0) return undefined;
  // `show running-config` prints the Ctrl-C delimiter as the two characters `^C`.
  const delimiter = rest.startsWith('^C') ? '^C' : rest[0]!;
  rest = rest.slice(delimiter.length);
  return { delimiter, closed: rest.includes(delimiter) };
}

/** Removes carriage returns and terminal pager residue; reports the residue once per file. */
function withoutTerminalResidue(
  text: string,
  lineNo: number,
  sink: DiagnosticSink,
  pager: { reported: boolean },
): string {
  if (text.includes('\r')) text = text.replace(/\r/g, '');
  if (text.includes('\b') || text.includes('--More--')) {
    if (text.includes('\b')) text = replayBackspaces(text);
    if (text.includes('--More--')) text = text.replace(/ ?--More-- ?/g, '');
    if (!pager.reported) {
      sink.info('PAGER_JUNK', lineNo, 'terminal pager residue (--More--) removed');
      pager.reported = true;
    }
  }
  return text;
}

/** Lines that `show running-config` and the terminal print around the configuration. */
function isPreamble(trimmed: string): boolean {
  return (
    trimmed.startsWith('Building configuration') || trimmed.startsWith('Current configuration') || PROMPT.test(trimmed)
  );
}

/**
 * Calls `visit` for every command line of `text`, in order. `visit` returns `false` to stop.
 */
export function forEachLine(text: string, sink: DiagnosticSink, visit: (line: ConfigLine) => boolean): void {
  // Classic Mac OS files and some terminal captures end lines with CR alone; split on it, or the
  // whole file is one over-long unknown line. With line feeds present, a stray CR is removed below.
  const rawLines = text.includes('\n') || !text.includes('\r') ? text.split('\n') : text.split('\r');
  let bannerEnd: string | undefined;
  let bannerLine = 0;
  const pager = { reported: false };
  for (let i = 0; i < rawLines.length; i++) {
    const lineNo = i + 1;
    let text = rawLines[i]!;
    if (text.length > MAX_LINE_LENGTH) {
      sink.error(
        'LINE_TOO_LONG',
        lineNo,
        `line ${lineNo} has ${text.length} characters (limit ${MAX_LINE_LENGTH}); skipped`,
      );
      continue;
    }
    text = withoutTerminalResidue(text, lineNo, sink, pager).trimEnd();
    if (bannerEnd !== undefined) {
      if (text.includes(bannerEnd)) bannerEnd = undefined;
      if (!visit({ line: lineNo, text, indent: 0, words: [text], verbatim: true })) return;
      continue;
    }
    const trimmed = text.trimStart();
    if (trimmed.length === 0 || trimmed.charCodeAt(0) === 33 /* ! */) continue;
    if (CONTROL.test(trimmed)) {
      sink.error('CONTROL_CHARACTERS', lineNo, `line ${lineNo} holds control characters; skipped`);
      continue;
    }
    if (isPreamble(trimmed)) continue;
    const words = trimmed.split(/\s+/);
    const line: ConfigLine = {
      line: lineNo,
      text,
      indent: text.length - trimmed.length,
      words,
      verbatim: words[0] === 'banner',
    };
    if (line.verbatim) {
      const banner = bannerDelimiter(trimmed, words);
      if (banner && !banner.closed) {
        bannerEnd = banner.delimiter;
        bannerLine = lineNo;
      }
    }
    if (!visit(line)) return;
  }
  if (bannerEnd !== undefined) {
    sink.error(
      'UNTERMINATED_BANNER',
      bannerLine,
      `banner at line ${bannerLine} is never closed with ${bannerEnd}; the rest of the file was read as its body`,
    );
  }
}
