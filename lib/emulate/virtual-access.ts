/**
 * The virtual-access interfaces of a dynamic VTI hub (docs/ios-semantics.md#dynamic-vti,
 * docs/emulator.md#dynamic-vtis): IOS clones one from the virtual template when a spoke's session
 * comes up. The emulator numbers them from 1 in the order spokes first connect (a spoke keeps its
 * number when it reconnects) and lists one only while an IPsec SA is filed under it, as IOS
 * removes the interface with the session.
 */
import type { InterfaceConfig } from '../ir/router-config.js';
import { cloneVirtualAccess } from '../rules/dvti.js';
import type { SaDatabase } from './sa-database.js';

export class VirtualAccessTable {
  private readonly byPeer = new Map<string, InterfaceConfig>();

  /** The virtual-access for the spoke at `peer` (IKE from `local`), cloned from `template` on first use. */
  forPeer(template: InterfaceConfig, peer: string, local: string): InterfaceConfig {
    let va = this.byPeer.get(peer);
    if (!va) {
      va = cloneVirtualAccess(template, peer, local, `Virtual-Access${this.byPeer.size + 1}`);
      this.byPeer.set(peer, va);
    }
    return va;
  }

  /** The virtual-access interfaces with a session (an IPsec SA under them), in number order. */
  live(sadb: SaDatabase): InterfaceConfig[] {
    return [...this.byPeer.values()].filter((va) => sadb.ipsec.some((s) => s.interface === va.name));
  }
}
