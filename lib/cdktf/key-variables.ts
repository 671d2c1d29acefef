/**
 * One Terraform variable per distinct pre-shared key, named after the routers that hold it.
 *
 * Keys are grouped by value (through their fingerprints), so the two ends of a tunnel share one
 * variable, and a wildcard key reused on many routers is one variable. The name lists the
 * routers (`<prefix>_psk_Hub_Spoke1`), which is what a user setting `TF_VAR_...` by hand wants to
 * read; a second key on the same set of routers gets `_2`, `_3`. Terraform names allow letters,
 * digits, `_` and `-` and must start with a letter or `_`.
 */

/** Where one distinct key is used. */
export interface KeyUse {
  /** The key's fingerprint (see `keyFingerprint`). */
  readonly fingerprint: string;
  /** Hostnames whose configuration holds the key. */
  readonly hostnames: readonly string[];
}

/** Variable name for every fingerprint, deterministic for a given set of uses. */
export function keyVariableNames(uses: readonly KeyUse[], prefix: string): Map<string, string> {
  const base = (u: KeyUse): string => `${prefix}_psk_${[...new Set(u.hostnames)].sort().map(sanitize).join('_')}`;
  const ordered = [...uses].sort((a, b) => compare(base(a), base(b)) || compare(a.fingerprint, b.fingerprint));
  const taken = new Map<string, number>();
  const names = new Map<string, string>();
  for (const u of ordered) {
    if (names.has(u.fingerprint)) continue;
    const b = base(u);
    const n = (taken.get(b) ?? 0) + 1;
    taken.set(b, n);
    names.set(u.fingerprint, n === 1 ? b : `${b}_${n}`);
  }
  return names;
}

/** A Terraform-safe identifier fragment from a hostname. */
export function sanitize(text: string): string {
  const s = text.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
