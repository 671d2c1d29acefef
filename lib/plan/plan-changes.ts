/**
 * The change plan: routers matched by hostname, and for each changed router the configuration-mode
 * commands that take its running config from the old IR to the new one, in a safe order.
 */
import { planCryptoMapLocalAddress } from './local-address-plan.js';
import type { RouterConfig } from '../ir/router-config.js';
import { hasSecret } from '../ir/secrets.js';
import { planAccessList } from './acl-plan.js';
import { planCryptoMapEntries, planIsakmpKeys, planIsakmpPolicies, planTransformSets } from './crypto-plan.js';
import { planGlobals, planInterfaces, planRoutes } from './interface-plan.js';
import { planIsakmpSettings, planKeySources } from './keyring-plan.js';
import { planIkev2 } from './ikev2-plan.js';
import { pairBy, type ElementPlan } from './plan-step.js';
import type { ChangePlan, PlanElement, PlanPhase, PlanStep, PlanWarning, RouterPlan } from './types.js';

/** A parsed config and the file it came from (`ParsedFile` from `loadConfigs` fits). */
export interface PlanInput {
  /** The parsed configuration. */
  readonly config: RouterConfig;
  /** The file it came from (shown in the plan). */
  readonly file: string;
}

const PHASES: readonly PlanPhase[] = ['prepare', 'apply', 'cleanup'];

/**
 * Order of element kinds inside each phase. Prepare: addresses, then routes (before traffic needs
 * them), then what crypto map entries reference. Cleanup: the reverse of the references, so nothing
 * is removed while an entry or an interface still uses it.
 */
const ELEMENT_ORDER: Readonly<Record<PlanPhase, readonly PlanElement[]>> = {
  prepare: [
    'global',
    'interface',
    'route',
    'isakmp-policy',
    'isakmp-key',
    'trustpoint',
    'keyring',
    'isakmp-profile',
    'ikev2',
    'transform-set',
    'access-list',
  ],
  apply: ['crypto-map-entry', 'interface-crypto-map'],
  cleanup: [
    'interface-crypto-map',
    'crypto-map-entry',
    'access-list',
    'transform-set',
    'ikev2',
    'isakmp-profile',
    'keyring',
    'trustpoint',
    'isakmp-key',
    'isakmp-policy',
    'route',
    'interface',
    'global',
  ],
};

function rank(step: PlanStep): number {
  const phase = PHASES.indexOf(step.phase);
  const element = ELEMENT_ORDER[step.phase].indexOf(step.element);
  return phase * 100 + (element < 0 ? 99 : element);
}

/**
 * Steps and warnings that take one router from `oldCfg` to `newCfg` (same hostname), in execution
 * order. Empty when the two configs render to the same commands.
 */
export function planRouterChanges(
  oldCfg: RouterConfig,
  newCfg: RouterConfig,
): { steps: PlanStep[]; warnings: PlanWarning[] } {
  const parts: ElementPlan[] = [
    planGlobals(oldCfg, newCfg),
    planInterfaces(oldCfg, newCfg),
    planRoutes(oldCfg, newCfg),
    planIsakmpPolicies(oldCfg, newCfg),
    planIsakmpKeys(oldCfg, newCfg),
    planIsakmpSettings(oldCfg, newCfg),
    ...planKeySources(oldCfg, newCfg),
    ...planIkev2(oldCfg, newCfg),
    planTransformSets(oldCfg, newCfg),
    ...pairBy(oldCfg.accessLists, newCfg.accessLists, (a) => a.name).map((p) =>
      planAccessList(p.old, p.new, newCfg.platform),
    ),
    planCryptoMapEntries(oldCfg, newCfg),
    planCryptoMapLocalAddress(oldCfg, newCfg),
  ];
  const indexed = parts.flatMap((p) => p.steps).map((step, i) => ({ step, i, r: rank(step) }));
  // Stable: inside one kind, the planners' order (new config order, then removals) is kept.
  indexed.sort((a, b) => a.r - b.r || a.i - b.i);
  const warnings = parts.flatMap((p) => p.warnings);
  if (
    indexed.length > 0 &&
    (oldCfg.platform !== newCfg.platform || (oldCfg.version ?? '') !== (newCfg.version ?? ''))
  ) {
    warnings.unshift({
      code: 'PLATFORM_CHANGED',
      message:
        `The platform changes (${oldCfg.platform}${oldCfg.version ? ` ${oldCfg.version}` : ''} -> ${newCfg.platform}` +
        `${newCfg.version ? ` ${newCfg.version}` : ''}): the plan speaks the new platform's dialect and does not upgrade software.`,
    });
  }
  // A step is secret when any of its commands carries one, whatever its planner assumed.
  const steps = indexed.map((x) =>
    x.step.secret || !x.step.commands.some((c) => hasSecret(c)) ? x.step : { ...x.step, secret: true },
  );
  return { steps, warnings };
}

function byHostname(files: readonly PlanInput[], side: string): Map<string, PlanInput> {
  const out = new Map<string, PlanInput>();
  for (const f of files) {
    const other = out.get(f.config.hostname);
    if (other) {
      throw new Error(
        `hostname "${f.config.hostname}" appears twice in the ${side} configs (${other.file} and ${f.file}); routers are matched by hostname`,
      );
    }
    out.set(f.config.hostname, f);
  }
  return out;
}

/**
 * Plans the changes from one set of configs to another. Routers are matched by hostname; each is
 * unchanged, changed (with its commands), new or removed. Throws an `Error` naming both files when
 * a hostname appears twice in one set. Commands carry pre-shared keys in clear text: print them
 * through `formatPlanText` / `formatPlanJson`, which redact them unless asked not to.
 */
export function planChanges(oldFiles: readonly PlanInput[], newFiles: readonly PlanInput[]): ChangePlan {
  const oldByHost = byHostname(oldFiles, 'old');
  const newByHost = byHostname(newFiles, 'new');
  const hosts = [...new Set([...oldByHost.keys(), ...newByHost.keys()])].sort();
  const routers: RouterPlan[] = [];
  for (const hostname of hosts) {
    const o = oldByHost.get(hostname);
    const n = newByHost.get(hostname);
    if (o === undefined) {
      routers.push({ hostname, change: 'new', newFile: n!.file, steps: [], warnings: [] });
    } else if (n === undefined) {
      routers.push({ hostname, change: 'removed', oldFile: o.file, steps: [], warnings: [] });
    } else {
      const { steps, warnings } = planRouterChanges(o.config, n.config);
      routers.push({
        hostname,
        change: steps.length > 0 ? 'changed' : 'unchanged',
        oldFile: o.file,
        newFile: n.file,
        steps,
        warnings: steps.length > 0 ? warnings : [],
      });
    }
  }
  const count = (c: RouterPlan['change']): number => routers.filter((r) => r.change === c).length;
  const summary = {
    unchanged: count('unchanged'),
    changed: count('changed'),
    new: count('new'),
    removed: count('removed'),
    commands: routers.reduce((n, r) => n + r.steps.reduce((m, s) => m + s.commands.length, 0), 0),
  };
  return { routers, summary, hasChanges: summary.changed + summary.new + summary.removed > 0 };
}
