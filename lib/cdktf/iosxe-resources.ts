/**
 * The CiscoDevNet/iosxe Terraform provider and its `iosxe_cli` resource, on cdktf's generic
 * `TerraformProvider` / `TerraformResource` classes (no prebuilt cdktf bindings exist for it).
 *
 * Facts from the provider's documentation and source at v1.0.0 (`docs/index.md`,
 * `docs/resources/cli.md`, `internal/provider/resource_iosxe_cli.go`):
 * - 1.0 talks NETCONF over SSH only (RESTCONF, `url` and `protocol` were removed in 1.0.0). Provider
 *   arguments: `host` (port 830 unless `host:port`), `username`, `password` (sensitive), `devices`
 *   (a list of `{ name, host, managed }` sharing one set of credentials; every resource then picks
 *   one with its `device` argument), `insecure` (skip SSH host-key verification, DEFAULT TRUE),
 *   `retries`, `reuse_connection`, `auto_commit`, `lock_release_timeout`, `selected_devices`.
 *   Each also reads an `IOSXE_*` environment variable.
 * - `iosxe_cli` arguments: `cli` (required string: configuration-mode lines), `device`, `raw`.
 *   `raw = false` (default) sends the lines with the `config-ios-cli-trans` RPC: transactional,
 *   rolled back on failure, native (YANG-modelled) CLIs only, which covers everything hubspoke
 *   renders (interfaces, routes, ACLs, isakmp, transform sets, crypto maps). `raw = true` uses
 *   `config-ios-cli-rpc`: any CLI, no rollback.
 * - `iosxe_cli` cannot read the device back: Read and Delete are no-ops, and Update re-sends the
 *   whole `cli` text. So Terraform never sees drift, and removing lines from `cli` (or destroying
 *   the resource) removes nothing from the router. See docs/cdktf.md.
 */
import type { Construct } from 'constructs';
import type { CdktfDependable, CdktfModule, CdktfProviderInstance, CdktfResourceInstance } from './cdktf-module.js';

/** Terraform registry source of the provider. */
export const IOSXE_PROVIDER_SOURCE = 'CiscoDevNet/iosxe';
/** Version constraint written into `required_providers`. */
export const IOSXE_PROVIDER_VERSION = '~> 1.0';

/** One entry of the provider's `devices` list. */
export interface IosxeDeviceEntry {
  /** Name that resources select with `device`. */
  readonly name: string;
  /** Address (or `address:port`) of the device's NETCONF service. */
  readonly host: string;
  /** `false` freezes the device (no changes applied). @default true (provider default) */
  readonly managed?: boolean;
}

/** Configuration of one `provider "iosxe"` block. */
export interface IosxeProviderConfig {
  /** Devices managed by this provider configuration. */
  readonly devices: readonly IosxeDeviceEntry[];
  /** Username; pass a sensitive variable's token, never a literal. */
  readonly username: string;
  /** Password; pass a sensitive variable's token, never a literal. */
  readonly password: string;
  /**
   * Skip SSH host-key verification.
   * @default - not written: the provider's default applies (true, or `IOSXE_INSECURE`)
   */
  readonly insecure?: boolean;
  /** Provider alias, for a second `iosxe` configuration in one stack. @default - no alias */
  readonly alias?: string;
}

/** Arguments of one `iosxe_cli` resource. */
export interface IosxeCliConfig {
  /** The configuration lines, computed when the stack is turned into Terraform JSON. */
  readonly cli: () => string;
  /** Device name from the provider's `devices` list. */
  readonly device: string;
  /** Provider configuration to use. */
  readonly provider: CdktfProviderInstance;
  /** Send with the non-transactional `config-ios-cli-rpc`. @default false */
  readonly raw?: boolean;
  /** Resources that must be applied first (`depends_on`). @default - none */
  readonly dependsOn?: readonly CdktfDependable[];
}

/**
 * Arguments of one typed iosxe resource (`iosxe_crypto_ikev2_keyring`, ...): its type and its
 * attributes as the provider's schema names them (docs/cdktf.md, "Typed IKEv2 resources").
 */
export interface IosxeTypedConfig {
  /** Terraform resource type, e.g. `iosxe_crypto_ikev2_proposal`. */
  readonly resourceType: string;
  /** The attributes without `device`, computed when the stack is turned into Terraform JSON. */
  readonly attributes: () => Readonly<Record<string, unknown>>;
  /** Device name from the provider's `devices` list. */
  readonly device: string;
  /** Provider configuration to use. */
  readonly provider: CdktfProviderInstance;
  /** Resources that must be applied first (`depends_on`). @default - none */
  readonly dependsOn?: readonly CdktfDependable[];
}

/** Constructors of the element types, bound to one cdktf module. */
export interface IosxeClasses {
  readonly IosxeProvider: new (scope: Construct, id: string, config: IosxeProviderConfig) => CdktfProviderInstance;
  readonly IosxeCli: new (scope: Construct, id: string, config: IosxeCliConfig) => CdktfResourceInstance;
  readonly IosxeTyped: new (scope: Construct, id: string, config: IosxeTypedConfig) => CdktfResourceInstance;
}

// The `cli` text holds `${var...}` references and is computed at synthesis time; HCL output would
// need typed attribute descriptors for it, and nobody deploys hubspoke from HCL: refuse clearly.
function hclUnsupported(): Error {
  return new Error('hubspoke/cdktf: HCL output (hclOutput / SYNTH_HCL_OUTPUT=true) is not supported; synthesize JSON.');
}

const cache = new WeakMap<CdktfModule, IosxeClasses>();

/**
 * The provider and resource classes, subclassed from the given module's generic classes. Cached
 * per module so every stack of an app shares one class pair.
 */
export function iosxeClasses(cdktf: CdktfModule): IosxeClasses {
  const hit = cache.get(cdktf);
  if (hit) return hit;

  class IosxeProvider extends cdktf.TerraformProvider {
    readonly #config: IosxeProviderConfig;

    constructor(scope: Construct, id: string, config: IosxeProviderConfig) {
      super(scope, id, {
        terraformResourceType: 'iosxe',
        terraformGeneratorMetadata: { providerName: 'iosxe', providerVersionConstraint: IOSXE_PROVIDER_VERSION },
        terraformProviderSource: IOSXE_PROVIDER_SOURCE,
      });
      this.#config = config;
    }

    // cdktf reads `alias` for the provider's fqn (`iosxe.ALIAS`) and meta attributes.
    get alias(): string | undefined {
      return this.#config.alias;
    }

    set alias(_value: string | undefined) {
      // Fixed at construction: a provider's address must not change after resources reference it.
    }

    // Called by cdktf's toTerraform(); provider keys are snake-cased by cdktf itself.
    synthesizeAttributes(): Record<string, unknown> {
      const c = this.#config;
      return {
        username: c.username,
        password: c.password,
        devices: c.devices.map((d) => ({
          name: d.name,
          host: d.host,
          ...(d.managed === undefined ? {} : { managed: d.managed }),
        })),
        ...(c.insecure === undefined ? {} : { insecure: c.insecure }),
      };
    }

    synthesizeHclAttributes(): Record<string, unknown> {
      throw hclUnsupported();
    }
  }

  class IosxeCli extends cdktf.TerraformResource {
    readonly #config: IosxeCliConfig;

    constructor(scope: Construct, id: string, config: IosxeCliConfig) {
      super(scope, id, {
        terraformResourceType: 'iosxe_cli',
        terraformGeneratorMetadata: { providerName: 'iosxe', providerVersionConstraint: IOSXE_PROVIDER_VERSION },
        ...(config.dependsOn === undefined ? {} : { dependsOn: [...config.dependsOn] }),
      });
      this.#config = config;
      // TerraformResource keeps the provider as a public field read at synthesis time.
      (this as unknown as { provider: CdktfProviderInstance }).provider = config.provider;
    }

    // Resource attributes are written as returned (not snake-cased), hence the literal names.
    synthesizeAttributes(): Record<string, unknown> {
      return {
        cli: this.#config.cli(),
        device: this.#config.device,
        raw: this.#config.raw ?? false,
      };
    }

    synthesizeHclAttributes(): Record<string, unknown> {
      throw hclUnsupported();
    }
  }

  class IosxeTyped extends cdktf.TerraformResource {
    readonly #config: IosxeTypedConfig;

    constructor(scope: Construct, id: string, config: IosxeTypedConfig) {
      super(scope, id, {
        terraformResourceType: config.resourceType,
        terraformGeneratorMetadata: { providerName: 'iosxe', providerVersionConstraint: IOSXE_PROVIDER_VERSION },
        ...(config.dependsOn === undefined ? {} : { dependsOn: [...config.dependsOn] }),
      });
      this.#config = config;
      (this as unknown as { provider: CdktfProviderInstance }).provider = config.provider;
    }

    synthesizeAttributes(): Record<string, unknown> {
      return { ...this.#config.attributes(), device: this.#config.device };
    }

    synthesizeHclAttributes(): Record<string, unknown> {
      throw hclUnsupported();
    }
  }

  const classes: IosxeClasses = { IosxeProvider, IosxeCli, IosxeTyped };
  cache.set(cdktf, classes);
  return classes;
}
