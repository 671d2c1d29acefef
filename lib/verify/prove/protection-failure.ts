/**
 * The report of a tunnel-protection negotiation that fails, shared by the static VTI step
 * (`tunnel-exit.ts`) and the GRE step (`gre-exit.ts`).
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import type { HeaderBox } from '../../rules/header-space.js';
import * as finding from '../findings/catalogue.js';
import type { ProtectionExchangeFailure } from '../../rules/tunnel-ipsec.js';
import type { ModelDevice, Site } from '../model/network-model.js';
import type { WalkContext } from './walk-context.js';

/**
 * Reports why the tunnel protection of a static VTI or GRE pair does not negotiate, pinned on the
 * spoke when the other end is the hub (the hub is shared by every spoke), else on the responder.
 */
export function reportProtectionFailure(
  w: WalkContext,
  kind: 'vti' | 'gre',
  ends: { d: ModelDevice; exit: InterfaceConfig; far: ModelDevice; farTunnel: InterfaceConfig },
  v: ProtectionExchangeFailure,
  sub: HeaderBox,
  dest: Site,
  behind: boolean,
): void {
  const { d, exit, far, farTunnel } = ends;
  const [initiator, responder] = v.initiator === 'a' ? [d, far] : [far, d];
  const blamed = d.role === 'hub' ? far : far.role === 'hub' ? d : responder;
  const tunnel = blamed === d ? exit : farTunnel;
  const step = v.kind === 'transform-mismatch' ? v.kind : v.step;
  w.report(
    finding.tunnelProtectionFailed({ kind, device: blamed, tunnel, initiator, responder, step, space: sub, dest }),
    behind,
  );
}
