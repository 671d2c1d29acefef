/**
 * Memoization on object identity, and the contract that makes it correct.
 *
 * The rules and the proof compile what they read once per object: a router's routing table, an
 * access list's boxes, a crypto map's entries, a key index, the effective policies and transform
 * sets. A hub of 5,000 spokes is asked the same questions millions of times, so the answers are
 * kept in `IdentityCache`s keyed by the IR object itself (weakly: a config that is no longer used
 * takes its compiled forms with it).
 *
 * The contract: an IR object (a `RouterConfig` and everything reachable from it) is never changed
 * once it has been handed to a rule, the emulator or the verifier. Code that needs a different
 * configuration builds a new object (`{ ...config, staticRoutes: [...] }`); the cache then sees a
 * new key. Changing an object in place would leave every cached answer about it stale, and a
 * stale answer is a wrong proof.
 *
 * The contract is enforced in tests: with `HUBSPOKE_FREEZE_IR=1` (set by the vitest setup file)
 * the parser deep-freezes every configuration it returns, so a write to parsed IR throws in the
 * test that makes it. Production code does not pay for freezing.
 */

/** A memo from objects to values computed from them, valid while the objects are not changed. */
export class IdentityCache<K extends object, V> {
  private readonly map = new WeakMap<K, V>();

  /** The value for `key`, computed by `compute` on first request and kept while `key` lives. */
  get(key: K, compute: (key: K) => V): V {
    let value = this.map.get(key);
    if (value === undefined && !this.map.has(key)) {
      value = compute(key);
      this.map.set(key, value);
    }
    return value as V;
  }
}

/** True when IR objects are to be frozen as they are made (the test setup asks for it). */
export function freezeRequested(): boolean {
  return typeof process !== 'undefined' && process.env.HUBSPOKE_FREEZE_IR === '1';
}

/** Freezes `value` and every object reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null || Object.isFrozen(next)) continue;
    Object.freeze(next);
    for (const key of Object.keys(next)) pending.push((next as Record<string, unknown>)[key]);
  }
  return value;
}
