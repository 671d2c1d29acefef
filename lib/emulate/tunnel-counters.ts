/**
 * Per-tunnel packet counters of one router, as `show interfaces TunnelN` prints them (`N packets
 * input, B bytes`, `Last input hh:mm:ss`). The tunnel walk counts each user packet once when it is
 * routed out of a tunnel and once when it arrives, decrypted, on the far tunnel. Emulator state,
 * like the ACL counters: the rules only say where the packet goes.
 */

/** One direction of a tunnel's traffic. */
export interface TunnelDirection {
  readonly packets: number;
  readonly bytes: number;
  /** Virtual time (ms) of the last packet. */
  readonly lastMs: number;
}

/** The counters of a tunnel interface. */
export interface TunnelTraffic {
  readonly input?: TunnelDirection;
  readonly output?: TunnelDirection;
}

/** Counters of one router's tunnel interfaces, by interface name. */
export class TunnelCounters {
  private readonly byTunnel = new Map<string, { input?: TunnelDirection; output?: TunnelDirection }>();

  /** Counts one packet of `size` bytes into (`input`) or out of (`output`) a tunnel at `nowMs`. */
  count(tunnel: string, direction: 'input' | 'output', size: number, nowMs: number): void {
    const cur = this.byTunnel.get(tunnel) ?? {};
    const was = cur[direction];
    cur[direction] = { packets: (was?.packets ?? 0) + 1, bytes: (was?.bytes ?? 0) + size, lastMs: nowMs };
    this.byTunnel.set(tunnel, cur);
  }

  /** What a tunnel carried since start. */
  of(tunnel: string): TunnelTraffic {
    return this.byTunnel.get(tunnel) ?? {};
  }
}
