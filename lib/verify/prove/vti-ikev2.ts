/**
 * Blame for a static VTI or protected GRE pair whose IKEv2 tunnel protection fails
 * (docs/ios-semantics.md#static-vti-with-ikev2), as for IKEv2 crypto maps (`ikev2-negotiation.ts`):
 * a missing object (profile, key, trustpoint) is the fault of the side that lacks it; a
 * disagreement is pinned on the spoke when the other end is the hub, else on the side the rule
 * names. The line is the failure's own line on that device (key, profile, policy) when it has one,
 * else its `tunnel protection` line.
 */
import type { InterfaceConfig, SourceLocation } from '../../ir/router-config.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { VtiOutcome } from '../../rules/tunnel-ipsec.js';
import { lineOf } from '../findings/describe.js';
import * as finding from '../findings/catalogue.js';
import type { ModelDevice, Site } from '../model/network-model.js';
import type { WalkContext } from './walk-context.js';

type Ikev2Failure = Extract<VtiOutcome, { readonly kind: 'ikev2' | 'pfs-mismatch' }>;

/** The side to blame and the failure's own line, if any. */
function blame(v: Ikev2Failure): {
  readonly side: 'initiator' | 'responder';
  readonly own: boolean;
  readonly locs: SourceLocation[];
} {
  if (v.kind === 'pfs-mismatch') return { side: 'responder', own: false, locs: [] };
  const x = v.exchange;
  if (!x.saInit.ok) return { side: x.saInit.side, own: false, locs: [...x.saInit.locations] };
  const a = x.auth!;
  const own = a.kind === 'undefined-profile' || a.kind === 'no-key' || a.kind === 'no-trustpoint';
  if (a.kind === 'key-mismatch' || a.kind === 'keys-unverifiable') {
    const side = a.signer === 'initiator' ? 'responder' : 'initiator';
    return { side, own, locs: [a.signKey.loc, a.verifyKey.loc].filter((l) => l !== undefined) };
  }
  const side = 'side' in a ? a.side : a.kind === 'undefined-profile' ? 'initiator' : 'responder';
  const locs = 'profile' in a && a.profile.loc ? [a.profile.loc] : [];
  if (a.kind === 'no-profile-match' && a.initiatorProfile.loc) locs.push(a.initiatorProfile.loc);
  return { side, own, locs };
}

/** Reports why the IKEv2 VTI pair of `d` (tunnel `exit`) and `far` (tunnel `farTunnel`) does not come up. */
export function reportVtiIkev2(
  w: WalkContext,
  kind: 'vti' | 'gre',
  ends: {
    readonly d: ModelDevice;
    readonly exit: InterfaceConfig;
    readonly far: ModelDevice;
    readonly farTunnel: InterfaceConfig;
  },
  v: Ikev2Failure,
  sub: HeaderBox,
  dest: Site,
  behind: boolean,
): void {
  const { d, exit, far, farTunnel } = ends;
  const [initiator, responder] = v.initiator === 'a' ? [d, far] : [far, d];
  const b = blame(v);
  const named = b.side === 'initiator' ? initiator : responder;
  const spoke = d.role === 'hub' && far.role !== 'hub' ? far : far.role === 'hub' && d.role !== 'hub' ? d : undefined;
  const device = b.own ? named : (spoke ?? named);
  const tunnel = device === d ? exit : farTunnel;
  const loc = b.locs.find((l) => l.file === device.file);
  const line = lineOf(loc ?? tunnel.tunnel?.protection?.loc ?? tunnel.loc);
  const failure =
    v.kind === 'ikev2'
      ? { kind: v.kind, exchange: v.exchange }
      : { kind: v.kind, ...(v.offered !== undefined ? { offered: v.offered } : {}) };
  w.report(
    finding.vtiIkev2Failed({ kind, device, tunnel, line, initiator, responder, failure, space: sub, dest }),
    behind,
  );
}
