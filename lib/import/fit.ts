/**
 * Fits a parsed hub-and-spoke network to the `Hub` and `Spoke` patterns: which device is the hub
 * (the network model's choice), which hub entry belongs to which spoke, and the props each pattern
 * needs to give back what the configs hold. What the patterns cannot say is left to `fixups.ts`;
 * what the import cannot express at all is returned as problems (the import then writes nothing).
 */
import type {
  CryptoMapEntry,
  InterfaceConfig,
  IsakmpAuthentication,
  IsakmpEncryption,
  IsakmpHash,
  IsakmpKey,
  RouterConfig,
} from '../ir/router-config.js';
import { DEFAULT_PFS_GROUP } from '../constructs/crypto-map.js';
import { dhGroupStrength, isakmpEncryptionStrength, isakmpHashStrength, transformStrength } from '../ir/algorithms.js';
import { ISAKMP_POLICY_DEFAULTS } from '../ir/ike-vocabulary.js';
import { prefixContains } from '../ir/ipv4.js';
import { defaultDeadPeerDetection, type DeadPeerDetectionProps } from '../constructs/dead-peer-detection.js';
import { DEFAULT_ISAKMP_POLICY } from '../constructs/isakmp-policy.js';
import { DEFAULT_TRANSFORMS } from '../constructs/transform-set.js';
import type { CryptoSettings } from '../patterns/crypto-settings.js';
import type { LanProps, WanProps } from '../patterns/site.js';
import { buildNetworkModel, type ModelDevice, type NetworkModel } from '../verify/model/network-model.js';
import type { HubSpec, ImportSpec, KeyMode, KeyVariable, OtherSpec, SpokeSpec } from './spec.js';
import { constructId, identifier, variableName } from './names.js';

/** A parsed configuration with its text. */
export interface FitInput {
  readonly file: string;
  readonly text: string;
  readonly config: RouterConfig;
}

/** Options of {@link fitNetwork}. */
export interface FitOptions {
  readonly stackId: string;
  readonly keyMode: KeyMode;
  readonly masterSecretVariable: string;
}

/** The spec, or why the network cannot be imported. */
export type FitResult = { readonly spec: ImportSpec } | { readonly problems: readonly string[] };

const where = (d: { file: string }, line?: number) => (line !== undefined ? `${d.file}:${line}` : d.file);

function cryptoInterface(d: ModelDevice, problems: string[]): InterfaceConfig | undefined {
  const withMap = d.config.interfaces.filter((i) => i.cryptoMap !== undefined && !i.shutdown);
  if (withMap.length !== 1) {
    problems.push(
      `${where(d)}: ${d.hostname} has ${withMap.length} interfaces carrying a crypto map; the Hub and Spoke patterns have one WAN interface`,
    );
    return undefined;
  }
  const i = withMap[0]!;
  if (!i.address) {
    problems.push(`${where(d, i.loc?.line)}: the crypto interface ${i.name} of ${d.hostname} has no address`);
    return undefined;
  }
  const map = d.config.cryptoMaps.find((m) => m.name === i.cryptoMap);
  if (map?.localAddress !== undefined) {
    problems.push(
      `${where(d, map.loc?.line)}: crypto map ${map.name} local-address ${map.localAddress}: importing a loopback IKE source is not supported yet`,
    );
  }
  return i;
}

function lanProps(d: ModelDevice): LanProps[] {
  const seen = new Set<string>();
  const out: LanProps[] = [];
  for (const s of d.sites) {
    const i = d.config.interfaces.find((x) => x.name === s.interface);
    if (!i?.address || seen.has(i.name)) continue;
    seen.add(i.name);
    out.push({ address: `${i.address.ip}/${i.address.prefixLength}`, interface: i.name });
  }
  return out;
}

/** The next hop of the routes to other sites, when they use one (the pattern's `wan.gateway`). */
function gatewayOf(d: ModelDevice, model: NetworkModel): string | undefined {
  const remote = model.sites.filter((s) => s.device !== d).map((s) => s.prefix);
  const hops = d.config.staticRoutes
    .filter((r) => r.nextHop !== undefined && remote.some((p) => prefixContains(r.prefix, p)))
    .map((r) => r.nextHop!);
  return hops[0];
}

function wanProps(d: ModelDevice, wan: InterfaceConfig, model: NetworkModel): WanProps {
  const gateway = gatewayOf(d, model);
  return {
    address: `${wan.address!.ip}/${wan.address!.prefixLength}`,
    interface: wan.name,
    ...(gateway !== undefined ? { gateway } : {}),
  };
}

function dpdOf(config: RouterConfig): DeadPeerDetectionProps | false {
  const k = config.options.isakmpKeepalive;
  if (!k) return false;
  return {
    seconds: k.seconds,
    ...(k.retry !== undefined ? { retry: k.retry } : {}),
    ...(k.mode ? { mode: k.mode } : {}),
  };
}

function sameDpd(
  a: DeadPeerDetectionProps | false | undefined,
  b: DeadPeerDetectionProps | false | undefined,
): boolean {
  const norm = (x: DeadPeerDetectionProps | false | undefined) =>
    x ? JSON.stringify([x.seconds, x.retry ?? 2, x.mode ?? 'on-demand']) : 'none';
  return norm(a) === norm(b);
}

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
function networkUsesLegacy(inputs: readonly FitInput[]): boolean {
  return inputs.some(({ config: c }) => {
    const policies = c.isakmpPolicies.some((p) =>
      isLegacy({ ...policyValues({ ...c, isakmpPolicies: [p] }) }, [], false),
    );
    const sets = c.transformSets.some((t) => t.transforms.some((x) => transformStrength(x) === 'legacy'));
    const pfs = c.cryptoMaps.some((m) =>
      m.entries.some((e) => e.pfs && dhGroupStrength(e.pfs.group ?? 1) === 'legacy'),
    );
    return policies || sets || pfs;
  });
}

/** The Hub's `crypto` prop: only what differs from the pattern's strong defaults. */
function cryptoSettings(hub: ModelDevice, wan: InterfaceConfig, first: CryptoMapEntry | undefined): CryptoSettings {
  const c = hub.config;
  const values = policyValues(c);
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

function keyFor(config: RouterConfig, peer: string): IsakmpKey | undefined {
  return config.isakmpKeys.find((k) => k.address === peer && k.prefixLength === 32);
}

interface PairKeys {
  readonly spoke: ModelDevice;
  readonly value: string;
}

/** The pair's key, the same on both ends, or a problem. */
function pairKey(hub: ModelDevice, spoke: ModelDevice, hubIp: string, spokeIp: string, problems: string[]): string {
  const a = keyFor(hub.config, spokeIp);
  const b = keyFor(spoke.config, hubIp);
  for (const [d, k, peer] of [
    [hub, a, spokeIp],
    [spoke, b, hubIp],
  ] as const) {
    if (!k) problems.push(`${where(d)}: ${d.hostname} has no crypto isakmp key for ${peer}; fix the network first`);
    else if (k.encryption !== 0)
      problems.push(
        `${where(d, k.loc?.line)}: ${d.hostname}'s key for ${peer} is stored encrypted (type ${k.encryption}); enter it in clear text (type 0) to import it`,
      );
  }
  if (a && b && a.key !== b.key)
    problems.push(
      `${where(hub, a.loc?.line)} and ${where(spoke, b.loc?.line)}: the two ends of ${hub.hostname}/${spoke.hostname} hold different keys; fix the network first`,
    );
  return a?.key ?? '';
}

/** One variable per distinct key: HUBSPOKE_PSK when every pair shares one, else named after its first spoke. */
function keyVariables(pairs: readonly PairKeys[]): KeyVariable[] {
  const distinct = [...new Set(pairs.map((p) => p.value))];
  return distinct.map((value) => {
    const users = pairs.filter((p) => p.value === value);
    const variable =
      distinct.length === 1 ? 'HUBSPOKE_PSK' : `HUBSPOKE_PSK_${identifier(users[0]!.spoke.hostname).toUpperCase()}`;
    return { variable, value, pairs: users.map((u) => u.spoke.hostname) };
  });
}

function siteBase(d: ModelDevice, wan: InterfaceConfig, model: NetworkModel, used: Set<string>) {
  return {
    variable: variableName(d.hostname, used),
    id: constructId(d.hostname),
    hostname: d.hostname,
    file: d.file,
    platform: d.config.platform,
    lan: lanProps(d),
    wan: wanProps(d, wan, model),
    routes: [],
    processSwitching: wan.noIpRouteCache === true,
    wanInterface: wan,
  };
}

interface SpokeMatch {
  readonly device: ModelDevice;
  readonly wan: InterfaceConfig;
  readonly hubEntry: CryptoMapEntry;
  readonly ownEntry: CryptoMapEntry;
}

function matchSpokes(model: NetworkModel, hub: ModelDevice, hubIp: string, problems: string[]): SpokeMatch[] {
  const hubWan = hub.config.interfaces.find((i) => i.address?.ip === hubIp)!;
  const map = hub.config.cryptoMaps.find((m) => m.name === hubWan.cryptoMap);
  const out: SpokeMatch[] = [];
  for (const entry of map?.entries ?? []) {
    if (entry.type !== 'ipsec-isakmp' || entry.peers.length !== 1 || entry.matchAddress === undefined) continue;
    const owner = model.owner(entry.peers[0]!);
    if (!owner || owner.device.role !== 'spoke' || out.some((s) => s.device === owner.device)) continue;
    const d = owner.device;
    const own = d.config.cryptoMaps.flatMap((m) => m.entries).find((e) => e.peers.length === 1 && e.peers[0] === hubIp);
    const wan = cryptoInterface(d, problems);
    if (!own || !wan) continue;
    if (own.matchAddress !== entry.matchAddress) {
      problems.push(
        `${where(d, own.loc?.line)}: ${d.hostname}'s entry matches ACL ${own.matchAddress ?? '(none)'} but the hub's entry ${entry.seq} matches ${entry.matchAddress}; the Spoke pattern names the ACL alike on both ends`,
      );
      continue;
    }
    out.push({ device: d, wan, hubEntry: entry, ownEntry: own });
  }
  return out;
}

/**
 * The spec of a network the patterns do not fit: every router an L1 `Router` whose constructs the
 * fixups write, with the reasons kept for the generated file's comment.
 */
function unfitted(
  inputs: readonly FitInput[],
  options: FitOptions,
  model: NetworkModel,
  reasons: readonly string[],
): FitResult {
  const used = new Set<string>(['app', 'stack', 'env', 'outdir']);
  const others: OtherSpec[] = model.devices.map((d) => ({
    variable: variableName(d.hostname, used),
    id: constructId(d.hostname),
    hostname: d.hostname,
    file: d.file,
    platform: d.config.platform,
  }));
  return {
    spec: {
      stackId: options.stackId,
      platform: model.devices[0]?.config.platform ?? 'ios-xe-17',
      allowLegacyCrypto: networkUsesLegacy(inputs),
      spokes: [],
      others,
      unfitted: reasons,
      keyMode: 'environment',
      keys: [],
      masterSecretVariable: options.masterSecretVariable,
      inputs: new Map(inputs.map((f) => [f.config.hostname, f])),
    },
  };
}

/** Fits the parsed network (see the module comment). */
export function fitNetwork(inputs: readonly FitInput[], options: FitOptions): FitResult {
  const problems: string[] = [];
  let model: NetworkModel;
  try {
    model = buildNetworkModel(inputs);
  } catch (e) {
    return { problems: [(e as Error).message] };
  }
  const hub = model.hub;
  if (!hub) return unfitted(inputs, options, model, ['no hub: no config has crypto map entries for two or more peers']);
  const hubWan = cryptoInterface(hub, problems);
  if (!hubWan) return unfitted(inputs, options, model, problems);
  const hubIp = hubWan.address!.ip;
  const matches = matchSpokes(model, hub, hubIp, problems);
  for (const d of model.devices)
    if (d.role === 'spoke' && !matches.some((m) => m.device === d))
      problems.push(
        `${where(d)}: ${d.hostname} has crypto map entries but the hub has no entry that fits it as a spoke`,
      );
  const pairs = matches.map((m) => ({
    spoke: m.device,
    value: pairKey(hub, m.device, hubIp, m.wan.address!.ip, problems),
  }));
  if (problems.length > 0) return unfitted(inputs, options, model, problems);
  const used = new Set<string>(['app', 'stack', 'hub', 'env', 'outdir']);
  const keys = options.keyMode === 'environment' ? keyVariables(pairs) : [];
  const variableOf = (hostname: string) => keys.find((k) => k.pairs.includes(hostname))?.variable;
  const firstVariable = keys[0]?.variable;
  const hubDpd = dpdOf(hub.config);
  const hubSpec: HubSpec = {
    ...siteBase(hub, hubWan, model, used),
    variable: 'hub',
    crypto: cryptoSettings(hub, hubWan, matches[0]?.hubEntry),
    ...(sameDpd(hubDpd, defaultDeadPeerDetection(hub.config.platform)) ? {} : { deadPeerDetection: hubDpd }),
    ...(firstVariable !== undefined ? { keyVariable: firstVariable } : {}),
  };
  const spokes: SpokeSpec[] = matches.map((m) => {
    const dpd = dpdOf(m.device.config);
    const inherited = hubSpec.deadPeerDetection ?? defaultDeadPeerDetection(m.device.config.platform) ?? false;
    const variable = variableOf(m.device.hostname);
    return {
      ...siteBase(m.device, m.wan, model, used),
      sequence: m.hubEntry.seq,
      localSequence: m.ownEntry.seq,
      aclName: m.hubEntry.matchAddress!,
      ...(sameDpd(dpd, inherited) ? {} : { deadPeerDetection: dpd }),
      ...(variable !== undefined && variable !== firstVariable ? { keyVariable: variable } : {}),
    };
  });
  const others: OtherSpec[] = model.devices
    .filter((d) => d !== hub && !matches.some((m) => m.device === d))
    .map((d) => ({
      variable: variableName(d.hostname, used),
      id: constructId(d.hostname),
      hostname: d.hostname,
      file: d.file,
      platform: d.config.platform,
    }));
  const byHost = new Map(inputs.map((f) => [f.config.hostname, f]));
  return {
    spec: {
      stackId: options.stackId,
      platform: hub.config.platform,
      allowLegacyCrypto: hubSpec.crypto.allowLegacyCrypto === true || networkUsesLegacy(inputs),
      hub: hubSpec,
      spokes,
      others,
      keyMode: options.keyMode,
      keys,
      masterSecretVariable: options.masterSecretVariable,
      inputs: byHost,
    },
  };
}
