/**
 * Plans `crypto map NAME local-address IF` (docs/ios-semantics.md#crypto-local-address): a map-level
 * line, outside every entry. Changing it moves the IKE and ESP address of every interface the map
 * is applied to, so existing tunnels renegotiate with peers that must name the new address.
 */
import type { RouterConfig } from '../ir/router-config.js';
import { emptyPlan, pairBy, type ElementPlan } from './plan-step.js';

/** The local-address line of each map that keeps existing in the new config. */
export function planCryptoMapLocalAddress(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan {
  const plan = emptyPlan();
  for (const p of pairBy(oldCfg.cryptoMaps, newCfg.cryptoMaps, (m) => m.name)) {
    // A removed map takes its local-address with it (`no crypto map NAME`).
    if (p.new === undefined) continue;
    const before = p.old?.localAddress;
    const after = p.new.localAddress;
    if (before === after) continue;
    const target = `crypto map ${p.new.name} local-address`;
    plan.steps.push({
      phase: 'apply',
      element: 'crypto-map-entry',
      action: before === undefined ? 'add' : after === undefined ? 'remove' : 'change',
      target,
      description:
        after === undefined
          ? `source ${p.new.name}'s IKE from its interfaces again`
          : `source ${p.new.name}'s IKE from ${after}`,
      commands: [after === undefined ? `no ${target}` : `${target} ${after}`],
      secret: false,
    });
    plan.warnings.push({
      code: 'CRYPTO_LOCAL_ADDRESS_CHANGED',
      message: `${target} changes (${before ?? 'none'} -> ${after ?? 'none'}): the IKE and ESP address of every interface with map ${p.new.name} moves, and its peers must name the new address.`,
    });
  }
  return plan;
}
