/**
 * The underlay: which WAN interfaces can exchange packets. By default every WAN interface of every
 * router (the WAN rule of `lib/rules/wan.ts`) sits on one routed WAN, as in the reference lab
 * ("10.1.0.0/16 is reachable out of every Ethernet1"); a `topology.json` names its segments
 * explicitly, and an interface in no segment reaches nobody.
 */
import type { RouterConfig } from '../ir/router-config.js';
import type { Topology } from '../ir/topology.js';
import { cryptoPeerAddresses, wanInterfaces } from '../rules/wan.js';

/** One interface of one router on the underlay. */
export interface UnderlayEndpoint {
  readonly device: string;
  readonly interface: string;
}

/** A set of interfaces that reach each other's addresses (a routed WAN). */
export interface UnderlaySegment {
  readonly name: string;
  readonly members: readonly UnderlayEndpoint[];
}

/** Segments and a membership index. */
export class Underlay {
  /** The segments, in order. */
  readonly segments: readonly UnderlaySegment[];
  private readonly bySlot = new Map<string, UnderlaySegment[]>();
  private readonly neighbourCache = new Map<string, { list: UnderlayEndpoint[]; keys: Set<string> }>();
  private readonly members = new Map<string, Set<string>>();

  constructor(segments: readonly UnderlaySegment[]) {
    this.segments = segments;
    for (const s of segments) {
      for (const m of s.members) {
        const key = slot(m.device, m.interface);
        const ifaces = this.members.get(m.device) ?? new Set<string>();
        ifaces.add(m.interface);
        this.members.set(m.device, ifaces);
        const list = this.bySlot.get(key) ?? [];
        list.push(s);
        this.bySlot.set(key, list);
      }
    }
  }

  /** The default underlay: every WAN interface of every router on one segment named `wan`. */
  static fromConfigs(configs: readonly RouterConfig[]): Underlay {
    const peers = cryptoPeerAddresses(configs);
    const members: UnderlayEndpoint[] = [];
    for (const c of configs) {
      for (const w of wanInterfaces(c, peers)) members.push({ device: c.hostname, interface: w.interface.name });
    }
    return new Underlay([{ name: 'wan', members }]);
  }

  /** The underlay a topology describes. */
  static fromTopology(topology: Topology): Underlay {
    return new Underlay(topology.underlay.segments.map((s) => ({ name: s.name, members: s.members })));
  }

  /** True when the interface is on some segment. */
  isMember(device: string, iface: string): boolean {
    return this.members.get(device)?.has(iface) ?? false;
  }

  /** Every other endpoint sharing a segment with the interface, in segment order, without repeats. */
  neighbours(device: string, iface: string): readonly UnderlayEndpoint[] {
    return this.neighbourEntry(device, iface).list;
  }

  /** True when the two interfaces share a segment (and are not the same interface). */
  areNeighbours(device: string, iface: string, otherDevice: string, otherIface: string): boolean {
    return this.neighbourEntry(device, iface).keys.has(slot(otherDevice, otherIface));
  }

  private neighbourEntry(device: string, iface: string): { list: UnderlayEndpoint[]; keys: Set<string> } {
    const own = slot(device, iface);
    let entry = this.neighbourCache.get(own);
    if (entry) return entry;
    const keys = new Set<string>();
    const list: UnderlayEndpoint[] = [];
    for (const s of this.bySlot.get(own) ?? []) {
      for (const m of s.members) {
        const key = slot(m.device, m.interface);
        if (key === own || keys.has(key)) continue;
        keys.add(key);
        list.push(m);
      }
    }
    entry = { list, keys };
    this.neighbourCache.set(own, entry);
    return entry;
  }
}

function slot(device: string, iface: string): string {
  return `${device}\u0000${iface}`;
}
