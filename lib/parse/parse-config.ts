/**
 * IOS text -> IR. Never throws: malformed input becomes diagnostics, and even an internal bug
 * becomes an `INTERNAL` diagnostic with whatever was read up to that point.
 */
import type { Platform, RouterConfig } from '../ir/router-config.js';
import { flagGroupedCryptoAcls } from './acls.js';
import { ConfigDraft } from './config-draft.js';
import type { ParseContext, SubMode } from './context.js';
import { type Diagnostic, DiagnosticSink } from './diagnostics.js';
import { forEachLine } from './line-reader.js';
import { FALLBACK_PLATFORM, platformFromVersion } from './platform.js';
import { readTopLevel } from './top-level.js';
import { checkNatReferences } from './nat.js';
import { checkVirtualTemplates } from './tunnel.js';
import { deepFreeze, freezeRequested } from '../ir/identity-cache.js';

/** Options of `parseConfig`. */
export interface ParseOptions {
  /** File name used in `loc` and diagnostics. @default '<input>' */
  readonly file?: string;
  /** Platform family; overrides the `version` line. @default - from the `version` line, else `ios-15` */
  readonly platform?: Platform;
}

/** The IR read from one configuration, and what was found wrong or unmodelled on the way. */
export interface ParseResult {
  /** The configuration as the text says it; unset values stay undefined (defaults are rules). */
  readonly config: RouterConfig;
  /** Problems and unmodelled constructs, in line order; never contain pre-shared key text. */
  readonly diagnostics: Diagnostic[];
}

/** Input the parser refuses as a whole: binary data (NUL bytes or mostly control characters). */
function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.includes('\0')) return true;
  // Decided inside the loop, nothing computed after it: code after a long loop that V8 optimized
  // while the loop ran has no type feedback, and deoptimized on every config (a thousand
  // deoptimizations for a network of a thousand routers).
  const limit = sample.length * 0.1;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 8 && c !== 3) || c === 0xfffd) {
      odd++;
      if (odd > limit) return true;
    }
  }
  return false;
}

function readAll(text: string, ctx: ParseContext): void {
  let mode: SubMode | undefined;
  let ended = false;
  let endLine = 0;
  forEachLine(text, ctx.sink, (line) => {
    if (ended) {
      ctx.sink.info('CONTENT_AFTER_END', line.line, `lines after "end" (line ${endLine}) were ignored`);
      return false;
    }
    if (line.verbatim) {
      ctx.draft.extraLines.push({ text: line.text.trimStart(), loc: ctx.draft.loc(line.line) });
      mode = undefined;
      return true;
    }
    const first = line.words[0];
    if (first === 'end' && line.words.length === 1) {
      ended = true;
      endLine = line.line;
      mode = undefined;
      return true;
    }
    if (first === 'exit' && line.words.length === 1) {
      mode = undefined;
      return true;
    }
    if (mode !== undefined && (line.indent > mode.indent || mode.claims(line.words))) {
      mode.handle(line, ctx);
      return true;
    }
    mode = readTopLevel(line, ctx);
    return true;
  });
}

/**
 * Parses one IOS configuration (running-config style with indented blocks, or the flattened form
 * of commands as typed). Every IR element carries `loc` (file and line). Never throws.
 */
export function parseConfig(text: string, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '<input>';
  const sink = new DiagnosticSink(file);
  const draft = new ConfigDraft(file);
  const finish = (): ParseResult => {
    let platform = options.platform;
    if (platform === undefined && draft.version !== undefined) platform = platformFromVersion(draft.version);
    if (platform === undefined) {
      platform = FALLBACK_PLATFORM;
      sink.info('PLATFORM_ASSUMED', 0, `no usable "version" line and no platform option; assuming ${platform}`);
    }
    checkNatReferences(draft, sink);
    checkVirtualTemplates(draft, sink);
    if (draft.hostname === undefined) sink.info('NO_HOSTNAME', 0, 'no "hostname" line; using the IOS default "Router"');
    // Stable sort: whole-input findings (line 0) first, then in line order.
    const diagnostics = sink.list.sort((a, b) => a.line - b.line);
    const config = draft.toConfig(draft.hostname ?? 'Router', platform);
    // The IR is never changed after parsing (lib/ir/identity-cache.ts); tests freeze it to prove it.
    return { config: freezeRequested() ? deepFreeze(config) : config, diagnostics };
  };
  try {
    if (typeof text !== 'string') {
      sink.error('BINARY_INPUT', 0, 'the input is not a string');
      return finish();
    }
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (!/\S/.test(body)) {
      sink.error('EMPTY_INPUT', 0, 'the input holds no configuration line');
      return finish();
    }
    if (looksBinary(body)) {
      sink.error(
        'BINARY_INPUT',
        0,
        'the input looks binary (NUL bytes or mostly control characters); nothing was read',
      );
      return finish();
    }
    const ctx = { draft, sink };
    readAll(body, ctx);
    flagGroupedCryptoAcls(ctx);
    return finish();
  } catch (err) {
    const detail = err instanceof Error ? err.name : 'unknown error';
    sink.error('INTERNAL', 0, `internal parser error (${detail}); the configuration was read only partly`);
    try {
      return finish();
    } catch {
      return {
        config: new ConfigDraft(file).toConfig('Router', options.platform ?? FALLBACK_PLATFORM),
        diagnostics: sink.list,
      };
    }
  }
}
