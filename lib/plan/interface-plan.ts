/**
 * Plans interfaces, the crypto maps applied to them, static routes and global lines.
 *
 * Interface settings and routes come first (`prepare`: a route must exist before traffic needs it);
 * a crypto map is applied in `apply`, after its entries exist, and taken off in `cleanup` before
 * its entries go. Changing or removing the map of an interface clears every tunnel on it.
 */
import type { InterfaceConfig, RouterConfig, StaticRoute } from '../ir/router-config.js';
import { formatPrefix } from '../ir/ipv4.js';
import { platformStyle, routeLine } from '../render/index.js';
import { renderInterface } from '../render/interface-sections.js';
import { block, emptyPlan, negate, pairBy, type ElementPlan } from './plan-step.js';
import { diffSubLines, renderBlocks, type Slot } from './section-diff.js';
import { hasSecret, redactLine } from '../ir/secrets.js';
import { storedForm } from './stored-form.js';

function interfaceSlot(line: string): Slot {
  if (line.startsWith('ip address ') && line.endsWith(' secondary')) return { key: line, multi: true };
  if (line.startsWith('ip address ') || line === 'no ip address')
    return { key: 'ip address', multi: false, remove: 'no ip address' };
  if (line.startsWith('description ')) return { key: 'description', multi: false, remove: 'no description' };
  if (line === 'shutdown' || line === 'no shutdown') return { key: 'shutdown', multi: false };
  // A tunnel has one source, destination, mode and protection: a new value replaces the old one.
  const tunnel = /^tunnel (source|destination|mode|protection) /.exec(line);
  if (tunnel) return { key: `tunnel ${tunnel[1]}`, multi: false, remove: negate(line) };
  if (line === 'no ip route-cache') return { key: 'ip route-cache', multi: false };
  if (line === 'no ip mroute-cache') return { key: 'ip mroute-cache', multi: false };
  return { key: line, multi: true };
}

/**
 * Logical interfaces can be deleted; physical ones cannot, so a physical interface that leaves the
 * config is returned to its defaults instead.
 */
const LOGICAL = /^(loopback|tunnel|vlan|port-channel|bvi|dialer|virtual-template|nvi|multilink)/i;

function removeInterfaceCommand(name: string): string {
  return name.includes('.') || LOGICAL.test(name) ? `no interface ${name}` : `default interface ${name}`;
}

function withoutMap(intf: InterfaceConfig): InterfaceConfig {
  const { cryptoMap: _map, ...rest } = intf;
  return rest;
}

/** Interfaces (settings, then the crypto map applied to each). */
export function planInterfaces(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan {
  const plan = emptyPlan();
  for (const p of pairBy(oldCfg.interfaces, newCfg.interfaces, (i) => i.name)) {
    const target = `interface ${p.key}`;
    if (p.new === undefined) {
      if (p.old!.cryptoMap !== undefined) planMapChange(plan, p.key, p.old!.cryptoMap, undefined);
      plan.steps.push({
        phase: 'cleanup',
        element: 'interface',
        action: 'remove',
        target,
        description: `remove ${target}`,
        commands: [removeInterfaceCommand(p.key)],
        secret: false,
      });
      continue;
    }
    const nb = renderBlocks((out) => renderInterface(out, withoutMap(p.new!)))[0]!;
    if (p.old === undefined) {
      plan.steps.push({
        phase: 'prepare',
        element: 'interface',
        action: 'add',
        target,
        description: `configure ${target}`,
        commands: block(nb.header, nb.lines),
        secret: false,
      });
    } else {
      const ob = renderBlocks((out) => renderInterface(out, withoutMap(p.old!)))[0]!;
      const sub = diffSubLines(ob.lines, nb.lines, interfaceSlot);
      if (sub.length > 0) {
        plan.steps.push({
          phase: 'prepare',
          element: 'interface',
          action: 'change',
          target,
          description: `change ${target}`,
          commands: block(nb.header, sub),
          secret: false,
        });
      }
    }
    if (p.old?.cryptoMap !== p.new.cryptoMap) planMapChange(plan, p.key, p.old?.cryptoMap, p.new.cryptoMap);
  }
  return plan;
}

function planMapChange(plan: ElementPlan, intf: string, oldMap: string | undefined, newMap: string | undefined): void {
  const header = `interface ${intf}`;
  const target = `${header} crypto map`;
  if (newMap === undefined) {
    plan.steps.push({
      phase: 'cleanup',
      element: 'interface-crypto-map',
      action: 'remove',
      target,
      description: `take crypto map ${oldMap} off ${intf}`,
      commands: block(header, [`no crypto map ${oldMap}`]),
      secret: false,
    });
    plan.warnings.push({
      code: 'CRYPTO_MAP_REAPPLY',
      message: `Crypto map ${oldMap} is taken off ${intf}: every tunnel on ${intf} is cleared.`,
    });
    return;
  }
  if (oldMap === undefined) {
    plan.steps.push({
      phase: 'apply',
      element: 'interface-crypto-map',
      action: 'add',
      target,
      description: `apply crypto map ${newMap} to ${intf}`,
      commands: block(header, [`crypto map ${newMap}`]),
      secret: false,
    });
    return;
  }
  plan.steps.push({
    phase: 'apply',
    element: 'interface-crypto-map',
    action: 'change',
    target,
    description: `replace crypto map ${oldMap} with ${newMap} on ${intf}`,
    commands: block(header, [`no crypto map ${oldMap}`, `crypto map ${newMap}`]),
    secret: false,
  });
  plan.warnings.push({
    code: 'CRYPTO_MAP_REAPPLY',
    message: `The crypto map on ${intf} changes from ${oldMap} to ${newMap}: re-applying a map clears every tunnel on ${intf}. Run it in a maintenance window.`,
  });
}

function routeIdentity(r: StaticRoute): string {
  return `${formatPrefix(r.prefix)} ${r.interface ?? ''} ${r.nextHop ?? ''}`;
}

/**
 * Static routes, by prefix and exit (interface and next hop). Entering a route with the same
 * prefix and exit but another distance or name replaces it.
 */
export function planRoutes(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan {
  const plan = emptyPlan();
  for (const p of pairBy(oldCfg.staticRoutes, newCfg.staticRoutes, routeIdentity)) {
    const target = `ip route ${p.key.trimEnd()}`;
    if (p.new === undefined) {
      plan.steps.push({
        phase: 'cleanup',
        element: 'route',
        action: 'remove',
        target,
        description: `remove the route to ${formatPrefix(p.old!.prefix)}`,
        commands: [`no ${routeLine(p.old!)}`],
        secret: false,
      });
      continue;
    }
    const line = routeLine(p.new);
    if (p.old === undefined) {
      plan.steps.push({
        phase: 'prepare',
        element: 'route',
        action: 'add',
        target,
        description: `add a route to ${formatPrefix(p.new.prefix)}`,
        commands: [line],
        secret: false,
      });
    } else if (routeLine(p.old) !== line) {
      plan.steps.push({
        phase: 'prepare',
        element: 'route',
        action: 'change',
        target,
        description: `change the route to ${formatPrefix(p.new.prefix)}`,
        commands: [line],
        secret: false,
      });
    }
  }
  return plan;
}

function globalLines(cfg: RouterConfig, complianceShield: boolean): { text: string; modelled: boolean }[] {
  const out: { text: string; modelled: boolean }[] = [];
  if (cfg.options.complianceShieldDisabled && complianceShield)
    out.push({ text: 'crypto engine compliance shield disable', modelled: true });
  if (cfg.options.aggressiveModeDisabled) out.push({ text: 'crypto isakmp aggressive-mode disable', modelled: true });
  for (const e of cfg.extraLines)
    if (e.text.trim() !== '' && !e.text.startsWith('!')) out.push({ text: storedForm(e.text), modelled: false });
  return out;
}

/** Global options and the global lines the IR keeps without modelling them. */
export function planGlobals(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan {
  const plan = emptyPlan();
  const shield = platformStyle(newCfg.platform).complianceShield;
  const oldLines = globalLines(oldCfg, shield);
  const newLines = globalLines(newCfg, shield);
  const oldSet = new Set(oldLines.map((l) => l.text));
  const newSet = new Set(newLines.map((l) => l.text));
  for (const l of newLines) {
    if (oldSet.has(l.text)) continue;
    // The target names the element; a global line's secret must not ride along in it.
    plan.steps.push({
      phase: 'prepare',
      element: 'global',
      action: 'add',
      target: redactLine(l.text),
      description: 'add a global line',
      commands: [l.text],
      secret: hasSecret(l.text),
    });
  }
  for (const l of oldLines) {
    if (newSet.has(l.text)) continue;
    plan.steps.push({
      phase: 'cleanup',
      element: 'global',
      action: 'remove',
      target: redactLine(l.text),
      description: 'remove a global line',
      commands: [negate(l.text)],
      secret: hasSecret(l.text),
    });
    if (!l.modelled) {
      plan.warnings.push({
        code: 'NEGATED_UNMODELLED_LINE',
        message: `A global line hubspoke does not model is removed by negating it (\`${redactLine(negate(l.text))}\`); check that command.`,
      });
    }
  }
  return plan;
}
