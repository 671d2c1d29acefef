/**
 * One run of hubspoke's own synthesis pipeline (`synthesizeStack`: validate -> IR -> render ->
 * parse back and prove coverage -> topology) over the routers below a construct, as the cdktf
 * integration needs it: keys rewritten into fingerprints before rendering (so the proof, the
 * configs and the harness never hold a key), the real keys collected on the side for the secrets
 * channel, and the problems as a list instead of a throw.
 */
import type { IConstruct } from 'constructs';
import { Annotations } from '../constructs/annotations.js';
import { ValidationError } from '../constructs/errors.js';
import type { Platform } from '../ir/router-config.js';
import { synthesizeStack, type StackArtifacts } from '../app/synth.js';
import { writeArtifactsAtomically } from '../app/write-artifacts.js';
import { keyFingerprint } from './key-fingerprint.js';

/** One router of a run. */
export interface RunRouter {
  readonly hostname: string;
  readonly role: 'hub' | 'spoke' | 'other';
  /** Software family the configuration was rendered for. */
  readonly platform: Platform;
  /** For a spoke: its hub's hostname. @default - none */
  readonly hub?: string;
  /** The rendered configuration, every key replaced by its fingerprint. */
  readonly text: string;
}

/** The outcome of one run. */
export interface HubspokeRun {
  /** Problems, each naming its construct path or file:line; never containing a key. */
  readonly problems: readonly string[];
  /** Routers in tree order (empty when there are problems). */
  readonly routers: readonly RunRouter[];
  /** Fingerprint -> the key's value and the routers holding it. Never print the values. */
  readonly keys: ReadonlyMap<string, { readonly value: string; readonly hostnames: readonly string[] }>;
  /**
   * Warnings of the constructs and the proof (never containing a key; acknowledged ones left
   * out); the proof's carry their config line.
   */
  readonly warnings: readonly {
    readonly path: string;
    readonly message: string;
    readonly code?: string;
    readonly location?: string;
  }[];
  /** Info annotations of the constructs (`Annotations.of(c).addInfo`). */
  readonly infos: readonly { readonly path: string; readonly message: string }[];
  /** The proof's printable report. @default - none */
  readonly proofReport?: string;
  /** Replaces folder `dir` by the fingerprinted artifacts (configs, topology.json, harness). */
  writeArtifacts(dir: string): void;
}

/** What a run needs. */
export interface HubspokeRunOptions {
  /** Stack id: the HKDF salt of derived keys and the stack name in topology.json. */
  readonly stackId: string;
  /** Environment holding key and master-secret variables. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs the pipeline over every Router below `scope`. Never throws for a user error. */
export function runHubspoke(scope: IConstruct, options: HubspokeRunOptions): HubspokeRun {
  const keys = new Map<string, { value: string; hostnames: string[] }>();
  const rewriteKey = (key: string, hostname: string): string => {
    const fp = keyFingerprint(key);
    const use = keys.get(fp) ?? { value: key, hostnames: [] };
    if (!use.hostnames.includes(hostname)) use.hostnames.push(hostname);
    keys.set(fp, use);
    return fp;
  };
  let artifacts: StackArtifacts;
  try {
    artifacts = synthesizeStack(scope, {
      stackId: options.stackId,
      rewriteKey,
      ...(options.env ? { env: options.env } : {}),
    });
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    // Error annotations of hubspoke constructs are among the messages: cdktf fails on them.
    return { problems: e.messages, routers: [], keys, warnings: [], infos: [], writeArtifacts: refuse };
  }
  if (artifacts.routers.length === 0) {
    return {
      problems: [`${scope.node.path}: no Router below this construct; nothing to deploy`],
      routers: [],
      keys,
      warnings: [],
      infos: [],
      writeArtifacts: refuse,
    };
  }
  const hubOf = new Map(artifacts.topology.devices.map((d) => [d.hostname, d.hub]));
  const routers = artifacts.routers.map((r): RunRouter => {
    const hub = hubOf.get(r.hostname);
    return { hostname: r.hostname, role: r.role, platform: r.platform, ...(hub ? { hub } : {}), text: r.text };
  });
  return {
    problems: [],
    routers,
    keys,
    warnings: artifacts.warnings,
    infos: Annotations.collect(scope).infos,
    ...(artifacts.proofReport !== undefined ? { proofReport: artifacts.proofReport } : {}),
    writeArtifacts: (dir) => {
      writeArtifactsAtomically(dir, artifacts.files);
    },
  };
}

function refuse(): never {
  throw new Error('hubspoke/cdktf: refusing to write artifacts of a run that has problems');
}
