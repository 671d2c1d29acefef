/**
 * Loops instead of argument spreading. `out.push(...items)` and `Math.max(...values)` pass every
 * element as a function argument, and V8 overflows the stack somewhere above 100,000 arguments
 * (`hubspoke diff` died at ~120k commands, an emulated `ping ... repeat 130000` in `Math.min`).
 * Every list hubspoke handles can grow with the network or the input, so lib/ never spreads into
 * a call; test/security/no-argument-spread.test.ts keeps it that way.
 */

/** Appends every item to `target` (the bounded-stack form of `target.push(...items)`); returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest value, or `initial` when there is none (or all are smaller). */
export function maxOf(values: Iterable<number>, initial = -Infinity): number {
  let out = initial;
  for (const v of values) if (v > out) out = v;
  return out;
}

/** The smallest value, or `initial` when there is none (or all are larger). */
export function minOf(values: Iterable<number>, initial = Infinity): number {
  let out = initial;
  for (const v of values) if (v < out) out = v;
  return out;
}

/**
 * Orders strings by UTF-16 code units, as `Array.prototype.sort` does without a comparator.
 * `localeCompare` follows the process's locale (ICU collation: `a` < `B` in en, other orders in
 * other locales), so JSON, JUnit and SARIF would differ between machines; output order must not.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
