/**
 * The `tunnel ...` lines of an interface (docs/ios-semantics.md#tunnel-interfaces): source,
 * destination, mode (GRE over IPv4 and static VTI) and `tunnel protection ipsec profile`. Other
 * forms (host-name destinations, other modes, keys, VRFs) stay extra lines; the line table says
 * whether they are relevant.
 */
import type { VirtualTemplateRef } from '../ir/router-config.js';
import type { ConfigDraft, InterfaceDraft } from './config-draft.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { ParseContext } from './context.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, uint } from './numbers.js';

/** Reads one `tunnel ...` line of `intf`; `extra` keeps (and classifies) a form the IR does not hold. */
export function readTunnelLine(intf: InterfaceDraft, line: ConfigLine, ctx: ParseContext, extra: () => void): void {
  const w = line.words;
  const tunnel = (): NonNullable<InterfaceDraft['tunnel']> => (intf.tunnel ??= {});
  const one = w.length === 3 ? w[2] : undefined;
  switch (w[1]) {
    case 'source':
      if (one === undefined || one === 'dynamic') return extra();
      tunnel().source = one;
      return;
    case 'destination':
      // A host name is resolved at run time: not modelled (the line table reports it).
      if (one === undefined || dottedQuad(one) < 0) return extra();
      tunnel().destination = one;
      return;
    case 'mode': {
      const mode = w.slice(2).join(' ');
      if (mode !== 'gre ip' && mode !== 'ipsec ipv4') return extra();
      tunnel().mode = mode;
      return;
    }
    case 'protection':
      return readProtection(intf, line, ctx, extra);
    default:
      return extra();
  }
}

/** `tunnel protection ipsec profile NAME [shared]`. */
function readProtection(intf: InterfaceDraft, line: ConfigLine, ctx: ParseContext, extra: () => void): void {
  const w = line.words;
  if (w[2] !== 'ipsec' || w[3] !== 'profile') return extra();
  const name = w[4];
  if (name === undefined) {
    ctx.sink.error('MISSING_ARGUMENT', line.line, `tunnel protection on ${intf.name} needs an IPsec profile name`);
    return;
  }
  const rest = w.slice(5);
  if (rest.length > 1 || (rest.length === 1 && rest[0] !== 'shared')) return extra();
  (intf.tunnel ??= {}).protection = {
    profile: name,
    ...(rest[0] === 'shared' ? { shared: true } : {}),
    loc: ctx.draft.loc(line.line),
  };
}

/** `no tunnel ...`: back to unset. False when not understood. */
export function negateTunnel(intf: InterfaceDraft, w: readonly string[]): boolean {
  const tunnel = intf.tunnel;
  switch (w[2]) {
    case 'source':
      if (tunnel) delete tunnel.source;
      return true;
    case 'destination':
      if (tunnel) delete tunnel.destination;
      return true;
    case 'mode':
      if (tunnel) delete tunnel.mode;
      return true;
    case 'protection':
      if (tunnel) delete tunnel.protection;
      return true;
    default:
      return false;
  }
}

/**
 * `virtual-template N` in an ISAKMP or IKEv2 profile (docs/ios-semantics.md#dynamic-vti): the
 * template the profile's peers are cloned from; undefined (after `bad`) when N is not a number.
 */
export function readVirtualTemplateRef(
  line: ConfigLine,
  ctx: ParseContext,
  bad: (message: string) => void,
): VirtualTemplateRef | undefined {
  const w = line.words;
  const n = uint(w[1], 1, 2_147_483_647);
  if (n === undefined || w.length > 2) {
    bad('virtual-template needs one template number');
    return undefined;
  }
  const loc = ctx.draft.loc(line.line);
  return { number: n, ...(loc ? { loc } : {}) };
}

/**
 * After the whole file is read (docs/ios-semantics.md#dynamic-vti): `virtual-template` in an ISAKMP
 * profile (IKEv1 dynamic VTIs are not followed), and in an IKEv2 profile on a router that also has
 * crypto maps (whether a crypto-map peer bound to the profile gets a virtual-access or the crypto
 * map is not modelled), are NOT_MODELLED.
 */
export function checkVirtualTemplates(draft: ConfigDraft, sink: DiagnosticSink): void {
  const warn = (line: number, what: string) =>
    sink.warning(
      'NOT_MODELLED',
      line,
      `${what} is not modelled: hubspoke ignores it, but it can change IPsec for the peers of the profile`,
    );
  for (const p of draft.isakmpProfiles.values())
    if (p.virtualTemplate)
      warn(p.virtualTemplate.loc?.line ?? 0, `virtual-template in ISAKMP profile ${p.name} (an IKEv1 dynamic VTI)`);
  const maps = draft.cryptoMaps.size > 0 || draft.dynamicMaps.size > 0;
  if (!maps) return;
  for (const p of draft.ikev2Profiles.values())
    if (p.virtualTemplate)
      warn(
        p.virtualTemplate.loc?.line ?? 0,
        `virtual-template in IKEv2 profile ${p.name} on a router with crypto maps`,
      );
}
