/**
 * Plans the IKEv2 blocks (docs/ios-semantics.md#ikev2): proposals, policies and profiles change
 * line by line in their sub-mode; a keyring re-enters its sub-mode and replaces each peer that
 * changed (`no peer P`, then the peer block), so keys never linger from an old peer block. The
 * smart defaults (`no crypto ikev2 proposal|policy default`) are single global settings.
 */
import { appendAll } from '../ir/collections.js';
import type { Ikev2Keyring, Ikev2KeyringPeer, RouterConfig } from '../ir/router-config.js';
import { renderKeyring, renderPolicy, renderProfile, renderProposal } from '../render/ikev2-sections.js';
import { LineWriter } from '../render/line-writer.js';
import { planBlocks, type BlockKind } from './keyring-plan.js';
import { emptyPlan, pairBy, type ElementPlan } from './plan-step.js';
import type { Slot } from './section-diff.js';

const SINGLE = [
  'description',
  'match fvrf',
  'identity local',
  'authentication local',
  'keyring local',
  'lifetime',
  'dpd',
];

/** Single-valued profile and policy lines are replaced by a new value; the rest are list items. */
function slot(line: string): Slot {
  for (const word of SINGLE) if (line.startsWith(`${word} `)) return { key: word, multi: false, remove: `no ${word}` };
  return { key: line, multi: true };
}

const kind = <T extends { name: string }>(render: (out: LineWriter, x: T) => void): BlockKind<T> => ({
  element: 'ikev2',
  name: (x) => x.name,
  render,
  slot,
});

/** The lines of one keyring peer, as the renderer prints them (without the keyring header). */
function peerLines(ring: Ikev2Keyring, peer: Ikev2KeyringPeer): string[] {
  const out = new LineWriter();
  renderKeyring(out, { ...ring, peers: [peer], extraLines: [] });
  return out.finish().text.split('\n').slice(1, -1);
}

function planKeyrings(oldRings: readonly Ikev2Keyring[], newRings: readonly Ikev2Keyring[]): ElementPlan {
  const plan = emptyPlan();
  for (const p of pairBy(oldRings, newRings, (r) => r.name)) {
    const target = `crypto ikev2 keyring ${(p.new ?? p.old)!.name}`;
    if (p.new === undefined) {
      plan.steps.push({
        phase: 'cleanup',
        element: 'ikev2',
        action: 'remove',
        target,
        description: `remove ${target}`,
        commands: [`no ${target}`],
        secret: false,
      });
      continue;
    }
    const commands: string[] = [];
    for (const peer of pairBy(p.old?.peers ?? [], p.new.peers, (x) => x.name)) {
      const before = peer.old && p.old ? peerLines(p.old, peer.old) : undefined;
      const after = peer.new ? peerLines(p.new, peer.new) : undefined;
      if (before !== undefined && after !== undefined && before.join('\n') === after.join('\n')) continue;
      if (before !== undefined) commands.push(` no peer ${peer.old!.name}`);
      if (after !== undefined) {
        appendAll(commands, after);
        commands.push(' exit');
      }
    }
    if (commands.length === 0) continue;
    const action = p.old === undefined ? 'add' : 'change';
    plan.steps.push({
      phase: 'prepare',
      element: 'ikev2',
      action,
      target,
      description: `${action} ${target}`,
      commands: [target, ...commands, 'exit'],
      secret: false,
    });
  }
  return plan;
}

function planDefaults(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan {
  const plan = emptyPlan();
  for (const which of ['proposal', 'policy'] as const) {
    const before = oldCfg.options.ikev2DefaultsOff?.[which] === true;
    const after = newCfg.options.ikev2DefaultsOff?.[which] === true;
    if (before === after) continue;
    const target = `crypto ikev2 ${which} default`;
    const command = after ? `no ${target}` : `default ${target}`;
    plan.steps.push({
      phase: 'prepare',
      element: 'ikev2',
      action: 'change',
      target,
      description: `${after ? 'remove' : 'restore'} the smart-default ${which}`,
      commands: [command],
      secret: false,
    });
  }
  return plan;
}

/** Every IKEv2 block of a router. */
export function planIkev2(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan[] {
  return [
    planDefaults(oldCfg, newCfg),
    planBlocks(oldCfg.ikev2Proposals ?? [], newCfg.ikev2Proposals ?? [], kind(renderProposal)),
    planBlocks(oldCfg.ikev2Policies ?? [], newCfg.ikev2Policies ?? [], kind(renderPolicy)),
    planKeyrings(oldCfg.ikev2Keyrings ?? [], newCfg.ikev2Keyrings ?? []),
    planBlocks(oldCfg.ikev2Profiles ?? [], newCfg.ikev2Profiles ?? [], kind(renderProfile)),
  ];
}
