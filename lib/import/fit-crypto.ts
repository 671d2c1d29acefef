/**
 * The Hub's `crypto` prop of an imported network (only what differs from the patterns' strong
 * defaults) and whether the stack must opt into legacy algorithms.
 */
import type {
  CryptoMapEntry,
  InterfaceConfig,
  IsakmpAuthentication,
  IsakmpEncryption,
  IsakmpHash,
  RouterConfig,
} from '../ir/router-config.js';
import { DEFAULT_PFS_GROUP } from '../constructs/crypto-map.js';
import { dhGroupStrength, isakmpEncryptionStrength, isakmpHashStrength, transformStrength } from '../ir/algorithms.js';
import { ISAKMP_POLICY_DEFAULTS } from '../ir/ike-vocabulary.js';
import { DEFAULT_ISAKMP_POLICY } from '../constructs/isakmp-policy.js';
import { DEFAULT_TRANSFORMS } from '../constructs/transform-set.js';
import type { CryptoSettings } from '../patterns/crypto-settings.js';
import type { ModelDevice } from '../verify/model/network-model.js';
import type { FitInput } from './fit.js';

interface PolicyValues {
  readonly priority: number;
  readonly encryption: IsakmpEncryption;
  readonly hash: IsakmpHash;
  readonly authentication: IsakmpAuthentication;
  readonly group: number;
  readonly lifetime: number;
}

/** The hub's first policy with the IOS defaults filled in. */
function policyValues(c: RouterConfig): PolicyValues {
  const policy = [...c.isakmpPolicies].sort((a, b) => a.priority - b.priority)[0];
  return {
    priority: policy?.priority ?? DEFAULT_ISAKMP_POLICY.priority,
    encryption: policy?.encryption ?? ISAKMP_POLICY_DEFAULTS.encryption,
    hash: policy?.hash ?? ISAKMP_POLICY_DEFAULTS.hash,
    authentication: policy?.authentication ?? ISAKMP_POLICY_DEFAULTS.authentication,
    group: policy?.group ?? ISAKMP_POLICY_DEFAULTS.group,
    lifetime: policy?.lifetime ?? ISAKMP_POLICY_DEFAULTS.lifetime,
  };
}

function isLegacy(values: PolicyValues, transforms: readonly string[], pfs: number | false): boolean {
  return (
    isakmpEncryptionStrength(values.encryption) === 'legacy' ||
    isakmpHashStrength(values.hash) === 'legacy' ||
    dhGroupStrength(values.group) === 'legacy' ||
    transforms.some((t) => transformStrength(t) === 'legacy') ||
    (pfs !== false && dhGroupStrength(pfs) === 'legacy')
  );
}

/** True when any router of the network uses a legacy algorithm (the stack must opt in). */
export function networkUsesLegacy(inputs: readonly FitInput[]): boolean {
  return inputs.some(({ config: c }) => {
    const policies = c.isakmpPolicies.some((p) =>
      isLegacy({ ...policyValues({ ...c, isakmpPolicies: [p] }) }, [], false),
    );
    const sets = c.transformSets.some((t) => t.transforms.some((x) => transformStrength(x) === 'legacy'));
    const pfs = [...c.cryptoMaps.flatMap((m) => m.entries), ...(c.ipsecProfiles ?? [])].some(
      (e) => e.pfs && dhGroupStrength(e.pfs.group ?? 1) === 'legacy',
    );
    return policies || sets || pfs;
  });
}

/**
 * The Hub's `crypto` prop: only what differs from the pattern's strong defaults. `first` is the
 * hub's first entry, or the IPsec profile of its tunnels (route-based).
 */
export function cryptoSettings(
  hub: ModelDevice,
  wan: InterfaceConfig,
  first: Pick<CryptoMapEntry, 'transformSets' | 'pfs' | 'saLifetimeSeconds'> | undefined,
  ikev2 = false,
): CryptoSettings {
  const c = hub.config;
  // With IKEv2 there is no ISAKMP policy to give back: the pattern's (unused) default stands.
  const values = ikev2 ? ({ ...DEFAULT_ISAKMP_POLICY } as PolicyValues) : policyValues(c);
  const isakmp: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values))
    if (v !== DEFAULT_ISAKMP_POLICY[k as keyof typeof DEFAULT_ISAKMP_POLICY]) isakmp[k] = v;
  const tsName = first?.transformSets[0];
  const transforms = c.transformSets.find((t) => t.name === tsName)?.transforms ?? DEFAULT_TRANSFORMS;
  const pfs = first?.pfs === undefined ? false : (first.pfs.group ?? 1);
  const settings: Record<string, unknown> = {
    isakmp: Object.keys(isakmp).length > 0 ? isakmp : undefined,
    transforms: JSON.stringify(transforms) !== JSON.stringify(DEFAULT_TRANSFORMS) ? transforms : undefined,
    transformSetName: tsName !== 'HUBSPOKE-TS' ? tsName : undefined,
    cryptoMapName: wan.cryptoMap !== 'HUBSPOKE-MAP' ? wan.cryptoMap : undefined,
    pfs: pfs !== DEFAULT_PFS_GROUP ? pfs : undefined,
    saLifetimeSeconds: first?.saLifetimeSeconds,
    allowLegacyCrypto: isLegacy(values, transforms, pfs) || undefined,
    complianceShieldDisabled: c.options.complianceShieldDisabled || undefined,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as CryptoSettings;
}
