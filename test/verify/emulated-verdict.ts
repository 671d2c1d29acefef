// The emulator's verdict on one pair for the differential tests (helper module, not a test file).
import type { Network } from '../../lib/emulate/index.js';
import type { Net } from './differential-lab.js';

/**
 * Pings `from` -> `to` as hosts from cleared SAs (after the IP SLA probes had time to run); with
 * `initiate`, the first echo must be dropped and the pair must work once `to` sent its traffic
 * (a pair proven under SPOKE_MUST_INITIATE, docs/ios-semantics.md#dynamic-crypto-maps).
 */
export function emulatedVerdict(
  net: Network,
  devices: string[],
  from: Net['sites'][number],
  to: Net['sites'][number],
  initiate = false,
) {
  for (const d of devices) {
    net.device(d).exec('clear crypto sa');
    net.device(d).exec('clear crypto isakmp');
  }
  // IP SLA probes run on the virtual clock (docs/ios-semantics.md#ip-sla-probes): let them run.
  net.clock.advance(60_000);
  if (initiate) {
    // A pair proven under SPOKE_MUST_INITIATE: dropped until the spoke's traffic brought its SA up.
    const first = net.ping({ from: from.device, source: from.host, to: to.host, repeat: 1, asHost: true });
    if (first.received !== 0)
      return { ok: false, received: first.received, clear: 0, output: `not dropped first:\n${first.output}` };
    net.ping({ from: to.device, source: to.host, to: from.host, repeat: 1, asHost: true });
  }
  const before = net.wanLog.length;
  const r = net.ping({ from: from.device, source: from.host, to: to.host, repeat: 3, asHost: true });
  const clear = net.wanLog.slice(before).filter((p) => !p.encrypted);
  return {
    ok: r.received === r.sent && clear.length === 0,
    received: r.received,
    clear: clear.length,
    output: r.output,
  };
}
