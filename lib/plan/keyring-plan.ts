/**
 * Plans trustpoints, keyrings, ISAKMP profiles and the global `crypto isakmp identity|keepalive`
 * settings (docs/ios-semantics.md#keyrings-and-isakmp-profiles). Blocks are added in `prepare`
 * (before the entries that name a profile), removed in `cleanup` (after them), and changed line by
 * line in their sub-mode; the commands are the renderer's lines.
 */
import type { IsakmpProfile, Keyring, RouterConfig, Trustpoint } from '../ir/router-config.js';
import {
  keepaliveLine,
  renderIsakmpProfile,
  renderKeyring,
  renderTrustpoint,
} from '../render/isakmp-profile-sections.js';
import type { LineWriter } from '../render/line-writer.js';
import { block, emptyPlan, pairBy, type ElementPlan } from './plan-step.js';
import { diffSubLines, renderBlocks, type Slot } from './section-diff.js';
import type { PlanElement } from './types.js';

/**
 * Keyring lines: one key per peer (a new key for the same peer replaces the old, `no
 * pre-shared-key address A [M]` removes it), one description and one local-address.
 */
function keyringSlot(line: string): Slot {
  const peer = /^pre-shared-key (address \S+(?: \d+\.\d+\.\d+\.\d+)?|hostname \S+) key /.exec(line);
  if (peer) return { key: `psk ${peer[1]}`, multi: false, remove: `no pre-shared-key ${peer[1]}` };
  if (line.startsWith('description ')) return { key: 'description', multi: false, remove: 'no description' };
  if (line.startsWith('local-address ')) return { key: 'local-address', multi: false, remove: 'no local-address' };
  return { key: line, multi: true };
}

/** Profile lines: keyrings, match identities and trustpoints are list items, the rest single settings. */
function profileSlot(line: string): Slot {
  for (const word of ['description', 'self-identity', 'keepalive', 'local-address']) {
    if (line.startsWith(`${word} `)) return { key: word, multi: false, remove: `no ${word}` };
  }
  return { key: line, multi: true };
}

/** One kind of block: how to name it, print it and diff its lines. */
export interface BlockKind<T> {
  readonly element: PlanElement;
  readonly name: (x: T) => string;
  readonly render: (out: LineWriter, x: T) => void;
  readonly slot: (line: string) => Slot;
}

/** Adds, removes and changes (line by line in the sub-mode) the blocks of one kind. */
export function planBlocks<T>(oldItems: readonly T[], newItems: readonly T[], kind: BlockKind<T>): ElementPlan {
  const plan = emptyPlan();
  for (const p of pairBy(oldItems, newItems, kind.name)) {
    const nb = p.new === undefined ? undefined : renderBlocks((out) => kind.render(out, p.new!))[0]!;
    const ob = p.old === undefined ? undefined : renderBlocks((out) => kind.render(out, p.old!))[0]!;
    const target = (nb ?? ob)!.header;
    if (!nb) {
      plan.steps.push({
        phase: 'cleanup',
        element: kind.element,
        action: 'remove',
        target,
        description: `remove ${target}`,
        commands: [`no ${ob!.header}`],
        secret: false,
      });
    } else if (!ob) {
      plan.steps.push({
        phase: 'prepare',
        element: kind.element,
        action: 'add',
        target,
        description: `add ${target}`,
        commands: block(nb.header, nb.lines),
        secret: false,
      });
    } else {
      const sub = diffSubLines(ob.lines, nb.lines, kind.slot);
      // A keyring's VRF is part of its header: re-entering the header with another VRF is a change too.
      if (sub.length > 0 || ob.header !== nb.header) {
        plan.steps.push({
          phase: 'prepare',
          element: kind.element,
          action: 'change',
          target,
          description: `change ${target}`,
          commands: block(nb.header, sub),
          secret: false,
        });
      }
    }
  }
  return plan;
}

const TRUSTPOINTS: BlockKind<Trustpoint> = {
  element: 'trustpoint',
  name: (t) => t.name,
  render: renderTrustpoint,
  slot: (line) => ({ key: line, multi: true }),
};
const KEYRINGS: BlockKind<Keyring> = {
  element: 'keyring',
  name: (k) => k.name,
  render: renderKeyring,
  slot: keyringSlot,
};
const PROFILES: BlockKind<IsakmpProfile> = {
  element: 'isakmp-profile',
  name: (p) => p.name,
  render: renderIsakmpProfile,
  slot: profileSlot,
};

/** Trustpoints, keyrings and ISAKMP profiles. */
export function planKeySources(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan[] {
  return [
    planBlocks(oldCfg.trustpoints ?? [], newCfg.trustpoints ?? [], TRUSTPOINTS),
    planBlocks(oldCfg.keyrings ?? [], newCfg.keyrings ?? [], KEYRINGS),
    planBlocks(oldCfg.isakmpProfiles ?? [], newCfg.isakmpProfiles ?? [], PROFILES),
  ];
}

/**
 * `crypto isakmp identity` and `crypto isakmp keepalive`: single global settings, so a new value is
 * one command and a removal is the bare `no` form (negating the old line would also remove a new one).
 */
export function planIsakmpSettings(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan {
  const plan = emptyPlan();
  const settings = [
    [
      'crypto isakmp identity',
      (c: RouterConfig) =>
        c.options.isakmpIdentity === undefined ? undefined : `crypto isakmp identity ${c.options.isakmpIdentity}`,
    ],
    [
      'crypto isakmp keepalive',
      (c: RouterConfig) =>
        c.options.isakmpKeepalive === undefined ? undefined : keepaliveLine(c.options.isakmpKeepalive),
    ],
  ] as const;
  for (const [target, line] of settings) {
    const before = line(oldCfg);
    const after = line(newCfg);
    if (before === after) continue;
    if (after === undefined) {
      plan.steps.push({
        phase: 'cleanup',
        element: 'global',
        action: 'remove',
        target,
        description: `remove ${target}`,
        commands: [`no ${target}`],
        secret: false,
      });
    } else {
      plan.steps.push({
        phase: 'prepare',
        element: 'global',
        action: before === undefined ? 'add' : 'change',
        target,
        description: `set ${target}`,
        commands: [after],
        secret: false,
      });
    }
  }
  return plan;
}
