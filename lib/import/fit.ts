/**
 * Fits a parsed hub-and-spoke network to the `Hub` and `Spoke` patterns: which device is the hub
 * (the network model's choice), which hub entry belongs to which spoke, and the props each pattern
 * needs to give back what the configs hold. What the patterns cannot say is left to `fixups.ts`;
 * what the import cannot express at all is returned as problems (the import then writes nothing).
 */
import type { CryptoMapEntry, InterfaceConfig, RouterConfig } from '../ir/router-config.js';
import { appendAll } from '../ir/collections.js';
import { defaultDeadPeerDetection } from '../constructs/dead-peer-detection.js';
import { HUBSPOKE_IKEV2_NAMES, type IkeVersion } from '../patterns/ikev2-settings.js';
import type { Keying } from '../patterns/keying.js';
import { buildNetworkModel, type ModelDevice, type NetworkModel } from '../verify/model/network-model.js';
import type { HubSpec, ImportSpec, KeyMode, KeyVariable, OtherSpec, SpokeSpec } from './spec.js';
import { constructId, variableName } from './names.js';
import { cryptoSettings, networkUsesLegacy } from './fit-crypto.js';
import { dpdOf, fittedSpec, sameDpd, siteBase, where } from './fit-site.js';
import { fitVti } from './fit-vti.js';
import { keyVariables, pairKey, type HubKeySlot } from './fit-keys.js';
import {
  dynamicBinding,
  dynamicIkev2Problem,
  dynamicSpokesProps,
  hubIdentity,
  ikev2Settings,
  keyingOf,
  patternIkev2,
  spokeFeatures,
  type DynamicBinding,
  type HubIdentity,
  type SpokeFeatures,
} from './fit-features.js';

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
  /** Why the route-based fit was dropped (its plan or round trip did not pass): the routers stay L1. @default - try it */
  readonly notRouteBased?: { readonly reasons: readonly string[] };
}

/** The spec, or why the network cannot be imported. */
export type FitResult = { readonly spec: ImportSpec } | { readonly problems: readonly string[] };

function cryptoInterface(d: ModelDevice, problems: string[]): InterfaceConfig | undefined {
  const withMap = d.config.interfaces.filter((i) => i.cryptoMap !== undefined && !i.shutdown);
  if (withMap.length !== 1) {
    problems.push(
      `${where(d)}: ${d.hostname} has ${withMap.length} interfaces carrying a crypto map; the Hub and Spoke patterns have one WAN interface`,
    );
    return undefined;
  }
  const i = withMap[0]!;
  if (!i.address && i.dynamicAddress === undefined) {
    problems.push(`${where(d, i.loc?.line)}: the crypto interface ${i.name} of ${d.hostname} has no address`);
    return undefined;
  }
  return i;
}

interface SpokeMatch {
  readonly device: ModelDevice;
  readonly wan: InterfaceConfig;
  /** The hub's entry for a static spoke; none for a dynamic one (the dynamic map serves it). */
  readonly hubEntry?: CryptoMapEntry;
  readonly ownEntry: CryptoMapEntry;
  readonly aclName: string;
  readonly slot: HubKeySlot;
  readonly features: SpokeFeatures;
}

const ownEntryFor = (d: ModelDevice, hubIp: string) =>
  d.config.cryptoMaps.flatMap((m) => m.entries).find((e) => e.peers.length === 1 && e.peers[0] === hubIp);

/** Why a hub entry and a spoke's entry are no pair of the patterns, if they are not. */
function pairProblem(hub: ModelDevice, d: ModelDevice, entry: CryptoMapEntry, own: CryptoMapEntry): string | undefined {
  if ((entry.ikev2Profile !== undefined || own.ikev2Profile !== undefined) && !patternIkev2(entry, own))
    return `${where(hub, entry.loc?.line)}: the entries of ${hub.hostname}/${d.hostname} negotiate IKEv2 (set ikev2-profile) with a profile other than the patterns' ${HUBSPOKE_IKEV2_NAMES.profile} on both ends`;
  if (own.matchAddress !== entry.matchAddress)
    return `${where(d, own.loc?.line)}: ${d.hostname}'s entry matches ACL ${own.matchAddress ?? '(none)'} but the hub's entry ${entry.seq} matches ${entry.matchAddress}; the Spoke pattern names the ACL alike on both ends`;
  return undefined;
}

function matchSpokes(
  model: NetworkModel,
  hub: ModelDevice,
  hubWan: InterfaceConfig,
  hubIp: string,
  problems: string[],
): SpokeMatch[] {
  const map = hub.config.cryptoMaps.find((m) => m.name === hubWan.cryptoMap);
  const out: SpokeMatch[] = [];
  for (const entry of map?.entries ?? []) {
    if (entry.type !== 'ipsec-isakmp' || entry.peers.length !== 1 || entry.matchAddress === undefined) continue;
    const peer = entry.peers[0]!;
    const owner = model.owner(peer);
    if (!owner || owner.device.role !== 'spoke' || out.some((s) => s.device === owner.device)) continue;
    const d = owner.device;
    const own = ownEntryFor(d, hubIp);
    const wan = cryptoInterface(d, problems);
    if (!own || !wan) continue;
    const problem = pairProblem(hub, d, entry, own);
    if (problem !== undefined) {
      problems.push(problem);
      continue;
    }
    const features = spokeFeatures(d, wan);
    out.push({
      device: d,
      wan,
      hubEntry: entry,
      ownEntry: own,
      aclName: entry.matchAddress,
      slot: { address: peer, prefixLength: 32 },
      features: owner.nat ? { ...features, behindNat: { publicAddress: peer } } : features,
    });
  }
  const binding = dynamicBinding(map);
  if (binding) appendAll(out, dynamicSpokes(model, hubIp, binding, out, problems));
  return out;
}

/** The spokes with a leased WAN address that the hub's dynamic map serves. */
function dynamicSpokes(
  model: NetworkModel,
  hubIp: string,
  binding: DynamicBinding,
  matched: readonly SpokeMatch[],
  problems: string[],
): SpokeMatch[] {
  const out: SpokeMatch[] = [];
  for (const d of model.devices) {
    if (d.role !== 'spoke' || matched.some((m) => m.device === d)) continue;
    const wan = d.config.interfaces.find((i) => i.cryptoMap !== undefined && !i.shutdown);
    if (wan?.dynamicAddress === undefined) continue;
    const own = ownEntryFor(d, hubIp);
    if (own?.matchAddress === undefined || cryptoInterface(d, problems) === undefined) continue;
    const features = spokeFeatures(d, wan);
    if (features.domainName === undefined) {
      problems.push(
        `${where(d)}: ${d.hostname} leases its WAN address but has no ip domain name${own.ikev2Profile !== undefined ? ' nor identity local fqdn in its IKEv2 profile' : ''}: the Spoke pattern identifies a dynamic spoke by its FQDN`,
      );
      continue;
    }
    const v2 = own.ikev2Profile !== undefined;
    const problem = v2 ? dynamicIkev2Problem(model.hub!, binding, d, own) : undefined;
    if (problem !== undefined) {
      problems.push(problem);
      continue;
    }
    out.push({
      device: d,
      wan,
      ownEntry: own,
      aclName: own.matchAddress,
      // docs/ios-semantics.md#ikev2-dynamic-crypto-maps: with IKEv2 each dynamic spoke has its own peer.
      slot: v2
        ? { address: '0.0.0.0', prefixLength: 0, identity: `${d.hostname}.${features.domainName}` }
        : { address: '0.0.0.0', prefixLength: 0, keyring: binding.name },
      features,
    });
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

/**
 * Tunnel interfaces that do not fit the route-based design are kept as written (L1); true when
 * the network has any.
 */
function tunnelProblems(model: NetworkModel, problems: string[]): boolean {
  let any = false;
  for (const d of model.devices) {
    const tunnels = d.config.interfaces.filter((i) => i.tunnel !== undefined).map((i) => i.name);
    if (tunnels.length > 0 && (any = true))
      problems.push(
        `${where(d)}: ${d.hostname} has tunnel interface(s) ${tunnels.join(', ')}; they do not fit the route-based design (design 'vti'), so tunnels are kept as written`,
      );
  }
  return any;
}

/** Spokes the hub has no entry for, unless a problem already names them. */
function unmatchedProblems(model: NetworkModel, matches: readonly SpokeMatch[], problems: string[]): void {
  for (const d of model.devices)
    if (
      d.role === 'spoke' &&
      !matches.some((m) => m.device === d) &&
      !problems.some((p) => p.includes(` ${d.hostname}`) || p.includes(`/${d.hostname} `))
    )
      problems.push(
        `${where(d)}: ${d.hostname} has crypto map entries but the hub has no entry that fits it as a spoke`,
      );
}

/** What the hub and spoke specs are built from. */
interface FitParts {
  readonly model: NetworkModel;
  readonly hub: ModelDevice;
  readonly hubWan: InterfaceConfig;
  readonly identity: HubIdentity;
  readonly matches: readonly SpokeMatch[];
  readonly keying: Keying;
  readonly keys: readonly KeyVariable[];
  readonly used: Set<string>;
  readonly ike: IkeVersion;
}

/** `v2` when every hub entry negotiates the patterns' IKEv2 (mixed versions are no pattern's). */
function ikeVersionOf(hub: ModelDevice, matches: readonly SpokeMatch[], problems: string[]): IkeVersion {
  const v2 = matches.filter((m) => (m.hubEntry ?? m.ownEntry).ikev2Profile !== undefined).length;
  if (v2 > 0 && v2 !== matches.length)
    problems.push(
      `${where(hub)}: some of ${hub.hostname}'s entries negotiate IKEv2 and some IKEv1; the patterns use one version`,
    );
  return v2 > 0 ? 'v2' : 'v1';
}

const variableOf = (keys: readonly KeyVariable[], hostname: string) =>
  keys.find((k) => k.pairs.includes(hostname))?.variable;

/** The domain every dynamic spoke shares (the hub's `dynamicSpokes.domainName`), if they share one. */
function sharedDomainOf(matches: readonly SpokeMatch[]): string | undefined {
  const domains = new Set(matches.filter((m) => m.hubEntry === undefined).map((m) => m.features.domainName));
  return domains.size === 1 ? [...domains][0] : undefined;
}

function hubSpecOf(f: FitParts): HubSpec {
  const { hub, hubWan, matches, keys } = f;
  const firstVariable = keys[0]?.variable;
  const hubDpd = dpdOf(hub.config, f.ike);
  const dynamic = matches.filter((m) => m.hubEntry === undefined);
  const binding = dynamicBinding(hub.config.cryptoMaps.find((m) => m.name === hubWan.cryptoMap));
  // With IKEv2 each dynamic spoke says its own key, as a static one (no shared dynamic key).
  const dynamicVariable = dynamic[0] && f.ike === 'v1' ? variableOf(keys, dynamic[0].device.hostname) : undefined;
  return {
    ...siteBase(hub, hubWan, f.model, f.used),
    variable: 'hub',
    crypto: {
      ...cryptoSettings(hub, hubWan, matches.find((m) => m.hubEntry !== undefined)?.hubEntry, f.ike === 'v2'),
      ...(f.ike === 'v2' ? { ikev2: ikev2Settings(hub.config) } : {}),
    },
    // Always said, so an imported stack never depends on the platform's default IKE version.
    ike: f.ike,
    ...(sameDpd(hubDpd, defaultDeadPeerDetection(hub.config.platform)) ? {} : { deadPeerDetection: hubDpd }),
    ...(firstVariable !== undefined ? { keyVariable: firstVariable } : {}),
    ...(f.keying !== 'global-keys' ? { keying: f.keying } : {}),
    ...(f.identity.ikeSource ? { ikeSource: f.identity.ikeSource } : {}),
    ...(binding && dynamic.length > 0 ? { dynamicSpokes: dynamicSpokesProps(binding, sharedDomainOf(matches)) } : {}),
    ...(dynamicVariable !== undefined && dynamicVariable !== firstVariable
      ? { dynamicKeyVariable: dynamicVariable }
      : {}),
  };
}

function spokeSpecOf(f: FitParts, hubSpec: HubSpec, m: SpokeMatch): SpokeSpec {
  const dpd = dpdOf(m.device.config, f.ike);
  const inherited = hubSpec.deadPeerDetection ?? defaultDeadPeerDetection(m.device.config.platform) ?? false;
  const variable = m.hubEntry || f.ike === 'v2' ? variableOf(f.keys, m.device.hostname) : undefined;
  const { domainName, ...features } = m.features;
  const ownDomain = domainName !== undefined && domainName !== sharedDomainOf(f.matches);
  return {
    ...siteBase(m.device, m.wan, f.model, f.used),
    ...(m.hubEntry ? { sequence: m.hubEntry.seq } : {}),
    localSequence: m.ownEntry.seq,
    aclName: m.aclName,
    features: { ...features, ...(ownDomain ? { domainName } : {}) },
    ...(sameDpd(dpd, inherited) ? {} : { deadPeerDetection: dpd }),
    ...(variable !== undefined && variable !== hubSpec.keyVariable ? { keyVariable: variable } : {}),
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
  if (tunnelProblems(model, problems)) {
    // docs/route-based.md: tunnels of the design's shape fit `design: 'vti'`, unless that fit was dropped.
    const vti = options.notRouteBased ?? fitVti(inputs, options, model);
    if ('spec' in vti) return vti;
    return unfitted(inputs, options, model, [...vti.reasons, ...problems]);
  }
  const hub = model.hub;
  if (!hub)
    return unfitted(inputs, options, model, [
      ...problems,
      'no hub: no config has crypto map entries for two or more peers',
    ]);
  const hubWan = cryptoInterface(hub, problems);
  const identity = hubWan ? hubIdentity(hub, hubWan, problems) : undefined;
  if (!hubWan || !identity || hubWan.address === undefined) return unfitted(inputs, options, model, problems);
  const hubIp = identity.address;
  const matches = matchSpokes(model, hub, hubWan, hubIp, problems);
  unmatchedProblems(model, matches, problems);
  const keying = keyingOf(
    hub,
    matches.filter((m) => m.hubEntry !== undefined).map((m) => m.hubEntry!),
    problems,
  );
  const ike = ikeVersionOf(hub, matches, problems);
  const pairs = matches.map((m) => ({
    spoke: m.device,
    value: pairKey(hub, m.device, m.slot, hubIp, keying, problems, ike),
    label: m.slot.keyring ?? m.device.hostname,
  }));
  if (problems.length > 0) return unfitted(inputs, options, model, problems);
  const used = new Set<string>(['app', 'stack', 'hub', 'env', 'outdir']);
  const keys = options.keyMode === 'environment' ? keyVariables(pairs) : [];
  const parts: FitParts = { model, hub, hubWan, identity, matches, keying, keys, used, ike };
  const hubSpec = hubSpecOf(parts);
  const spokes = matches.map((m) => spokeSpecOf(parts, hubSpec, m));
  const spokeDevices = matches.map((m) => m.device);
  return { spec: fittedSpec(inputs, options, model, { hubSpec, hub, spokes, spokeDevices, keys, used }) };
}
