/**
 * Trustpoints, keyrings, ISAKMP profiles, `crypto isakmp identity` and `crypto isakmp keepalive`,
 * in `show running-config` shape (sub-mode lines indented by one space, which IOS accepts).
 */
import type {
  DeadPeerDetection,
  IdentityMatch,
  IsakmpProfile,
  Keyring,
  KeyringKey,
  LocalAddress,
  RouterConfig,
  Trustpoint,
} from '../ir/router-config.js';
import { LineWriter, oneLine } from './line-writer.js';
import { netmaskFor } from './masks.js';

/** `pre-shared-key address A [MASK] key [6 ]K` or `pre-shared-key hostname H key K` (without indentation). */
export function keyringKeyLine(k: KeyringKey): string {
  const type = k.encryption === 0 ? '' : `${k.encryption} `;
  const peer =
    k.peer.kind === 'hostname'
      ? `hostname ${k.peer.hostname}`
      : `address ${k.peer.address}${k.peer.prefixLength === 32 ? '' : ` ${netmaskFor(k.peer.prefixLength)}`}`;
  return `pre-shared-key ${peer} key ${type}${k.key}`;
}

function localAddressText(l: LocalAddress): string {
  return `local-address ${l.kind === 'address' ? l.address : l.interface}`;
}

/** One `crypto keyring` block. */
export function renderKeyring(out: LineWriter, ring: Keyring): void {
  const o = ring.origin;
  out.line(`crypto keyring ${ring.name}${ring.vrf !== undefined ? ` vrf ${ring.vrf}` : ''}`, o);
  if (ring.description !== undefined) out.line(` description ${oneLine(ring.description)}`, o);
  if (ring.localAddress !== undefined) out.line(` ${localAddressText(ring.localAddress)}`, o);
  for (const k of ring.keys) out.line(` ${keyringKeyLine(k)}`, k.origin ?? o);
  for (const extra of ring.extraLines) out.line(` ${oneLine(extra)}`, o);
}

/** `match identity ...` (without indentation); addresses always with their mask, as IOS prints them. */
export function identityMatchLine(m: IdentityMatch): string {
  if (m.kind === 'address') return `match identity address ${m.address} ${netmaskFor(m.prefixLength)}`;
  return m.kind === 'host' ? `match identity host ${m.hostname}` : `match identity host domain ${m.domain}`;
}

/** One `crypto isakmp profile` block. */
export function renderIsakmpProfile(out: LineWriter, p: IsakmpProfile): void {
  const o = p.origin;
  out.line(`crypto isakmp profile ${p.name}`, o);
  if (p.description !== undefined) out.line(` description ${oneLine(p.description)}`, o);
  for (const t of p.trustpoints) out.line(` ca trust-point ${t}`, o);
  for (const k of p.keyrings) out.line(` keyring ${k.name}`, k.origin ?? o);
  const s = p.selfIdentity;
  if (s !== undefined) out.line(` self-identity ${s.kind === 'user-fqdn' ? `user-fqdn ${s.user}` : s.kind}`, o);
  for (const m of p.matchIdentities) out.line(` ${identityMatchLine(m)}`, m.origin ?? o);
  if (p.keepalive !== undefined)
    out.line(
      ` keepalive ${p.keepalive.seconds}${p.keepalive.retry !== undefined ? ` retry ${p.keepalive.retry}` : ''}`,
      p.keepalive.origin ?? o,
    );
  if (p.localAddress !== undefined) out.line(` ${localAddressText(p.localAddress)}`, o);
  if (p.virtualTemplate !== undefined) out.line(` virtual-template ${p.virtualTemplate.number}`, o);
  for (const extra of p.extraLines) out.line(` ${oneLine(extra)}`, o);
}

/** `crypto isakmp keepalive S [R] [periodic|on-demand]`. */
export function keepaliveLine(dpd: DeadPeerDetection): string {
  return `crypto isakmp keepalive ${dpd.seconds}${dpd.retry !== undefined ? ` ${dpd.retry}` : ''}${dpd.mode !== undefined ? ` ${dpd.mode}` : ''}`;
}

/** One trustpoint block, its lines as read. */
export function renderTrustpoint(out: LineWriter, t: Trustpoint): void {
  out.line(`crypto ${t.keyword} ${t.name}`, t.origin);
  for (const l of t.lines) out.line(` ${oneLine(l)}`, t.origin);
}

/** Trustpoints and keyrings: printed before the ISAKMP policies, as IOS does. */
export function renderKeySources(out: LineWriter, ir: RouterConfig): void {
  for (const t of ir.trustpoints ?? []) renderTrustpoint(out, t);
  for (const k of ir.keyrings ?? []) renderKeyring(out, k);
  if ((ir.trustpoints?.length ?? 0) + (ir.keyrings?.length ?? 0) > 0) out.separator();
}

/** `crypto isakmp identity`, `crypto isakmp keepalive` and the profiles: printed after the keys. */
export function renderIsakmpGlobals(out: LineWriter, ir: RouterConfig): void {
  if (ir.options.isakmpIdentity !== undefined) out.line(`crypto isakmp identity ${ir.options.isakmpIdentity}`);
  const dpd = ir.options.isakmpKeepalive;
  if (dpd !== undefined) out.line(keepaliveLine(dpd), dpd.origin);
  // docs/ios-semantics.md#nat-traversal
  const natKeepalive = ir.options.natKeepalive;
  if (natKeepalive !== undefined) out.line(`crypto isakmp nat keepalive ${natKeepalive.seconds}`, natKeepalive.origin);
  const natTraversalOff = ir.options.natTraversalDisabled;
  if (natTraversalOff !== undefined)
    out.line('no crypto ipsec nat-transparency udp-encapsulation', natTraversalOff.origin);
  for (const p of ir.isakmpProfiles ?? []) renderIsakmpProfile(out, p);
}
