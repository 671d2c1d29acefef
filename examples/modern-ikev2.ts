/**
 * A modern hub-and-spoke VPN on IKEv2, twice: IOS-XE 17 (Catalyst 8000v / CSR1000v), with crypto
 * maps whose entries `set ikev2-profile` (stack `ikev2-crypto-map`), and route-based with one static
 * VTI per branch whose IPsec profile names the IKEv2 profile (stack `ikev2-vti`, docs/route-based.md); an AES-GCM-256 IKEv2 proposal (PRF SHA-384, DH groups 20 and 19),
 * AES-GCM-256 ESP with PFS group 19, and one pre-shared key per hub/spoke pair in each router's
 * IKEv2 keyring, derived from a master secret read from HUBSPOKE_MASTER_SECRET at synth time.
 * Synth proves every ordered pair of sites (IKE_SA_INIT, IKE_AUTH, CHILD_SA, re-encryption at the
 * hub) before it writes anything.
 *
 * Run: `HUBSPOKE_MASTER_SECRET=... npm run synth:modern-ikev2`.
 */
import { pathToFileURL } from 'node:url';
import { App, formatSynthResult, Hub, HubSpokeStack, MasterSecret, PreSharedKey, Spoke } from 'hubspoke';

/** Environment variable holding the master secret. */
export const MASTER_SECRET_VARIABLE = 'HUBSPOKE_MASTER_SECRET';

/** The branches of the crypto-map stack. */
export const IKEV2_BRANCHES = 4;

/** Adds the crypto-map IKEv2 stack (`ikev2-crypto-map`) to `app`. */
export function addCryptoMapStack(app: App): HubSpokeStack {
  const stack = new HubSpokeStack(app, 'ikev2-crypto-map', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hq-hub',
    // IKEv2 (the library default is still IKEv1: README, "IKEv2 by default?").
    ike: 'v2',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '198.51.100.2/29', gateway: '198.51.100.1' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv(MASTER_SECRET_VARIABLE)),
    crypto: {
      ikev2: { encryption: ['aes-gcm-256'], prf: ['sha384'], groups: [20, 19] },
      transforms: ['esp-gcm 256'],
    },
    routes: [{ destination: '0.0.0.0/0' }],
  });
  for (let i = 1; i <= IKEV2_BRANCHES; i++) {
    new Spoke(stack, `Branch${i}`, {
      hub,
      hostname: `branch-${String(i).padStart(2, '0')}`,
      lan: { address: `10.${i}.0.1/24` },
      wan: { address: `203.0.113.${i * 8 + 2}/29`, gateway: `203.0.113.${i * 8 + 1}` },
      routes: [{ destination: '0.0.0.0/0' }],
    });
  }
  return stack;
}

/** The branches of the route-based stack. */
export const IKEV2_VTI_BRANCHES = 3;

/**
 * Adds the route-based IKEv2 stack (`ikev2-vti`) to `app`: the same crypto, one static VTI per
 * branch on /30s from 172.31.255.0/24, routes into the tunnels, no crypto map.
 */
export function addVtiStack(app: App): HubSpokeStack {
  const stack = new HubSpokeStack(app, 'ikev2-vti', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'dc-hub',
    ike: 'v2',
    design: 'vti',
    vti: { tunnelPool: '172.31.255.0/24' },
    lan: { address: '10.100.0.1/24' },
    wan: { address: '198.51.100.10/29', gateway: '198.51.100.9' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv(MASTER_SECRET_VARIABLE)),
    crypto: {
      ikev2: { encryption: ['aes-gcm-256'], prf: ['sha384'], groups: [20, 19] },
      transforms: ['esp-gcm 256'],
    },
    routes: [{ destination: '0.0.0.0/0' }],
  });
  for (let i = 1; i <= IKEV2_VTI_BRANCHES; i++) {
    new Spoke(stack, `Shop${i}`, {
      hub,
      hostname: `shop-${String(i).padStart(2, '0')}`,
      lan: { address: `10.${100 + i}.0.1/24` },
      wan: { address: `192.0.2.${i * 8 + 2}/29`, gateway: `192.0.2.${i * 8 + 1}` },
      routes: [{ destination: '0.0.0.0/0' }],
    });
  }
  return stack;
}

/** Builds the example's App (the crypto-map stack, then the route-based one) without synthesizing it. */
export function buildModernIkev2(outdir?: string, env?: NodeJS.ProcessEnv): App {
  const app = new App({ ...(outdir !== undefined ? { outdir } : {}), ...(env !== undefined ? { env } : {}) });
  addCryptoMapStack(app);
  addVtiStack(app);
  return app;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.stdout.write(formatSynthResult(buildModernIkev2().synth()));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
