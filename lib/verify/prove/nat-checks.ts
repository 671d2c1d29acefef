/**
 * Inside-source NAT in the pair walk (docs/ios-semantics.md#nat-and-the-order-of-operations; the
 * rule is `lib/rules/nat.ts`, shared with the emulator). The conversation enters its site's router
 * through a LAN interface; when that interface is `ip nat inside` and the route leaves through an
 * `ip nat outside` one, the translation happens before the crypto map check, so whatever a rule
 * translates no longer carries its site address: it leaves in clear text, or under a proxy that is
 * not the site's, and in either case the pair is not carried as a site-to-site conversation. The
 * finding is pinned on the NAT rule's line and says what the crypto map makes of the translated
 * packet.
 */
import type { InterfaceConfig, NatRule } from '../../ir/router-config.js';
import { cryptoMapOf, partitionEgress } from '../../rules/crypto-map.js';
import type { HeaderBox } from '../../rules/header-space.js';
import { hasNat, natInsideSource, outsideToInsideRules, translatedSpace, type NatPiece } from '../../rules/nat.js';
import { routingTable } from '../../rules/routing.js';
import { intervalText, lineRef, regionText } from '../findings/describe.js';
import type { ModelDevice } from '../model/network-model.js';
import type { Report } from './filter-checks.js';
import { appendAll } from '../../ir/collections.js';

function ruleText(r: NatRule): string {
  if (r.kind === 'static') return r.network ? `ip nat inside source static network ${r.local} ${r.global} /${r.prefixLength}` : `ip nat inside source static ${r.local} ${r.global}`;
  const match = r.match.kind === 'list' ? `list ${r.match.acl}` : `route-map ${r.match.routeMap}`;
  const target = r.target.kind === 'interface' ? `interface ${r.target.interface}` : `pool ${r.target.pool}`;
  return `ip nat inside source ${match} ${target}${r.overload ? ' overload' : ''}`;
}

/** What the crypto map of the exit makes of translated headers. */
function outcome(d: ModelDevice, exit: InterfaceConfig, translated: readonly HeaderBox[]): string {
  const map = cryptoMapOf(d.config, exit.name);
  if (!map) return `${exit.name} carries no crypto map, so it leaves in clear text`;
  const part = partitionEgress(d.config, map, translated);
  const owned = part.owned[0];
  if (owned) {
    return `crypto map ${map.name} entry ${owned.entry.entry.seq} takes it with ${lineRef(d.file, owned.line)}, so it travels under a proxy that is not the site's and arrives with a source that is not the site's address`;
  }
  return `no entry of crypto map ${map.name} permits the translated source, so it leaves in clear text`;
}

/** NAT_BEFORE_CRYPTO for what one rule translates on its way out of `exit`. */
function reportTranslation(d: ModelDevice, exit: InterfaceConfig, piece: NatPiece, report: Report, behind: boolean): void {
  report({
    code: 'NAT_BEFORE_CRYPTO', device: d.hostname, file: d.file, line: piece.rule.loc?.line ?? 0,
    message: `${d.hostname} translates the source of ${regionText(piece.space)} to ${intervalText(piece.global)} (${ruleText(piece.rule)}) before the crypto map sees it: ${outcome(d, exit, translatedSpace(piece))}`,
    hintValues: { device: d.hostname, region: regionText(piece.space), rule: ruleText(piece.rule) },
    dedupe: exit.name,
  }, behind);
}

/**
 * Outside-to-inside translation of the destination (a packet arriving on an `ip nat outside`
 * interface whose destination is a global address of some rule) is outside the model: NOT_MODELLED
 * on the rule's line, so the pair is unverified, never covered.
 */
function destinationNat(d: ModelDevice, ingress: InterfaceConfig | undefined, space: readonly HeaderBox[], report: Report, behind: boolean): void {
  for (const { rule, global } of outsideToInsideRules(d.config, ingress, space)) {
    report({
      code: 'NOT_MODELLED', device: d.hostname, file: d.file, line: rule.loc?.line ?? 0,
      message: `${d.hostname} may translate the destination of traffic to ${intervalText(global)} arriving on its NAT outside interface ${ingress!.name} (${ruleText(rule)}): outside-to-inside translation is not modelled; pairs through ${d.hostname} are unverified`,
      hintValues: { device: d.hostname },
      dedupe: ingress!.name,
    }, behind);
  }
}

/**
 * The conversation's packets at the router they enter: what NAT leaves untouched is returned; what
 * it translates is reported (NAT_BEFORE_CRYPTO) and left out, for the caller to follow as `behind`.
 */
export function natAtSource(d: ModelDevice, space: readonly HeaderBox[], report: Report, behind: boolean): readonly HeaderBox[] {
  if (!hasNat(d.config)) return space;
  const table = routingTable(d.config);
  const out: HeaderBox[] = [];
  for (const box of space) {
    for (const inSeg of table.partition(box.src)) {
      const from = inSeg.route ? d.config.interfaces.find((i) => i.name === inSeg.route!.exitInterface) : undefined;
      destinationNat(d, from, [{ ...box, src: inSeg.range }], report, behind);
      for (const outSeg of table.partition(box.dst)) {
        const sub: HeaderBox = { ...box, src: inSeg.range, dst: outSeg.range };
        const exit = outSeg.route ? d.config.interfaces.find((i) => i.name === outSeg.route!.exitInterface) : undefined;
        if (!exit) {
          out.push(sub);
          continue;
        }
        const split = natInsideSource(d.config, from, exit, [sub]);
        appendAll(out, split.untouched);
        for (const piece of split.translated) reportTranslation(d, exit, piece, report, behind);
      }
    }
  }
  return out;
}

/**
 * The conversation at a router it reaches from a peer, decrypted on `ingress` and routed out of
 * `exit`: the same inside-to-outside rule as at the source (an `ip nat inside` crypto interface and
 * an `ip nat outside` exit translate transit traffic after decryption, and the next crypto map sees
 * the translated source), and destination translation reported as not modelled. Returns `space`
 * itself when NAT changes nothing.
 */
export function natInTransit(
  d: ModelDevice, ingress: InterfaceConfig, exit: InterfaceConfig, space: readonly HeaderBox[], report: Report, behind: boolean,
): readonly HeaderBox[] {
  if (!hasNat(d.config)) return space;
  destinationNat(d, ingress, space, report, behind);
  const split = natInsideSource(d.config, ingress, exit, space);
  for (const piece of split.translated) reportTranslation(d, exit, piece, report, behind);
  return split.translated.length === 0 ? space : split.untouched;
}
