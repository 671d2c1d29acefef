/** A small VPN for App-level tests of annotations and hostnames. The key is fake. */
import type { HubSpokeStack } from '../../lib/app/stack.js';
import { ValidationError } from '../../lib/constructs/errors.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';

/** A fake key that raises no weakness warning (no word, long, random-looking). */
export const FAKE_PSK = 'Qm7vXr2Lp9Kw4Nz8Hb3Jy6Fd';

/**
 * A hub (`Hub`) and two spokes (`Spoke1`, `Spoke2`) sharing one plain-text key: the constructs
 * warn REUSED_PSK on every key and the proof on the hub's key lines (its IKEv2 keyring peers by
 * default); nothing else is warned about.
 */
export function addVpn(stack: HubSpokeStack): Hub {
  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '192.0.2.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText(FAKE_PSK),
  });
  for (const i of [1, 2])
    new Spoke(stack, `Spoke${i}`, {
      hub,
      hostname: `Spoke${i}`,
      lan: { address: `10.${i}.0.1/24` },
      wan: { address: `192.0.2.${10 + i}/24` },
    });
  return hub;
}

/** The ValidationError `run` throws (anything else is rethrown; no throw fails the test). */
export function caught(run: () => unknown): ValidationError {
  try {
    run();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}
