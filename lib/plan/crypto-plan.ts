/**
 * Plans ISAKMP policies, pre-shared keys, transform sets and crypto map entries.
 *
 * Policies, keys and transform sets are added in the `prepare` phase (before the entries that use
 * them) and removed in `cleanup` (after the entries that used them are gone). Entries change in
 * `apply`. Commands are the renderer's lines, so the plan speaks the same dialect as synth.
 */
import type { CryptoMap, CryptoMapEntry, IsakmpKey, RouterConfig } from '../ir/router-config.js';
import { formatPrefix } from '../ir/ipv4.js';
import { isakmpKeyLine, platformStyle } from '../render/index.js';
import { renderCryptoMap, renderIsakmpPolicy, renderTransformSet } from '../render/crypto-sections.js';
import { block, emptyPlan, pairBy, type ElementPlan } from './plan-step.js';
import { diffSubLines, renderBlocks, type RenderedBlock, type Slot } from './section-diff.js';

/** Policy lines are all single-valued; `no KEYWORD` restores the platform default. */
function policySlot(line: string): Slot {
  const word = line.split(' ')[0]!;
  const key = word === 'encr' ? 'encryption' : word;
  return { key, multi: false, remove: `no ${word}` };
}

const ENTRY_SINGLES: ReadonlyArray<readonly [string, string]> = [
  ['description ', 'no description'],
  ['set security-association lifetime seconds ', 'no set security-association lifetime seconds'],
  ['set security-association lifetime kilobytes ', 'no set security-association lifetime kilobytes'],
  ['set transform-set ', 'no set transform-set'],
  ['set pfs', 'no set pfs'],
  ['set isakmp-profile ', 'no set isakmp-profile'],
];

function entrySlot(line: string): Slot {
  for (const [prefix, remove] of ENTRY_SINGLES)
    if (line.startsWith(prefix)) return { key: prefix, multi: false, remove };
  // `no match address` needs the list's name on some releases: negate the old line.
  if (line.startsWith('match address ')) return { key: 'match address', multi: false };
  return { key: line, multi: true };
}

function transformSlot(line: string): Slot {
  if (line.startsWith('mode ')) return { key: 'mode', multi: false, remove: 'no mode' };
  return { key: line, multi: true };
}

/** ISAKMP policies, by priority. */
export function planIsakmpPolicies(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan {
  const plan = emptyPlan();
  const style = platformStyle(newCfg.platform);
  for (const p of pairBy(oldCfg.isakmpPolicies, newCfg.isakmpPolicies, (x) => String(x.priority))) {
    const target = `crypto isakmp policy ${p.key}`;
    if (p.new === undefined) {
      plan.steps.push({
        phase: 'cleanup',
        element: 'isakmp-policy',
        action: 'remove',
        target,
        description: `remove ${target}`,
        commands: [`no ${target}`],
        secret: false,
      });
      continue;
    }
    const nb = renderBlocks((out) => renderIsakmpPolicy(out, p.new!, style))[0]!;
    if (p.old === undefined) {
      plan.steps.push({
        phase: 'prepare',
        element: 'isakmp-policy',
        action: 'add',
        target,
        description: `add ${target}`,
        commands: block(nb.header, nb.lines),
        secret: false,
      });
      continue;
    }
    const ob = renderBlocks((out) => renderIsakmpPolicy(out, p.old!, style))[0]!;
    const sub = diffSubLines(ob.lines, nb.lines, policySlot);
    if (sub.length > 0) {
      plan.steps.push({
        phase: 'prepare',
        element: 'isakmp-policy',
        action: 'change',
        target,
        description: `change ${target}`,
        commands: block(nb.header, sub),
        secret: false,
      });
    }
  }
  return plan;
}

function keyIdentity(key: IsakmpKey): string {
  return formatPrefix({ address: key.address, prefixLength: key.prefixLength });
}

/**
 * Pre-shared keys, by peer address and mask. Entering a key for an address that has one replaces
 * it; removing one needs the key itself (`no crypto isakmp key K address A`), so removals are
 * secret too.
 */
export function planIsakmpKeys(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan {
  const plan = emptyPlan();
  for (const p of pairBy(oldCfg.isakmpKeys, newCfg.isakmpKeys, keyIdentity)) {
    const target = `crypto isakmp key address ${p.key}`;
    if (p.new === undefined) {
      plan.steps.push({
        phase: 'cleanup',
        element: 'isakmp-key',
        action: 'remove',
        target,
        description: `remove the pre-shared key for ${p.key}`,
        commands: [`no ${isakmpKeyLine(p.old!)}`],
        secret: true,
      });
      continue;
    }
    const line = isakmpKeyLine(p.new);
    if (p.old === undefined) {
      plan.steps.push({
        phase: 'prepare',
        element: 'isakmp-key',
        action: 'add',
        target,
        description: `add a pre-shared key for ${p.key}`,
        commands: [line],
        secret: true,
      });
    } else if (isakmpKeyLine(p.old) !== line) {
      plan.steps.push({
        phase: 'prepare',
        element: 'isakmp-key',
        action: 'change',
        target,
        description: `replace the pre-shared key for ${p.key}`,
        commands: [line],
        secret: true,
      });
      plan.warnings.push({
        code: 'KEY_CHANGED',
        message:
          `The pre-shared key for ${p.key} changes. IKE SAs already up keep working until they expire or are cleared; ` +
          'new negotiations fail until the peer has the same key, so change both ends in the same window.',
      });
    }
  }
  return plan;
}

/** Transform sets, by name. Re-entering the set with other transforms replaces them (for new SAs). */
export function planTransformSets(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan {
  const plan = emptyPlan();
  for (const p of pairBy(oldCfg.transformSets, newCfg.transformSets, (x) => x.name)) {
    const target = `crypto ipsec transform-set ${p.key}`;
    if (p.new === undefined) {
      plan.steps.push({
        phase: 'cleanup',
        element: 'transform-set',
        action: 'remove',
        target,
        description: `remove ${target}`,
        commands: [`no ${target}`],
        secret: false,
      });
      continue;
    }
    const nb = renderBlocks((out) => renderTransformSet(out, p.new!))[0]!;
    if (p.old === undefined) {
      plan.steps.push({
        phase: 'prepare',
        element: 'transform-set',
        action: 'add',
        target,
        description: `add ${target}`,
        commands: block(nb.header, nb.lines),
        secret: false,
      });
      continue;
    }
    const ob = renderBlocks((out) => renderTransformSet(out, p.old!))[0]!;
    const sub = diffSubLines(ob.lines, nb.lines, transformSlot);
    if (sub.length > 0 || ob.header !== nb.header) {
      plan.steps.push({
        phase: 'prepare',
        element: 'transform-set',
        action: 'change',
        target,
        description: `change ${target}`,
        commands: block(nb.header, sub),
        secret: false,
      });
    }
  }
  return plan;
}

interface FlatEntry {
  readonly map: string;
  readonly entry: CryptoMapEntry;
}

function flatten(maps: readonly CryptoMap[]): FlatEntry[] {
  return maps.flatMap((m) => m.entries.map((entry) => ({ map: m.name, entry })));
}

function renderEntry(e: FlatEntry): RenderedBlock {
  return renderBlocks((out) => renderCryptoMap(out, { name: e.map, entries: [e.entry] }))[0]!;
}

function entryBlock(b: RenderedBlock, dynamic: boolean): string[] {
  return dynamic ? [b.header] : block(b.header, b.lines);
}

/**
 * Peer lines: `set peer` appends to the failover list. When the kept peers keep their order and
 * new ones come last, only the difference is entered; otherwise every peer is removed and the
 * list re-entered in the new order.
 */
function peerCommands(
  oldPeers: readonly string[],
  newPeers: readonly string[],
): { commands: string[]; reordered: boolean } {
  const kept = oldPeers.filter((p) => newPeers.includes(p));
  const inOrder = kept.every((p, i) => newPeers[i] === p);
  if (inOrder) {
    const adds = newPeers.slice(kept.length).map((p) => `set peer ${p}`);
    const removes = oldPeers.filter((p) => !newPeers.includes(p)).map((p) => `no set peer ${p}`);
    return { commands: [...adds, ...removes], reordered: false };
  }
  return {
    commands: [...oldPeers.map((p) => `no set peer ${p}`), ...newPeers.map((p) => `set peer ${p}`)],
    reordered: true,
  };
}

/** Crypto map entries, by map name and sequence number. */
export function planCryptoMapEntries(oldCfg: RouterConfig, newCfg: RouterConfig): ElementPlan {
  const plan = emptyPlan();
  const applied = new Set(newCfg.interfaces.map((i) => i.cryptoMap).filter((m): m is string => m !== undefined));
  const newEntryMaps = new Set<string>();
  const pairs = pairBy(flatten(oldCfg.cryptoMaps), flatten(newCfg.cryptoMaps), (e) => `${e.map} ${e.entry.seq}`);
  for (const p of pairs) {
    const target = `crypto map ${p.key}`;
    if (p.new === undefined) {
      plan.steps.push({
        phase: 'cleanup',
        element: 'crypto-map-entry',
        action: 'remove',
        target,
        description: `remove ${target}`,
        commands: [`no ${target}`],
        secret: false,
      });
      continue;
    }
    const nb = renderEntry(p.new);
    const dynamic = p.new.entry.type === 'dynamic';
    if (p.old === undefined) {
      plan.steps.push({
        phase: 'apply',
        element: 'crypto-map-entry',
        action: 'add',
        target,
        description: `add ${target} (peer ${p.new.entry.peers.join(', ') || 'none'})`,
        commands: entryBlock(nb, dynamic),
        secret: false,
      });
      newEntryMaps.add(p.new.map);
      continue;
    }
    const ob = renderEntry(p.old);
    if (ob.header !== nb.header) {
      plan.steps.push({
        phase: 'apply',
        element: 'crypto-map-entry',
        action: 'remove',
        target,
        description: `remove ${target} to re-add it with another type`,
        commands: [`no ${target}`],
        secret: false,
      });
      plan.steps.push({
        phase: 'apply',
        element: 'crypto-map-entry',
        action: 'add',
        target,
        description: `re-add ${target}`,
        commands: entryBlock(nb, dynamic),
        secret: false,
      });
      plan.warnings.push({
        code: 'CRYPTO_MAP_ENTRY_REPLACED',
        message: `${target} changes its type and is removed and re-added: its SAs are torn down.`,
      });
      continue;
    }
    if (dynamic) continue;
    const peers = peerCommands(p.old.entry.peers, p.new.entry.peers);
    const notPeer = (l: string): boolean => !l.startsWith('set peer ');
    const sub = [...peers.commands, ...diffSubLines(ob.lines.filter(notPeer), nb.lines.filter(notPeer), entrySlot)];
    if (sub.length === 0) continue;
    plan.steps.push({
      phase: 'apply',
      element: 'crypto-map-entry',
      action: 'change',
      target,
      description: `change ${target}`,
      commands: block(nb.header, sub),
      secret: false,
    });
    if (peers.reordered) {
      plan.warnings.push({
        code: 'PEER_ORDER',
        message: `${target}: the peer failover order changes, so every peer is removed and re-entered in the new order.`,
      });
    }
    plan.warnings.push({
      code: 'SA_REFRESH',
      message:
        `${target} changes. SAs already up keep their old proxy identities, peer and transforms until they expire; ` +
        `\`clear crypto sa peer ${p.new.entry.peers[0] ?? 'PEER'}\` applies the change at once (that tunnel drops briefly).`,
    });
  }
  if (newCfg.platform === 'ios-12.2') {
    for (const map of [...newEntryMaps].filter((m) => applied.has(m)).sort()) {
      const intfs = newCfg.interfaces.filter((i) => i.cryptoMap === map).map((i) => i.name);
      plan.warnings.push({
        code: 'CRYPTO_MAP_NEW_ENTRY_12_2',
        message:
          `Entries are added to crypto map ${map}, applied to ${intfs.join(', ')}. The reference document warns that on ` +
          'IOS 12.2 a crypto map may have to be removed and re-applied to the interface after an entry is added, ' +
          'which clears every tunnel on that interface. Try the new tunnel first; re-apply only if it does not come up ' +
          `(\`interface ${intfs[0]}\` / \`no crypto map ${map}\` / \`crypto map ${map}\`). Later releases pick new entries up at once.`,
      });
    }
  }
  return plan;
}
