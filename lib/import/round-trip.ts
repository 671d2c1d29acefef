/**
 * The round trip: the generated module is loaded (from a temporary folder, importing this very
 * library), its App built with the keys in its environment, every router rendered as synth renders
 * it and parsed back, and each parsed model compared with the input's (`canonical.ts`: the same
 * IOS behaviour, not the same text). Differences name the router, the sections and the commands
 * that would take the input to the generated config (keys redacted).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IConstruct } from 'constructs';
import { Router } from '../constructs/router.js';
import type { RouterConfig } from '../ir/router-config.js';
import { redactCommands } from '../ir/secrets.js';
import { parseConfig } from '../parse/index.js';
import { planRouterChanges } from '../plan/index.js';
import { renderConfig } from '../render/index.js';
import { canonicalConfig, differingSections, type CanonicalSection } from './canonical.js';
import { buildFunctionName } from './emit.js';

/** Loads a module file (the CLI passes its TypeScript-aware loader). */
export type ModuleLoader = (file: string) => Promise<Record<string, unknown>>;

/** One router whose generated config does not behave like its input. */
export interface RoundTripDifference {
  readonly hostname: string;
  /** Sections that differ (`missing` when the stack has no such router, `extra` when the input has none). */
  readonly sections: readonly (CanonicalSection | 'missing' | 'extra')[];
  /** Commands from the input to the generated config, keys redacted. */
  readonly commands: readonly string[];
}

/** What the round trip found. */
export interface RoundTripResult {
  /** Validation errors of the generated stack (construct path: message). */
  readonly errors: readonly string[];
  /** Routers the generated stack synthesized. */
  readonly routers: number;
  readonly differences: readonly RoundTripDifference[];
}

/** The library's entry as a file URL (the built package, or the sources under a test runner). */
export function libraryEntry(): string {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? '../index.ts' : '../index.js', here).href;
}

const defaultLoader: ModuleLoader = async (file) =>
  (await import(new URL(`file://${file}`).href)) as Record<string, unknown>;

function generatedConfigs(app: IConstruct, stackId: string, env: Record<string, string>): Map<string, RouterConfig> {
  const out = new Map<string, RouterConfig>();
  for (const c of app.node.findAll()) {
    if (!Router.isRouter(c)) continue;
    const ir = c.toIr({ stackId, env, keyPresentation: 'cleartext' });
    out.set(
      ir.hostname,
      parseConfig(renderConfig(ir).text, { file: `${ir.hostname}.cfg`, platform: ir.platform }).config,
    );
  }
  return out;
}

function validationErrors(app: IConstruct): string[] {
  const out: string[] = [];
  for (const c of app.node.findAll()) for (const e of c.node.validate()) out.push(`${c.node.path}: ${e}`);
  return out;
}

/** Compares input and generated configs by hostname (see the module comment). */
export function compareConfigs(
  inputs: ReadonlyMap<string, RouterConfig>,
  generated: ReadonlyMap<string, RouterConfig>,
  ignoreKeyValues: boolean,
): RoundTripDifference[] {
  const out: RoundTripDifference[] = [];
  for (const [hostname, input] of inputs) {
    const g = generated.get(hostname);
    if (!g) {
      out.push({ hostname, sections: ['missing'], commands: [] });
      continue;
    }
    const sections = differingSections(
      canonicalConfig(input, { ignoreKeyValues }),
      canonicalConfig(g, { ignoreKeyValues }),
    );
    if (sections.length === 0) continue;
    // The plan from the input with only the differing sections: lines IOS reads alike do not show.
    const from: Record<string, unknown> = { ...g };
    for (const s of sections) from[s] = (input as unknown as Record<string, unknown>)[s];
    const steps = planRouterChanges(from as unknown as RouterConfig, g).steps;
    const commands = redactCommands(steps.flatMap((s) => s.commands));
    out.push({ hostname, sections, commands });
  }
  for (const hostname of generated.keys())
    if (!inputs.has(hostname)) out.push({ hostname, sections: ['extra'], commands: [] });
  return out;
}

/** Loads `source` (importing `hubspoke` from this library), builds its App and compares (see the module comment). */
export async function roundTrip(
  source: string,
  stackId: string,
  inputs: ReadonlyMap<string, RouterConfig>,
  env: Record<string, string>,
  options: { readonly loader?: ModuleLoader; readonly ignoreKeyValues?: boolean; readonly workDir?: string } = {},
): Promise<RoundTripResult> {
  const dir = mkdtempSync(join(options.workDir ?? tmpdir(), '.hubspoke-import-'));
  try {
    const file = join(dir, 'stack.ts');
    writeFileSync(file, source.replace(/from 'hubspoke';/, `from '${libraryEntry()}';`), { mode: 0o600 });
    const mod = await (options.loader ?? defaultLoader)(file);
    const build = mod[buildFunctionName(stackId)];
    if (typeof build !== 'function') throw new Error(`the generated module exports no ${buildFunctionName(stackId)}`);
    const app = (build as (outdir: string | undefined, env: Record<string, string>) => IConstruct)(undefined, env);
    const errors = validationErrors(app);
    const generated = generatedConfigs(app, stackId, env);
    return {
      errors,
      routers: generated.size,
      differences: compareConfigs(inputs, generated, options.ignoreKeyValues ?? false),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
