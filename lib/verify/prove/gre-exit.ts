/**
 * The step of the pair walk through a GRE tunnel (docs/ios-semantics.md#gre-over-ipsec), once the
 * far end points back (`tunnel-exit.ts`). What is routed into the tunnel leaves as GRE packets from
 * the tunnel source to the tunnel destination (`lib/rules/gre-ipsec.ts`):
 *
 * - with tunnel protection on both ends, the pair's IPsec SA must negotiate with either end as
 *   initiator (`negotiateProtectedGre`), and the two ends must share the underlay;
 * - without it, the GRE packets are a packet of their own: they walk out of the interface the
 *   router routes the tunnel destination by, through its crypto map, to the entry's peer with the
 *   crypto-map step of every other packet (`crypto-exit.ts`: peer choice, underlay, filters, IKE
 *   phase 1 and 2, SAs the replies reuse). Clear GRE is GRE_UNPROTECTED.
 *
 * Once the GRE packets arrive at the far end, the walk goes on there with the inner traffic, as it
 * arrives on the far tunnel; after a failure it goes on `behind`, to find what lies further.
 */
import type { CryptoMap, InterfaceConfig } from '../../ir/router-config.js';
import { ipToNumber } from '../../ir/ipv4.js';
import { cryptoMapOf, partitionEgress } from '../../rules/crypto-map.js';
import { greBox, greUnderlay, greUnfollowed, negotiateProtectedGre } from '../../rules/gre-ipsec.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { Route } from '../../rules/routing.js';
import { tunnelSource } from '../../rules/tunnels.js';
import * as finding from '../findings/catalogue.js';
import type { GreNotFollowed } from '../findings/gre-findings.js';
import type { ProblemInput } from '../findings/problem-book.js';
import type { ModelDevice, Site } from '../model/network-model.js';
import type { Problem } from '../types.js';
import { cryptoExit } from './crypto-exit.js';
import { reportProtectionFailure } from './protection-failure.js';
import { reportVtiIkev2 } from './vti-ikev2.js';
import type { Report } from './filter-checks.js';
import type { BackupPath, Onward, WalkContext, WalkEnv } from './walk-context.js';
import type { SaBook } from './sa-book.js';
import type { PathTrace } from '../trace/path-trace.js';

/** A GRE tunnel of `device` (`exit`) whose far end (`far`, `farTunnel`) points back. */
export interface GreHop {
  readonly device: ModelDevice;
  readonly route: Route;
  readonly exit: InterfaceConfig;
  readonly far: ModelDevice;
  readonly farTunnel: InterfaceConfig;
}

/** Walks `sub`, routed into the GRE tunnel of `hop`, to the far end and on. */
export function greExit(w: WalkContext, hop: GreHop, sub: HeaderBox, dest: Site, hops: number, behind: boolean): void {
  const { device: d, exit, far, farTunnel } = hop;
  const inner = (b: boolean): void => w.walk(far, [sub], dest, hops + 1, b, farTunnel);
  const notFollowed = (reason: GreNotFollowed): void => {
    w.report(finding.greNotModelled({ device: d, space: sub, exit, route: hop.route, dest, reason }), behind);
    inner(behind);
  };
  const source = tunnelSource(d.config, exit).address!;
  const destination = exit.tunnel!.destination!;
  const unfollowed = greUnfollowed(
    { config: d.config, tunnel: exit, address: source },
    { config: far.config, tunnel: farTunnel, address: destination },
  );
  if (unfollowed) return notFollowed(unfollowed);
  if (exit.tunnel?.protection !== undefined) {
    const v = negotiateProtectedGre(
      { config: d.config, tunnel: exit, address: source },
      { config: far.config, tunnel: farTunnel, address: destination },
    );
    if (v.ok)
      return w.env.model.sameUnderlay(d, v.exitA.name, far, v.exitB.name) === false
        ? notFollowed('underlay')
        : inner(behind);
    if (v.kind === 'unmodelled') return notFollowed(v.reason);
    if (v.kind === 'ikev2' || v.kind === 'pfs-mismatch')
      reportVtiIkev2(w, 'gre', { d, exit, far, farTunnel }, v, sub, dest, behind);
    else reportProtectionFailure(w, 'gre', { d, exit, far, farTunnel }, v, sub, dest, behind);
    return inner(true);
  }
  const underlay = greUnderlay(d.config, destination);
  if (!underlay.ok) return notFollowed(underlay.why === 'into-tunnel' ? 'into-tunnel' : 'underlay');
  const out = underlay.exit;
  const map = cryptoMapOf(d.config, out.name);
  const gre = greBox(source, destination);
  const clear = (b: boolean, mapName?: string): void => {
    w.report(
      finding.greUnprotected({
        device: d,
        tunnel: exit,
        exit: out,
        ...(mapName !== undefined ? { map: mapName } : {}),
        source,
        destination,
        space: sub,
        dest,
      }),
      b,
    );
    inner(true);
  };
  if (!map) return clear(behind);
  const leg = new GreLeg(w, far, (b) => inner(b));
  const legDest = greDestination(dest, far, destination);
  // The router's own packets meet no outbound list (docs/ios-semantics.md#interface-access-lists).
  encrypted(leg, d, out, map, [gre], legDest, hops, behind, clear, notFollowed);
}

/** The GRE packets through the crypto map: clear when no entry owns them, else to the owning entry's peer. */
function encrypted(
  leg: GreLeg,
  d: ModelDevice,
  out: InterfaceConfig,
  map: CryptoMap,
  space: readonly HeaderBox[],
  legDest: Site,
  hops: number,
  behind: boolean,
  clear: (b: boolean, mapName?: string) => void,
  notFollowed: (reason: GreNotFollowed) => void,
): void {
  const part = partitionEgress(d.config, map, space);
  if (part.clear.length > 0) clear(behind, map.name);
  for (const piece of part.owned) {
    if (piece.entry.dynamic) notFollowed('dynamic-entry');
    else cryptoExit(leg, d, out, map, piece, legDest, hops, behind);
  }
  if (leg.elsewhere) notFollowed('peer-elsewhere');
}

/** The tunnel destination as the destination of the GRE packets' own walk (a host of the far device). */
function greDestination(dest: Site, far: ModelDevice, destination: string): Site {
  const n = ipToNumber(destination);
  return { ...dest, device: far, network: `${destination}/32`, range: [n, n] };
}

/**
 * The walk of the GRE packets through the crypto-map step: shares the pair's proof state and
 * findings; where that step would walk the GRE packets on at a device, the inner traffic goes on
 * at the far tunnel instead.
 */
class GreLeg implements WalkContext {
  /** True when the GRE packets were carried to a device other than the far end without an error. */
  elsewhere = false;

  constructor(
    private readonly outer: WalkContext,
    private readonly far: ModelDevice,
    private readonly arrive: (behind: boolean) => void,
  ) {}

  get env(): WalkEnv {
    return this.outer.env;
  }
  get backup(): BackupPath | undefined {
    return this.outer.backup;
  }
  get trace(): PathTrace | undefined {
    return this.outer.trace;
  }
  get sas(): SaBook {
    return this.outer.sas;
  }
  get problems(): Map<Problem, boolean> {
    return this.outer.problems;
  }
  get reporter(): Report {
    return this.outer.reporter;
  }

  report(input: ProblemInput, behind: boolean): void {
    this.outer.report(input, behind);
  }

  crossUnmodelled(d: ModelDevice, behind: boolean): void {
    this.outer.crossUnmodelled(d, behind);
  }

  walk(d: ModelDevice, _space: readonly HeaderBox[], _dest: Site, _hops: number, behind: boolean): void {
    if (d !== this.far && !behind) this.elsewhere = true;
    this.arrive(behind);
  }

  onward(space: readonly HeaderBox[], permitted: readonly HeaderBox[], behind: boolean, go: Onward): void {
    this.outer.onward(space, permitted, behind, go);
  }

  expectedNext(d: ModelDevice): ModelDevice | undefined {
    return d === this.far ? undefined : this.far;
  }

  subWalk(backup: BackupPath): WalkContext {
    return new GreLeg(this.outer.subWalk(backup), this.far, () => undefined);
  }
}
