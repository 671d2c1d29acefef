/**
 * A realistic branch network on IOS-XE 17: a headquarters hub that sources IKE from a loopback
 * (two uplinks in real life), two offices with static WAN addresses, one office behind a NAT
 * device, and small shops on DHCP broadband, two of which break out to the internet locally. The shops' addresses change, so the hub
 * serves them with one dynamic crypto map below the static entries, one wildcard key derived for
 * the group, and an ISAKMP profile that only their FQDNs select; each shop keeps its SAs up with
 * IP SLA probes, because the hub cannot initiate to an address it does not know
 * (docs/dynamic-spokes.md).
 *
 * Run: `HUBSPOKE_MASTER_SECRET=... npm run synth:branches`.
 */
import { pathToFileURL } from 'node:url';
import { App, formatSynthResult, Hub, HubSpokeStack, MasterSecret, PreSharedKey, Spoke } from 'hubspoke';

/** Environment variable holding the master secret. */
export const MASTER_SECRET_VARIABLE = 'HUBSPOKE_MASTER_SECRET';

/** The domain of the DHCP shops' FQDN identities. */
export const BRANCHES_DOMAIN = 'branches.example.net';

/** Offices with a static WAN address: hostname, LAN, WAN, gateway. */
export const STATIC_OFFICES = [
  { hostname: 'paris', lan: '10.1.0.1/24', wan: '203.0.113.10/29', gateway: '203.0.113.9' },
  { hostname: 'lyon', lan: '10.2.0.1/24', wan: '203.0.113.18/29', gateway: '203.0.113.17' },
] as const;

/** An office behind its landlord's NAT device: a private WAN address, the hub sees the public one. */
export const NAT_OFFICE = {
  hostname: 'nice',
  lan: '10.3.0.1/24',
  wan: '192.168.100.2/24',
  gateway: '192.168.100.1',
  publicAddress: '203.0.113.26',
} as const;

/** Shops on DHCP broadband: hostname, LAN, whether they break out to the internet locally. */
export const DHCP_SHOPS = [
  { hostname: 'shop-01', lan: '10.11.0.1/24', breakout: true },
  { hostname: 'shop-02', lan: '10.12.0.1/24', breakout: true },
  { hostname: 'shop-03', lan: '10.13.0.1/24', breakout: false },
] as const;

/** Builds the branches example's App (stack `branches`) without synthesizing it. */
export function buildBranches(outdir?: string, env?: NodeJS.ProcessEnv): App {
  const app = new App({ ...(outdir !== undefined ? { outdir } : {}), ...(env !== undefined ? { env } : {}) });
  const stack = new HubSpokeStack(app, 'branches', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hq-hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '198.51.100.2/29', gateway: '198.51.100.1' },
    // IKE and ESP from a loopback: the spokes peer with, key on and route to 198.51.100.129.
    ikeSource: { loopback: 'Loopback0', address: '198.51.100.129' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv(MASTER_SECRET_VARIABLE)),
    routes: [{ destination: '0.0.0.0/0' }],
    dynamicSpokes: { domainName: BRANCHES_DOMAIN },
    // IKEv1, said as a deployed network keeps it: the DHCP shops share a wildcard key and an ISAKMP
    // profile (docs/dynamic-spokes.md).
    ike: 'v1',
  });
  for (const o of STATIC_OFFICES) {
    new Spoke(stack, o.hostname, {
      hub,
      hostname: o.hostname,
      lan: { address: o.lan },
      wan: { address: o.wan, gateway: o.gateway },
      routes: [{ destination: '0.0.0.0/0' }],
    });
  }
  // NAT-T carries IKE and ESP over UDP 4500 through the NAT device; the hub peers with, keys on
  // and routes to the public address, and topology.json records the mapping.
  new Spoke(stack, NAT_OFFICE.hostname, {
    hub,
    hostname: NAT_OFFICE.hostname,
    lan: { address: NAT_OFFICE.lan },
    wan: { address: NAT_OFFICE.wan, gateway: NAT_OFFICE.gateway },
    routes: [{ destination: '0.0.0.0/0' }],
    behindNat: { publicAddress: NAT_OFFICE.publicAddress },
  });
  for (const s of DHCP_SHOPS) {
    new Spoke(stack, s.hostname, {
      hub,
      hostname: s.hostname,
      lan: { address: s.lan },
      // `ip address dhcp`, `ip route 0.0.0.0 0.0.0.0 dhcp`, FQDN identity, IP SLA probes.
      wan: { address: 'dhcp' },
      ...(s.breakout ? { internetBreakout: { nat: 'overload' as const } } : {}),
    });
  }
  return app;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.stdout.write(formatSynthResult(buildBranches().synth()));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
