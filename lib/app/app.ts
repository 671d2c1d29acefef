/**
 * The App: root of the construct tree and the product's front door.
 *
 * ```ts
 * const app = new App({ outdir: 'cdk.out' });
 * const stack = new HubSpokeStack(app, 'lab');
 * const hub = new Hub(stack, 'Hub', { ... });
 * new Spoke(stack, 'Spoke1', { hub, ... });
 * const result = app.synth();   // validates everything, then writes cdk.out/lab/*.cfg + topology.json
 * console.log(formatSynthResult(result));
 * ```
 */
import { Construct } from 'constructs';
import { appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  FORCE_VARIABLE,
  fromEnvironment,
  OUTDIR_VARIABLE,
  RESULT_FILE_VARIABLE,
  STRICT_VARIABLE,
} from './cli-environment.js';
import { ValidationError } from '../constructs/errors.js';
import type { ConstructAnnotation, ConstructWarning } from '../constructs/annotations.js';
import type { KeyPresentation } from '../constructs/ir-context.js';
import { Router } from '../constructs/router.js';
import { ikeMigrationProblems } from './ike-migration.js';
import { HubSpokeStack } from './stack.js';
import { synthesizeStack, type CoverageProver, type StackArtifacts } from './synth.js';
import { prepareAndValidate } from './validate-tree.js';
import { writeArtifactsAtomically } from './write-artifacts.js';
import { createProgress } from '../report/progress.js';
import type { SynthStage } from './synth.js';
import { appendAll } from '../ir/collections.js';

/** Properties of an App. */
export interface AppProps {
  /**
   * Output folder; each stack writes `<outdir>/<stack id>/`. Under `hubspoke synth`, which passes
   * its folder as HUBSPOKE_OUTDIR, a different folder here fails synth: the command line decides
   * where output goes, and synth never writes elsewhere.
   * @default - HUBSPOKE_OUTDIR when set (by `hubspoke synth`), else 'cdk.out'
   */
  readonly outdir?: string;
  /** How pre-shared keys are written. @default 'cleartext' */
  readonly keyPresentation?: KeyPresentation;
  /** Environment holding key variables. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Coverage proof run on the rendered text before anything is written. @default - the proof of `lib/verify` */
  readonly proveCoverage?: CoverageProver;
  /**
   * Where warnings (grouped lines, then the count) and infos are printed at synth.
   * @default - one line each on stderr
   */
  readonly logWarning?: (line: string) => void;
  /**
   * Fail synth when there is any warning that is not acknowledged (the constructs' and the
   * proof's), as `cdk synth --strict` does; nothing is written then.
   * @default false (unless the environment sets HUBSPOKE_STRICT=1, as `hubspoke synth --strict` does)
   */
  readonly strict?: boolean;
  /**
   * Show a progress bar while large stacks synthesize (one step per stage of each stack).
   * @default true (drawn only on an interactive terminal, never in CI, and only after a second)
   */
  readonly progress?: boolean;
  /**
   * Replace `<outdir>/<stack id>` even when hubspoke did not write it (no `.hubspoke-manifest.json`
   * in it and files other than hubspoke artifacts). Everything in that folder is deleted.
   * @default false (unless the environment sets HUBSPOKE_FORCE_OUTPUT=1, as `hubspoke synth --force` does)
   */
  readonly force?: boolean;
}

/** Options of one `App.synth()`. */
export interface AppSynthOptions {
  /** Fail when there is any unacknowledged warning (see `AppProps.strict`). @default - the App's `strict` */
  readonly strict?: boolean;
}

/** The stages of a stack's synthesis that advance the progress bar. */
const PROGRESS_STAGES: ReadonlySet<SynthStage> = new Set(['ir', 'render', 'topology', 'parse', 'proof']);

/** What one `synth()` wrote. */
export interface SynthResult {
  /** The output folder. */
  readonly outdir: string;
  readonly stacks: readonly {
    readonly stackId: string;
    /** `<outdir>/<stack id>`. */
    readonly directory: string;
    /** Written file paths, sorted. */
    readonly files: readonly string[];
    /** The in-memory artifacts (IR, text, source maps). */
    readonly artifacts: StackArtifacts;
  }[];
  /**
   * Every warning, with construct paths: the constructs' own (legacy crypto allowed, weak lab
   * keys, ...) and the proof's (`code` and `location` set: WEAK_CRYPTO, REUSED_PSK, ...).
   */
  readonly warnings: readonly ConstructWarning[];
  /** Every info annotation (`Annotations.of(c).addInfo`), with construct paths. */
  readonly infos: readonly ConstructAnnotation[];
}

/** Root of a hubspoke construct tree. */
export class App extends Construct {
  /** Output folder. */
  readonly outdir: string;
  // A private field: the props may hold an environment with keys, and util.inspect shows normal fields.
  readonly #props: AppProps;

  constructor(props: AppProps = {}) {
    super(undefined as unknown as Construct, '');
    this.#props = props;
    this.outdir = props.outdir ?? fromEnvironment(OUTDIR_VARIABLE) ?? 'cdk.out';
  }

  /** The stacks, in creation order. */
  get stacks(): HubSpokeStack[] {
    return this.node.children.filter((c): c is HubSpokeStack => HubSpokeStack.isStack(c));
  }

  /**
   * Applies the aspects, validates the whole tree (error annotations fail it), synthesizes every
   * stack in memory, and only then writes each stack's folder atomically. Throws one
   * `ValidationError` listing every problem (under `strict`, every warning too); on error nothing
   * is written and earlier output stays as it was. A folder that cannot be written (permissions, a
   * file in the way, a folder hubspoke did not write, another synth holding it) throws an
   * `OutputError` naming the path and the remedy.
   */
  synth(options: AppSynthOptions = {}): SynthResult {
    const { errors, annotations } = prepareAndValidate(this);
    appendAll(errors, this.placementErrors());
    if (errors.length > 0) throw new ValidationError(errors, 'Synthesis failed');
    const all = this.synthesizeStacks();
    // Before any folder is replaced: a defaulted IKE version must not switch deployed tunnels.
    const migration = this.stacks.flatMap((s) => ikeMigrationProblems(s, join(this.outdir, s.node.id)));
    if (migration.length > 0) throw new ValidationError(migration, 'Synthesis failed');
    // The stacks' warnings hold the proof's; a construct outside every stack adds its own.
    const warnings = [
      ...all.flatMap((a) => a.warnings),
      ...annotations.warnings.filter((w) => !this.stacks.some((s) => within(w.path, s.node.path))),
    ];
    const strict = options.strict ?? (this.#props.strict === true || process.env[STRICT_VARIABLE] === '1');
    if (strict && warnings.length > 0) throw strictFailure(warnings);
    const force = this.#props.force ?? process.env[FORCE_VARIABLE] === '1';
    const stacks = all.map((artifacts) => {
      const directory = join(this.outdir, artifacts.stackId);
      return {
        stackId: artifacts.stackId,
        directory,
        files: writeArtifactsAtomically(directory, artifacts.files, { force }),
        artifacts,
      };
    });
    const log = this.#props.logWarning ?? ((line: string) => process.stderr.write(`${line}\n`));
    for (const line of formatAnnotations('info', annotations.infos)) log(line);
    for (const line of formatWarnings(warnings)) log(line);
    if (warnings.length > 0) log(`[hubspoke] ${warningCount(warnings)}`);
    const result = { outdir: this.outdir, stacks, warnings, infos: annotations.infos };
    // Under `hubspoke synth`, the command prints what was written (the app's own output is its own).
    const resultFile = fromEnvironment(RESULT_FILE_VARIABLE);
    if (resultFile !== undefined) appendFileSync(resultFile, formatSynthResult(result));
    return result;
  }

  /** What would be written elsewhere than asked or not at all: an outdir other than synth's, a router outside every stack. */
  private placementErrors(): string[] {
    const errors: string[] = [];
    const chosen = fromEnvironment(OUTDIR_VARIABLE);
    if (chosen !== undefined && resolve(this.outdir) !== resolve(chosen)) {
      errors.push(
        `App: outdir is "${this.outdir}" but hubspoke synth writes to "${chosen}" (its --outdir, or "output" in hubspoke.json, passed as ${OUTDIR_VARIABLE}); drop the outdir prop so the App uses the folder synth gives`,
      );
    }
    // A router outside every stack would silently be left out of the output.
    for (const c of this.node.findAll()) {
      if (Router.isRouter(c) && !c.node.scopes.some((s) => HubSpokeStack.isStack(s))) {
        errors.push(
          `${c.node.path}: this router is not inside a HubSpokeStack, so it would not be synthesized; create it (or its Hub/Spoke) in a stack`,
        );
      }
    }
    return errors;
  }

  /** Every stack synthesized in memory (the tree is validated); one ValidationError for all their problems. */
  private synthesizeStacks(): StackArtifacts[] {
    const all: StackArtifacts[] = [];
    const failures: string[] = [];
    const progress = createProgress(this.#props.progress === false ? 0 : this.stacks.length * PROGRESS_STAGES.size, {
      label: 'synth',
    });
    const onTiming = (stage: SynthStage): void => {
      if (PROGRESS_STAGES.has(stage)) progress.tick();
    };
    try {
      for (const stack of this.stacks) {
        try {
          all.push(
            synthesizeStack(stack, {
              skipValidation: true,
              htmlReport: true,
              ...(progress.enabled ? { onTiming } : {}),
              ...(this.#props.keyPresentation ? { keyPresentation: this.#props.keyPresentation } : {}),
              ...(this.#props.env ? { env: this.#props.env } : {}),
              ...(this.#props.proveCoverage ? { proveCoverage: this.#props.proveCoverage } : {}),
            }),
          );
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          appendAll(failures, e.messages);
        }
      }
    } finally {
      progress.done();
    }
    if (failures.length > 0) throw new ValidationError(failures, 'Synthesis failed');
    return all;
  }
}

/**
 * Warning lines for printing: one line per distinct message with the paths (and, for the proof's
 * warnings, the config lines) it applies to, so a lab with 40 spokes does not print the same
 * legacy-crypto warning 80 times. Every warning is one of the places a line lists or counts
 * ("and N more"), so the lines account for exactly `warnings.length` warnings.
 */
export function formatWarnings(warnings: readonly ConstructWarning[], maxPaths = 3): string[] {
  return formatAnnotations('warning', warnings, maxPaths);
}

/** Lines for printing annotations of one level, grouped by message as `formatWarnings` does. */
function formatAnnotations(level: 'warning' | 'info', warnings: readonly ConstructWarning[], maxPaths = 3): string[] {
  const byMessage = new Map<string, string[]>();
  for (const w of warnings) {
    const places = byMessage.get(w.message) ?? [];
    places.push(w.location !== undefined ? `${w.path} at ${w.location}` : w.path);
    byMessage.set(w.message, places);
  }
  return [...byMessage].map(([message, places]) => {
    const shown = places.slice(0, maxPaths).join(', ');
    const more = places.length > maxPaths ? ` and ${places.length - maxPaths} more` : '';
    return `[hubspoke] ${level}: ${message} (${shown}${more})`;
  });
}

/** The error of a strict synth: every warning, with its place and the id that acknowledges it. */
function strictFailure(warnings: readonly ConstructWarning[]): ValidationError {
  const lines = warnings.map((w) => {
    const id = w.id === undefined || w.message.startsWith(`${w.id}:`) ? '' : ` [${w.id}]`;
    return `${w.path || '(root)'}${w.location !== undefined ? ` at ${w.location}` : ''}: ${w.message}${id}`;
  });
  return new ValidationError(
    lines,
    'Synthesis failed under strict mode (warnings are errors; fix them, or acknowledge one with Annotations.of(scope).acknowledgeWarning(id))',
  );
}

/** True when construct path `path` is `scope` or below it. */
function within(path: string, scope: string): boolean {
  return scope === '' || path === scope || path.startsWith(`${scope}/`);
}

/**
 * The one warning count synth prints (on stderr after the list, and in the summary): every entry
 * of `SynthResult.warnings`, split into the constructs' warnings and the proof's (the proof's own
 * report counts the latter).
 */
export function warningCount(warnings: readonly ConstructWarning[]): string {
  const proof = warnings.filter((w) => w.code !== undefined).length;
  return `${warnings.length} warning(s): ${warnings.length - proof} from the constructs, ${proof} from the proof`;
}

/** A printable summary of a synth: what was written where, then the warning count. */
export function formatSynthResult(result: SynthResult): string {
  const lines: string[] = [];
  for (const s of result.stacks) {
    lines.push(`Stack ${s.stackId} -> ${s.directory}`);
    for (const f of s.files) lines.push(`  ${f}`);
    if (s.artifacts.proofReport) lines.push('', s.artifacts.proofReport.trimEnd(), '');
  }
  if (result.warnings.length > 0) lines.push(`${warningCount(result.warnings)}; see the [hubspoke] warning lines.`);
  return `${lines.join('\n')}\n`;
}
