/**
 * The keys of an imported network: each hub/spoke pair's key, the same on both ends (global keys,
 * the patterns' keyring, the wildcard of the hub's dynamic keyring, or an IKEv2 dynamic spoke's
 * keyring peer), and the environment
 * variables that will hold them.
 */
import type { IkeVersion } from '../patterns/ikev2-settings.js';
import { HUBSPOKE_KEYRING, type Keying } from '../patterns/keying.js';
import type { ModelDevice } from '../verify/model/network-model.js';
import { findKey } from './fit-features.js';
import { identifier } from './names.js';
import type { KeyVariable } from './spec.js';

const where = (d: { file: string }, line?: number) => (line !== undefined ? `${d.file}:${line}` : d.file);

export interface PairKeys {
  readonly spoke: ModelDevice;
  readonly value: string;
  /** Names the variable when several keys differ: the spoke's hostname, or the dynamic map's name. */
  readonly label: string;
}

/**
 * Where the hub keeps a spoke's key: the peer it calls (/32), the wildcard of its dynamic keyring,
 * or (IKEv2 dynamic spoke) the keyring peer of the spoke's FQDN identity.
 */
export interface HubKeySlot {
  readonly address: string;
  readonly prefixLength: number;
  readonly keyring?: string;
  /** The FQDN identity the hub's IKEv2 keyring peer is found by. @default - found by address */
  readonly identity?: string;
}

/** The pair's key, the same on both ends, or a problem. */
export function pairKey(
  hub: ModelDevice,
  spoke: ModelDevice,
  slot: HubKeySlot,
  hubIp: string,
  keying: Keying,
  problems: string[],
  ike: IkeVersion = 'v1',
): string {
  const ring = keying === 'keyring' ? HUBSPOKE_KEYRING : undefined;
  const a = findKey(hub.config, slot.address, slot.prefixLength, slot.keyring ?? ring, ike, slot.identity);
  const b = findKey(spoke.config, hubIp, 32, ring, ike);
  const peerOf = slot.identity ?? `${slot.address}${slot.prefixLength === 32 ? '' : `/${slot.prefixLength}`}`;
  for (const [d, k, peer] of [
    [hub, a, peerOf],
    [spoke, b, hubIp],
  ] as const) {
    if (!k) problems.push(`${where(d)}: ${d.hostname} has no pre-shared key for ${peer}; fix the network first`);
    else if (k.encryption !== 0)
      problems.push(
        `${where(d, k.line)}: ${d.hostname}'s key for ${peer} is stored encrypted (type ${k.encryption}); enter it in clear text (type 0) to import it`,
      );
  }
  if (a && b && a.key !== b.key)
    problems.push(
      `${where(hub, a.line)} and ${where(spoke, b.line)}: the two ends of ${hub.hostname}/${spoke.hostname} hold different keys; fix the network first`,
    );
  return a?.key ?? '';
}

/** One variable per distinct key: HUBSPOKE_PSK when every pair shares one, else named after its first spoke. */
export function keyVariables(pairs: readonly PairKeys[]): KeyVariable[] {
  const distinct = [...new Set(pairs.map((p) => p.value))];
  return distinct.map((value) => {
    const users = pairs.filter((p) => p.value === value);
    const variable =
      distinct.length === 1 ? 'HUBSPOKE_PSK' : `HUBSPOKE_PSK_${identifier(users[0]!.label).toUpperCase()}`;
    return { variable, value, pairs: users.map((u) => u.spoke.hostname) };
  });
}
