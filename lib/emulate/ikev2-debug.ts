/**
 * `debug crypto ikev2` in the IOS-XE words (docs/emulator.md#debug-crypto-ikev2): every line
 * `IKEv2:(SESSION ID = n,SA ID = 1):` with n the router's IKEv2 session (the `Tunnel-id` of `show
 * crypto ikev2 sa`), each packet as `Sending Packet [To A:500/From B:500/VRF i0:f0]` or `Received
 * Packet [From A:500/To B:500/VRF i0:f0]` followed by its SPIs and message id, the exchange
 * (`IKEv2 IKE_SA_INIT Exchange REQUEST`) and its payloads, as in a public IOS-XE 16.7 capture of
 * a PSK site-to-site negotiation; IOS 15 prints the same lines here (not checked against an IOS 15
 * capture). The exchanges: IKE_SA_INIT (message id 0), IKE_AUTH (1, carrying the first child SA),
 * CREATE_CHILD_SA for every further child SA on the same IKE SA, INFORMATIONAL for deletes.
 * Display only: the decisions are the rules' (lib/rules/ikev2-exchange.ts, lib/rules/ike-phase2.ts).
 */
import type { ConsoleKind, DeviceCore } from './types.js';
import type { Ikev2Sa } from './sa-database.js';

/** One end of an exchange as its debug lines name it. */
export interface Ikev2End {
  readonly dev: DeviceCore;
  /** The session id this router prints (its IKEv2 tunnel id). */
  readonly session: number;
  /** This router's address and the peer's, as this router sees them. */
  readonly local: string;
  readonly remote: string;
}

/** The SPIs of the IKE SA (initiator's, responder's: zeros before the responder chose its own). */
export interface Ikev2Spis {
  readonly initiator: string;
  readonly responder: string;
}

export type Ikev2Exchange = 'IKE_SA_INIT' | 'IKE_AUTH' | 'CREATE_CHILD_SA' | 'INFORMATIONAL';

/** The line prefix of a session (`IKEv2-ERROR` for errors). */
export function ikev2Prefix(session: number, tag: 'IKEv2' | 'IKEv2-ERROR' = 'IKEv2'): string {
  return `${tag}:(SESSION ID = ${session},SA ID = 1):`;
}

/** Logs one `debug crypto ikev2` message of a session. */
export function ikev2Say(end: Ikev2End, text: string): void {
  end.dev.log('ikev2', () => `${ikev2Prefix(end.session)}${text}`);
}

/** Logs a packet sent (`send`) or received by `end`: the packet line, SPIs and message id, exchange, payloads. */
export function ikev2Packet(
  end: Ikev2End,
  direction: 'send' | 'receive',
  packet: {
    readonly spis: Ikev2Spis;
    readonly messageId: number;
    readonly exchange: Ikev2Exchange;
    readonly response: boolean;
    readonly payloads: string;
  },
): void {
  // What a router sends after IKE_SA_INIT is encrypted: its debug shows the ENCR payload only.
  const payloads = direction === 'send' && packet.exchange !== 'IKE_SA_INIT' ? 'ENCR' : packet.payloads;
  end.dev.log('ikev2', () => {
    const head =
      direction === 'send'
        ? `Sending Packet [To ${end.remote}:500/From ${end.local}:500/VRF i0:f0] `
        : `Received Packet [From ${end.remote}:500/To ${end.local}:500/VRF i0:f0] `;
    return [
      `${ikev2Prefix(end.session)}${head}`,
      `Initiator SPI : ${packet.spis.initiator} - Responder SPI : ${packet.spis.responder} Message id: ${packet.messageId}`,
      `IKEv2 ${packet.exchange} Exchange ${packet.response ? 'RESPONSE' : 'REQUEST'} `,
      'Payload contents: ',
      ` ${payloads} `,
    ].join('\n');
  });
}

/** A request and its response between two ends (`from` sends the request). */
export function ikev2RoundTrip(
  from: Ikev2End,
  to: Ikev2End,
  spis: Ikev2Spis,
  messageId: number,
  exchange: Ikev2Exchange,
  payloads: { readonly request: string; readonly response: string },
): void {
  const common = { spis, messageId, exchange };
  ikev2Packet(from, 'send', { ...common, response: false, payloads: payloads.request });
  ikev2Packet(to, 'receive', { ...common, response: false, payloads: payloads.request });
  ikev2Packet(to, 'send', { ...common, response: true, payloads: payloads.response });
  ikev2Packet(from, 'receive', { ...common, response: true, payloads: payloads.response });
}

/** The SPIs of an established IKEv2 SA, from either end's record. */
export function spisOf(sa: Ikev2Sa): Ikev2Spis {
  return sa.initiator
    ? { initiator: sa.localSpi, responder: sa.remoteSpi }
    : { initiator: sa.remoteSpi, responder: sa.localSpi };
}

/** The end of an established SA on its router. */
export function endOf(dev: DeviceCore, sa: Ikev2Sa): Ikev2End {
  return { dev, session: sa.tunnelId, local: sa.local, remote: sa.remote };
}

/** Message ids of the requests each end of an IKE SA sends after IKE_AUTH (per RFC 7296, one counter per sender). */
const nextIds = new WeakMap<Ikev2Sa, number>();

/** The message id of the next request `sa`'s router sends on it: 2 after the initiator's IKE_AUTH, 0 for the responder's first. */
export function nextMessageId(sa: Ikev2Sa): number {
  const id = nextIds.get(sa) ?? (sa.initiator ? 2 : 0);
  nextIds.set(sa, id + 1);
  return id;
}

/** How the child SA negotiation ended, for the debug lines. */
export type ChildOutcome = 'ok' | 'ts-unacceptable' | 'no-proposal-chosen' | 'failed';

const NOTIFY: Readonly<Record<Exclude<ChildOutcome, 'ok' | 'failed'>, string>> = {
  'ts-unacceptable': 'NOTIFY(TS_UNACCEPTABLE)',
  'no-proposal-chosen': 'NOTIFY(NO_PROPOSAL_CHOSEN)',
};

/**
 * The child SA part of the exchanges: on a new IKE SA the IKE_AUTH response that carries it (the
 * responder's identity and authentication, the SA and traffic selectors, or the NOTIFY that
 * refuses the child while the IKE SA stays up, as in the capture); on an existing one a
 * CREATE_CHILD_SA exchange.
 */
export function narrateChild(
  init: { readonly dev: DeviceCore; readonly sa: Ikev2Sa },
  resp: { readonly dev: DeviceCore; readonly sa: Ikev2Sa },
  fresh: boolean,
  outcome: ChildOutcome,
): void {
  const [a, b] = [endOf(init.dev, init.sa), endOf(resp.dev, resp.sa)];
  const refused = outcome === 'ok' ? '' : outcome === 'failed' ? ' NOTIFY(NO_PROPOSAL_CHOSEN)' : ` ${NOTIFY[outcome]}`;
  if (fresh) {
    const payloads = `VID IDr AUTH${outcome === 'ok' ? ' SA TSi TSr' : refused}`;
    ikev2Packet(b, 'send', { spis: spisOf(init.sa), messageId: 1, exchange: 'IKE_AUTH', response: true, payloads });
    ikev2Packet(a, 'receive', { spis: spisOf(init.sa), messageId: 1, exchange: 'IKE_AUTH', response: true, payloads });
    ikev2Say(a, "Verification of peer's authenctication data PASSED");
    ikev2Say(a, `IKEV2 SA created; inserting SA into database. SA lifetime timer (${init.sa.lifetime} sec) started`);
    ikev2Say(a, `Session with IKE ID PAIR (${init.sa.remote}, ${init.sa.local}) is UP`);
    if (outcome !== 'ok') ikev2Say(a, 'Process auth response notify');
    return;
  }
  ikev2RoundTrip(a, b, spisOf(init.sa), nextMessageId(init.sa), 'CREATE_CHILD_SA', {
    request: 'SA N TSi TSr',
    response: outcome === 'ok' ? 'SA N TSi TSr' : refused.trim(),
  });
}

/** The child SA outcome of a phase 2 result (the emulator's failure reasons, as the notify IKEv2 sends). */
export function childOutcome(result: { readonly ok: boolean; readonly reason?: string }): ChildOutcome {
  if (result.ok) return 'ok';
  if (result.reason === 'proxy-not-supported') return 'ts-unacceptable';
  if (['transform-not-supported', 'pfs-mismatch', 'phase2-legacy'].includes(result.reason ?? ''))
    return 'no-proposal-chosen';
  return 'failed';
}

/**
 * The router as the IKEv1 phase 2 code sees it while it decides an IKEv2 child SA: its
 * `debug crypto isakmp` narration (quick mode) is not printed, since IKEv2 has no quick mode; the
 * IPsec debug and everything else pass through.
 */
export function withoutIsakmpDebug<T extends DeviceCore>(d: T): T {
  return new Proxy(d, {
    get(target, key) {
      if (key === 'log')
        return (kind: ConsoleKind, m: string | (() => string)) => {
          if (kind !== 'isakmp') target.log(kind, m);
        };
      if (key === 'wants') return (kind: ConsoleKind) => kind !== 'isakmp' && target.wants(kind);
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
    },
  });
}
