/**
 * The reference lab (see /work/shared/seed-lab/README.md): one IOS 12.2 hub, three spokes, every
 * spoke reaching every other spoke through the hub. Legacy crypto (DES, MD5, DH group 1) and the
 * plain-text key `cisco123` are explicit lab opt-ins and produce warnings at synth.
 *
 * Run: `npm run synth` (builds, then writes cdk.out/seed-lab/{Hub,Spoke1,Spoke2,Spoke3}.cfg).
 */
import { pathToFileURL } from 'node:url';
import { App, formatSynthResult, Hub, HubSpokeStack, PreSharedKey, Spoke } from 'hubspoke';

/** The lab's underlay: every WAN interface reaches 10.1.0.0/16 out of Ethernet1. */
const UNDERLAY = { destination: '10.1.0.0/16' };

/** Builds the reference lab's App (stack `seed-lab`) without synthesizing it. */
export function buildSeedLab(outdir?: string): App {
  const app = new App({ ...(outdir !== undefined ? { outdir } : {}) });
  const stack = new HubSpokeStack(app, 'seed-lab', { platform: 'ios-12.2' });

  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub',
    lan: { address: '10.1.1.1/24' },
    wan: { address: '10.1.4.1/24' },
    // The lab's key: unsafe on purpose, flagged as weak and reused at synth.
    preSharedKey: PreSharedKey.unsafePlainText('cisco123'),
    crypto: {
      // `crypto isakmp policy 10` with `hash md5` and `authentication pre-share`; DES and group 1
      // are the IOS 12.2 defaults and are not printed.
      isakmp: { priority: 10, encryption: 'des', hash: 'md5', group: 1, authentication: 'pre-share' },
      transforms: ['esp-des', 'esp-md5-hmac'],
      transformSetName: 'myset',
      cryptoMapName: 'mymap',
      pfs: false,
      allowLegacyCrypto: true,
    },
    // Entries 10/20/30 match ACLs 110/120/130, as in the lab.
    aclNaming: 'numbered',
    routes: [UNDERLAY],
  });

  new Spoke(stack, 'Spoke1', {
    hub,
    hostname: 'Spoke1',
    lan: { address: '172.16.1.1/24' },
    wan: { address: '10.1.2.1/24' },
    routes: [UNDERLAY],
    processSwitching: true,
  });
  new Spoke(stack, 'Spoke2', {
    hub,
    hostname: 'Spoke2',
    lan: { address: '192.168.1.1/24' },
    wan: { address: '10.1.3.1/24' },
    routes: [{ destination: '172.16.0.0/16' }, UNDERLAY],
  });
  new Spoke(stack, 'Spoke3', {
    hub,
    hostname: 'Spoke3',
    lan: { address: '172.16.2.1/24' },
    wan: { address: '10.1.5.1/24' },
    routes: [{ destination: '172.16.0.0/16' }, UNDERLAY],
  });
  return app;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.stdout.write(formatSynthResult(buildSeedLab().synth()));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
