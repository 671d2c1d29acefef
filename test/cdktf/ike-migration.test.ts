// The migration guard of the IKE default under cdktf (lib/app/ike-migration.ts): the last good
// output of a deployment is its stacks/<stack>/hubspoke folder. Keys are derived from a fake secret.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdktf from 'cdktf';
import { afterAll, describe, expect, it } from 'vitest';
import { IosXeDeployment } from '../../lib/cdktf/index.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Hub } from '../../lib/patterns/hub.js';
import type { IkeVersion } from '../../lib/patterns/ikev2-settings.js';
import { Spoke } from '../../lib/patterns/spoke.js';

const MASTER = 'test-only-migration-master-secret-5c1e7b';
const DEVICES = { Hub: { host: '192.0.2.1' }, Spoke1: { host: '192.0.2.2' } };

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Synthesizes a hub and one spoke on IOS-XE 17 into `outdir`, with `ike` when given. */
function synth(outdir: string, ike?: IkeVersion): void {
  const app = new cdktf.App({ outdir });
  const vpn = new IosXeDeployment(new cdktf.TerraformStack(app, 'lab'), 'vpn', {
    cdktf,
    devices: DEVICES,
    env: { HUBSPOKE_MASTER_SECRET: MASTER },
  });
  const hub = new Hub(vpn, 'Hub', {
    hostname: 'Hub',
    ...(ike !== undefined ? { ike } : {}),
    lan: { address: '10.1.1.1/24' },
    wan: { address: '10.1.4.1/24' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('HUBSPOKE_MASTER_SECRET')),
  });
  new Spoke(vpn, 'Spoke1', {
    hub,
    hostname: 'Spoke1',
    lan: { address: '172.16.1.1/24' },
    wan: { address: '10.1.4.2/24' },
  });
  app.synth();
}

describe('GIVEN a deployment whose last synth ran IKEv1', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'hubspoke-cdktf-migration-'));
  dirs.push(outdir);
  synth(outdir, 'v1');
  const tfJson = join(outdir, 'stacks', 'lab', 'cdk.tf.json');
  const before = readFileSync(tfJson, 'utf8');

  it('WHEN the Hub no longer says ike THEN cdktf synth fails naming the hub, ike and the routers, and cdk.tf.json stays', () => {
    expect(() => synth(outdir)).toThrow(
      /cannot be deployed[\s\S]*lab\/vpn\/Hub: ike is not set, so it defaults to 'v2' on platform ios-xe-17 [^\n]* runs IKEv1 on Hub, Spoke1; /,
    );
    expect(readFileSync(tfJson, 'utf8')).toBe(before);
  });

  it("WHEN the Hub says ike: 'v2' THEN it deploys IKEv2", () => {
    synth(outdir, 'v2');
    expect(readFileSync(join(outdir, 'stacks', 'lab', 'hubspoke', 'Hub.cfg'), 'utf8')).not.toMatch(/^crypto isakmp/m);
  });
});
