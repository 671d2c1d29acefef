/**
 * The IR as it reads back after rendering: what `parseConfig(renderConfig(ir).text).config` gives
 * (without provenance). The renderer drops what the platform does not print, and this function
 * says exactly which, so round trips can be checked and synth can compare like with like.
 */
import { ISAKMP_POLICY_DEFAULTS } from '../ir/ike-vocabulary.js';
import type { AccessList, AclEntry, IsakmpPolicy, RouterConfig } from '../ir/router-config.js';
import { aclEntriesInOrder, aclEntriesNumbered } from '../ir/acl-sequence.js';
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
    entries: aclEntriesInOrder(acl.entries).map((entry) => {
      const { seq: _seq, ...rest } = entry;
      return rest;
    }),
  };
}

/** Strips what two entries may differ in and still be the same ACL entry to IOS. */
function entryKey(entry: AclEntry): string {
  return JSON.stringify({ ...entry, seq: undefined, loc: undefined, origin: undefined });
}

/** IOS ignores a rule identical (but for its number) to one already in the list. */
function withoutRepeats(acl: AccessList): AccessList {
  const seen = new Set<string>();
  let repeated = false;
  const entries = acl.entries.filter((e) => {
    if (e.kind !== 'rule') return true;
    const key = entryKey(e);
    if (seen.has(key)) {
      repeated = true;
      return false;
    }
    seen.add(key);
    return true;
  });
  return repeated ? { ...acl, entries } : acl;
}

/**
 * Returns `ir` with the values the renderer does not print removed or filled: the `version`
 * (filled with the platform default), ISAKMP policy defaults on platforms that hide them,
 * sequence numbers of numbered ACLs (and of named ACLs on 12.2; elsewhere every rule of a list
 * with any number is numbered), entries in sequence order, and the compliance-shield
 * option on platforms without it, and repeated rules (IOS keeps the first).
 */
export function renderedForm(ir: RouterConfig): RouterConfig {
  const style = platformStyle(ir.platform);
  const { complianceShieldDisabled, ...otherOptions } = ir.options;
  return {
    ...ir,
    version: ir.version ?? style.defaultVersion,
    isakmpPolicies: style.omitPolicyDefaults ? ir.isakmpPolicies.map(shownPolicy) : ir.isakmpPolicies,
    accessLists: ir.accessLists
      .map(withoutRepeats)
      .map((acl) =>
        acl.numbered || !style.namedAclSequenceNumbers
          ? withoutSeq(acl)
          : { ...acl, entries: aclEntriesNumbered(acl.entries) },
      ),
    options: {
      ...otherOptions,
      ...(complianceShieldDisabled !== undefined && style.complianceShield ? { complianceShieldDisabled } : {}),
    },
  };
}
