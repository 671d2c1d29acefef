/**
 * The Hub's `ikeSource` prop: IKE and ESP sourced from a loopback (`crypto map M local-address
 * Loopback0`, docs/ios-semantics.md#crypto-local-address), the usual design for a hub with more
 * than one uplink. Spokes then peer with, key on and route to the loopback address.
 */
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { interfaceName, ipv4Address } from '../constructs/schemas.js';

/** Where the hub's IKE and ESP come from. */
export interface IkeSourceProps {
  /** The loopback interface the hub creates, e.g. `Loopback0`. */
  readonly loopback: string;
  /** Its address `A.B.C.D`, configured as a host address (/32). */
  readonly address: string;
}

/** zod schema of `ikeSource`. */
export const ikeSourceSchema = lazy(() =>
  zod().object({
    loopback: interfaceName().refine((n) => /^loopback/i.test(n), { message: 'must name a Loopback interface' }),
    address: ipv4Address(),
  }),
);
