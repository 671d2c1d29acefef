/**
 * Removes provenance (`loc` set by the parser, `origin` set by constructs) from an IR value, so two
 * IRs can be compared for what they configure rather than where it came from.
 */

/** A deep copy of `value` without any `loc` or `origin` property. */
export function stripProvenance<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'loc' || k === 'origin' || v === undefined) continue;
    out[k] = strip(v);
  }
  return out;
}
