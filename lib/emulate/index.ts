/**
 * The device emulator (subpath `hubspoke/emulator`): routers built from parsed IOS configurations,
 * packets walked through routing, crypto maps, IKE and ESP by the same rules the verifier uses,
 * and an IOS-like console (`ping`, `show crypto ...`, `debug crypto ...`).
 * @packageDocumentation
 */
export { Network } from './network.js';
export type { ParsedConfigFile, NetworkPingOptions } from './network.js';
export { Device } from './device.js';
export type { ExecResult } from './console.js';
export { MAX_PING_REPEAT } from './ping.js';
export type { PingOptions, PingResult, PingLoss } from './ping.js';
export type { NetworkOptions, WanLogEntry, Hop, HopEvent } from './types.js';
export type { DropReason, Delivery } from './packet-walk.js';
export type { NegotiationFailure } from './negotiation.js';
export type { IkeSa, IpsecSaPair, IpsecSaHalf } from './sa-database.js';
export type { EngineConnection } from './show-crypto.js';
export { Underlay } from './underlay.js';
export type { UnderlayEndpoint, UnderlaySegment } from './underlay.js';
export { formatTimestamp } from './clock.js';
