/**
 * What the fixups of one router share: the input and pattern configs, the expressions that name
 * the pattern's constructs in the generated code, and where statements, problems and the
 * environment variables of secrets go.
 */
import type { Platform, RouterConfig } from '../ir/router-config.js';
import { hasSecret } from '../ir/secrets.js';
import { code, type Value } from './code-format.js';
import { identifier } from './names.js';

/** A group of generated statements, with the comment that says why. */
export interface Fix {
  readonly comment?: string;
  readonly lines: readonly string[];
}

/** A secret the generated code reads from the environment (a key, or a line with a password). */
export interface SecretVariable {
  readonly variable: string;
  readonly value: string;
  /** What it holds, for the operator (`key of Hub/Spoke1`, `line 7 of spoke1.cfg`). */
  readonly holds: string;
  /** A pre-shared key, or a whole configuration line. */
  readonly kind: 'key' | 'line';
}

/** Expressions naming the pattern's constructs of a router. */
export interface Handles {
  /** The Router (`hub.router`, `spoke1.router`, or an L1 router's variable). */
  readonly router: string;
  /** Interface name -> expression. */
  readonly interfaces: ReadonlyMap<string, string>;
  /** ACL name -> expression. */
  readonly acls: ReadonlyMap<string, string>;
  /** The pattern's ISAKMP policy. @default - none */
  readonly policy?: string;
  /** The pattern's crypto map: its name and expression. @default - none */
  readonly cryptoMap?: { readonly name: string; readonly expr: string };
  /** Entry sequence number -> expression. */
  readonly entries: ReadonlyMap<number, string>;
}

/** Shared by every router of one import. */
export interface ImportState {
  readonly problems: string[];
  readonly secrets: SecretVariable[];
  /** Variables used in the generated function. */
  readonly variables: Set<string>;
  /** The import re-keys: key values are not compared. */
  readonly rekey: boolean;
}

/** One router's fixup context. */
export interface RouterContext {
  readonly hostname: string;
  readonly file: string;
  readonly text: string;
  readonly platform: Platform;
  readonly input: RouterConfig;
  readonly pattern: RouterConfig;
  readonly handles: Handles;
  readonly fixes: Fix[];
  readonly state: ImportState;
  /** Construct ids created under the router. */
  readonly ids: Set<string>;
}

/** A construct id not yet used under the router. */
export function freshId(ctx: RouterContext, base: string): string {
  let id = base.replace(/\//g, '-');
  for (let n = 2; ctx.ids.has(id); n++) id = `${base.replace(/\//g, '-')}-${n}`;
  ctx.ids.add(id);
  return id;
}

/** A code variable not yet used in the generated function. */
export function freshVariable(ctx: RouterContext, base: string): string {
  let v = base;
  for (let n = 2; ctx.state.variables.has(v); n++) v = `${base}${n}`;
  ctx.state.variables.add(v);
  return v;
}

/** `file:line` of an element of the input. */
export function at(ctx: RouterContext, line: number | undefined): string {
  return line === undefined ? ctx.file : `${ctx.file}:${line}`;
}

/** Records a secret and returns the name of its variable. */
export function secretVariable(ctx: RouterContext, value: string, holds: string, kind: 'key' | 'line'): string {
  const base = `HUBSPOKE_${kind === 'key' ? 'PSK' : 'SECRET'}_${identifier(ctx.hostname).toUpperCase()}`;
  let variable = base;
  const taken = (v: string) => ctx.state.secrets.some((s) => s.variable === v);
  for (let n = 1; taken(variable) || variable === base; n++) variable = `${base}_${n}`;
  ctx.state.secrets.push({ variable, value, holds, kind });
  return variable;
}

/**
 * Lines as values for `addLine`: a line that holds a secret (a password, a community, a key) is
 * read from an environment variable instead (`secretLine(env, 'VAR')` in the generated code).
 * `lineNumbers` are their 1-based lines in the input, for the operator's list of variables.
 */
export function lineValues(
  ctx: RouterContext,
  lines: readonly string[],
  lineNumbers: readonly (number | undefined)[] = [],
  section?: string,
): Value[] {
  let top = section;
  return lines.map((line, i) => {
    const indented = /^\s/.test(line);
    const sec = indented ? top : section;
    if (!indented && section === undefined) top = line;
    if (!hasSecret(line, sec !== undefined ? { section: sec } : {})) return line;
    const n = lineNumbers[i];
    const where = n !== undefined ? `line ${n} of ${ctx.file}` : `a line of ${ctx.file}`;
    return code(`secretLine(env, '${secretVariable(ctx, line, where, 'line')}')`);
  });
}

/** The input's lines `line` (1-based) and the indented ones that follow it. */
export function originalBlock(ctx: RouterContext, line: number): string[] {
  const all = ctx.text.split(/\r?\n/);
  const out = [all[line - 1] ?? ''];
  for (let i = line; i < all.length && /^\s+\S/.test(all[i]!); i++) out.push(all[i]!);
  return out;
}
