/**
 * `Testing.synth(stack)`: a stack synthesized in memory for unit tests, as cdktf's and cdk8s's
 * `Testing` helpers do: the configs (text and the IR parsed back from it), the proof, the topology
 * and the annotations, without writing a file. It runs exactly what `App.synth()` runs on the
 * stack (aspects, validation, keys, render, parse back, proof), with one difference: a failed
 * proof is returned (`proven: false`, `proofErrors`) instead of thrown, so a test can assert on
 * it. Validation errors (and error annotations) still throw `ValidationError`, as synth does.
 */
import type { IConstruct } from 'constructs';
import { inspect } from 'node:util';
import { proveStack } from '../app/coverage-step.js';
import { synthesizeStack, type CoverageProver, type RouterArtifact, type StackArtifacts } from '../app/synth.js';
import { Annotations, type ConstructAnnotation, type ConstructWarning } from '../constructs/annotations.js';
import type { KeyPresentation } from '../constructs/ir-context.js';
import type { RouterConfig } from '../ir/router-config.js';
import { redactConfigText } from '../ir/secrets.js';
import type { Topology } from '../ir/topology.js';
import { parseConfig, type Diagnostic } from '../parse/index.js';
import type { VerifyResult } from '../verify/types.js';

/** Options of `Testing.synth`. */
export interface TestingSynthOptions {
  /** Environment holding key and master-secret variables. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** How pre-shared keys are written. @default 'cleartext' (as `App`; the proof compares keys) */
  readonly keyPresentation?: KeyPresentation;
}

/** One router's synthesized config. Printing it (or its JSON) never shows a key. */
export class SynthesizedConfig {
  readonly #artifact: RouterArtifact;
  #parsed: { config: RouterConfig; diagnostics: readonly Diagnostic[] } | undefined;

  /** @internal Created by `Testing.synth`. */
  constructor(artifact: RouterArtifact) {
    this.#artifact = artifact;
  }

  /** The `hostname` line. */
  get hostname(): string {
    return this.#artifact.hostname;
  }

  /** Config file name (`<hostname>.cfg`). */
  get file(): string {
    return this.#artifact.file;
  }

  /** Construct path of the Router. */
  get path(): string {
    return this.#artifact.path;
  }

  /** The configuration text as synth writes it. Holds pre-shared keys (cleartext presentation). */
  get text(): string {
    return this.#artifact.text;
  }

  /** The text with every secret masked, for snapshots and messages. */
  get redactedText(): string {
    return redactConfigText(this.#artifact.text);
  }

  /** The lines of the text. */
  get lines(): readonly string[] {
    return this.#artifact.text.split('\n');
  }

  /** The IR parsed back from the text, as the proof reads it (parsed on first use). */
  get parsed(): RouterConfig {
    return this.parse().config;
  }

  /** The parser's diagnostics for the text (parsed on first use). */
  get diagnostics(): readonly Diagnostic[] {
    return this.parse().diagnostics;
  }

  /** The IR that was rendered (holds keys in clear text). */
  get ir(): RouterConfig {
    return this.#artifact.ir;
  }

  /** Redacted summary (the text holds keys). */
  toJSON(): { hostname: string; file: string; path: string; text: string } {
    return { hostname: this.hostname, file: this.file, path: this.path, text: this.redactedText };
  }

  /** Redacted summary. */
  [inspect.custom](): string {
    return `SynthesizedConfig(${this.file} from ${this.path})`;
  }

  private parse(): { config: RouterConfig; diagnostics: readonly Diagnostic[] } {
    this.#parsed ??= parseConfig(this.#artifact.text, { file: this.#artifact.file });
    return this.#parsed;
  }
}

/** A stack synthesized by `Testing.synth`. Printing it (or its JSON) never shows a key. */
export class SynthesizedStack {
  /** Configs by hostname, in construct-tree order. */
  readonly configs: ReadonlyMap<string, SynthesizedConfig>;
  /** The in-memory artifacts, as `synthesizeStack` returns them. */
  readonly artifacts: StackArtifacts;
  /** The proof's result: the broken pairs (`pairs`, broken ones only), every finding, the counts. */
  readonly verification: VerifyResult;
  /**
   * Why `App.synth()` would refuse this stack after rendering: unproven pairs, lines that do not
   * parse back, lines the proof does not model; each names a construct path. Empty when proven.
   */
  readonly proofErrors: readonly string[];
  /** Info annotations of the stack's constructs. */
  readonly infos: readonly ConstructAnnotation[];

  /** @internal Created by `Testing.synth`. */
  constructor(
    artifacts: StackArtifacts,
    verification: VerifyResult,
    proofErrors: readonly string[],
    infos: readonly ConstructAnnotation[],
  ) {
    this.artifacts = artifacts;
    this.verification = verification;
    this.proofErrors = proofErrors;
    this.infos = infos;
    this.configs = new Map(artifacts.routers.map((r) => [r.hostname, new SynthesizedConfig(r)]));
  }

  /** The stack id. */
  get stackId(): string {
    return this.artifacts.stackId;
  }

  /** True when the proof passed: `App.synth()` would write this stack. */
  get proven(): boolean {
    return this.proofErrors.length === 0;
  }

  /** `topology.json` as synth writes it. */
  get topology(): Topology {
    return this.artifacts.topology;
  }

  /** Unacknowledged warnings of the constructs and the proof, with construct paths. */
  get warnings(): readonly ConstructWarning[] {
    return this.artifacts.warnings;
  }

  /** The printable proof (coverage matrix, problems, counts). */
  get proofReport(): string {
    return this.artifacts.proofReport ?? '';
  }

  /** The config of `hostname`; throws naming the hostnames there are. */
  config(hostname: string): SynthesizedConfig {
    const found = this.configs.get(hostname);
    if (found === undefined)
      throw new Error(
        `stack ${this.stackId} has no router with hostname ${JSON.stringify(hostname)} (it has ${[...this.configs.keys()].join(', ') || 'none'})`,
      );
    return found;
  }

  /** Redacted summary. */
  toJSON(): {
    stackId: string;
    proven: boolean;
    hostnames: string[];
    proofErrors: readonly string[];
    warnings: readonly ConstructWarning[];
  } {
    return {
      stackId: this.stackId,
      proven: this.proven,
      hostnames: [...this.configs.keys()],
      proofErrors: this.proofErrors,
      warnings: this.warnings,
    };
  }

  /** Redacted summary. */
  [inspect.custom](): string {
    return `SynthesizedStack(${this.stackId}: ${this.proven ? 'proven' : `${this.proofErrors.length} proof error(s)`}, ${[...this.configs.keys()].join(', ')})`;
  }
}

/** Synthesis for unit tests. */
export class Testing {
  /**
   * Synthesizes `stack` (a `HubSpokeStack`, or any construct with routers below it) in memory:
   * aspects, validation, keys, render, parse back and proof, as `App.synth()` does, writing
   * nothing. A proof that fails is returned (`proven` false), not thrown; a validation error or
   * an error annotation throws `ValidationError` listing every problem.
   */
  static synth(stack: IConstruct, options: TestingSynthOptions = {}): SynthesizedStack {
    let proof: ReturnType<typeof proveStack> | undefined;
    const prover: CoverageProver = (rendered) => {
      proof = proveStack(rendered);
      // App.synth() stops here when the proof fails; a test wants the result to assert on.
      return { ...proof, errors: [] };
    };
    const artifacts = synthesizeStack(stack, {
      proveCoverage: prover,
      ...(options.env !== undefined ? { env: options.env } : {}),
      ...(options.keyPresentation !== undefined ? { keyPresentation: options.keyPresentation } : {}),
    });
    if (proof === undefined) throw new Error(`${stack.node.path}: the proof did not run`);
    return new SynthesizedStack(artifacts, proof.result, proof.errors, Annotations.collect(stack).infos);
  }

  private constructor() {}
}
