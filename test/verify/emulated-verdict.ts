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

/**
 * After a working ping, pings `from` -> `to` again inside the soft lifetime of the SAs it used (the
 * initiating side rekeys first) and again after the new SAs' hard lifetime (they expired, the ping
 * negotiates anew): docs/ios-semantics.md#sa-lifetimes-and-rekey. Every echo must arrive, none in
 * clear text, and the rekeyed pairs must carry new SPIs.
 */
export function verdictAcrossLifetimes(
  net: Network,
  devices: string[],
  from: Net['sites'][number],
  to: Net['sites'][number],
) {
  const spis = () => new Set(devices.flatMap((d) => net.device(d).sadb.ipsec.map((s) => s.inbound.spi)));
  const softestMs = () => {
    const ends = devices.flatMap((d) =>
      net.device(d).sadb.ipsec.map((s) => s.createdAt + s.lifetimeSeconds * 1000 - net.clock.now),
    );
    return Math.min(...ends);
  };
  const ping = (stage: string) => {
    const before = net.wanLog.length;
    const r = net.ping({ from: from.device, source: from.host, to: to.host, repeat: 3, asHost: true });
    const clear = net.wanLog.slice(before).filter((p) => !p.encrypted).length;
    return { ok: r.received === r.sent && clear === 0, stage, output: r.output };
  };
  const old = spis();
  // 20 s before the earliest hard end: every SA the pair uses whose end is that close is soft.
  net.clock.advance(Math.max(0, softestMs() - 20_000));
  const soft = ping('soft lifetime');
  if (!soft.ok) return soft;
  const rekeyed = [...spis()].some((s) => !old.has(s));
  if (!rekeyed) return { ok: false, stage: 'soft lifetime: no new SPI', output: soft.output };
  const longest = Math.max(
    ...devices.flatMap((d) => net.device(d).sadb.ipsec.map((s) => s.createdAt + s.lifetimeSeconds * 1000)),
  );
  net.clock.advance(Math.max(0, longest - net.clock.now) + 1000);
  return ping('after expiry');
}
