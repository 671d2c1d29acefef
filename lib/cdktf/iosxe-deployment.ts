/**
 * `IosXeDeployment`: a hubspoke VPN inside a cdktf `TerraformStack`, deployed with the
 * CiscoDevNet/iosxe provider: typed `iosxe_crypto_ikev2_*` resources for the IKEv2 sections they
 * carry exactly (`typed-split.ts`), one `iosxe_cli` resource per router for the rest.
 *
 * Synthesis, in cdktf's own order (pinned by test/cdktf/cdktf-mechanics.test.ts):
 * 1. aspect: run hubspoke in memory; create one sensitive variable per distinct key, the typed
 *    resources and one `iosxe_cli` per router (attributes and `cli` are computed when the JSON is
 *    produced);
 * 2. node validation: report hubspoke's problems (cdktf stops before writing anything);
 * 3. custom synthesis (`cdktf/customSynthesis`, before `cdk.tf.json` is written): throw on any
 *    problem of step 1's run (the full pipeline, proof included, run whatever `skipValidation`
 *    says; run again if the tree changed since), so `skipValidation` cannot skip the proof; then
 *    write `hubspoke/` and the secrets file.
 * docs/cdktf.md explains the secrets channel, the threat model and the order of changes.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Construct, type IConstruct } from 'constructs';
import {
  resolveCdktfModule,
  type CdktfModule,
  type CdktfProviderInstance,
  type CdktfResourceInstance,
} from './cdktf-module.js';
import { appendAll } from '../ir/collections.js';
import { ikeMigrationProblems } from '../app/ike-migration.js';
import { toIosxeCli, toTypedAttributes } from './cli-text.js';
import { runHubspoke, type HubspokeRun, type RunRouter } from './hubspoke-run.js';
import { iosxeClasses } from './iosxe-resources.js';
import { keyVariableNames, sanitize } from './key-variables.js';
import { SECRETS_FILE_NAME, writeSecretsFile } from './secrets-file.js';
import { splitTypedIkev2, TYPED_RESOURCE_TYPES, typedSectionId, type TypedSplit } from './typed-split.js';

/** How Terraform reaches one router. */
export interface IosXeDevice {
  /** NETCONF address of the device (`host` or `host:port`; port 830 by default). */
  readonly host: string;
  /** `false` freezes the device in Terraform (no changes applied). @default true */
  readonly managed?: boolean;
}

/** Device credentials as strings that Terraform resolves (variable or secret references). */
export interface IosXeCredentials {
  /** Username token, e.g. a sensitive `TerraformVariable`'s `stringValue`. */
  readonly username: string;
  /** Password token; never a literal: it would be written into `cdk.tf.json`. */
  readonly password: string;
}

/** Properties of an IosXeDeployment. */
export interface IosXeDeploymentProps {
  /**
   * The cdktf-compatible module your app uses: `import * as cdktf from 'cdktf'` (or `'cdktn'`).
   * @default - `require('cdktf')`, else `require('cdktn')`, from hubspoke's location
   */
  readonly cdktf?: CdktfModule;
  /** NETCONF address of every router, by hostname. Every router below this construct needs one. */
  readonly devices: Readonly<Record<string, IosXeDevice>>;
  /**
   * Device credentials.
   * @default - two sensitive variables, `<prefix>_username` and `<prefix>_password`
   */
  readonly credentials?: IosXeCredentials;
  /**
   * Skip SSH host-key verification (provider argument `insecure`).
   * @default - not written: the provider's default applies (true, or `IOSXE_INSECURE`)
   */
  readonly insecure?: boolean;
  /** Send with the non-transactional `config-ios-cli-rpc` instead of `config-ios-cli-trans`. @default false */
  readonly raw?: boolean;
  /**
   * Deploy the IKEv2 proposals, policies, keyrings and profiles that the provider's typed
   * resources can carry exactly through those resources (`iosxe_crypto_ikev2_*`), and the rest of
   * each configuration through `iosxe_cli` (docs/cdktf.md, "Typed IKEv2 resources"). When false,
   * everything goes through `iosxe_cli`.
   * @default true
   */
  readonly typedResources?: boolean;
  /**
   * Write `hubspoke.secrets.auto.tfvars.json` (mode 0600) next to `cdk.tf.json`. When false, set
   * every key variable as `TF_VAR_<name>` yourself (derived keys are then unavailable).
   * @default true
   */
  readonly secretsFile?: boolean;
  /**
   * Alias of this deployment's `provider "iosxe"` block. Needed when a stack holds several
   * deployments (Terraform allows one unaliased configuration per provider).
   * @default - no alias
   */
  readonly providerAlias?: string;
  /** Prefix of the Terraform names this construct creates. @default 'hubspoke' */
  readonly namePrefix?: string;
  /** Environment holding the key and master-secret variables. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The synthesis session cdktf passes to custom synthesis (the part used here). */
interface SynthesisSession {
  readonly outdir: string;
  readonly manifest: { forStack(stack: IConstruct): { readonly workingDirectory: string } };
}

const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');
const PREFIX = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

/** A hubspoke VPN deployed to IOS-XE through Terraform. Put Hub/Spoke/Router constructs inside it. */
export class IosXeDeployment extends Construct {
  /** The `provider "iosxe"` configuration. */
  readonly provider: CdktfProviderInstance;
  /** Prefix of the Terraform names this construct creates. */
  readonly namePrefix: string;

  readonly #cdktf: CdktfModule;
  readonly #stack: Construct;
  readonly #props: IosXeDeploymentProps;
  readonly #resources = new Map<string, CdktfResourceInstance>();
  /** Fingerprint -> variable reference token, from the latest prepare. */
  readonly #substitutions = new Map<string, string>();
  /** Fingerprint -> variable name, from the latest prepare. */
  #variableNames = new Map<string, string>();
  /** Hostname -> fingerprinted configuration split into typed sections and the cli rest, from the latest prepare. */
  readonly #texts = new Map<string, TypedSplit>();
  /** Hostname -> its typed resources, by `kind:name`. */
  readonly #typed = new Map<string, Map<string, CdktfResourceInstance>>();
  #run: HubspokeRun | undefined;
  /** The latest prepare's run, for the custom synthesis that follows it (consumed once). */
  #pending: { readonly run: HubspokeRun; readonly size: number } | undefined;
  #running = false;
  readonly #warned = new Set<string>();

  constructor(scope: Construct, id: string, props: IosXeDeploymentProps) {
    super(scope, id);
    this.#props = props;
    this.#cdktf = resolveCdktfModule(props.cdktf);
    const cdktf = this.#cdktf;
    if (!this.node.scopes.some((s) => cdktf.TerraformStack.isStack(s))) {
      throw new Error(`${this.node.path}: IosXeDeployment must be created inside a cdktf TerraformStack`);
    }
    this.#stack = cdktf.TerraformStack.of(this);
    this.namePrefix = props.namePrefix ?? 'hubspoke';
    if (!PREFIX.test(this.namePrefix)) {
      throw new Error(
        `${this.node.path}: namePrefix "${this.namePrefix}" is not a Terraform name (letters, digits, _; at most 40)`,
      );
    }
    if (props.providerAlias !== undefined && !PREFIX.test(props.providerAlias)) {
      throw new Error(
        `${this.node.path}: providerAlias "${props.providerAlias}" is not a Terraform name (letters, digits, _; at most 40)`,
      );
    }
    const devices = Object.entries(props.devices ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, d] of devices) {
      if (typeof d?.host !== 'string' || d.host.trim() === '' || /\s/.test(d.host)) {
        throw new Error(`${this.node.path}: devices.${name}.host must be a device address (host or host:port)`);
      }
    }

    const credentials = props.credentials ?? this.defaultCredentials();
    const { IosxeProvider } = iosxeClasses(cdktf);
    this.provider = new IosxeProvider(this, 'Provider', {
      devices: devices.map(([name, d]) => ({
        name,
        host: d.host,
        ...(d.managed === undefined ? {} : { managed: d.managed }),
      })),
      username: credentials.username,
      password: credentials.password,
      ...(props.insecure === undefined ? {} : { insecure: props.insecure }),
      ...(props.providerAlias === undefined ? {} : { alias: props.providerAlias }),
    });

    cdktf.Aspects.of(this).add({
      visit: (node: IConstruct) => {
        if (node === this) this.prepare();
      },
    });
    // hubspoke's own validation walks this subtree and so reaches this validation again: answer
    // nothing while a run is in progress (the run reports its problems itself).
    this.node.addValidation({ validate: () => (this.#running ? [] : this.problems()) });
    Object.defineProperty(this, CUSTOM_SYNTHESIS, {
      value: { onSynthesize: (session: SynthesisSession) => this.onSynthesize(session) },
      enumerable: false,
    });
  }

  /** The `iosxe_cli` resource of a router (after synthesis has prepared the stack). */
  cliResource(hostname: string): CdktfResourceInstance | undefined {
    return this.#resources.get(hostname);
  }

  /** The typed resources of a router, in apply order (after synthesis has prepared the stack). */
  typedResources(hostname: string): CdktfResourceInstance[] {
    return [...(this.#typed.get(hostname)?.values() ?? [])];
  }

  private defaultCredentials(): IosXeCredentials {
    const v = (id: string, what: string): string => {
      const variable = new this.#cdktf.TerraformVariable(this, id, {
        type: 'string',
        sensitive: true,
        description: `NETCONF ${what} of the IOS-XE routers (set TF_VAR_${this.namePrefix}_${id.toLowerCase()})`,
      });
      variable.overrideLogicalId(`${this.namePrefix}_${id.toLowerCase()}`);
      return variable.stringValue;
    };
    return { username: v('Username', 'username'), password: v('Password', 'password') };
  }

  private runOnce(): HubspokeRun {
    this.#running = true;
    try {
      return runHubspoke(this, { stackId: this.#stack.node.id, ...(this.#props.env ? { env: this.#props.env } : {}) });
    } finally {
      this.#running = false;
    }
  }

  /** Problems of the latest run plus the deployment's own (missing device addresses). */
  private problems(): string[] {
    const run = this.#run ?? this.prepare();
    const problems = [...run.problems, ...this.deviceProblems(run)];
    if (run.problems.length === 0) return problems;
    // cdktf validates every construct of the stack itself and prints `[path] message`; hubspoke's
    // run repeats those as `path: message`. Keep only what cdktf cannot see (cross-router checks,
    // key resolution, the proof), so each problem is printed once.
    const own = new Set<string>();
    this.#running = true;
    try {
      for (const c of this.node.findAll()) {
        if (c !== this) for (const message of c.node.validate()) own.add(`${c.node.path}: ${message}`);
      }
    } finally {
      this.#running = false;
    }
    return problems.filter((p) => !own.has(p));
  }

  /** What the deployment itself needs beyond a valid VPN: an address per router, IOS-XE only. */
  private deviceProblems(run: HubspokeRun): string[] {
    if (run.problems.length > 0) return [];
    const problems: string[] = [];
    const hostnames = new Set(run.routers.map((r) => r.hostname));
    for (const r of run.routers) {
      if (this.#props.devices[r.hostname] === undefined) {
        problems.push(`${this.node.path}: router ${r.hostname} has no entry in devices (its NETCONF address)`);
      }
      if (r.platform !== 'ios-xe-17') {
        problems.push(
          `${this.node.path}: router ${r.hostname} renders for ${r.platform}; the iosxe provider manages IOS-XE only (set platform 'ios-xe-17')`,
        );
      }
    }
    for (const name of Object.keys(this.#props.devices).sort()) {
      if (!hostnames.has(name))
        problems.push(`${this.node.path}: devices.${name} names no router below this construct (a typo?)`);
    }
    return problems;
  }

  /** Runs hubspoke and creates the variables and resources for what it found. Idempotent. */
  private prepare(): HubspokeRun {
    const run = this.prepareElements();
    this.#pending = { run, size: this.node.findAll().length };
    return run;
  }

  private prepareElements(): HubspokeRun {
    const run = this.runOnce();
    this.#run = run;
    // hubspoke's warnings (the constructs': weak lab keys, legacy crypto; the proof's: WEAK_CRYPTO,
    // REUSED_PSK, ... with the config line) live in its own metadata type, which cdktf does not
    // print: repeat them as cdktf warnings, once each (acknowledged ones are not in the run).
    for (const w of run.warnings) {
      const text = `${w.path}: ${w.message}${w.location !== undefined ? ` (${w.location})` : ''}`;
      if (this.#warned.has(text)) continue;
      this.#warned.add(text);
      this.#cdktf.Annotations.of(this).addWarning(text);
    }
    // Infos likewise; hubspoke's error annotations are among the run's problems, which fail the
    // cdktf synth through this construct's validation and custom synthesis.
    for (const i of run.infos) {
      const text = `${i.path}: ${i.message}`;
      if (this.#warned.has(`info\n${text}`)) continue;
      this.#warned.add(`info\n${text}`);
      this.#cdktf.Annotations.of(this).addInfo(text);
    }
    if (run.problems.length > 0 || this.deviceProblems(run).length > 0) return run;

    this.#texts.clear();
    for (const r of run.routers) {
      const split: TypedSplit =
        this.#props.typedResources === false ? { typed: [], rest: r.text } : splitTypedIkev2(r.text, r.hostname);
      this.#texts.set(r.hostname, split);
    }
    const uses = [...run.keys.entries()].map(([fingerprint, u]) => ({ fingerprint, hostnames: u.hostnames }));
    this.#variableNames = keyVariableNames(uses, this.namePrefix);
    this.#substitutions.clear();
    for (const [fingerprint, name] of this.#variableNames) {
      const id = `Psk-${name}`;
      const existing = this.node.tryFindChild(id) as { stringValue: string } | undefined;
      const variable =
        existing ??
        (() => {
          const created = new this.#cdktf.TerraformVariable(this, id, {
            type: 'string',
            sensitive: true,
            description: 'IKE pre-shared key; the value comes from the hubspoke secrets file or TF_VAR_' + name,
          });
          created.overrideLogicalId(name);
          return created;
        })();
      this.#substitutions.set(fingerprint, variable.stringValue);
    }

    const { IosxeCli } = iosxeClasses(this.#cdktf);
    for (const router of hubFirst(run.routers)) {
      if (this.#resources.has(router.hostname)) continue;
      const hub = router.hub === undefined ? undefined : this.#resources.get(router.hub);
      const typed = this.createTyped(router.hostname, hub);
      const after = [...(hub ? [hub] : []), ...typed];
      const resource = new IosxeCli(this, `Cli-${router.hostname}`, {
        cli: () => this.cliText(router.hostname),
        device: router.hostname,
        provider: this.provider,
        ...(this.#props.raw === undefined ? {} : { raw: this.#props.raw }),
        // Hub first, and a router's typed resources before its cli: see docs/cdktf.md.
        ...(after.length > 0 ? { dependsOn: after } : {}),
      });
      resource.overrideLogicalId(`${this.namePrefix}_${sanitize(router.hostname)}`);
      this.#resources.set(router.hostname, resource);
    }
    return run;
  }

  /**
   * The typed resources of one router: each after the sections it names, the first ones after
   * the hub's `iosxe_cli` (hub first, as for the cli).
   */
  private createTyped(hostname: string, hub: CdktfResourceInstance | undefined): CdktfResourceInstance[] {
    const { IosxeTyped } = iosxeClasses(this.#cdktf);
    const created = new Map<string, CdktfResourceInstance>();
    const logicalIds = new Set<string>();
    for (const section of this.#texts.get(hostname)?.typed ?? []) {
      const id = typedSectionId(section.kind, section.name);
      const deps = section.after.map((a) => created.get(a)!);
      const base = `${this.namePrefix}_${sanitize(hostname)}_ikev2_${section.kind}_${sanitize(section.name)}`;
      let logicalId = base;
      for (let n = 2; logicalIds.has(logicalId); n++) logicalId = `${base}_${n}`;
      logicalIds.add(logicalId);
      const resource = new IosxeTyped(this, `Typed-${hostname}-${section.kind}-${section.name}`, {
        resourceType: TYPED_RESOURCE_TYPES[section.kind],
        attributes: () => this.typedAttributes(hostname, id),
        device: hostname,
        provider: this.provider,
        ...(deps.length > 0 ? { dependsOn: deps } : hub ? { dependsOn: [hub] } : {}),
      });
      resource.overrideLogicalId(logicalId);
      created.set(id, resource);
    }
    this.#typed.set(hostname, created);
    return [...created.values()];
  }

  private typedAttributes(hostname: string, id: string): Record<string, unknown> {
    const section = this.#texts.get(hostname)?.typed.find((s) => typedSectionId(s.kind, s.name) === id);
    if (section === undefined)
      throw new Error(
        `${this.node.path}: ${hostname}: the IKEv2 section ${id} changed during synthesis; synthesize again`,
      );
    return toTypedAttributes(section.attributes, this.#substitutions, hostname);
  }

  private cliText(hostname: string): string {
    const split = this.#texts.get(hostname);
    if (split === undefined)
      throw new Error(`${this.node.path}: router ${hostname} is no longer part of the VPN; synthesize again`);
    return toIosxeCli(split.rest, this.#substitutions, hostname);
  }

  private onSynthesize(session: SynthesisSession): void {
    // The run of this synth's aspect pass is the full pipeline (validation and proof, whatever
    // skipValidation says), so its verdict decides here; without one (or if the tree changed
    // since), run again. Either way nothing is written unless the proof passed.
    const pending = this.#pending;
    this.#pending = undefined;
    const run = pending !== undefined && pending.size === this.node.findAll().length ? pending.run : this.runOnce();
    const stackDir = join(session.outdir, session.manifest.forStack(this.#stack).workingDirectory);
    const problems = [...run.problems, ...this.deviceProblems(run)];
    // The last good output of this deployment: a defaulted IKE version must not switch its tunnels.
    if (problems.length === 0) appendAll(problems, ikeMigrationProblems(this, join(stackDir, 'hubspoke')));
    if (problems.length > 0) {
      throw new Error(
        `hubspoke: ${this.node.path} cannot be deployed (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
          problems.map((p) => `  - ${p}`).join('\n'),
      );
    }
    for (const fp of run.keys.keys()) {
      if (!this.#substitutions.has(fp)) {
        throw new Error(`${this.node.path}: the pre-shared keys changed during synthesis; synthesize again`);
      }
    }
    run.writeArtifacts(join(stackDir, 'hubspoke'));
    const secrets = join(stackDir, SECRETS_FILE_NAME);
    if (this.#props.secretsFile === false) {
      // A stale file would still be auto-loaded by Terraform, with old keys.
      rmSync(secrets, { force: true });
      return;
    }
    const values = new Map<string, string>();
    for (const [fp, use] of run.keys) values.set(this.#variableNames.get(fp)!, use.value);
    writeSecretsFile(secrets, values);
  }
}

/** Hubs first, then everything else, each group in construct-tree order (the run's order). */
function hubFirst(routers: readonly RunRouter[]): RunRouter[] {
  return [...routers.filter((r) => r.role === 'hub'), ...routers.filter((r) => r.role !== 'hub')];
}
