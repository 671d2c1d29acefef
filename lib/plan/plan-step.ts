/**
 * Small builders shared by the element planners.
 */
import type { PlanStep, PlanWarning } from './types.js';

/** Steps and warnings produced for one element (or one family of elements). */
export interface ElementPlan {
  readonly steps: PlanStep[];
  readonly warnings: PlanWarning[];
}

/** An empty element plan to fill. */
export function emptyPlan(): ElementPlan {
  return { steps: [], warnings: [] };
}

/**
 * A sub-mode block: the command that enters the mode, its sub-commands indented by one space, and
 * `exit`, so the next global command never lands in the sub-mode by accident.
 */
export function block(header: string, subCommands: readonly string[]): string[] {
  const out = [header];
  for (const c of subCommands) out.push(` ${c}`);
  out.push('exit');
  return out;
}

/**
 * The command that undoes a configuration line: `no X` for `X`, and `X` for `no X` (IOS prints a
 * disabled default-on feature as `no X`, e.g. `no ip route-cache`).
 */
export function negate(line: string): string {
  return line.startsWith('no ') ? line.slice(3) : `no ${line}`;
}

/** An element present in the old config, the new one, or both. */
export interface Paired<T> {
  readonly key: string;
  readonly old?: T;
  readonly new?: T;
}

/**
 * Pairs old and new elements by identity: in the new config's order, then the removed ones in the
 * old config's order (deterministic, and the order a reader expects).
 */
export function pairBy<T>(oldItems: readonly T[], newItems: readonly T[], keyOf: (item: T) => string): Paired<T>[] {
  const oldByKey = new Map<string, T>();
  for (const item of oldItems) oldByKey.set(keyOf(item), item);
  const out: Paired<T>[] = [];
  const seen = new Set<string>();
  for (const item of newItems) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    const old = oldByKey.get(key);
    out.push(old === undefined ? { key, new: item } : { key, old, new: item });
  }
  for (const item of oldItems) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, old: item });
  }
  return out;
}
