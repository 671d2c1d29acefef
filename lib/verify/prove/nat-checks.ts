/**
 * Inside-source NAT in the pair walk (docs/ios-semantics.md#nat-and-the-order-of-operations; the
 * rule is `lib/rules/nat.ts`, shared with the emulator). The conversation enters its site's router
 * through a LAN interface; when that interface is `ip nat inside` and the route leaves through an
 * `ip nat outside` one, the translation happens before the crypto map check, so whatever a rule
 * translates no longer carries its site address: it leaves in clear text, or under a proxy that is
 * not the site's, and in either case the pair is not carried as a site-to-site conversation. The
 * finding is pinned on the NAT rule's line and says what the crypto map makes of the translated
 * packet (`natEffect`; `filter-findings.ts` words it).
 */
import type { InterfaceConfig } from '../../ir/router-config.js';
import { cryptoMapOf, partitionEgress } from '../../rules/crypto-map.js';
import type { HeaderBox } from '../../rules/header-space.js';
import { hasNat, natInsideSource, outsideToInsideRules, translatedSpace, type NatPiece } from '../../rules/nat.js';
import { routingTable } from '../../rules/routing.js';
import * as finding from '../findings/catalogue.js';
import type { ModelDevice } from '../model/network-model.js';
import type { Report } from './filter-checks.js';
import { appendAll } from '../../ir/collections.js';

/** What the crypto map of the exit makes of translated headers. */
function natEffect(d: ModelDevice, exit: InterfaceConfig, translated: readonly HeaderBox[]): finding.NatEffect {
  const map = cryptoMapOf(d.config, exit.name);
  if (!map) return { kind: 'no-crypto-map', exit };
  const owned = partitionEgress(d.config, map, translated).owned[0];
  return owned
    ? { kind: 'wrong-proxy', map: map.name, entry: owned.entry, line: owned.line }
    : { kind: 'clear', map: map.name };
}

/** NAT_BEFORE_CRYPTO for what one rule translates on its way out of `exit`. */
function reportTranslation(
  d: ModelDevice,
  exit: InterfaceConfig,
  piece: NatPiece,
  report: Report,
  behind: boolean,
): void {
  const effect = natEffect(d, exit, translatedSpace(piece));
  report(
    finding.natBeforeCrypto({ device: d, rule: piece.rule, space: piece.space, global: piece.global, exit, effect }),
    behind,
  );
}

/**
 * Outside-to-inside translation of the destination (a packet arriving on an `ip nat outside`
 * interface whose destination is a global address of some rule) is outside the model: NOT_MODELLED
 * on the rule's line, so the pair is unverified, never covered.
 */
function destinationNat(
  d: ModelDevice,
  ingress: InterfaceConfig | undefined,
  space: readonly HeaderBox[],
  report: Report,
  behind: boolean,
): void {
  if (!ingress) return;
  for (const { rule, global } of outsideToInsideRules(d.config, ingress, space)) {
    report(finding.destinationNat({ device: d, rule, global, ingress }), behind);
  }
}

/**
 * The conversation's packets at the router they enter: what NAT leaves untouched is returned; what
 * it translates is reported (NAT_BEFORE_CRYPTO) and left out, for the caller to follow as `behind`.
 */
export function natAtSource(
  d: ModelDevice,
  space: readonly HeaderBox[],
  report: Report,
  behind: boolean,
): readonly HeaderBox[] {
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
  d: ModelDevice,
  ingress: InterfaceConfig,
  exit: InterfaceConfig,
  space: readonly HeaderBox[],
  report: Report,
  behind: boolean,
): readonly HeaderBox[] {
  if (!hasNat(d.config)) return space;
  destinationNat(d, ingress, space, report, behind);
  const split = natInsideSource(d.config, ingress, exit, space);
  for (const piece of split.translated) reportTranslation(d, exit, piece, report, behind);
  return split.translated.length === 0 ? space : split.untouched;
}
