/**
 * Writes TypeScript source the way prettier (printWidth 120, single quotes, trailing commas)
 * prints it, for the small set of shapes the import emits: literals, calls whose last argument is
 * a literal, `const` declarations. The import's tests check the output against prettier itself.
 */

/** Width of a line. */
export const PRINT_WIDTH = 120;

/** An expression written as it is (`hub`, `PreSharedKey.fromEnv('X')`). */
export interface Code {
  readonly code: string;
}

/** An object literal written over several lines even when it would fit on one (prettier keeps that). */
export interface Expanded {
  readonly expanded: Readonly<Record<string, Value>>;
}

/** A value the writer prints. */
export type Value =
  string | number | boolean | Code | Expanded | readonly Value[] | { readonly [key: string]: Value | undefined };

/** An expression. */
export function code(text: string): Code {
  return { code: text };
}

/** An object literal that stays expanded. */
export function expanded(value: Readonly<Record<string, Value | undefined>>): Expanded {
  return { expanded: defined(value) };
}

function defined(value: Readonly<Record<string, Value | undefined>>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out;
}

function isCode(v: Value): v is Code {
  return typeof v === 'object' && !Array.isArray(v) && 'code' in v && typeof (v as Code).code === 'string';
}

function isExpanded(v: Value): v is Expanded {
  return typeof v === 'object' && !Array.isArray(v) && 'expanded' in v && typeof (v as Expanded).expanded === 'object';
}

/** A string literal as prettier quotes it (single quotes unless the text holds more of them). */
export function quote(text: string): string {
  const singles = (text.match(/'/g) ?? []).length;
  const doubles = (text.match(/"/g) ?? []).length;
  const q = singles > doubles ? '"' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`);
  return `${q}${escaped}${q}`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function keyText(key: string): string {
  return IDENTIFIER.test(key) ? key : quote(key);
}

function entriesOf(v: Value): [string, Value][] | undefined {
  if (typeof v !== 'object' || Array.isArray(v) || isCode(v)) return undefined;
  if (isExpanded(v)) return Object.entries(v.expanded);
  return Object.entries(defined(v as Record<string, Value | undefined>));
}

/** Prettier breaks an array of two or more objects (or arrays) that each have more than one element. */
function mustBreakArray(items: readonly Value[]): boolean {
  if (items.length < 2) return false;
  return items.every((x) => {
    if (Array.isArray(x)) return x.length > 1;
    const e = entriesOf(x as Value);
    return e !== undefined && e.length > 1;
  });
}

/** The value on one line, or undefined when it has to break. */
function flat(v: Value): string | undefined {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isCode(v)) return v.code;
  if (Array.isArray(v)) {
    if (mustBreakArray(v)) return undefined;
    const parts = v.map(flat);
    return parts.some((p) => p === undefined) ? undefined : `[${parts.join(', ')}]`;
  }
  if (isExpanded(v)) return undefined;
  const entries = entriesOf(v as Value)!;
  if (entries.length === 0) return '{}';
  const parts = entries.map(([k, x]) => {
    if (isCode(x) && x.code === k) return k;
    const f = flat(x);
    return f === undefined ? undefined : `${keyText(k)}: ${f}`;
  });
  return parts.some((p) => p === undefined) ? undefined : `{ ${parts.join(', ')} }`;
}

/**
 * The value as it would be printed at `indent` spaces, after `prefix` characters on its first
 * line and before `suffix` characters on its last.
 */
export function formatValue(v: Value, indent: number, prefix: number, suffix: number): string {
  const one = flat(v);
  if (one !== undefined && indent + prefix + one.length + suffix <= PRINT_WIDTH) return one;
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(v)) {
    const lines = v.map((x) => `${pad}${formatValue(x, indent + 2, 0, 1)},`);
    return `[\n${lines.join('\n')}\n${' '.repeat(indent)}]`;
  }
  const entries = entriesOf(v);
  if (entries === undefined) return one ?? '';
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, x]) => {
    if (isCode(x) && x.code === k) return `${pad}${k},`;
    const key = `${keyText(k)}: `;
    return `${pad}${key}${formatValue(x, indent + 2, key.length, 1)},`;
  });
  return `{\n${lines.join('\n')}\n${' '.repeat(indent)}}`;
}

/**
 * A call statement `callee(args);` at `indent`: on one line when it fits, else with its last
 * argument (an object or array) hugged, else one argument per line.
 */
export function callStatement(callee: string, args: readonly Value[], indent = 2, terminator = ';'): string {
  const pad = ' '.repeat(indent);
  const flats = args.map(flat);
  if (flats.every((f) => f !== undefined)) {
    const line = `${pad}${callee}(${flats.join(', ')})${terminator}`;
    if (line.length <= PRINT_WIDTH) return line;
  }
  const last = args[args.length - 1];
  const head = flats.slice(0, -1);
  const huggable =
    last !== undefined && typeof last === 'object' && !isCode(last) && head.every((f) => f !== undefined);
  if (huggable) {
    const prefix = `${callee}(${head.map((h) => `${h}, `).join('')}`;
    const body = formatValue(last, indent, prefix.length, 1 + terminator.length);
    if (body.includes('\n') || `${pad}${prefix}${body})${terminator}`.length <= PRINT_WIDTH)
      return `${pad}${prefix}${body})${terminator}`;
  }
  const inner = ' '.repeat(indent + 2);
  const lines = args.map((a) => `${inner}${formatValue(a, indent + 2, 0, 1)},`);
  return `${pad}${callee}(\n${lines.join('\n')}\n${pad})${terminator}`;
}

/** `const name = callee(args);` (or `new` expressions: pass `new X` as callee). */
export function constStatement(name: string, callee: string, args: readonly Value[], indent = 2): string {
  return callStatement(`const ${name} = ${callee}`, args, indent);
}

/** `// text` comment lines at `indent`, wrapped at the print width. */
export function comment(text: string, indent = 2): string[] {
  const pad = `${' '.repeat(indent)}// `;
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && pad.length + line.length + 1 + word.length > PRINT_WIDTH) {
      out.push(`${pad}${line}`);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(`${pad}${line}`);
  return out;
}
