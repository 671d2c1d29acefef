/**
 * IKEv2 proposals, policies, keyrings and profiles, in `show running-config` shape (sub-mode lines
 * indented by one space, keyring peer lines by two), after the IKEv1 sections.
 */
import type {
  Ikev2Identity,
  Ikev2IdentityMatch,
  Ikev2Key,
  Ikev2Keyring,
  Ikev2Policy,
  Ikev2Profile,
  Ikev2Proposal,
  RouterConfig,
} from '../ir/router-config.js';
import { LineWriter, oneLine } from './line-writer.js';
import { netmaskFor } from './masks.js';

/** `address A`, `fqdn F`, `email E` or `key-id K`. */
export function ikev2IdentityText(id: Ikev2Identity): string {
  return id.kind === 'address' ? `address ${id.address}` : `${id.kind} ${id.value}`;
}

/** `match identity remote ...` (without indentation); an address always with its mask. */
export function ikev2MatchLine(m: Ikev2IdentityMatch): string {
  if (m.kind === 'address') return `match identity remote address ${m.address} ${netmaskFor(m.prefixLength)}`;
  if (m.kind === 'key-id') return `match identity remote key-id ${m.value}`;
  return `match identity remote ${m.kind} ${m.domain ? 'domain ' : ''}${m.value}`;
}

/** `pre-shared-key [local |remote ][6 ]K` (without indentation). */
export function ikev2KeyLine(side: '' | 'local ' | 'remote ', k: Ikev2Key): string {
  return `pre-shared-key ${side}${k.encryption === 0 ? '' : `${k.encryption} `}${k.key}`;
}

/** One `crypto ikev2 proposal` block. */
export function renderProposal(out: LineWriter, p: Ikev2Proposal): void {
  const o = p.origin;
  out.line(`crypto ikev2 proposal ${p.name}`, o);
  if (p.encryption.length > 0) out.line(` encryption ${p.encryption.join(' ')}`, o);
  if (p.integrity.length > 0) out.line(` integrity ${p.integrity.join(' ')}`, o);
  if (p.prf.length > 0) out.line(` prf ${p.prf.join(' ')}`, o);
  if (p.groups.length > 0) out.line(` group ${p.groups.join(' ')}`, o);
  for (const extra of p.extraLines) out.line(` ${oneLine(extra)}`, o);
}

/** One `crypto ikev2 policy` block. */
export function renderPolicy(out: LineWriter, p: Ikev2Policy): void {
  const o = p.origin;
  out.line(`crypto ikev2 policy ${p.name}`, o);
  if (p.matchFvrf !== undefined) out.line(` match fvrf ${p.matchFvrf}`, o);
  for (const a of p.matchAddressLocal) out.line(` match address local ${a}`, o);
  for (const n of p.proposals) out.line(` proposal ${n}`, o);
  for (const extra of p.extraLines) out.line(` ${oneLine(extra)}`, o);
}

/** One `crypto ikev2 keyring` block with its peers. */
export function renderKeyring(out: LineWriter, r: Ikev2Keyring): void {
  out.line(`crypto ikev2 keyring ${r.name}`, r.origin);
  for (const peer of r.peers) {
    const o = peer.origin ?? r.origin;
    out.line(` peer ${peer.name}`, o);
    if (peer.description !== undefined) out.line(`  description ${oneLine(peer.description)}`, o);
    const a = peer.address;
    if (a !== undefined)
      out.line(`  address ${a.address}${a.prefixLength === 32 ? '' : ` ${netmaskFor(a.prefixLength)}`}`, o);
    if (peer.hostname !== undefined) out.line(`  hostname ${peer.hostname}`, o);
    if (peer.identity !== undefined) out.line(`  identity ${ikev2IdentityText(peer.identity)}`, o);
    if (peer.key !== undefined) out.line(`  ${ikev2KeyLine('', peer.key)}`, peer.key.origin ?? o);
    if (peer.localKey !== undefined) out.line(`  ${ikev2KeyLine('local ', peer.localKey)}`, peer.localKey.origin ?? o);
    if (peer.remoteKey !== undefined)
      out.line(`  ${ikev2KeyLine('remote ', peer.remoteKey)}`, peer.remoteKey.origin ?? o);
    for (const extra of peer.extraLines) out.line(`  ${oneLine(extra)}`, o);
  }
  for (const extra of r.extraLines) out.line(` ${oneLine(extra)}`, r.origin);
}

/** One `crypto ikev2 profile` block. */
export function renderProfile(out: LineWriter, p: Ikev2Profile): void {
  const o = p.origin;
  out.line(`crypto ikev2 profile ${p.name}`, o);
  if (p.description !== undefined) out.line(` description ${oneLine(p.description)}`, o);
  if (p.matchFvrf !== undefined) out.line(` match fvrf ${p.matchFvrf}`, o);
  for (const a of p.matchAddressLocal) out.line(` match address local ${a}`, o);
  for (const m of p.matchIdentities) out.line(` ${ikev2MatchLine(m)}`, m.origin ?? o);
  if (p.identityLocal !== undefined) out.line(` identity local ${ikev2IdentityText(p.identityLocal)}`, o);
  for (const m of p.authenticationRemote) out.line(` authentication remote ${m}`, o);
  if (p.authenticationLocal !== undefined) out.line(` authentication local ${p.authenticationLocal}`, o);
  if (p.keyringLocal !== undefined) out.line(` keyring local ${p.keyringLocal}`, o);
  for (const t of p.pkiTrustpoints) out.line(` pki trustpoint ${t}`, o);
  if (p.lifetime !== undefined) out.line(` lifetime ${p.lifetime}`, o);
  if (p.dpd !== undefined) out.line(` dpd ${p.dpd.interval} ${p.dpd.retry} ${p.dpd.mode}`, o);
  if (p.virtualTemplate !== undefined) out.line(` virtual-template ${p.virtualTemplate.number}`, o);
  for (const extra of p.extraLines) out.line(` ${oneLine(extra)}`, o);
}

/** Every IKEv2 section of a router, in IOS's order; nothing when it has none. */
export function renderIkev2(out: LineWriter, ir: RouterConfig): void {
  const off = ir.options.ikev2DefaultsOff;
  if (off?.proposal) out.line('no crypto ikev2 proposal default');
  if (off?.policy) out.line('no crypto ikev2 policy default');
  for (const p of ir.ikev2Proposals ?? []) renderProposal(out, p);
  for (const p of ir.ikev2Policies ?? []) renderPolicy(out, p);
  for (const r of ir.ikev2Keyrings ?? []) renderKeyring(out, r);
  for (const p of ir.ikev2Profiles ?? []) renderProfile(out, p);
  out.separator();
}
