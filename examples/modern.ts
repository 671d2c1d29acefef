/**
 * A modern hub-and-spoke VPN on IKEv1: IOS-XE 17 (CSR1000v / Catalyst 8000v), strong defaults
 * (AES-256, SHA-256, DH group 19, PFS group 19), ten spokes, and one pre-shared key per hub/spoke
 * pair derived from a master secret read from HUBSPOKE_MASTER_SECRET at synth time.
 *
 * Run: `HUBSPOKE_MASTER_SECRET=... node .build/examples/modern.js` (after `npm run build`).
 */
import { pathToFileURL } from 'node:url';
import { App, formatSynthResult, Hub, HubSpokeStack, MasterSecret, PreSharedKey, Spoke } from 'hubspoke';

/** Environment variable holding the master secret. */
export const MASTER_SECRET_VARIABLE = 'HUBSPOKE_MASTER_SECRET';

/** Number of spokes in the example. */
export const MODERN_SPOKES = 10;

/** Builds the modern example's App (stack `modern`) without synthesizing it. */
export function buildModern(outdir?: string, env?: NodeJS.ProcessEnv): App {
  const app = new App({ ...(outdir !== undefined ? { outdir } : {}), ...(env !== undefined ? { env } : {}) });
  const stack = new HubSpokeStack(app, 'modern', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hq-hub',
    lan: { address: '10.0.0.1/24' },
    // The WAN sits behind an upstream router: routes go to the gateway, plus a default route.
    wan: { address: '198.51.100.2/29', gateway: '198.51.100.1' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv(MASTER_SECRET_VARIABLE)),
    routes: [{ destination: '0.0.0.0/0' }],
    // IKEv1, said explicitly as a deployed stack keeps it (IOS-XE defaults to IKEv2; the same
    // network on IKEv2 is examples/modern-ikev2.ts).
    ike: 'v1',
  });
  for (let i = 1; i <= MODERN_SPOKES; i++) {
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
    process.stdout.write(formatSynthResult(buildModern().synth()));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
