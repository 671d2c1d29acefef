/**
 * The network being repaired, as text: every repair is a line edit of the configuration files, so
 * the repaired network is re-parsed and re-proven exactly as `hubspoke verify` would read the files
 * the operator gets. Two aligned copies per file: the text shown to the operator (key placeholders)
 * and the text the proof reads (the key the peer already holds in place of each placeholder, or
 * one in-memory key shared by both placeholders of a pair), so a missing key never stops the proof
 * and no key is ever invented in the output.
 */
import { parseConfig, type ParsedFile } from '../parse/index.js';

/** One line edit. `at` is 1-based: the line replaced or deleted, or the line inserted after (0: top). */
export interface LineEdit {
  readonly file: string;
  readonly op: 'replace' | 'insert' | 'delete';
  readonly at: number;
  /** The lines written (shown to the operator). */
  readonly lines: readonly string[];
  /** The same lines as the proof reads them (keys in place of placeholders). @default - `lines` */
  readonly proofLines?: readonly string[];
}

/** The texts of a network under repair. */
export class Draft {
  private readonly shown = new Map<string, string[]>();
  private readonly proof = new Map<string, string[]>();
  private parsedCache: ParsedFile[] | undefined;

  constructor(inputs: readonly { readonly file: string; readonly text: string }[]) {
    for (const f of inputs) {
      const lines = f.text.replace(/\r\n/g, '\n').split('\n');
      this.shown.set(f.file, lines);
      this.proof.set(f.file, lines.slice());
    }
  }

  /** A copy (edits to it leave this one alone). */
  clone(): Draft {
    const d = new Draft([]);
    for (const [f, l] of this.shown) d.shown.set(f, l.slice());
    for (const [f, l] of this.proof) d.proof.set(f, l.slice());
    return d;
  }

  get files(): string[] {
    return [...this.shown.keys()];
  }

  /** The shown lines of a file (do not change them). */
  lines(file: string): readonly string[] {
    return this.shown.get(file) ?? [];
  }

  /** The shown text of a file. */
  text(file: string): string {
    return this.lines(file).join('\n');
  }

  /** The text the proof reads. */
  proofText(file: string): string {
    return (this.proof.get(file) ?? []).join('\n');
  }

  /** Every file parsed from its proof text (cached until the next edit). */
  parsed(): ParsedFile[] {
    this.parsedCache ??= this.files.map((file) => ({ ...parseConfig(this.proofText(file), { file }), file }));
    return this.parsedCache;
  }

  /** Applies edits (line numbers of the current text); edits of one line after the first are ignored. */
  apply(edits: readonly LineEdit[]): void {
    const byFile = new Map<string, LineEdit[]>();
    for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
    for (const [file, list] of byFile) {
      this.shown.set(file, applyToLines(this.shown.get(file)!, list, false));
      this.proof.set(file, applyToLines(this.proof.get(file)!, list, true));
    }
    this.parsedCache = undefined;
  }
}

function applyToLines(input: readonly string[], edits: readonly LineEdit[], proof: boolean): string[] {
  let lines = input.slice();
  // Bottom-up, so earlier line numbers stay valid; inserts after one line keep their order.
  const at = [...new Set(edits.map((e) => e.at))].sort((a, b) => b - a);
  for (const n of at) {
    const here = edits.filter((e) => e.at === n);
    const inserted = here
      .filter((e) => e.op === 'insert')
      .flatMap((e) => (proof ? (e.proofLines ?? e.lines) : e.lines));
    const change = here.find((e) => e.op !== 'insert');
    if (inserted.length > 0) lines = [...lines.slice(0, n), ...inserted, ...lines.slice(n)];
    if (change && n >= 1) {
      const by = change.op === 'delete' ? [] : proof ? (change.proofLines ?? change.lines) : change.lines;
      lines = [...lines.slice(0, n - 1), ...by, ...lines.slice(n)];
    }
  }
  return lines;
}

/** 1-based line after which global lines are appended: before a final `end`, else the last line. */
export function globalAnchor(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const t = lines[i]!.trim();
    if (t === 'end') return i;
    if (t !== '' && t !== '!') return i + 1;
  }
  return lines.length;
}

/** 1-based last line of the block a header line opens (its indented sub-mode lines). */
export function blockEnd(lines: readonly string[], header: number): number {
  let last = header;
  for (let i = header; i < lines.length; i += 1) {
    if (/^\s+\S/.test(lines[i]!)) last = i + 1;
    else break;
  }
  return last;
}

/** 1-based number of the last line matching `re`, or undefined. */
export function lastMatching(lines: readonly string[], re: RegExp): number | undefined {
  for (let i = lines.length - 1; i >= 0; i -= 1) if (re.test(lines[i]!)) return i + 1;
  return undefined;
}

/** 1-based number of the first line in a block (after `header`) matching `re`, or undefined. */
export function inBlock(lines: readonly string[], header: number, re: RegExp): number | undefined {
  const end = blockEnd(lines, header);
  for (let n = header + 1; n <= end; n += 1) if (re.test(lines[n - 1]!)) return n;
  return undefined;
}
