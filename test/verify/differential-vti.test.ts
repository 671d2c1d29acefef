/**
 * Differential test of the route-based design (docs/route-based.md): random VTI stacks built with
 * the Hub and Spoke patterns (1-4 spokes, IOS 15 or IOS-XE, exact or summarized routes, IKEv1 or
 * IKEv2 tunnel protection, hub tunnels sourced from the WAN or from an `ikeSource` loopback), rendered,
 * then one defect injected into the text of spoke k or of the hub's side of it. Every pair the
 * proof decides gets the same answer from an emulated host ping (received, nothing on the WAN in
 * clear text); a pair the proof leaves unverified is not delivered by the emulator either.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Network } from '../../lib/emulate/index.js';
import type { Platform } from '../../lib/ir/router-config.js';
import { parseConfig } from '../../lib/parse/index.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import { renderConfig } from '../../lib/render/index.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';

/** A defect: which file (the hub, or spoke k), what to replace (first match; every `K` stands for k), with what. */
interface Defect {
  readonly name: string;
  readonly onHub: boolean;
  readonly from: RegExp;
  readonly to: (k: number, n: number) => string;
  /** Applies only when the hub sources its tunnels from the loopback. @default false */
  readonly loopbackOnly?: boolean;
}

const DEFECTS: readonly Defect[] = [
  { name: 'none', onHub: false, from: /^$/, to: () => '' },
  {
    name: 'spoke key',
    onHub: false,
    // IKEv1 `crypto isakmp key K address A`, IKEv2 keyring `pre-shared-key K`.
    from: /(crypto isakmp key|pre-shared-key) \S+/,
    to: () => '$1 wrong-Key-7Hq2Lm9Xz4',
  },
  {
    // The hub's key for spoke k: the IKEv1 line, or the IKEv2 peer's pre-shared-key line.
    name: 'hub key',
    onHub: true,
    from: /crypto isakmp key \S+ address 192\.0\.2\.1K\n|(address 192\.0\.2\.1K\n)  pre-shared-key \S+\n/,
    to: () => '$1',
  },
  { name: 'destination', onHub: false, from: /tunnel destination \S+/, to: () => 'tunnel destination 192.0.2.99' },
  { name: 'transforms', onHub: false, from: /esp-aes 256/, to: () => 'esp-aes 128' },
  { name: 'pfs', onHub: false, from: /set pfs group19/, to: () => 'set pfs group20' },
  { name: 'mode', onHub: false, from: / tunnel mode ipsec ipv4\n/, to: () => '' },
  {
    // The spoke's underlay route to the hub's loopback: the tunnel's destination becomes unroutable.
    name: 'loopback route',
    onHub: false,
    from: /ip route 10\.255\.0\.1 255\.255\.255\.255 \S+\n/,
    to: () => '',
    loopbackOnly: true,
  },
  {
    // The hub's tunnel to spoke k sourced from the uplink: the spoke's tunnel points at the loopback.
    name: 'hub source',
    onHub: true,
    from: / tunnel source Loopback0\n( tunnel destination 192\.0\.2\.1K\n)/,
    to: () => ' tunnel source GigabitEthernet1\n$1',
    loopbackOnly: true,
  },
  { name: 'tunnel shut', onHub: false, from: / no shutdown\n tunnel source/, to: () => ' shutdown\n tunnel source' },
  {
    name: 'hub route',
    onHub: true,
    // Spoke k's LAN into another spoke's tunnel (replaced, not added: two routes would be equal-cost paths).
    from: /ip route 10\.K\.0\.0 255\.255\.255\.0 Tunnel\d+/,
    to: (k, n) => `ip route 10.${k}.0.0 255.255.255.0 ${n === 1 ? 'Null0' : `Tunnel${(k % n) + 1}`}`,
  },
];

function build(n: number, platform: Platform, summarized: boolean, ike: 'v1' | 'v2', loopback: boolean) {
  const app = new App({ logWarning: () => {} });
  const stack = new HubSpokeStack(app, 'Diff');
  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub',
    platform,
    lan: { address: '10.0.0.1/24' },
    wan: { address: '192.0.2.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText('fake-Psk-For-Tests-Hq7Rw2Lm9Xz4'),
    design: 'vti',
    ike,
    vti: { tunnelPool: '172.31.0.0/24' },
    ...(summarized ? { aclMode: 'summarized' as const, sitePools: ['10.0.0.0/13'] } : {}),
    ...(loopback ? { ikeSource: { loopback: 'Loopback0', address: '10.255.0.1' } } : {}),
  });
  const spokes = Array.from(
    { length: n },
    (_, i) =>
      new Spoke(stack, `Spoke${i + 1}`, {
        hub,
        hostname: `Spoke${i + 1}`,
        lan: { address: `10.${i + 1}.0.1/24` },
        wan: { address: `192.0.2.${11 + i}/24` },
      }),
  );
  return [hub.router, ...spokes.map((s) => s.router)].map((r) => {
    const ir = r.toIr();
    return { file: `${ir.hostname}.cfg`, text: renderConfig(ir).text };
  });
}

describe("GIVEN random 'vti' stacks with one defect injected", () => {
  it('WHEN every pair is proven and pinged THEN the emulator agrees with the proof on every pair', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<Platform>('ios-15', 'ios-xe-17'),
        fc.boolean(),
        fc.constantFrom<'v1' | 'v2'>('v1', 'v2'),
        fc.boolean(),
        fc.constantFrom(...DEFECTS),
        fc.nat(),
        (n, platform, summarized, ike, loopback, defect, kRaw) => {
          fc.pre(loopback || defect.loopbackOnly !== true);
          const k = 1 + (kRaw % n);
          const target = defect.onHub ? 'Hub.cfg' : `Spoke${k}.cfg`;
          const original = build(n, platform, summarized, ike, loopback);
          const texts = original.map((t) =>
            t.file === target && defect.name !== 'none'
              ? {
                  ...t,
                  text: t.text.replace(new RegExp(defect.from.source.replaceAll('K', String(k))), defect.to(k, n)),
                }
              : t,
          );
          const changed = texts.find((t) => t.file === target)!.text !== original.find((t) => t.file === target)!.text;
          expect(changed, `${defect.name} applies to ${target}`).toBe(defect.name !== 'none');
          const files = texts.map((t) => ({ ...parseConfig(t.text, { file: t.file }), file: t.file }));
          const proof = verifyNetwork(files);
          const net = Network.fromParsed(files);
          const label = `${defect.name} on ${target}, n=${n} ${platform} ${ike}${summarized ? ' summarized' : ''}${loopback ? ' loopback' : ''}`;
          if (defect.name === 'none') expect(proof.summary.covered, label).toBe(proof.summary.pairs);
          for (const p of proof.pairs) {
            for (const t of texts) net.device(t.file.replace('.cfg', '')).exec('clear crypto sa');
            const before = net.wanLog.length;
            const source = `${p.fromNetwork.replace(/\.0\/24$/, '')}.50`;
            const to = `${p.toNetwork.replace(/\.0\/24$/, '')}.50`;
            const r = net.ping({ from: p.from, source, to, repeat: 2, asHost: true });
            const clear = net.wanLog.slice(before).filter((x) => !x.encrypted).length;
            const delivered = r.received === r.sent && clear === 0;
            const pair = `${label}: ${p.from} -> ${p.to} proof ${p.status}, emulator ${r.received}/${r.sent}, ${clear} clear`;
            expect(delivered, pair).toBe(p.status === 'covered');
          }
        },
      ),
      { numRuns: 80, seed: 15 },
    );
  });
});
