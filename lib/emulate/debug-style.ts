/**
 * `debug crypto isakmp` in the platform's words. The negotiation writes the IOS 12.2 form
 * (`ISAKMP (0:1): sending packet to 10.1.4.1 (I) MM_NO_STATE`, the reference lab's captures); IOS
 * 15 and IOS-XE print the connection id as `ISAKMP:(1001):`, the ports of every packet (`my_port
 * 500 peer_port 500`, `dport 500 sport 500 Global`), the encapsulation mode, and after each step
 * of the IKE state machine its `Old State = ...  New State = ...` line (public IOS 15 debug
 * captures, e.g. Cisco's "IPsec Troubleshooting: Understanding and Using debug Commands";
 * docs/emulator.md#debug). The `Input = ...` lines and the node bookkeeping are not reproduced.
 * Display only: one styler per router, fed every debug line in order.
 */
import { ikeConnId, ipsecConnId, isModern } from './conn-ids.js';
import type { Platform, RouterConfig } from '../ir/router-config.js';
import { modernIpsecDebug } from './ipsec-debug-style.js';
import type { ConsoleKind } from './types.js';

/** Main mode steps: the message and the state it moves the SA from and to. */
const MAIN_MODE: readonly (readonly [RegExp, string, string])[] = [
  [/^received packet from \S+ \(N\) NEW SA$/, 'IKE_READY', 'IKE_R_MM1'],
  [/^sending packet to \S+ \(I\) MM_NO_STATE$/, 'IKE_READY', 'IKE_I_MM1'],
  [/^received packet from \S+ \(I\) MM_NO_STATE$/, 'IKE_I_MM1', 'IKE_I_MM2'],
  [/^sending packet to \S+ \(R\) MM_SA_SETUP$/, 'IKE_R_MM1', 'IKE_R_MM2'],
  [/^sending packet to \S+ \(I\) MM_SA_SETUP$/, 'IKE_I_MM2', 'IKE_I_MM3'],
  [/^received packet from \S+ \(R\) MM_SA_SETUP$/, 'IKE_R_MM2', 'IKE_R_MM3'],
  [/^received packet from \S+ \(I\) MM_SA_SETUP$/, 'IKE_I_MM3', 'IKE_I_MM4'],
  [/^sending packet to \S+ \(R\) MM_KEY_EXCH$/, 'IKE_R_MM3', 'IKE_R_MM4'],
  [/^sending packet to \S+ \(I\) MM_KEY_EXCH$/, 'IKE_I_MM4', 'IKE_I_MM5'],
  [/^received packet from \S+ \(R\) MM_KEY_EXCH$/, 'IKE_R_MM4', 'IKE_R_MM5'],
  [/^received packet from \S+ \(I\) MM_KEY_EXCH$/, 'IKE_I_MM5', 'IKE_I_MM6'],
];

/** Messages printed with a space after the prefix (`ISAKMP:(1001): processing ...`). */
const SPACED = /^(processing|sending|beginning Main Mode|Creating IPsec|received|retransmitting)/;

/** Rewrites one router's `debug crypto isakmp` lines for its platform. */
export class DebugStyler {
  /** The IKE state of each connection id, as the transitions printed so far left it. */
  private readonly states = new Map<number, string>();
  /** The state of a responder's SA before it has a connection id. */
  private unnumbered: string | undefined;
  /** The quick mode exchange in progress on each connection id. */
  private readonly quick = new Map<number, string>();

  constructor(
    private readonly platform: Platform,
    private readonly config?: RouterConfig,
  ) {}

  /** The lines to print for one debug message (the message itself on IOS 12.2). */
  lines(kind: ConsoleKind, raw: string): string[] {
    if (kind === 'syslog' || !isModern(this.platform)) return [raw];
    // IPsec connection ids as the platform numbers them (conn-ids.ts), as in the show commands.
    const message = raw.replace(/\b(conn_id|sa_conn_id=) (\d+)/g, (_all, key: string, n: string) =>
      Number(n) >= 2000 ? `${key} ${ipsecConnId(this.platform, Number(n))}` : `${key} ${n}`,
    );
    if (kind === 'ipsec') return modernIpsecDebug(message, this.config);
    if (kind !== 'isakmp') return [message];
    if (message.startsWith('ISAKMP:      encaps is 1')) return ['ISAKMP:      encaps is 1 (Tunnel)'];
    if (message.startsWith('ISAKMP:      encaps is 2')) return ['ISAKMP:      encaps is 2 (Transport)'];
    const m = /^ISAKMP \(0:(\d+)\): ([^\n]*)([\s\S]*)$/.exec(message);
    if (!m) return [message];
    const conn = Number(m[1]);
    const id = conn === 0 ? 0 : ikeConnId(this.platform, conn);
    const [text, rest] = [m[2]!, m[3]!];
    const out = [this.prefixed(id, text) + rest];
    const step = this.transition(conn, text);
    if (step) out.push(`ISAKMP:(${id}):Old State = ${step[0]}  New State = ${step[1]}`);
    return out;
  }

  /** The message with the 15.x prefix and port details. */
  private prefixed(id: number, text: string): string {
    const recv = /^received packet from (\S+) (\([INR]\) .*)$/.exec(text);
    if (recv) return `ISAKMP (${id}): received packet from ${recv[1]} dport 500 sport 500 Global ${recv[2]}`;
    const send = /^sending packet to (\S+) (\([IR]\) .*)$/.exec(text);
    if (send) return `ISAKMP:(${id}): sending packet to ${send[1]} my_port 500 peer_port 500 ${send[2]}`;
    return `ISAKMP:(${id}):${SPACED.test(text) ? ' ' : ''}${text}`;
  }

  /** The state change a message reports, if any, remembered for the connection. */
  private transition(conn: number, text: string): readonly [string, string] | undefined {
    const quick = this.quickMode(conn, text);
    if (quick) return quick;
    // A responder's SA has no id yet when the first packet arrives (`ISAKMP (0)`): its state
    // carries over to the next connection id the router prints.
    let now = this.states.get(conn);
    if (now === undefined) {
      now = this.unnumbered ?? 'IKE_READY';
      if (conn !== 0) {
        this.states.set(conn, now);
        this.unnumbered = undefined;
      }
    }
    let next: readonly [string, string] | undefined;
    for (const [re, from, to] of MAIN_MODE) if (re.test(text) && from === now) next = [from, to];
    if (next && conn === 0) {
      this.unnumbered = next[1];
      return next;
    }
    if (!next && text.startsWith('SA has been authenticated with')) {
      if (now === 'IKE_I_MM6' || now === 'IKE_R_MM5') next = [now, 'IKE_P1_COMPLETE'];
    }
    // An SA deleted in QM_IDLE had completed phase 1, whether or not the debug saw it happen (DPD).
    if (!next && text.startsWith('deleting SA reason'))
      next = [/\) QM_IDLE /.test(text) ? 'IKE_P1_COMPLETE' : now, 'IKE_DEST_SA'];
    if (next) this.states.set(conn, next[1]);
    return next;
  }

  /** Quick mode runs on its own node (the phase 1 SA stays complete): initiator QM1, responder QM2. */
  private quickMode(conn: number, text: string): readonly [string, string] | undefined {
    const now = this.quick.get(conn);
    let next: readonly [string, string] | undefined;
    if (text.startsWith('beginning Quick Mode exchange')) next = ['IKE_QM_READY', 'IKE_QM_I_QM1'];
    else if (text.startsWith('Checking IPsec proposal') && now === undefined) next = ['IKE_QM_READY', 'IKE_QM_R_QM2'];
    else if (text.startsWith('Creating IPsec SAs') && now !== undefined) next = [now, 'IKE_QM_PHASE2_COMPLETE'];
    if (!next) return undefined;
    if (next[1] === 'IKE_QM_PHASE2_COMPLETE') this.quick.delete(conn);
    else this.quick.set(conn, next[1]);
    return next;
  }
}
