/**
 * `importNetwork`: hand-written configs of a crypto-map hub-and-spoke network to a TypeScript stack
 * on the `Hub` and `Spoke` patterns, with escape hatches for what differs and raw lines for the
 * rest, checked by a round trip before it is returned (docs/brownfield.md).
 *
 * parse -> fit (hub, spokes, pattern props) -> plan (declared routes, fixups) -> emit -> round trip.
 */
import { randomBytes } from 'node:crypto';
import type { Platform, RouterConfig } from '../ir/router-config.js';
import { parseConfig } from '../parse/index.js';
import { planRepair } from '../repair/index.js';
import { verifyNetwork } from '../verify/prove/verify-network.js';
import type { VerifySummary } from '../verify/types.js';
import type { ConfigInput } from '../verify/model/network-model.js';
import { keyEnvironment } from './build.js';
import { emitStack } from './emit.js';
import { fitNetwork } from './fit.js';
import { planImport, type ImportPlan } from './plan.js';
import type { ImportSpec } from './spec.js';
import { roundTrip, type ModuleLoader, type RoundTripResult } from './round-trip.js';

export { canonicalConfig, differingSections, CANONICAL_SECTIONS } from './canonical.js';
export type { CanonicalConfig, CanonicalSection } from './canonical.js';
export type { ModuleLoader, RoundTripDifference, RoundTripResult } from './round-trip.js';
export { buildFunctionName } from './emit.js';

/** The variable that holds the master secret when the import re-keys. */
export const DEFAULT_MASTER_SECRET_VARIABLE = 'HUBSPOKE_MASTER_SECRET';

/** A configuration to import. */
export interface ImportFile {
  /** File name, used in messages and comments. */
  readonly file: string;
  readonly text: string;
}

/** Options of {@link importNetwork}. */
export interface ImportOptions {
  /** Stack id of the generated stack (its output folder). @default 'imported' */
  readonly stackId?: string;
  /** Platform of configs whose `version` line does not say it. @default - from the version line */
  readonly platform?: Platform;
  /** Derive new keys from a master secret instead of reading the configs' keys from the environment. @default false */
  readonly rekey?: boolean;
  /** @default 'HUBSPOKE_MASTER_SECRET' */
  readonly masterSecretVariable?: string;
  /** Loads the generated module for the round trip. @default - `import()` (TypeScript needs a runtime that strips types) */
  readonly loader?: ModuleLoader;
  /**
   * Folder of the round trip's temporary module (removed after); inside the project, the loader
   * finds the project's tsx there. @default - the system's temporary folder
   */
  readonly workDir?: string;
  /** Module the generated code imports from. @default 'hubspoke' */
  readonly importFrom?: string;
  /**
   * Import the network `planRepair` makes of the configs (`hubspoke fix`), not the configs as they
   * are; refused when the repair does not prove. @default false
   */
  readonly fix?: boolean;
}

/** An environment variable the generated stack reads, and what it must hold. */
export interface ImportVariable {
  readonly variable: string;
  /** What it holds (never the value). */
  readonly holds: string;
  /** The repair (`fix`) wrote a placeholder for this key: the operator sets the real one. @default false */
  readonly placeholder?: boolean;
}

/** What the import produced. */
export interface ImportResult {
  /** True when the stack was generated and the round trip found no difference. */
  readonly ok: boolean;
  /** The generated module, when the network could be expressed. */
  readonly source?: string;
  /** Why the network cannot be imported (file:line and what), when it cannot. */
  readonly problems: readonly string[];
  /** Variables the stack reads (keys, then lines with secrets). */
  readonly variables: readonly ImportVariable[];
  /** The round trip, when it ran. */
  readonly roundTrip?: RoundTripResult;
  /**
   * The proof of the imported network (the input, or the repaired one with `fix`): synth of the
   * stack writes only when it is `ok`. Present with `source`.
   */
  readonly proof?: VerifySummary & { readonly ok: boolean };
  /** With `fix`: the repaired files (the round trip compares with them) and the number of commands. @default - no repair */
  readonly repaired?: { readonly files: readonly ImportFile[]; readonly commands: number };
}

function proofOf(parsed: readonly ConfigInput[]): VerifySummary & { readonly ok: boolean } {
  const r = verifyNetwork(parsed, { brokenOnly: true, maxPairs: 0 });
  return { ...r.summary, ok: r.ok };
}

/** The repaired network, or why there is none. */
function repairedFiles(files: readonly ImportFile[]): { files: ImportFile[]; commands: number } | { problem: string } {
  const plan = planRepair(files);
  if (!plan.proven)
    return {
      problem: `the repair plan does not prove every pair (${plan.unrepaired.length} finding(s) left); run hubspoke fix for the reasons`,
    };
  const commands = plan.changes.routers.reduce((n, r) => n + r.steps.reduce((m, s) => m + s.commands.length, 0), 0);
  return { files: plan.files.map((f) => ({ file: f.file, text: f.text })), commands };
}

const isPlaceholder = (value: string) => value.startsWith('<key-for-');

/** The variables the generated stack reads, with what they hold (never the values). */
function variablesOf(spec: ImportSpec, plan: ImportPlan, rekey: boolean): ImportVariable[] {
  const hub = spec.hub?.hostname ?? '';
  return [
    ...(rekey && spec.hub
      ? [{ variable: spec.masterSecretVariable, holds: 'the master secret every pair key is derived from' }]
      : spec.keys.map((k) => ({
          variable: k.variable,
          ...(isPlaceholder(k.value) ? { placeholder: true } : {}),
          holds: `the pre-shared key of ${k.pairs.map((p) => `${hub}/${p}`).join(', ')}`,
        }))),
    ...plan.state.secrets.map((s) => ({
      variable: s.variable,
      holds: s.holds,
      ...(s.kind === 'key' && isPlaceholder(s.value) ? { placeholder: true } : {}),
    })),
  ];
}

/** Imports a network (see the module comment). Never puts a key or a secret into `source`. */
export async function importNetwork(given: readonly ImportFile[], options: ImportOptions = {}): Promise<ImportResult> {
  const repair = options.fix === true ? repairedFiles(given) : undefined;
  if (repair && 'problem' in repair) return { ok: false, problems: [repair.problem], variables: [] };
  const files = repair?.files ?? given;
  const parsed = files.map((f) => ({
    ...f,
    ...parseConfig(f.text, { file: f.file, ...(options.platform !== undefined ? { platform: options.platform } : {}) }),
  }));
  const errors = parsed.flatMap((p) =>
    p.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.code}: ${d.message}`),
  );
  if (errors.length > 0) return { ok: false, problems: errors, variables: [] };
  const rekey = options.rekey === true;
  const fitOptions = {
    stackId: options.stackId ?? 'imported',
    keyMode: rekey ? ('rekey' as const) : ('environment' as const),
    masterSecretVariable: options.masterSecretVariable ?? DEFAULT_MASTER_SECRET_VARIABLE,
  };
  const fit = fitNetwork(parsed, fitOptions);
  if ('problems' in fit) return { ok: false, problems: fit.problems, variables: [] };
  const result = await importSpec(fit.spec, parsed, options, repair);
  if (result.ok || fit.spec.hub?.vti === undefined) return result;
  // The route-based fit did not give the network back exactly: the lossless L1 import, with why.
  const notRouteBased = { reasons: [...result.problems, ...differenceReasons(result)] };
  const l1 = fitNetwork(parsed, { ...fitOptions, notRouteBased });
  return 'problems' in l1 ? result : importSpec(l1.spec, parsed, options, repair);
}

/** Why a round trip did not pass, one line per router. */
function differenceReasons(result: ImportResult): string[] {
  const r = result.roundTrip;
  return [
    ...(r?.errors ?? []),
    ...(r?.differences ?? []).map(
      (d) => `the route-based design gives ${d.hostname} other ${d.sections.join(', ')} than its config`,
    ),
  ];
}

/** Plans, emits and round-trips one spec. */
async function importSpec(
  spec: ImportSpec,
  parsed: readonly (ImportFile & { readonly config: RouterConfig })[],
  options: ImportOptions,
  repair: { files: ImportFile[]; commands: number } | undefined,
): Promise<ImportResult> {
  const rekey = options.rekey === true;
  const env = keyEnvironment(spec, randomBytes(32).toString('base64'));
  const plan = planImport(spec, env);
  const variables = variablesOf(spec, plan, rekey);
  if (plan.state.problems.length > 0) return { ok: false, problems: plan.state.problems, variables };
  const source = emitStack(plan, options.importFrom !== undefined ? { importFrom: options.importFrom } : {});
  const fullEnv = { ...env, ...Object.fromEntries(plan.state.secrets.map((s) => [s.variable, s.value])) };
  const inputs = new Map(parsed.map((p) => [p.config.hostname, p.config]));
  const result = await roundTrip(source, plan.spec.stackId, inputs, fullEnv, {
    ...(options.loader ? { loader: options.loader } : {}),
    ...(options.workDir !== undefined ? { workDir: options.workDir } : {}),
    ignoreKeyValues: rekey && spec.hub !== undefined,
  });
  return {
    ok: result.errors.length === 0 && result.differences.length === 0,
    source,
    problems: [],
    variables,
    roundTrip: result,
    proof: proofOf(parsed),
    ...(repair ? { repaired: repair } : {}),
  };
}
