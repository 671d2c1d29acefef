/**
 * The IR as it reads back after rendering: what `parseConfig(renderConfig(ir).text).config` gives
 * (without provenance). The renderer drops what the platform does not print, and this function
 * says exactly which, so round trips can be checked and synth can compare like with like.
 */
import { ISAKMP_POLICY_DEFAULTS } from '../ir/ike-vocabulary.js';
import type { AccessList, IsakmpPolicy, RouterConfig } from '../ir/router-config.js';
import { platformStyle } from './render-config.js';

function shownPolicy(policy: IsakmpPolicy): IsakmpPolicy {
  const { encryption, hash, authentication, group, lifetime, ...rest } = policy;
  const d = ISAKMP_POLICY_DEFAULTS;
  return {
    ...rest,
    ...(encryption !== undefined && encryption !== d.encryption ? { encryption } : {}),
    ...(hash !== undefined && hash !== d.hash ? { hash } : {}),
    ...(authentication !== undefined && authentication !== d.authentication ? { authentication } : {}),
    ...(group !== undefined && group !== d.group ? { group } : {}),
    ...(lifetime !== undefined && lifetime !== d.lifetime ? { lifetime } : {}),
  };
}

function withoutSeq(acl: AccessList): AccessList {
  return {
    ...acl,
    entries: acl.entries.map((entry) => {
      const { seq: _seq, ...rest } = entry;
      return rest;
    }),
  };
}

/**
 * Returns `ir` with the values the renderer does not print removed or filled: the `version`
 * (filled with the platform default), ISAKMP policy defaults on platforms that hide them,
 * sequence numbers of numbered ACLs (and of named ACLs on 12.2), and the compliance-shield
 * option on platforms without it.
 */
export function renderedForm(ir: RouterConfig): RouterConfig {
  const style = platformStyle(ir.platform);
  const { complianceShieldDisabled, ...otherOptions } = ir.options;
  return {
    ...ir,
    version: ir.version ?? style.defaultVersion,
    isakmpPolicies: style.omitPolicyDefaults ? ir.isakmpPolicies.map(shownPolicy) : ir.isakmpPolicies,
    accessLists: ir.accessLists.map((acl) =>
      acl.numbered || !style.namedAclSequenceNumbers ? withoutSeq(acl) : acl,
    ),
    options: {
      ...otherOptions,
      ...(complianceShieldDisabled !== undefined && style.complianceShield ? { complianceShieldDisabled } : {}),
    },
  };
}
