/**
 * A policy as an Aspect: "every spoke uses AES-256", checked once for the whole App instead of
 * in every stack. `RequireAes256` reports each spoke whose ISAKMP policy (IKEv1), IKEv2 proposal
 * or transform set encrypts with anything else as an error annotation (synth fails naming the
 * spoke, nothing is written); `UpgradeToAes256` instead rewrites every ISAKMP policy to AES-256,
 * on the hub and on the spokes alike, since both ends of a tunnel must offer the same policy.
 *
 * Run: `HUBSPOKE_MASTER_SECRET=... node .build/examples/aes256-policy.js` (after `npm run build`):
 * the example's hub asks for AES-128 (IOS `encryption aes`), so `RequireAes256` fails the synth.
 */
import { pathToFileURL } from 'node:url';
import type { IConstruct } from 'constructs';
import {
  Annotations,
  App,
  Aspects,
  Hub,
  HubSpokeStack,
  Ikev2Proposal,
  IsakmpPolicy,
  MasterSecret,
  PreSharedKey,
  Router,
  Spoke,
  TransformSet,
  type IAspect,
} from 'hubspoke';

/** Transforms that encrypt with 256-bit AES. */
const AES_256_TRANSFORMS: readonly string[] = ['esp-aes 256', 'esp-gcm 256'];

/** IKEv2 encryption keywords of 256-bit AES. */
const AES_256_IKEV2: readonly string[] = ['aes-cbc-256', 'aes-gcm-256'];

/**
 * Fails synth for every spoke whose phase 1 or phase 2 encryption is not AES-256. It checks the
 * policy and the transform set themselves, not the Spoke above them: aspects visit parents first,
 * so an aspect that changes the policy has not reached it yet when the Spoke is visited.
 */
export class RequireAes256 implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof IsakmpPolicy && Router.of(node).role === 'spoke' && node.settings.encryption !== 'aes-256') {
      Annotations.of(node).addError(
        `policy: IKE encryption is ${node.settings.encryption}; every spoke must use aes-256`,
      );
    }
    // IKEv2 (the default on IOS 15 and IOS-XE): every algorithm the proposal offers must be AES-256.
    if (
      node instanceof Ikev2Proposal &&
      Router.of(node).role === 'spoke' &&
      !node.settings.encryption.every((e) => AES_256_IKEV2.includes(e))
    ) {
      Annotations.of(node).addError(
        `policy: IKEv2 encryption is ${node.settings.encryption.join(' ')}; every spoke must use aes-cbc-256 or aes-gcm-256`,
      );
    }
    if (
      node instanceof TransformSet &&
      Router.of(node).role === 'spoke' &&
      !node.transforms.some((t) => AES_256_TRANSFORMS.includes(t))
    ) {
      Annotations.of(node).addError(
        `policy: transform set ${node.name} (${node.transforms.join(' ')}) has no AES-256 transform`,
      );
    }
  }
}

/** Sets every ISAKMP policy below the scope to AES-256 (hub and spokes, so they still agree). */
export class UpgradeToAes256 implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof IsakmpPolicy && node.settings.encryption !== 'aes-256') node.update({ encryption: 'aes-256' });
  }
}

/**
 * Builds a hub asking for AES-128 in phase 1 (IKEv1 `aes`, or with `ike: 'v2'` the IKEv2 `aes-cbc-128`)
 * and two spokes, with `aspect` added to the App.
 */
export function buildPolicyExample(
  aspect: IAspect,
  outdir?: string,
  env?: NodeJS.ProcessEnv,
  ike: 'v1' | 'v2' = 'v1',
): App {
  const app = new App({ ...(outdir !== undefined ? { outdir } : {}), ...(env !== undefined ? { env } : {}) });
  const stack = new HubSpokeStack(app, 'policy', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hq-hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '198.51.100.2/29', gateway: '198.51.100.1' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('HUBSPOKE_MASTER_SECRET')),
    ike,
    crypto: ike === 'v1' ? { isakmp: { encryption: 'aes' } } : { ikev2: { encryption: ['aes-cbc-128'] } },
    routes: [{ destination: '0.0.0.0/0' }],
  });
  for (let i = 1; i <= 2; i++) {
    new Spoke(stack, `Branch${i}`, {
      hub,
      hostname: `branch-${i}`,
      lan: { address: `10.${i}.0.1/24` },
      wan: { address: `203.0.113.${i * 8 + 2}/29`, gateway: `203.0.113.${i * 8 + 1}` },
      routes: [{ destination: '0.0.0.0/0' }],
    });
  }
  Aspects.of(app).add(aspect);
  return app;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    buildPolicyExample(new RequireAes256()).synth();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
