// The benchmarks' generated stack (not a test): one IOS-XE hub and `n` spokes with /24 LANs in
// 10.0.0.0/8 and /30 WANs in 100.64.0.0/10, built with the real constructs of a built library.

/** Environment holding the benchmarks' master secret (a bench value, never a deployment's). */
export const BENCH_ENV = { HUBSPOKE_BENCH_MASTER: 'bench-master-secret-not-for-production-0123456789' };

/** The stack, `summarized` (one pool line per side) or `exact` (one ACL line per site pair). */
export function buildStack(lib, mode, n, outdir) {
  const app = new lib.App({ outdir });
  const stack = new lib.HubSpokeStack(app, `bench-${mode}-${n}`, { platform: 'ios-xe-17' });
  const hub = new lib.Hub(stack, 'Hub', {
    hostname: 'hub',
    lan: { address: '192.168.0.1/24' },
    wan: { address: '100.64.0.1/30' },
    preSharedKey: lib.PreSharedKey.derivedFrom(lib.MasterSecret.fromEnv('HUBSPOKE_BENCH_MASTER')),
    aclMode: mode,
    ...(mode === 'summarized' ? { sitePools: ['10.0.0.0/8'] } : {}),
    // One underlay route covers every peer, so the hub needs no per-spoke host route.
    routes: [{ destination: '100.64.0.0/10' }],
  });
  for (let i = 1; i <= n; i += 1) {
    new lib.Spoke(stack, `Spoke${i}`, {
      hub,
      hostname: `spoke${i}`,
      lan: { address: `10.${i >> 8}.${i & 255}.1/24` },
      wan: { address: `100.64.${i >> 6}.${((i & 63) << 2) + 1}/30` },
      routes: [{ destination: '100.64.0.0/10' }],
    });
  }
  return stack;
}
