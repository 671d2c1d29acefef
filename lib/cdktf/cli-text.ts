/**
 * Turns a rendered router configuration into the `cli` argument of an `iosxe_cli` resource.
 *
 * The provider sends the text as configuration-mode commands (`config-ios-cli-trans`), so lines
 * that are not configuration commands go: `!` comment lines and blank lines, the top-level
 * `version` line (read-only on the device) and `end` (it would leave configuration mode).
 * Everything else is kept in order, with its indentation (IOS changes mode by command, not by
 * indentation, and the indentation keeps the text readable in `terraform plan`).
 *
 * Terraform evaluates `${...}` and `%{...}` inside every string of the JSON configuration, so the
 * configuration's own text is escaped (`$${`, `%%{`) before the key placeholders are replaced by
 * variable references, which must stay live.
 */
import { KEY_FINGERPRINT_PREFIX } from './key-fingerprint.js';

const FINGERPRINT = /hs-fp-[0-9a-f]{32}/g;

/**
 * The configuration-mode lines of `rendered`, with each key fingerprint replaced by its entry in
 * `substitutions` (typically a Terraform variable reference). A fingerprint without an entry is an
 * error: sending it would configure the fingerprint itself as the router's key.
 */
export function toIosxeCli(rendered: string, substitutions: ReadonlyMap<string, string>, hostname: string): string {
  const out: string[] = [];
  for (const raw of rendered.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('!')) continue;
    if (line === trimmed && (line === 'end' || line.startsWith('version '))) continue;
    out.push(escapeTemplate(line));
  }
  return substituteKeys(out.join('\n').concat('\n'), substitutions, hostname);
}

/**
 * `text` (already escaped) with every key fingerprint replaced by its entry in `substitutions`; a
 * fingerprint without an entry is an error.
 */
function substituteKeys(text: string, substitutions: ReadonlyMap<string, string>, hostname: string): string {
  return text.replace(FINGERPRINT, (fp) => {
    const ref = substitutions.get(fp);
    if (ref === undefined) {
      throw new Error(
        `hubspoke/cdktf: ${hostname}: a pre-shared key placeholder (${KEY_FINGERPRINT_PREFIX}...) has no Terraform variable; ` +
          'refusing to deploy a placeholder as a key.',
      );
    }
    return ref;
  });
}

/**
 * The attributes of a typed resource ready for Terraform JSON: every string escaped (as the `cli`
 * text is) and its key fingerprints replaced by their variable references, at any depth.
 */
export function toTypedAttributes(
  value: Readonly<Record<string, unknown>>,
  substitutions: ReadonlyMap<string, string>,
  hostname: string,
): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return substituteKeys(escapeTemplate(v), substitutions, hostname);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as Record<string, unknown>;
}

/** Escapes Terraform template sequences so the text reaches the device literally. */
export function escapeTemplate(text: string): string {
  // Function replacers: in a replacement string `$$` would collapse to `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
