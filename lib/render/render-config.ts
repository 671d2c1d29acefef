/**
 * IR -> IOS text. Sections come in a fixed order so that the same IR always gives byte-identical
 * text: version, hostname, compliance shield, trustpoints, keyrings, ISAKMP policies, keys,
 * aggressive mode, identity, keepalive, ISAKMP profiles, IKEv2 sections, transform sets, dynamic maps, crypto maps,
 * interfaces, routes, ACLs, IP SLA operations, extra lines, `end`.
 */
import type { Platform, RouterConfig } from '../ir/router-config.js';
import { renderAccessList, renderObjectGroup } from './acl-text.js';
import {
  isakmpKeyLine,
  renderCryptoMap,
  renderDynamicMap,
  renderIpsecProfile,
  renderIsakmpPolicy,
  renderTransformSet,
} from './crypto-sections.js';
import { renderInterface, renderIpSla, routeLine } from './interface-sections.js';
import { renderIsakmpGlobals, renderKeySources } from './isakmp-profile-sections.js';
import { renderIkev2 } from './ikev2-sections.js';
import { renderNat } from './nat-sections.js';
import { IOS_12_2_STYLE } from './ios-12-2.js';
import { IOS_15_STYLE } from './ios-15.js';
import { IOS_XE_17_STYLE } from './ios-xe-17.js';
import { LineWriter } from './line-writer.js';
import type { PlatformStyle } from './platform-style.js';

/** Rendered configuration text and its source map. */
export interface RenderedConfig {
  /** The configuration, one command per line, `\n` line endings, ending with `end\n`. */
  readonly text: string;
  /**
   * `sourceMap[i]` is the construct path (`origin`) of the IR element that produced line `i + 1`;
   * undefined for structural lines (`!`, `version`, `hostname`, `end`) and elements without origin.
   */
  readonly sourceMap: readonly (string | undefined)[];
}

const STYLES: Readonly<Record<Platform, PlatformStyle>> = {
  'ios-12.2': IOS_12_2_STYLE,
  'ios-15': IOS_15_STYLE,
  'ios-xe-17': IOS_XE_17_STYLE,
};

/** The printing conventions of a platform family. */
export function platformStyle(platform: Platform): PlatformStyle {
  return STYLES[platform] ?? IOS_15_STYLE;
}

/** Transform sets, then dynamic maps (ahead of the crypto maps that bind them), then crypto maps. */
function renderIpsecSections(out: LineWriter, ir: RouterConfig): void {
  for (const set of ir.transformSets) renderTransformSet(out, set);
  for (const profile of ir.ipsecProfiles ?? []) renderIpsecProfile(out, profile);
  out.separator();
  for (const map of ir.dynamicMaps ?? []) renderDynamicMap(out, map);
  for (const map of ir.cryptoMaps) renderCryptoMap(out, map);
  out.separator();
}

/**
 * Renders one router's configuration as IOS text in the style of `ir.platform`.
 * Pure and deterministic; it does not validate semantics (constructs do).
 */
export function renderConfig(ir: RouterConfig): RenderedConfig {
  const style = platformStyle(ir.platform);
  const out = new LineWriter();

  out.line(`version ${ir.version ?? style.defaultVersion}`);
  out.separator();
  out.line(`hostname ${ir.hostname}`);
  out.separator();

  if (ir.options.complianceShieldDisabled && style.complianceShield) {
    out.line('crypto engine compliance shield disable');
    out.separator();
  }
  renderKeySources(out, ir);
  for (const policy of ir.isakmpPolicies) renderIsakmpPolicy(out, policy, style);
  for (const key of ir.isakmpKeys) out.line(isakmpKeyLine(key), key.origin);
  if (ir.options.aggressiveModeDisabled) out.line('crypto isakmp aggressive-mode disable');
  renderIsakmpGlobals(out, ir);
  out.separator();
  renderIkev2(out, ir);

  renderIpsecSections(out, ir);

  for (const intf of ir.interfaces) {
    renderInterface(out, intf);
    out.separator();
  }

  for (const route of ir.staticRoutes) out.line(routeLine(route), route.origin);
  out.separator();

  renderNat(out, ir);

  // Groups before the lists: IOS refuses an ACL line naming a group not yet defined.
  for (const group of ir.objectGroups ?? []) renderObjectGroup(out, group);
  if (ir.objectGroups !== undefined && ir.objectGroups.length > 0) out.separator();
  for (const acl of ir.accessLists) renderAccessList(out, acl, style);
  out.separator();

  for (const sla of ir.ipSlas ?? []) renderIpSla(out, sla);
  if (ir.ipSlas !== undefined && ir.ipSlas.length > 0) out.separator();

  for (const extra of ir.extraLines) out.line(extra.text, extra.origin);
  out.separator();

  out.line('end');
  return out.finish();
}
