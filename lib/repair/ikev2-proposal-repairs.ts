/**
 * IKE_NO_POLICY_MATCH of IKEv2 tunnels (crypto map entries and tunnel interfaces whose IPsec
 * profile names an IKEv2 profile): no proposal of one side's policy shares an encryption,
 * integrity/PRF and DH group with one of the other's (lib/rules/ikev2.ts, docs/ios-semantics.md
 * #ikev2-proposals). The repair adds to one side's configured policy a new proposal holding the
 * algorithms the peer offers that are, slot by slot, at least as strong as the weakest the receiving
 * side already accepts in one of its proposals, never a legacy one, only DH groups its platform can
 * configure. The spoke receives first (its policy serves one tunnel), else the hub. When no such
 * proposal exists, or the receiving side runs on the smart defaults (no policy to add a proposal
 * to), the finding is declined with the reason. Whether the two sides then agree is the rule's
 * call: the plan is re-proven like every repair.
 */
import { isAeadEncryption, type Ikev2Encryption, type Ikev2Hash } from '../ir/ikev2-vocabulary.js';
import type { Ikev2Proposal } from '../ir/ikev2.js';
import type { RouterConfig } from '../ir/router-config.js';
import {
  dhGroupStrength,
  ikev2EncryptionStrength,
  ikev2HashStrength,
  platformCryptoSupport,
  type AlgorithmStrength,
} from '../ir/algorithms.js';
import { minOf } from '../ir/collections.js';
import { LineWriter } from '../render/line-writer.js';
import { renderProposal } from '../render/ikev2-sections.js';
import { ikev2PolicyFor, negotiateSaInit, type EffectiveIkev2Proposal } from '../rules/ikev2.js';
import { protectionProfile } from '../rules/tunnel-ipsec.js';
import { tunnelSource, upTunnels } from '../rules/tunnels.js';
import type { ModelDevice } from '../verify/model/network-model.js';
import { blockEnd, globalAnchor, lastMatching } from './draft.js';
import { findingsOf, none, on, type Fix, type Proposals, type RepairContext } from './context.js';
import type { Tunnel } from './tunnels.js';

const RANK: Readonly<Record<AlgorithmStrength, number>> = { legacy: 0, acceptable: 1, recommended: 2 };

const encRank = (e: string) => RANK[ikev2EncryptionStrength(e as Ikev2Encryption) ?? 'legacy'];
const hashRank = (h: string) => RANK[ikev2HashStrength(h as Ikev2Hash) ?? 'legacy'];
const groupRank = (g: number) => RANK[dhGroupStrength(g)];

/** One IKEv2 end of a tunnel: the device and the address its IKE runs on. */
interface V2End {
  readonly device: ModelDevice;
  readonly address: string;
}

/** The spoke's tunnel interface towards the hub protected by an IPsec profile that negotiates IKEv2. */
function vtiEnds(t: Tunnel, owns: (a: string) => boolean): [V2End, V2End] | undefined {
  const cfg = t.spoke.device.config;
  for (const i of upTunnels(cfg)) {
    const dest = i.tunnel?.destination;
    const profile = protectionProfile(cfg, i);
    const source = tunnelSource(cfg, i).address;
    if (dest !== undefined && source !== undefined && profile?.ikev2Profile !== undefined && owns(dest))
      return [
        { device: t.spoke.device, address: source },
        { device: t.hub.device, address: dest },
      ];
  }
  return undefined;
}

/** [spoke, hub] of an IKEv2 tunnel, or undefined when the tunnel does not run IKEv2. */
function ikev2Ends(ctx: RepairContext, t: Tunnel): [V2End, V2End] | undefined {
  if (t.hub.entry?.entry.ikev2Profile !== undefined && t.spoke.entry?.entry.ikev2Profile !== undefined)
    return t.hub.address && t.spoke.address
      ? [
          { device: t.spoke.device, address: t.spoke.address },
          { device: t.hub.device, address: t.hub.address },
        ]
      : undefined;
  return vtiEnds(t, (a) => ctx.model.owner(a)?.device === t.hub.device);
}

const noMatch = (a: V2End, b: V2End) => {
  const r = negotiateSaInit(a.device.config, a.address, b.device.config, b.address);
  return !r.ok && r.reason === 'no-proposal-match';
};

/**
 * The peer's proposal `p` cut to what `q`, a proposal the receiving side accepts, does not make
 * weaker: each algorithm at least as strong as the weakest of its slot in `q` (integrity and PRF
 * against q's weakest hash), none legacy, groups the platform has. Undefined when a slot empties.
 */
function cut(p: EffectiveIkev2Proposal, q: EffectiveIkev2Proposal, cfg: RouterConfig) {
  const floor = (ranks: number[]) => Math.max(1, minOf(ranks));
  const enc = floor(q.encryption.map(encRank));
  const hash = floor([...q.integrity, ...q.prf].map(hashRank));
  const group = floor(q.groups.map(groupRank));
  const groups = platformCryptoSupport(cfg.platform).dhGroups;
  const v = {
    encryption: p.encryption.filter((e) => encRank(e) >= enc),
    integrity: p.integrity.filter((h) => hashRank(h) >= hash),
    prf: p.prf.filter((h) => hashRank(h) >= hash),
    groups: p.groups.filter((g) => groupRank(g) >= group && groups.includes(g)),
  };
  if (v.encryption.length === 0 || v.prf.length === 0 || v.groups.length === 0) return undefined;
  // AES-GCM goes without integrity, CBC with it, never both in one proposal (docs/ios-semantics.md#ikev2-proposals).
  const aead = v.encryption.filter(isAeadEncryption).length;
  if (aead === v.encryption.length) return { ...v, integrity: [] };
  return aead === 0 && v.integrity.length > 0 ? v : undefined;
}

function strength(v: NonNullable<ReturnType<typeof cut>>): number {
  return minOf([...v.encryption.map(encRank), ...v.integrity.map(hashRank), ...v.groups.map(groupRank)]);
}

/** A free proposal name on `to`: the peer's, else suffixed with the peer's hostname. */
function freeName(cfg: RouterConfig, base: string, peer: string): string {
  const taken = new Set(['default', ...(cfg.ikev2Proposals ?? []).map((p) => p.name)]);
  let name = taken.has(base) ? `${base}-${peer}` : base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${peer}-${n}`;
  return name;
}

type Widen = { readonly fix: Fix } | { readonly why: 'defaults' | 'weaker' };

/** Adds to `to`'s policy a proposal of `from`'s algorithms that weakens nothing `to` accepts. */
function widen(ctx: RepairContext, to: V2End, from: V2End): Widen {
  const own = ikev2PolicyFor(to.device.config, to.address);
  const peer = ikev2PolicyFor(from.device.config, from.address);
  if (own.kind !== 'policy' || !own.policy?.loc || peer.kind !== 'policy') return { why: 'defaults' };
  const policy = own.policy;
  const at = own.policy.loc.line;
  let best: { p: EffectiveIkev2Proposal; v: NonNullable<ReturnType<typeof cut>> } | undefined;
  for (const q of own.proposals)
    for (const p of peer.proposals) {
      const v = cut(p, q, to.device.config);
      if (v && (!best || strength(v) > strength(best.v))) best = { p, v };
    }
  if (!best) return { why: 'weaker' };
  const cfg = to.device.config;
  const name = freeName(cfg, best.p.name, from.device.hostname);
  const proposal: Ikev2Proposal = { name, ...best.v, extraLines: [] };
  const w = new LineWriter();
  renderProposal(w, proposal);
  const text = w
    .finish()
    .text.split('\n')
    .filter((l) => l !== '');
  const lines = ctx.draft.lines(to.device.file);
  const last = lastMatching(lines, /^crypto ikev2 proposal\s/);
  const file = to.device.file;
  const use = ` proposal ${name}`;
  return {
    fix: {
      action: {
        ...on(to.device, 'IKE_NO_POLICY_MATCH'),
        kind: 'add-ikev2-proposal',
        target: `crypto ikev2 policy ${policy.name}`,
        lines: [...text, `crypto ikev2 policy ${policy.name}`, use],
      },
      edits: [
        {
          file,
          op: 'insert',
          at: last !== undefined ? blockEnd(lines, last) : globalAnchor(lines),
          lines: text,
        },
        { file, op: 'insert', at: blockEnd(lines, at), lines: [use] },
      ],
    },
  };
}

/** IKE_NO_POLICY_MATCH of IKEv2 tunnels: a proposal added where it weakens nothing, else why not. */
export function repairIkev2Proposals(ctx: RepairContext): Proposals {
  const out = none();
  if (findingsOf(ctx, 'IKE_NO_POLICY_MATCH').length === 0) return out;
  for (const t of ctx.tunnels) {
    const ends = ikev2Ends(ctx, t);
    if (!ends) continue;
    const [spoke, hub] = ends;
    if (!noMatch(spoke, hub) && !noMatch(hub, spoke)) continue;
    const first = widen(ctx, spoke, hub);
    const done = 'fix' in first ? first : widen(ctx, hub, spoke);
    if ('fix' in done) {
      out.fixes.push(done.fix);
      continue;
    }
    const defaults = !('fix' in first) && (first.why === 'defaults' || done.why === 'defaults');
    out.declines.push({
      code: 'IKE_NO_POLICY_MATCH',
      device: spoke.device.hostname,
      line: 0,
      reason: defaults ? 'design-decision' : 'would-weaken',
      detail: defaults
        ? `${spoke.device.hostname} or ${hub.device.hostname} uses the IKEv2 smart-default policy, and which crypto ikev2 policy to configure for it is yours to decide`
        : `every IKEv2 proposal common to ${spoke.device.hostname} and ${hub.device.hostname} needs an algorithm weaker than one side already accepts: align both on the stronger algorithms by hand`,
    });
  }
  return out;
}
