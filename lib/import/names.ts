/** Names in generated code: TypeScript variables and construct ids from hostnames. */

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await'.split(
    ' ',
  ),
);

/** A hostname as an identifier fragment: letters and digits, words joined in camel case. */
export function identifier(hostname: string): string {
  const words = hostname.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
}

/** A unique variable name for a router (`branch-01` -> `branch01`), recorded in `used`. */
export function variableName(hostname: string, used: Set<string>): string {
  let base = identifier(hostname);
  base = base === '' ? 'router' : base[0]!.toLowerCase() + base.slice(1);
  if (/^\d/.test(base) || RESERVED.has(base)) base = `r${base[0]!.toUpperCase()}${base.slice(1)}`;
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}${n}`;
  used.add(name);
  return name;
}

/** A construct id for a hostname (ids cannot hold `/`). */
export function constructId(hostname: string): string {
  return hostname.replace(/\//g, '-');
}
