/**
 * The reference lab (hub + three spokes, spoke-to-spoke through the hub) on IOS-XE, deployed with
 * CDK for Terraform and the CiscoDevNet/iosxe provider. Strong crypto (the hubspoke defaults:
 * AES-256, SHA-256, DH group 19, PFS group 19) and one pre-shared key per hub/spoke pair derived
 * from the master secret in HUBSPOKE_MASTER_SECRET.
 *
 * Run: `npm run synth:cdktf` (builds, sets a labelled DEMO master secret, writes
 * cdktf.out/stacks/seed-lab-iosxe/), or `cdktf synth` in this folder after `npm run build`.
 * Deploy: set HUBSPOKE_MASTER_SECRET to a real secret, synthesize, then in
 * cdktf.out/stacks/seed-lab-iosxe/ set TF_VAR_hubspoke_username / TF_VAR_hubspoke_password and run
 * `terraform init && terraform apply` (or `cdktf deploy`). See docs/cdktf.md.
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

/** Builds the app (stack `seed-lab-iosxe`) without synthesizing it. */
export function buildIosXeLab(
  options: { cdktf?: typeof cdktfModule; outdir?: string; env?: NodeJS.ProcessEnv } = {},
): cdktfModule.App {
  const cdktf = options.cdktf ?? cdktfModule;
  const app = new cdktf.App({ ...(options.outdir !== undefined ? { outdir: options.outdir } : {}) });
  const stack = new cdktf.TerraformStack(app, 'seed-lab-iosxe');
  const vpn = new IosXeDeployment(stack, 'vpn', {
    cdktf,
    devices: MANAGEMENT,
    ...(options.env !== undefined ? { env: options.env } : {}),
  });

  const hub = new Hub(vpn, 'Hub', {
    hostname: 'Hub',
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
  return app;
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
    process.stdout.write(
      `Synthesized ${app.outdir}/stacks/seed-lab-iosxe/: cdk.tf.json, hubspoke/ (configs with key fingerprints, topology.json, harness), hubspoke.secrets.auto.tfvars.json (mode 0600, keep out of git)\n`,
    );
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
