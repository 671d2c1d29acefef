/**
 * IKE and IPsec proposal repairs, never weaker than what the devices use: a missing common ISAKMP
 * policy (IKE_NO_POLICY_MATCH) is a copy of a policy one side already has, added to the other side
 * only when it is at least as strong, algorithm by algorithm, as a policy the receiving side
 * already accepts, uses the same authentication and is one the platform can configure (else "the
 * only repair would weaken"); a missing common transform set (TRANSFORM_MISMATCH) likewise, by the
 * weakest transform's strength class (lib/ir/algorithms.ts); a lifetime mismatch (IKE_LIFETIME)
 * gives the spoke the hub's lifetime; PFS (PFS_MISMATCH) is raised to the stronger group of the
 * two entries, never removed.
 */
import { appendAll, maxOf, minOf } from '../ir/collections.js';
import { DH_GROUPS, ISAKMP_ENCRYPTIONS, ISAKMP_HASHES } from '../ir/ike-vocabulary.js';
import type { IsakmpPolicy, TransformSet } from '../ir/router-config.js';
import {
  dhGroupStrength,
  isakmpEncryptionStrength,
  isakmpHashStrength,
  platformCryptoSupport,
  transformStrength,
  type AlgorithmStrength,
} from '../ir/algorithms.js';
import { LineWriter } from '../render/line-writer.js';
import { renderIsakmpPolicy, renderTransformSet } from '../render/crypto-sections.js';
import { platformStyle } from '../render/render-config.js';
import { negotiatePhase1, usableIsakmpPolicies } from '../rules/ike-phase1.js';
import { normalizeTransform, offeredPfsGroup, sameTransforms } from '../rules/ike-phase2.js';
import type { EffectiveIsakmpPolicy } from '../rules/platform-defaults.js';
import { globalAnchor, inBlock, lastMatching, blockEnd } from './draft.js';
import { findingsOf, hasAny, none, on, type Proposals, type RepairContext } from './context.js';
import type { TunnelEnd } from './tunnels.js';

const RANK: Readonly<Record<AlgorithmStrength, number>> = { legacy: 0, acceptable: 1, recommended: 2 };

/** Each algorithm of a policy ranked: its strength class, then its place in the IOS vocabulary (weakest first). */
function policyRanks(p: EffectiveIsakmpPolicy): number[] {
  return [
    RANK[isakmpEncryptionStrength(p.encryption)] * 100 + ISAKMP_ENCRYPTIONS.indexOf(p.encryption),
    RANK[isakmpHashStrength(p.hash)] * 100 + ISAKMP_HASHES.indexOf(p.hash),
    RANK[dhGroupStrength(p.group)] * 100 + (DH_GROUPS as readonly number[]).indexOf(p.group),
  ];
}

/**
 * True when `p` is at least as strong as `q` in every algorithm: adding `p` to a device that
 * accepts `q` lets it negotiate nothing weaker than it already does.
 */
function notWeaker(p: EffectiveIsakmpPolicy, q: EffectiveIsakmpPolicy): boolean {
  const a = policyRanks(p);
  const b = policyRanks(q);
  return a.every((x, i) => x >= b[i]!);
}

function policyStrength(p: EffectiveIsakmpPolicy): number {
  return minOf(policyRanks(p));
}

function setStrength(transforms: readonly string[]): number {
  return minOf(transforms.map((t) => RANK[transformStrength(normalizeTransform(t))]));
}

function render(fn: (w: LineWriter) => void): string[] {
  const w = new LineWriter();
  fn(w);
  return w
    .finish()
    .text.split('\n')
    .filter((l) => l !== '');
}

function supportsPolicy(end: TunnelEnd, p: EffectiveIsakmpPolicy): boolean {
  const s = platformCryptoSupport(end.device.config.platform);
  const legacyOk = !s.rejectsLegacyByDefault || end.device.config.options.complianceShieldDisabled === true;
  return s.isakmpHash.includes(p.hash) && s.dhGroups.includes(p.group) && (legacyOk || policyStrength(p) >= 100);
}

/** Copies the strongest policy of `from` that `to` supports and that is not weaker than `to`'s best. */
function copyPolicy(ctx: RepairContext, from: TunnelEnd, to: TunnelEnd): Proposals['fixes'][number] | undefined {
  const own = usableIsakmpPolicies(to.device.config);
  // Certificates are not traded for keys (or back): the receiving side keeps its authentication.
  const auths = new Set(own.map((p) => p.authentication));
  const pick = usableIsakmpPolicies(from.device.config)
    .filter(
      (p) =>
        !p.builtIn &&
        (own.length === 0 || own.some((q) => notWeaker(p, q))) &&
        supportsPolicy(to, p) &&
        (auths.size === 0 || auths.has(p.authentication)),
    )
    .sort((a, b) => policyStrength(b) - policyStrength(a) || a.priority - b.priority)[0];
  if (!pick) return undefined;
  const taken = new Set(to.device.config.isakmpPolicies.map((p) => p.priority));
  let priority = pick.priority;
  while (taken.has(priority)) priority += 1;
  const policy: IsakmpPolicy = {
    priority,
    encryption: pick.encryption,
    hash: pick.hash,
    authentication: pick.authentication,
    group: pick.group,
    lifetime: pick.lifetime,
  };
  const text = render((w) => renderIsakmpPolicy(w, policy, platformStyle(to.device.config.platform)));
  const lines = ctx.draft.lines(to.device.file);
  const last = lastMatching(lines, /^crypto isakmp policy\s/);
  const at = last !== undefined ? blockEnd(lines, last) : globalAnchor(lines);
  return {
    action: {
      ...on(to.device, 'IKE_NO_POLICY_MATCH'),
      kind: 'add-isakmp-policy',
      target: `crypto isakmp policy ${priority}`,
      lines: text,
    },
    edits: [{ file: to.device.file, op: 'insert', at, lines: text }],
  };
}

/** IKE_NO_POLICY_MATCH and IKE_LIFETIME per tunnel. */
export function repairPolicies(ctx: RepairContext): Proposals {
  const out = none();
  if (!hasAny(ctx, ['IKE_NO_POLICY_MATCH', 'IKE_LIFETIME', 'INITIATOR_DEPENDENT'])) return out;
  for (const t of ctx.tunnels) {
    const pairs = [
      [t.spoke, t.hub],
      [t.hub, t.spoke],
    ] as const;
    const results = pairs.map(([i, r]) => ({ i, r, res: negotiatePhase1(i.device.config, r.device.config) }));
    if (results.some((x) => !x.res.ok && x.res.reason === 'no-policy-match')) {
      const fix = copyPolicy(ctx, t.hub, t.spoke) ?? copyPolicy(ctx, t.spoke, t.hub);
      if (fix) out.fixes.push(fix);
      else {
        const auth = (e: TunnelEnd) => new Set(usableIsakmpPolicies(e.device.config).map((p) => p.authentication));
        const shared = [...auth(t.spoke)].some((a) => auth(t.hub).has(a));
        const reason = shared ? 'would-weaken' : 'design-decision';
        out.declines.push({ code: 'IKE_NO_POLICY_MATCH', device: t.spoke.device.hostname, line: 0, reason });
      }
      continue;
    }
    const lifetime = results.find((x) => !x.res.ok && x.res.reason === 'lifetime');
    if (lifetime && !lifetime.res.ok) {
      // The spoke takes the hub's lifetime: lowering the hub's would break the other spokes' offers.
      const m = lifetime.res.mismatches.find((x) => x.fields.length === 1 && x.fields[0] === 'lifetime');
      const spokeOffers = lifetime.i === t.spoke;
      const policy = m && (spokeOffers ? m.offered.policy : m.responder.policy);
      const hubLifetime = m && (spokeOffers ? m.responder.lifetime : m.offered.lifetime);
      if (!m || !policy?.loc || hubLifetime === undefined) continue;
      const lines = ctx.draft.lines(t.spoke.device.file);
      const at = inBlock(lines, policy.loc.line, /^\s+lifetime\s/);
      const line = ` lifetime ${hubLifetime}`;
      const file = t.spoke.device.file;
      out.fixes.push({
        action: {
          ...on(t.spoke.device, 'IKE_LIFETIME'),
          kind: 'set-isakmp-lifetime',
          target: `crypto isakmp policy ${policy.priority}`,
          lines: [line.trim()],
          ...(at ? { replaces: lines[at - 1]!.trim() } : {}),
        },
        edits: [
          at ? { file, op: 'replace', at, lines: [line] } : { file, op: 'insert', at: policy.loc.line, lines: [line] },
        ],
      });
    }
  }
  return out;
}

/** Adds a transform set of `from`'s entry to `to`'s entry (defining it on `to` when needed), if not weaker. */
function shareTransformSet(ctx: RepairContext, from: TunnelEnd, to: TunnelEnd): Proposals['fixes'][number] | undefined {
  const entry = to.entry?.entry;
  if (!entry?.loc || !from.entry) return undefined;
  const floor = maxOf(
    (to.entry?.transformSets ?? []).map((s) => setStrength(s.transforms)),
    -1,
  );
  const support = platformCryptoSupport(to.device.config.platform);
  const pick = [...from.entry.transformSets]
    .filter(
      (s) =>
        setStrength(s.transforms) >= floor &&
        s.transforms.every((x) => support.transforms.includes(normalizeTransform(x))),
    )
    .sort((a, b) => setStrength(b.transforms) - setStrength(a.transforms))[0];
  if (!pick) return undefined;
  const cfg = to.device.config;
  const existing = cfg.transformSets.find((s) => sameTransforms(s.transforms, pick.transforms));
  const lines = ctx.draft.lines(to.device.file);
  const edits: Proposals['fixes'][number]['edits'][number][] = [];
  let name = existing?.name;
  const written: string[] = [];
  if (!name) {
    name = cfg.transformSets.some((s) => s.name === pick.name) ? `${pick.name}-PEER` : pick.name;
    const def = from.device.config.transformSets.find((s) => s.name === pick.name);
    const set: TransformSet = { name, transforms: pick.transforms, ...(def?.mode ? { mode: def.mode } : {}) };
    const text = render((w) => renderTransformSet(w, set));
    appendAll(written, text);
    const last = lastMatching(lines, /^crypto ipsec transform-set\s/);
    edits.push({
      file: to.device.file,
      op: 'insert',
      at: last !== undefined ? blockEnd(lines, last) : globalAnchor(lines),
      lines: text,
    });
  }
  const at = inBlock(lines, entry.loc.line, /^\s+set transform-set\s/);
  const by = ` set transform-set ${[...entry.transformSets, name].join(' ')}`;
  edits.push(
    at
      ? { file: to.device.file, op: 'replace', at, lines: [by] }
      : { file: to.device.file, op: 'insert', at: entry.loc.line, lines: [by] },
  );
  return {
    action: {
      ...on(to.device, 'TRANSFORM_MISMATCH'),
      kind: 'add-transform-set',
      target: `crypto map ${to.map?.name ?? ''} ${entry.seq}`,
      lines: [...written, by.trim()],
    },
    edits,
  };
}

/** TRANSFORM_MISMATCH: one identical transform set in both entries of a tunnel. */
export function repairTransforms(ctx: RepairContext): Proposals {
  const out = none();
  if (findingsOf(ctx, 'TRANSFORM_MISMATCH').length === 0) return out;
  for (const t of ctx.tunnels) {
    const a = t.spoke.entry?.transformSets ?? [];
    const b = t.hub.entry?.transformSets ?? [];
    if (a.length === 0 || b.length === 0 || a.some((x) => b.some((y) => sameTransforms(x.transforms, y.transforms))))
      continue;
    const fix = shareTransformSet(ctx, t.hub, t.spoke) ?? shareTransformSet(ctx, t.spoke, t.hub);
    if (fix) out.fixes.push(fix);
    else
      out.declines.push({
        code: 'TRANSFORM_MISMATCH',
        device: t.spoke.device.hostname,
        line: t.spoke.entry?.entry.loc?.line ?? 0,
        reason: 'would-weaken',
      });
  }
  return out;
}

function pfsRank(group: number | undefined): number {
  return group === undefined ? -1 : RANK[dhGroupStrength(group)] * 100 + group;
}

/** PFS_MISMATCH: both entries of a tunnel on the stronger PFS group of the two. */
export function repairPfs(ctx: RepairContext): Proposals {
  const out = none();
  if (!hasAny(ctx, ['PFS_MISMATCH', 'INITIATOR_DEPENDENT'])) return out;
  for (const t of ctx.tunnels) {
    if (!t.spoke.entry || !t.hub.entry) continue;
    const gs = offeredPfsGroup(t.spoke.entry);
    const gh = offeredPfsGroup(t.hub.entry);
    if (gs === gh) continue;
    const [weak, group] = pfsRank(gs) > pfsRank(gh) ? [t.hub, gs!] : [t.spoke, gh!];
    const entry = weak.entry!.entry;
    if (!entry.loc) continue;
    const lines = ctx.draft.lines(weak.device.file);
    const at = inBlock(lines, entry.loc.line, /^\s+set pfs\b/);
    const line = ` set pfs group${group}`;
    out.fixes.push({
      action: {
        ...on(weak.device, 'PFS_MISMATCH'),
        kind: 'set-pfs',
        target: `crypto map ${weak.map?.name ?? ''} ${entry.seq}`,
        lines: [line.trim()],
        ...(at ? { replaces: lines[at - 1]!.trim() } : {}),
      },
      edits: [
        at
          ? { file: weak.device.file, op: 'replace', at, lines: [line] }
          : { file: weak.device.file, op: 'insert', at: entry.loc.line, lines: [line] },
      ],
    });
  }
  return out;
}
