/**
 * Diffs the sub-mode lines of one block (an interface, an ISAKMP policy, a crypto map entry, a
 * transform set) as the renderer prints them, so the plan speaks exactly the renderer's dialect.
 *
 * IOS sub-mode lines are of two kinds: single-valued settings, where entering a new value replaces
 * the old one (`match address 120` replaces `match address 110`) and `no KEYWORD` resets the
 * default; and list items, which are added and removed one by one (`ip address ... secondary`,
 * unmodelled lines).
 */
import { LineWriter } from '../render/line-writer.js';
import { negate } from './plan-step.js';
import { storedForm } from './stored-form.js';

/** How one sub-mode line behaves. */
export interface Slot {
  /** Lines with the same key replace each other (single-valued); list items use the line itself. */
  readonly key: string;
  readonly multi: boolean;
  /** Command that removes a single-valued setting. @default - the negated line */
  readonly remove?: string;
}

/** Classifies a sub-mode line (without its leading space). */
export type SlotOf = (line: string) => Slot;

/** A rendered block: its header (the command entering the sub-mode) and its sub-mode lines. */
export interface RenderedBlock {
  readonly header: string;
  readonly lines: readonly string[];
}

/** Renders through one of the renderer's section functions and splits the result into blocks. */
export function renderBlocks(write: (out: LineWriter) => void): RenderedBlock[] {
  const out = new LineWriter();
  write(out);
  const text = out.finish().text;
  const blocks: Array<{ header: string; lines: string[] }> = [];
  for (const raw of text.split('\n')) {
    // Unmodelled lines are rendered as they were read; compare them as IOS stores them.
    const line = storedForm(raw);
    if (line === '' || line === '!') continue;
    if (line.startsWith(' ')) blocks[blocks.length - 1]?.lines.push(line.slice(1));
    else blocks.push({ header: line, lines: [] });
  }
  return blocks;
}

/**
 * Sub-mode commands that take `oldLines` to `newLines`: new and changed settings and added list
 * items first, then resets and removed items (make before break).
 */
export function diffSubLines(oldLines: readonly string[], newLines: readonly string[], slotOf: SlotOf): string[] {
  const oldSingles = new Map<string, string>();
  const oldItems = new Set<string>();
  for (const line of oldLines) {
    const slot = slotOf(line);
    if (slot.multi) oldItems.add(line);
    else oldSingles.set(slot.key, line);
  }
  const adds: string[] = [];
  const removes: string[] = [];
  const newKeys = new Set<string>();
  const newItems = new Set<string>();
  for (const line of newLines) {
    const slot = slotOf(line);
    if (slot.multi) {
      newItems.add(line);
      if (!oldItems.has(line)) adds.push(line);
    } else {
      newKeys.add(slot.key);
      if (oldSingles.get(slot.key) !== line) adds.push(line);
    }
  }
  for (const line of oldLines) {
    const slot = slotOf(line);
    if (slot.multi) {
      if (!newItems.has(line)) removes.push(negate(line));
    } else if (!newKeys.has(slot.key)) {
      removes.push(slot.remove ?? negate(line));
    }
  }
  return [...adds, ...removes];
}
