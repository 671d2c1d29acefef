/**
 * The addresses of a tunnel when a side sits behind NAT (docs/ios-semantics.md#nat-traversal;
 * the rule is `lib/rules/nat-traversal.ts`): the responder sees the initiator as its public address,
 * the initiator calls the responder's public address while the responder speaks from its own.
 */
import type { AddressOwner, ModelDevice, NetworkModel } from '../model/network-model.js';

/** The request fields that differ from the plain addresses when NAT sits between the two. */
export interface NatRequestFields {
  readonly initiatorSeenAs?: string;
  readonly responderAddress?: string;
}

/** `initiatorSeenAs` / `responderAddress` of a negotiation from `d` (IKE address `local`) to `owner`. */
export function natRequestFields(
  model: NetworkModel,
  d: ModelDevice,
  local: string,
  owner: AddressOwner,
): NatRequestFields {
  const seen = model.seenAs(d, local);
  return {
    ...(seen !== local ? { initiatorSeenAs: seen } : {}),
    ...(owner.nat ? { responderAddress: owner.nat.inside } : {}),
  };
}
