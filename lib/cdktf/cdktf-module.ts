/**
 * The part of the cdktf (or cdktn) module that the integration uses, described structurally.
 *
 * WHY structural and passed in, not `import 'cdktf'`: hubspoke must work for users of HashiCorp's
 * `cdktf` 0.21 and of its community continuation `cdktn` 0.24, which export the same classes under
 * another package name. A static `import 'cdktf'` would fail to load for a cdktn user, and loading
 * our own copy of either package could put two copies of `TerraformStack` in one construct tree.
 * So the user hands us the module they already use (`import * as cdktf from 'cdktf'`, or
 * `from 'cdktn'`); only when they do not do we look one up with `require`, in that order (see
 * `resolveCdktfModule`). Both packages share the construct-tree protocol we rely on (the
 * `cdktf/customSynthesis` symbol, `Aspects`, node validations): `test/cdktf/` pins it on both.
 */
import { createRequire } from 'node:module';
import type { Construct, IConstruct } from 'constructs';

/** Version metadata cdktf writes into `terraform.required_providers`. */
export interface CdktfProviderGeneratorMetadata {
  readonly providerName: string;
  readonly providerVersionConstraint?: string;
  readonly providerVersion?: string;
}

/** Something a resource can depend on (`depends_on`). */
export interface CdktfDependable {
  readonly fqn: string;
}

/** What every cdktf Terraform element (provider, resource, variable) offers. */
export interface CdktfElementInstance extends Construct {
  readonly fqn: string;
  /** Fixes the element's name in the JSON (instead of a path-derived one with a hash suffix). */
  overrideLogicalId(newLogicalId: string): void;
}

/** An instance of cdktf's `TerraformProvider`. */
export interface CdktfProviderInstance extends CdktfElementInstance {}

/** An instance of cdktf's `TerraformResource`. */
export interface CdktfResourceInstance extends CdktfElementInstance {
  readonly terraformResourceType: string;
}

/** An instance of cdktf's `TerraformVariable`. */
export interface CdktfVariableInstance extends CdktfElementInstance {
  /** A token that renders as `${var.NAME}` wherever it is embedded in a string. */
  readonly stringValue: string;
}

/** The cdktf `IAspect` protocol. */
export interface CdktfAspect {
  visit(node: IConstruct): void;
}

/** The subset of the `cdktf` / `cdktn` module namespace that hubspoke uses. */
export interface CdktfModule {
  readonly TerraformStack: {
    isStack(x: unknown): boolean;
    of(construct: IConstruct): Construct;
  };
  readonly TerraformProvider: abstract new (
    scope: Construct,
    id: string,
    config: {
      readonly terraformResourceType: string;
      readonly terraformGeneratorMetadata?: CdktfProviderGeneratorMetadata;
      readonly terraformProviderSource?: string;
    },
  ) => CdktfProviderInstance;
  readonly TerraformResource: new (
    scope: Construct,
    id: string,
    config: {
      readonly terraformResourceType: string;
      readonly terraformGeneratorMetadata?: CdktfProviderGeneratorMetadata;
      readonly dependsOn?: CdktfDependable[];
    },
  ) => CdktfResourceInstance;
  readonly TerraformVariable: new (
    scope: Construct,
    id: string,
    config: {
      readonly type?: string;
      readonly sensitive?: boolean;
      readonly description?: string;
      readonly nullable?: boolean;
    },
  ) => CdktfVariableInstance;
  readonly Aspects: {
    of(scope: IConstruct): { add(aspect: CdktfAspect): void };
  };
  /** cdktf's annotations: warnings and infos added here appear in the manifest and in `cdktf synth`. */
  readonly Annotations: {
    of(scope: IConstruct): { addWarning(message: string): void; addInfo(message: string): void };
  };
}

/** The npm packages tried by `resolveCdktfModule`, in order. */
export const CDKTF_PACKAGE_NAMES = ['cdktf', 'cdktn'] as const;

/** True when `x` has the members hubspoke needs from a cdktf-compatible module. */
export function isCdktfModule(x: unknown): x is CdktfModule {
  if (x === null || typeof x !== 'object') return false;
  const m = x as Record<string, unknown>;
  return (
    typeof m['TerraformStack'] === 'function' &&
    typeof m['TerraformProvider'] === 'function' &&
    typeof m['TerraformResource'] === 'function' &&
    typeof m['TerraformVariable'] === 'function' &&
    typeof m['Aspects'] === 'function' &&
    typeof m['Annotations'] === 'function'
  );
}

/**
 * Returns the module the user passed, or else the first of `cdktf`, `cdktn` that `require` finds
 * from hubspoke's own location (both are CommonJS, so a synchronous require works from ESM).
 * Prefer passing the module explicitly: with several copies installed, `require` may find one
 * that is not the copy the user's `App` comes from.
 */
export function resolveCdktfModule(given?: unknown): CdktfModule {
  if (given !== undefined) {
    if (!isCdktfModule(given)) {
      throw new Error(
        'hubspoke/cdktf: the `cdktf` property is not a cdktf module. Pass the module namespace itself: ' +
          "`import * as cdktf from 'cdktf'` (or from 'cdktn'), then `{ cdktf }`.",
      );
    }
    return given;
  }
  const require = createRequire(import.meta.url);
  for (const name of CDKTF_PACKAGE_NAMES) {
    let loaded: unknown;
    try {
      loaded = require(name);
    } catch {
      continue;
    }
    if (isCdktfModule(loaded)) return loaded;
  }
  throw new Error(
    'hubspoke/cdktf: neither `cdktf` nor `cdktn` is installed. Install one (`npm i cdktf@0.21` or ' +
      '`npm i cdktn@0.24`) and pass it: `import * as cdktf from "cdktf"`, then `{ cdktf }`.',
  );
}
