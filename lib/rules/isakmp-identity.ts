/**
 * IKEv1 identities and ISAKMP profile selection by identity
 * (docs/ios-semantics.md#keyrings-and-isakmp-profiles).
 *
 * - The identity a side sends in main mode (MM5/MM6): its profile's `self-identity` when it
 *   negotiates under a profile, else `crypto isakmp identity` (default `address`: ID_IPV4_ADDR with
 *   its IKE address; `hostname`: ID_FQDN of `hostname` plus `ip domain name`). Cisco IOS Security
 *   Command Reference, `crypto isakmp identity`, `self-identity`.
 * - A responder selects the profile whose `match identity` matches the identity it received:
 *   `address A M` an ID_IPV4_ADDR inside the subnet, `host H` an ID_FQDN equal to H, `host domain D`
 *   an ID_FQDN in domain D (Cisco IOS Security Command Reference, `match identity`; Cisco Document
 *   117259, "IOS IKEv1/IKEv2 Selection Rules for Keyrings and Profiles"). A profile without a
 *   `match identity` line is incomplete and never selected ("A profile is deemed incomplete until
 *   it has match identity statements").
 *
 * A domain that matches only as a plain string suffix (`xexample.net` against `example.net`) is
 * reported as uncertain rather than guessed.
 */
import type { IdentityMatch, IsakmpProfile, LocalAddress, RouterConfig, SelfIdentity } from '../ir/router-config.js';
import { blockStart, ipToNumber } from '../ir/ipv4.js';
import { IdentityCache } from '../ir/identity-cache.js';
import { ikeFqdn } from '../ir/domain-name.js';

/** The identity payload one side sends. */
export type SentIdentity =
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'fqdn'; readonly fqdn: string }
  | { readonly kind: 'user-fqdn'; readonly user: string }
  | { readonly kind: 'dn' };

/** `ip domain name D` / `ip domain-name D`, kept by the parser as an inert global line. */
export function domainName(config: RouterConfig): string | undefined {
  for (const l of config.extraLines) {
    const m = /^ip\s+domain(?:\s+name|-name)\s+(\S+)\s*$/i.exec(l.text.trim());
    if (m) return m[1];
  }
  return undefined;
}

/** The FQDN a router sends as ID_FQDN: hostname, plus the domain when one is configured. */
export function fqdnOf(config: RouterConfig): string {
  return ikeFqdn(config.hostname, domainName(config));
}

/** The identity a side sends, under `profile` (its self-identity) or the global setting. */
export function sentIdentity(
  config: RouterConfig,
  ikeAddress: string,
  profile: IsakmpProfile | undefined,
): SentIdentity {
  const self: SelfIdentity | undefined = profile?.selfIdentity;
  if (self?.kind === 'user-fqdn') return { kind: 'user-fqdn', user: self.user };
  const kind =
    self?.kind ??
    (config.options.isakmpIdentity === 'hostname' ? 'fqdn' : (config.options.isakmpIdentity ?? 'address'));
  if (kind === 'fqdn') return { kind: 'fqdn', fqdn: fqdnOf(config) };
  if (kind === 'dn') return { kind: 'dn' };
  return { kind: 'address', address: ikeAddress };
}

/** Whether one `match identity` line matches an identity. */
export type MatchAnswer = 'yes' | 'no' | 'uncertain';

/** Does a `match identity` line match the identity? */
export function identityMatches(m: IdentityMatch, id: SentIdentity): MatchAnswer {
  if (m.kind === 'address') {
    if (id.kind !== 'address') return 'no';
    const len = Math.max(0, Math.min(32, m.prefixLength));
    return blockStart(ipToNumber(id.address), len) === blockStart(ipToNumber(m.address), len) ? 'yes' : 'no';
  }
  if (id.kind !== 'fqdn') return 'no';
  const fqdn = id.fqdn.toLowerCase();
  if (m.kind === 'host') return fqdn === m.hostname.toLowerCase() ? 'yes' : 'no';
  const domain = m.domain.toLowerCase();
  if (fqdn === domain || fqdn.endsWith(`.${domain}`)) return 'yes';
  return fqdn.endsWith(domain) ? 'uncertain' : 'no';
}

/** The profiles a responder may select for an identity: those that match, and those that may. */
export interface ProfileSelection {
  /** Profiles with a `match identity` line that matches, in configuration order. */
  readonly matching: readonly IsakmpProfile[];
  /** Profiles whose only possible match is uncertain. */
  readonly uncertain: readonly IsakmpProfile[];
}

/** A profile's `match identity address` lines by prefix length then network (a hub's profile lists every spoke). */
interface AddressMatches {
  readonly byLength: ReadonlyMap<number, ReadonlySet<number>>;
  /** The other lines (`host`, `host domain`), in order. */
  readonly others: readonly IdentityMatch[];
}

const addressMatches = new IdentityCache<IsakmpProfile, AddressMatches>();

function buildAddressMatches(p: IsakmpProfile): AddressMatches {
  const byLength = new Map<number, Set<number>>();
  const others: IdentityMatch[] = [];
  for (const m of p.matchIdentities) {
    if (m.kind !== 'address') {
      others.push(m);
      continue;
    }
    const len = Math.max(0, Math.min(32, m.prefixLength));
    let set = byLength.get(len);
    if (!set) byLength.set(len, (set = new Set()));
    set.add(blockStart(ipToNumber(m.address), len));
  }
  return { byLength, others };
}

/** Whether any `match identity` line of the profile matches the identity. */
export function profileMatches(p: IsakmpProfile, id: SentIdentity): MatchAnswer {
  const index = addressMatches.get(p, buildAddressMatches);
  if (id.kind === 'address') {
    const a = ipToNumber(id.address);
    for (const [len, set] of index.byLength) if (set.has(blockStart(a, len))) return 'yes';
    return 'no';
  }
  let answer: MatchAnswer = 'no';
  for (const m of index.others) {
    const r = identityMatches(m, id);
    if (r === 'yes') return 'yes';
    if (r === 'uncertain') answer = 'uncertain';
  }
  return answer;
}

/** Profiles of `config` that the identity selects (docs/ios-semantics.md#keyrings-and-isakmp-profiles). */
export function profilesFor(config: RouterConfig, id: SentIdentity): ProfileSelection {
  const matching: IsakmpProfile[] = [];
  const uncertain: IsakmpProfile[] = [];
  for (const p of config.isakmpProfiles ?? []) {
    const answer = profileMatches(p, id);
    if (answer === 'yes') matching.push(p);
    else if (answer === 'uncertain') uncertain.push(p);
  }
  return { matching, uncertain };
}

/** The profile named `name`, if defined. */
export function profileNamed(config: RouterConfig, name: string): IsakmpProfile | undefined {
  return config.isakmpProfiles?.find((p) => p.name === name);
}

/** The address a `local-address` names (an interface's primary address), or undefined. */
export function localAddressIp(config: RouterConfig, local: LocalAddress): string | undefined {
  if (local.kind === 'address') return local.address;
  return config.interfaces.find((i) => i.name === local.interface)?.address?.ip;
}

/** Text of an identity for messages (`address 10.0.0.1`, `FQDN r1.example.net`). */
export function identityText(id: SentIdentity): string {
  switch (id.kind) {
    case 'address':
      return `address ${id.address}`;
    case 'fqdn':
      return `FQDN ${id.fqdn}`;
    case 'user-fqdn':
      return `user FQDN ${id.user}`;
    case 'dn':
      return 'certificate DN';
  }
}
