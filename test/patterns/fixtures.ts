import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import type { AclEntry, AddressMatch, RouterConfig } from '../../lib/ir/router-config.js';
import { Hub, type HubProps } from '../../lib/patterns/hub.js';
import { Spoke, type SpokeProps } from '../../lib/patterns/spoke.js';

/** A fake key, long and random-looking so it raises no weakness warning. */
export const FAKE_PSK = 'fake-Psk-For-Tests-Hq7Rw2Lm9Xz4';

/**
 * Hub 10.0.0.0/24 and `n` spokes 10.<i>.0.0/24 on one routed WAN, IOS-XE 17; `spokeProps` adds
 * props to spoke i, `outdir` is the App's.
 */
export function hubAndSpokes(
  n: number,
  hubProps: Partial<HubProps> = {},
  opts: { readonly spokeProps?: (i: number) => Partial<SpokeProps>; readonly outdir?: string } = {},
) {
  const app = new App({ logWarning: () => {}, ...(opts.outdir !== undefined ? { outdir: opts.outdir } : {}) });
  const stack = new HubSpokeStack(app, 'Stack');
  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '192.0.2.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText(FAKE_PSK),
    ...hubProps,
  });
  const spokes: Spoke[] = [];
  for (let i = 1; i <= n; i++) {
    spokes.push(
      new Spoke(stack, `Spoke${i}`, {
        hub,
        hostname: `Spoke${i}`,
        lan: { address: `10.${i}.0.1/24` },
        wan: { address: `192.0.2.${10 + i}/24` },
        ...opts.spokeProps?.(i),
      }),
    );
  }
  return { app, stack, hub, spokes };
}

/** `A/W` text of an ACL address. */
export function addr(m: AddressMatch): string {
  if (m.kind === 'any') return 'any';
  if (m.kind === 'host') return `${m.address}/32`;
  if (m.kind === 'object-group') return `object-group ${m.name}`;
  return `${m.address}/${m.wildcard}`;
}

/** `permit src -> dst` lines of an ACL. */
export function aclLines(ir: RouterConfig, name: string): string[] {
  const acl = ir.accessLists.find((a) => a.name === name);
  if (!acl) throw new Error(`no ACL ${name} on ${ir.hostname}`);
  return acl.entries
    .filter((e): e is Extract<AclEntry, { kind: 'rule' }> => e.kind === 'rule')
    .map((r) => `${r.action} ${addr(r.source)} -> ${addr(r.destination)}`);
}

/** Mirror of an ACL line. */
export function mirror(line: string): string {
  const m = /^(\w+) (\S+) -> (\S+)$/.exec(line)!;
  return `${m[1]} ${m[3]} -> ${m[2]}`;
}

/** `prefix exit` text of each route. */
export function routes(ir: RouterConfig): string[] {
  return ir.staticRoutes.map((r) => `${r.prefix.address}/${r.prefix.prefixLength} ${r.interface ?? r.nextHop}`);
}
