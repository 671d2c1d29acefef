/**
 * The story of a quick mode (IKEv1 phase 2) on both consoles, in the IOS 12.2 words the platform
 * stylers rewrite (debug-style.ts, ipsec-debug-style.ts): the initiator's offer, the responder's
 * check and acceptance, the SAs each side creates. Shared by the SAs of crypto maps
 * (`negotiation.ts`, which decides by `lib/rules/ike-phase2.ts`) and of protected tunnels
 * (`tunnel-child.ts`, decided by `lib/rules/tunnel-ipsec.ts`). Display only: every decision is
 * taken before a line here is printed. No function here ever receives a pre-shared key.
 */
import type { RouterConfig } from '../ir/router-config.js';
import { saEncapsulation } from '../rules/gre-ipsec.js';
import type { HeaderBox } from '../rules/header-space.js';
import type { EffectiveTransformSet } from '../rules/platform-defaults.js';
import {
  createSaTexts,
  creatingSasText,
  ipsecProposalLines,
  validateProposalText,
  type CreatedSa,
  type KeyEngineMessage,
} from './ike-text.js';
import type { IpsecSaPair } from './sa-database.js';
import type { DeviceCore, Fabric } from './types.js';

const messageIds = new WeakMap<Fabric, number>();

/** The message id of the next quick mode on the fabric (deterministic, spread like IOS's). */
export function nextQuickModeId(f: Fabric): number {
  const n = (messageIds.get(f) ?? 0) + 1;
  messageIds.set(f, n);
  return ((n * 2654435761) % 2147483647) >>> 0;
}

/** The two sides of one quick mode as their consoles name each other. */
export interface QuickModeSides {
  readonly init: DeviceCore;
  readonly resp: DeviceCore;
  /** The IKE SA's connection id on each side. */
  readonly c: number;
  readonly rc: number;
  /** The quick mode's message id. */
  readonly mid: number;
  /** The responder as the initiator addresses it, and the initiator as the responder sees it. */
  readonly peerAddr: string;
  readonly initSeen: string;
}

/** What a proposal carries in its `transform 1` attributes. */
export interface QuickModeProposal {
  readonly transform: EffectiveTransformSet;
  readonly lifeSeconds: number;
  readonly lifeKilobytes: number;
  readonly pfsGroup?: number;
  /**
   * Transport mode (encapsulation attribute 2, RFC 2407 section 4.5) instead of tunnel mode (1).
   * @default false
   */
  readonly transport?: boolean;
}

/**
 * True when the offer asks for transport mode: the router's own set says `mode transport` and the
 * SA carries the two peers' own traffic (`saEncapsulation`, docs/ios-semantics.md#tunnel-proxies).
 */
export function offersTransport(
  config: RouterConfig,
  ts: EffectiveTransformSet,
  proxy: readonly HeaderBox[],
  local: string,
  peer: string,
): boolean {
  const mode = ts.builtIn ? undefined : config.transformSets.find((t) => t.name === ts.name)?.mode;
  return saEncapsulation(mode, proxy, local, peer) === 'transport';
}

function proposalLines(p: QuickModeProposal): string[] {
  return ipsecProposalLines(p.transform, p.lifeSeconds, p.pfsGroup, p.lifeKilobytes, p.transport ?? false);
}

/** The initiator opens quick mode; the responder reads the SA payload and the offered proposal. */
export function narrateQuickModeOffer(s: QuickModeSides, offer: QuickModeProposal): void {
  const { init, resp, c, rc, mid } = s;
  init.log('isakmp', () => `ISAKMP (0:${c}): beginning Quick Mode exchange, M-ID of ${mid}`);
  init.log('isakmp', () => `ISAKMP (0:${c}): sending packet to ${s.peerAddr} (I) QM_IDLE`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): received packet from ${s.initSeen} (R) QM_IDLE`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): processing SA payload. message ID = ${mid}`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): Checking IPsec proposal 1`);
  if (resp.wants('isakmp')) for (const l of proposalLines(offer)) resp.log('isakmp', l);
}

/**
 * The responder accepts the proposal (`inbound`: the key-engine message as it sees it) and creates
 * its SAs, then answers.
 */
export function narrateQuickModeAccept(s: QuickModeSides, inbound: KeyEngineMessage, created: CreatedSa): void {
  const { resp, rc, mid } = s;
  resp.log('isakmp', () => `ISAKMP (0:${rc}): atts are acceptable.`);
  resp.log('ipsec', () => validateProposalText(inbound));
  resp.log('isakmp', () => `ISAKMP (0:${rc}): processing NONCE payload. message ID = ${mid}`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): processing ID payload. message ID = ${mid}`);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): processing ID payload. message ID = ${mid}`);
  resp.log('isakmp', () => creatingSasText(rc, created));
  resp.log('isakmp', () => `ISAKMP (0:${rc}): sending packet to ${s.initSeen} (R) QM_IDLE`);
  if (resp.wants('ipsec')) for (const t of createSaTexts(created)) resp.log('ipsec', t);
}

/**
 * The initiator reads the answer (`agreed`: the proposal as accepted, `inbound`: its own message
 * turned inbound), creates its SAs and sends the last quick mode message.
 */
export function narrateQuickModeComplete(
  s: QuickModeSides,
  agreed: QuickModeProposal,
  inbound: KeyEngineMessage,
  created: CreatedSa,
): void {
  const { init, c, mid } = s;
  init.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${s.peerAddr} (I) QM_IDLE`);
  init.log('isakmp', () => `ISAKMP (0:${c}): processing SA payload. message ID = ${mid}`);
  init.log('isakmp', () => `ISAKMP (0:${c}): Checking IPsec proposal 1`);
  if (init.wants('isakmp')) for (const l of proposalLines(agreed)) init.log('isakmp', l);
  init.log('isakmp', () => `ISAKMP (0:${c}): atts are acceptable.`);
  init.log('ipsec', () => validateProposalText(inbound));
  init.log('isakmp', () => creatingSasText(c, created));
  if (init.wants('ipsec')) for (const t of createSaTexts(created)) init.log('ipsec', t);
  init.log('isakmp', () => `ISAKMP (0:${c}): sending packet to ${s.peerAddr} (I) QM_IDLE`);
}

/** The responder's `debug crypto ipsec` reason when none of the offered transforms is acceptable. */
export const TRANSFORM_NOT_SUPPORTED =
  'IPSEC(validate_transform_proposal): transform proposal (prot 3, trans 2, hmac_alg 1) not supported';

/**
 * The responder refuses the proposal (`inbound`: the key-engine message as it sees it; `lines`: its
 * `debug crypto ipsec` reason) and the initiator reads the PROPOSAL_NOT_CHOSEN notify.
 */
export function narrateQuickModeRefusal(s: QuickModeSides, inbound: KeyEngineMessage, lines: readonly string[]): void {
  const { init, resp, c, rc } = s;
  resp.log('ipsec', () => validateProposalText(inbound));
  for (const l of lines) resp.log('ipsec', () => l);
  resp.log('isakmp', () => `ISAKMP (0:${rc}): IPSec policy invalidated proposal`);
  resp.log(
    'isakmp',
    () => `ISAKMP (0:${rc}): phase 2 SA policy not acceptable! (local ${inbound.local} remote ${s.initSeen})`,
  );
  resp.log('syslog', `%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Quick mode failed with peer at ${s.initSeen}`);
  init.log('isakmp', () => `ISAKMP (0:${c}): received packet from ${s.peerAddr} (I) QM_IDLE`);
  init.log('isakmp', () => `ISAKMP (0:${c}): processing NOTIFY PROPOSAL_NOT_CHOSEN protocol 3`);
}

/** The "Creating IPsec SAs" / `IPSEC(create_sa)` view of an SA pair with its proxies' networks. */
export function createdSa(sa: IpsecSaPair, localNet: string, remoteNet: string): CreatedSa {
  return {
    local: sa.local,
    peer: sa.peer,
    localNet,
    remoteNet,
    inboundSpi: sa.inbound.spi,
    inboundConnId: sa.inbound.connId,
    outboundSpi: sa.outbound.spi,
    outboundConnId: sa.outbound.connId,
    lifeSeconds: sa.lifetimeSeconds,
    lifeKilobytes: sa.lifetimeKilobytes,
    transform: sa.transformSet,
  };
}
