/**
 * A route-based hub-and-spoke VPN (docs/route-based.md): IOS-XE 17 on IKEv2 (the platform's
 * default), strong defaults, four branches behind WAN gateways, one static VTI per branch on the
 * hub and one on each branch (/30s from 172.31.255.0/24), static routes into the tunnels, one key
 * per hub/branch pair derived from the master secret in HUBSPOKE_MASTER_SECRET.
 *
 * Run: `HUBSPOKE_MASTER_SECRET=... node .build/examples/route-based.js` (after `npm run build`).
 */
import { pathToFileURL } from 'node:url';
import { App, formatSynthResult, Hub, HubSpokeStack, MasterSecret, PreSharedKey, Spoke } from 'hubspoke';

/** Environment variable holding the master secret. */
export const MASTER_SECRET_VARIABLE = 'HUBSPOKE_MASTER_SECRET';

/** Number of branches in the example. */
export const ROUTE_BASED_BRANCHES = 4;

/** Builds the route-based example's App (stack `route-based`) without synthesizing it. */
export function buildRouteBased(outdir?: string, env?: NodeJS.ProcessEnv): App {
  const app = new App({ ...(outdir !== undefined ? { outdir } : {}), ...(env !== undefined ? { env } : {}) });
  const stack = new HubSpokeStack(app, 'route-based', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hq-hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '198.51.100.2/29', gateway: '198.51.100.1' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv(MASTER_SECRET_VARIABLE)),
    routes: [{ destination: '0.0.0.0/0' }],
    // Route-based: a static VTI per branch, routes into the tunnels, no crypto map or crypto ACL.
    design: 'vti',
    vti: { tunnelPool: '172.31.255.0/24' },
  });
  for (let i = 1; i <= ROUTE_BASED_BRANCHES; i++) {
    new Spoke(stack, `Branch${i}`, {
      hub,
      hostname: `branch-${String(i).padStart(2, '0')}`,
      lan: { address: `10.${i}.0.1/24` },
      wan: { address: `203.0.113.${i * 8 + 2}/29`, gateway: `203.0.113.${i * 8 + 1}` },
      routes: [{ destination: '0.0.0.0/0' }],
    });
  }
  return app;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.stdout.write(formatSynthResult(buildRouteBased().synth()));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
