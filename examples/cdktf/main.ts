/**
 * The reference lab (hub + three spokes, spoke-to-spoke through the hub) on IOS-XE, deployed with
 * CDK for Terraform and the CiscoDevNet/iosxe provider, twice: stack `seed-lab-iosxe` with IKEv1
 * (everything through `iosxe_cli`) and stack `seed-lab-iosxe-ikev2`, a second set of routers with
 * IKEv2 (`ike: 'v2'`: proposals, policies, keyrings and profiles through the provider's typed
 * `iosxe_crypto_ikev2_*` resources, the rest through `iosxe_cli`). Strong crypto (the hubspoke
 * defaults: AES-256, SHA-256, DH group 19, PFS group 19) and one pre-shared key per hub/spoke pair
 * derived from the master secret in HUBSPOKE_MASTER_SECRET.
 *
 * Run: `npm run synth:cdktf` (builds, sets a labelled DEMO master secret, writes
 * cdktf.out/stacks/<stack>/), or `cdktf synth` in this folder after `npm run build`.
 * Deploy: set HUBSPOKE_MASTER_SECRET to a real secret, synthesize, then in
 * cdktf.out/stacks/<stack>/ set TF_VAR_hubspoke_username / TF_VAR_hubspoke_password and run
 * `terraform init && terraform apply` (or `cdktf deploy <stack>`). See docs/cdktf.md.
 */
import { pathToFileURL } from 'node:url';
import * as cdktfModule from 'cdktf';
import { Hub, MasterSecret, PreSharedKey, Spoke } from 'hubspoke';
import { IosXeDeployment } from 'hubspoke/cdktf';

/** Environment variable holding the master secret. */
export const MASTER_SECRET_VARIABLE = 'HUBSPOKE_MASTER_SECRET';
/** Prefix of the labelled demo secret that `npm run synth:cdktf` sets. */
export const DEMO_SECRET_PREFIX = 'DEMO-ONLY';

/** The lab's underlay: every WAN interface reaches 10.1.0.0/16 through its WAN interface. */
const UNDERLAY = { destination: '10.1.0.0/16' };

/** NETCONF (management) addresses of the routers; documentation addresses, replace with yours. */
// GigabitEthernet1 is left alone: on a Catalyst 8000v it is usually the management interface that
// NETCONF arrives on, and re-addressing it would cut Terraform off mid-apply.
const LAN = 'GigabitEthernet2';
const WAN = 'GigabitEthernet3';

const MANAGEMENT = {
  Hub: { host: '192.0.2.10' },
  Spoke1: { host: '192.0.2.11' },
  Spoke2: { host: '192.0.2.12' },
  Spoke3: { host: '192.0.2.13' },
};
/** The IKEv2 lab's routers: the same network on another set of devices. */
const MANAGEMENT_IKEV2 = {
  Hub: { host: '192.0.2.20' },
  Spoke1: { host: '192.0.2.21' },
  Spoke2: { host: '192.0.2.22' },
  Spoke3: { host: '192.0.2.23' },
};

/** Stack ids of the two labs. */
export const STACKS = { ikev1: 'seed-lab-iosxe', ikev2: 'seed-lab-iosxe-ikev2' } as const;

/** Builds the app (stacks `seed-lab-iosxe` and `seed-lab-iosxe-ikev2`) without synthesizing it. */
export function buildIosXeLab(
  options: { cdktf?: typeof cdktfModule; outdir?: string; env?: NodeJS.ProcessEnv } = {},
): cdktfModule.App {
  const cdktf = options.cdktf ?? cdktfModule;
  const app = new cdktf.App({ ...(options.outdir !== undefined ? { outdir: options.outdir } : {}) });
  addLab(cdktf, app, STACKS.ikev1, MANAGEMENT, 'v1', options.env);
  addLab(cdktf, app, STACKS.ikev2, MANAGEMENT_IKEV2, 'v2', options.env);
  return app;
}

/** One stack: the reference lab with the given IKE version on the given devices. */
function addLab(
  cdktf: typeof cdktfModule,
  app: cdktfModule.App,
  stackId: string,
  devices: Record<string, { host: string }>,
  ike: 'v1' | 'v2',
  env: NodeJS.ProcessEnv | undefined,
): void {
  const stack = new cdktf.TerraformStack(app, stackId);
  const vpn = new IosXeDeployment(stack, 'vpn', { cdktf, devices, ...(env !== undefined ? { env } : {}) });

  const hub = new Hub(vpn, 'Hub', {
    hostname: 'Hub',
    ike,
    lan: { address: '10.1.1.1/24', interface: LAN },
    wan: { address: '10.1.4.1/24', interface: WAN },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv(MASTER_SECRET_VARIABLE)),
    routes: [UNDERLAY],
  });
  // The lab's spokes: LAN and WAN addresses as in the reference lab.
  const spokes = [
    ['Spoke1', '172.16.1.1/24', '10.1.2.1/24'],
    ['Spoke2', '192.168.1.1/24', '10.1.3.1/24'],
    ['Spoke3', '172.16.2.1/24', '10.1.5.1/24'],
  ] as const;
  for (const [hostname, lan, wan] of spokes) {
    new Spoke(vpn, hostname, {
      hub,
      hostname,
      lan: { address: lan, interface: LAN },
      wan: { address: wan, interface: WAN },
      routes: [UNDERLAY],
    });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.env[MASTER_SECRET_VARIABLE]?.startsWith(DEMO_SECRET_PREFIX)) {
    process.stderr.write(
      `WARNING: ${MASTER_SECRET_VARIABLE} holds the public demo value; the derived keys are not secret. Never deploy them.\n`,
    );
  }
  try {
    const app = buildIosXeLab();
    app.synth();
    for (const id of Object.values(STACKS)) {
      process.stdout.write(
        `Synthesized ${app.outdir}/stacks/${id}/: cdk.tf.json, hubspoke/ (configs with key fingerprints, topology.json, harness), hubspoke.secrets.auto.tfvars.json (mode 0600, keep out of git)\n`,
      );
    }
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
