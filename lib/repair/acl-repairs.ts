/**
 * Crypto ACL repairs: the networks of a line with a typo corrected (UNKNOWN_NETWORK), the regions
 * the hub-and-spoke design requires added where an entry's list lacks them (NOT_PROTECTED: own
 * sites to every other site on a spoke, every other site to the spoke's sites on the hub's entry
 * for it), a crypto ACL `deny` that keeps site traffic in clear text removed, and the mirror of
 * every permit line the peer's entry lacks added (PROXY_MISMATCH: mirrored line for line,
 * docs/ios-semantics.md#phase-2-proxy-identities). Lines are added, never rewritten.
 */
import type { AccessList, AclRule, AddressMatch } from '../ir/router-config.js';
import { aclMatchText } from '../ir/acl-text.js';
import { lengthToWildcard } from '../ir/ipv4.js';
import { compileAcl, partitionByAcl } from '../rules/acl.js';
import { addressBox, boxContains, type HeaderBox } from '../rules/header-space.js';
import { proxyAccepted } from '../rules/ike-phase2.js';
import type { CompiledCryptoEntry } from '../rules/crypto-map.js';
import { octetDistance } from '../verify/findings/static-checks.js';
import type { ModelDevice, Site } from '../verify/model/network-model.js';
import { blockEnd, globalAnchor, type LineEdit } from './draft.js';
import { findingsOf, hasAny, none, on, type Fix, type Proposals, type RepairContext } from './context.js';
import { otherSites, routeBased, type TunnelEnd } from './tunnels.js';

/** `A W`, or `host A` for a /32, as an ACL line names a site. */
function siteMatch(site: Site): string {
  const p = site.prefix;
  return p.prefixLength === 32 ? `host ${p.address}` : `${p.address} ${lengthToWildcard(p.prefixLength)}`;
}

/**
 * The 1-based line after which a line of `acl` is appended, and the form it takes: after the last
 * line of the file that edits the list (a later `ip access-list extended` block with `no 10` or a
 * resequence changes what an earlier append would mean: IOS ignores a line equal to one the list
 * still holds, docs/ios-semantics.md#sequence-numbers).
 */
function aclAppendPoint(lines: readonly string[], acl: AccessList): { at: number; global: boolean } {
  const name = acl.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const global = new RegExp(`^access-list\\s+${name}\\s`, 'i');
  const block = new RegExp(`^ip\\s+access-list\\s+(extended|standard)\\s+${name}\\s*$`, 'i');
  const edit = new RegExp(`^ip\\s+access-list\\s+resequence\\s+${name}\\s`, 'i');
  let best: { at: number; global: boolean } | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const l = lines[i]!;
    if (global.test(l) || edit.test(l)) best = { at: i + 1, global: true };
    else if (block.test(l)) best = { at: blockEnd(lines, i + 1), global: false };
  }
  return best ?? { at: globalAnchor(lines), global: acl.numbered };
}

/** Edits appending a rule (`permit ip ...`) to an existing or missing list. */
export function appendRule(
  lines: readonly string[],
  file: string,
  name: string,
  acl: AccessList | undefined,
  rule: string,
): LineEdit {
  if (acl) {
    const { at, global } = aclAppendPoint(lines, acl);
    return { file, op: 'insert', at, lines: [global ? `access-list ${name} ${rule}` : ` ${rule}`] };
  }
  const numbered = /^\d+$/.test(name);
  return {
    file,
    op: 'insert',
    at: globalAnchor(lines),
    lines: numbered ? [`access-list ${name} ${rule}`] : [`ip access-list extended ${name}`, ` ${rule}`],
  };
}

/** The line text with the rule part rewritten (prefix `access-list N ` or indentation and sequence kept). */
function rewriteRuleLine(text: string, rule: AclRule): string {
  const m = /^(\s*(?:access-list\s+\S+\s+)?(?:\d+\s+)?)(?:permit|deny)\b/i.exec(text);
  const prefix = m ? m[1]! : '';
  return `${prefix}${aclMatchText(rule, 'extended')}${rule.trailing ? ` ${rule.trailing}` : ''}`;
}

// --- UNKNOWN_NETWORK: a one-keystroke typo corrected to the one site it is closest to ---

/** The site a written network most likely meant: unique at the smallest distance (own sites first), and near. */
function correction(
  sites: readonly Site[],
  match: AddressMatch,
  own: ModelDevice,
  side: 'source' | 'destination',
): Site | 'ambiguous' | undefined {
  if (match.kind !== 'wildcard') return undefined;
  // A crypto ACL never sends a device's own site to itself: its destinations are other devices' sites.
  const ranked = sites
    .filter((s) => side === 'source' || s.device !== own)
    .map((s) => ({ s, key: [octetDistance(match.address, s.prefix.address), s.device === own ? 0 : 1] as const }))
    .filter((x) => lengthToWildcard(x.s.prefix.prefixLength) === match.wildcard)
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
  const [first, second] = ranked;
  if (!first || first.key[0] > 3) return 'ambiguous';
  if (second && second.key[0] === first.key[0] && second.key[1] === first.key[1]) return 'ambiguous';
  return first.s;
}

function knownMatch(sites: readonly Site[], match: AddressMatch, box: HeaderBox['src']): boolean {
  return match.kind === 'any' || sites.some((s) => s.range[0] <= box[1] && box[0] <= s.range[1]);
}

/** UNKNOWN_NETWORK on a crypto ACL line: the network corrected in place. */
export function correctNetworks(ctx: RepairContext): Proposals {
  const out = none();
  for (const f of findingsOf(ctx, 'UNKNOWN_NETWORK')) {
    const device = ctx.model.byHostname.get(f.device);
    const acl = device?.config.accessLists.find((a) => a.entries.some((e) => e.loc?.line === f.line));
    const line = acl && compileAcl(acl).lines.find((l) => l.rule.loc?.line === f.line);
    if (!device || !line) {
      out.declines.push({ code: f.code, device: f.device, line: f.line, reason: 'ambiguous' });
      continue;
    }
    const box = line.boxes[0];
    let rule: AclRule = line.rule;
    let ambiguous = false;
    for (const side of ['source', 'destination'] as const) {
      const m = rule[side];
      if (!box || knownMatch(ctx.model.sites, m, side === 'source' ? box.src : box.dst)) continue;
      const site = correction(ctx.model.sites, m, device, side);
      if (site === undefined || site === 'ambiguous') {
        ambiguous = true;
        continue;
      }
      rule = {
        ...rule,
        [side]: {
          kind: 'wildcard',
          address: site.prefix.address,
          wildcard: lengthToWildcard(site.prefix.prefixLength),
        },
      };
    }
    if (ambiguous || rule === line.rule) {
      out.declines.push({ code: f.code, device: f.device, line: f.line, reason: 'ambiguous' });
      continue;
    }
    const text = ctx.draft.lines(device.file)[f.line - 1] ?? '';
    const by = rewriteRuleLine(text, rule);
    out.fixes.push({
      action: {
        ...on(device, f.code),
        kind: 'correct-acl-network',
        target: `access-list ${acl!.name}`,
        lines: [by.trim()],
        replaces: text.trim(),
      },
      edits: [{ file: device.file, op: 'replace', at: f.line, lines: [by] }],
    });
  }
  return out;
}

// --- NOT_PROTECTED / missing regions: what the design requires of each entry's list ---

function aclOf(end: TunnelEnd): AccessList | undefined {
  return end.entry?.acl;
}

/** The regions (source site, destination site) an end's entry must permit. */
function requiredRegions(ctx: RepairContext, end: TunnelEnd, spoke: ModelDevice): [Site, Site][] {
  const spokeSites = ctx.model.sites.filter((s) => s.device === spoke);
  const others = otherSites(ctx.model, spoke);
  return end.device === spoke
    ? spokeSites.flatMap((s) => others.map((o): [Site, Site] => [s, o]))
    : others.flatMap((o) => spokeSites.map((s): [Site, Site] => [o, s]));
}

function coverEnd(ctx: RepairContext, end: TunnelEnd, spoke: ModelDevice, out: Proposals): void {
  const entry: CompiledCryptoEntry | undefined = end.entry;
  const name = entry?.entry.matchAddress;
  if (!entry || name === undefined) return;
  const acl = aclOf(end);
  const regions = requiredRegions(ctx, end, spoke);
  const boxes = regions.map(([a, b]) => addressBox(a.range, b.range));
  const lines = ctx.draft.lines(end.device.file);
  // A deny that keeps required site traffic out of the tunnel (in clear text) goes, when it denies nothing else.
  const removed = new Set<AclRule>();
  for (const box of acl ? boxes : []) {
    for (const piece of partitionByAcl(acl!, [box]).pieces) {
      const rule = piece.line.rule;
      if (piece.line.action !== 'deny' || removed.has(rule)) continue;
      const inside = piece.line.boxes.every((b) => boxes.some((r) => boxContains(r, b)));
      const at = rule.loc?.line;
      if (!inside || at === undefined) {
        out.declines.push({
          code: 'NOT_PROTECTED',
          device: end.device.hostname,
          line: at ?? 0,
          reason: 'design-decision',
        });
        continue;
      }
      removed.add(rule);
      out.fixes.push({
        action: {
          ...on(end.device, 'NOT_PROTECTED'),
          kind: 'remove-acl-deny',
          target: `access-list ${name}`,
          lines: [],
          replaces: (lines[at - 1] ?? '').trim(),
        },
        edits: [{ file: end.device.file, op: 'delete', at, lines: [] }],
      });
    }
  }
  const kept: AccessList | undefined =
    acl && removed.size > 0 ? { ...acl, entries: acl.entries.filter((e) => !removed.has(e as AclRule)) } : acl;
  for (let i = 0; i < regions.length; i += 1) {
    const [src, dst] = regions[i]!;
    if (kept && partitionByAcl(kept, [boxes[i]!]).implicitDeny.length === 0) continue;
    const rule = `permit ip ${siteMatch(src)} ${siteMatch(dst)}`;
    out.fixes.push({
      action: {
        ...on(end.device, 'NOT_PROTECTED'),
        kind: 'add-acl-line',
        target: `access-list ${name}`,
        lines: [rule],
      },
      edits: [appendRule(lines, end.device.file, name, acl, rule)],
    });
  }
}

/** The regions the design requires, added to both entries of every tunnel. */
export function coverRegions(ctx: RepairContext): Proposals {
  const out = none();
  if (
    !hasAny(ctx, [
      'NOT_PROTECTED',
      'PROXY_MISMATCH',
      'CLEAR_TEXT_DROPPED',
      'UNDEFINED_ACL',
      'INITIATOR_DEPENDENT',
      'NO_DYNAMIC_SA',
    ])
  )
    return out;
  for (const t of ctx.tunnels) {
    // A route-based pair's map carries the tunnel's GRE (`gre-repairs.ts`), not site regions.
    if (routeBased(ctx.model, t)) continue;
    coverEnd(ctx, t.spoke, t.spoke.device, out);
    coverEnd(ctx, t.hub, t.spoke.device, out);
  }
  // A list created by several additions is created once.
  return mergeCreations(out);
}

/** When several fixes create the same missing named list, only the first writes its header. */
function mergeCreations(p: Proposals): Proposals {
  const seen = new Set<string>();
  const fixes = p.fixes.map((f): Fix => {
    const e = f.edits[0];
    if (!e || e.lines.length !== 2 || !e.lines[0]!.startsWith('ip access-list extended ')) return f;
    const key = `${e.file}|${e.lines[0]}`;
    if (!seen.has(key)) {
      seen.add(key);
      return f;
    }
    return { ...f, edits: [{ ...e, lines: [e.lines[1]!] }] };
  });
  return { fixes, declines: p.declines };
}

// --- PROXY_MISMATCH: the mirror of every permit line the peer lacks ---

function mirrorRule(rule: AclRule): AclRule {
  const { sourcePort, destinationPort, ...rest } = rule;
  return {
    ...rest,
    action: 'permit',
    source: rule.destination,
    destination: rule.source,
    ...(destinationPort ? { sourcePort: destinationPort } : {}),
    ...(sourcePort ? { destinationPort: sourcePort } : {}),
  };
}

function mirrorInto(ctx: RepairContext, from: TunnelEnd, to: TunnelEnd, out: Proposals): void {
  const src = aclOf(from);
  const dst = aclOf(to);
  const name = to.entry?.entry.matchAddress;
  if (!src || !dst || name === undefined) return;
  const peerLines = compileAcl(dst).lines.filter((l) => l.action === 'permit');
  const lines = ctx.draft.lines(to.device.file);
  for (const line of compileAcl(src).lines) {
    if (line.action !== 'permit' || line.approximate) continue;
    const r = line.rule;
    if (r.source.kind === 'object-group' || r.destination.kind === 'object-group' || r.service !== undefined) continue;
    const box = line.boxes[0];
    if (!box || !knownMatch(ctx.model.sites, r.source, box.src) || !knownMatch(ctx.model.sites, r.destination, box.dst))
      continue;
    if (peerLines.some((p) => proxyAccepted(line.boxes, p))) continue;
    const rule = aclMatchText(mirrorRule(r), 'extended');
    out.fixes.push({
      action: {
        ...on(to.device, 'PROXY_MISMATCH'),
        kind: 'add-acl-line',
        target: `access-list ${name}`,
        lines: [rule],
      },
      edits: [appendRule(lines, to.device.file, name, dst, rule)],
    });
  }
}

/** Mirror lines added where a tunnel's two lists are not mirror images. */
export function mirrorLines(ctx: RepairContext): Proposals {
  const out = none();
  if (!hasAny(ctx, ['PROXY_MISMATCH', 'INITIATOR_DEPENDENT'])) return out;
  for (const t of ctx.tunnels) {
    mirrorInto(ctx, t.spoke, t.hub, out);
    mirrorInto(ctx, t.hub, t.spoke, out);
  }
  return out;
}
