import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RouterConfig } from '../../lib/ir/router-config.js';
import { renderConfig } from '../../lib/render/index.js';
import { routerConfigArb } from '../parse/ir-arbitraries.js';

/** Gives every element an origin naming its kind and index. */
function withOrigins(ir: RouterConfig): RouterConfig {
  return {
    ...ir,
    interfaces: ir.interfaces.map((x, i) => ({ ...x, origin: `intf/${i}` })),
    staticRoutes: ir.staticRoutes.map((x, i) => ({ ...x, origin: `route/${i}` })),
    ...(ir.objectGroups ? { objectGroups: ir.objectGroups.map((x, i) => ({ ...x, origin: `group/${i}` })) } : {}),
    accessLists: ir.accessLists.map((x, i) => ({
      ...x,
      origin: `acl/${i}`,
      entries: x.entries.map((e, j) => ({ ...e, origin: `acl/${i}/${j}` })),
    })),
    isakmpPolicies: ir.isakmpPolicies.map((x, i) => ({ ...x, origin: `policy/${i}` })),
    isakmpKeys: ir.isakmpKeys.map((x, i) => ({ ...x, origin: `key/${i}` })),
    ...(ir.keyrings ? { keyrings: ir.keyrings.map((x, i) => ({ ...x, origin: `keyring/${i}` })) } : {}),
    ...(ir.isakmpProfiles
      ? { isakmpProfiles: ir.isakmpProfiles.map((x, i) => ({ ...x, origin: `profile/${i}` })) }
      : {}),
    ...(ir.trustpoints ? { trustpoints: ir.trustpoints.map((x, i) => ({ ...x, origin: `trustpoint/${i}` })) } : {}),
    ...(ir.ikev2Proposals
      ? { ikev2Proposals: ir.ikev2Proposals.map((x, i) => ({ ...x, origin: `v2/proposal/${i}` })) }
      : {}),
    ...(ir.ikev2Policies
      ? { ikev2Policies: ir.ikev2Policies.map((x, i) => ({ ...x, origin: `v2/policy/${i}` })) }
      : {}),
    ...(ir.ikev2Keyrings
      ? { ikev2Keyrings: ir.ikev2Keyrings.map((x, i) => ({ ...x, origin: `v2/keyring/${i}` })) }
      : {}),
    ...(ir.ikev2Profiles
      ? { ikev2Profiles: ir.ikev2Profiles.map((x, i) => ({ ...x, origin: `v2/profile/${i}` })) }
      : {}),
    options: {
      ...ir.options,
      ...(ir.options.isakmpKeepalive
        ? { isakmpKeepalive: { ...ir.options.isakmpKeepalive, origin: 'keepalive' } }
        : {}),
    },
    transformSets: ir.transformSets.map((x, i) => ({ ...x, origin: `ts/${i}` })),
    cryptoMaps: ir.cryptoMaps.map((x, i) => ({
      ...x,
      origin: `map/${i}`,
      entries: x.entries.map((e, j) => ({ ...e, origin: `map/${i}/${j}` })),
    })),
    ...(ir.dynamicMaps
      ? {
          dynamicMaps: ir.dynamicMaps.map((x, i) => ({
            ...x,
            origin: `dyn/${i}`,
            entries: x.entries.map((e, j) => ({ ...e, origin: `dyn/${i}/${j}` })),
          })),
        }
      : {}),
    ...(ir.ipSlas ? { ipSlas: ir.ipSlas.map((x, i) => ({ ...x, origin: `sla/${i}` })) } : {}),
    extraLines: ir.extraLines.map((x, i) => ({ ...x, origin: `extra/${i}` })),
  };
}

const STRUCTURAL =
  /^(version |hostname |!$|end$|crypto isakmp aggressive-mode disable$|crypto engine compliance shield disable$|crypto isakmp identity |no crypto ikev2 (proposal|policy) default$)/;

/** Origin pattern -> what the lines of that element start with. */
const LINE_STARTS: readonly (readonly [RegExp, RegExp])[] = [
  [/^key\//, /^crypto isakmp key /],
  [/^route\//, /^ip route /],
  [/^policy\//, /^(crypto isakmp policy | )/],
  [/^map\/\d+\/\d+$/, /^(crypto map | )/],
  [/^group\//, /^(object-group | )/],
  [/^intf\//, /^(interface | )/],
  [/^keyring\//, /^(crypto keyring | )/],
  [/^profile\//, /^(crypto isakmp profile | )/],
  [/^trustpoint\//, /^(crypto (pki|ca) | )/],
  [/^dyn\/\d+\/\d+$/, /^(crypto dynamic-map | )/],
  [/^sla\//, /^(ip sla | )/],
  [/^keepalive$/, /^crypto isakmp keepalive /],
  [/^v2\//, /^(crypto ikev2 | )/],
];

describe('render source map', () => {
  it('GIVEN any IR whose elements all have origins WHEN rendered THEN each line maps to the element that produced it and only structural lines map to nothing', () => {
    fc.assert(
      fc.property(routerConfigArb.map(withOrigins), (ir) => {
        const { text, sourceMap } = renderConfig(ir);
        const lines = text.split('\n').slice(0, -1);
        expect(sourceMap.length).toBe(lines.length);
        lines.forEach((line, i) => {
          const origin = sourceMap[i];
          if (origin === undefined) {
            expect(line).toMatch(STRUCTURAL);
            return;
          }
          const rule = LINE_STARTS.find(([pattern]) => pattern.test(origin));
          if (rule !== undefined) expect(rule[1].test(line), `${origin}: ${line}`).toBe(true);
        });
        for (let k = 0; k < ir.isakmpKeys.length; k++)
          expect(sourceMap.filter((o) => o === `key/${k}`)).toHaveLength(1);
        for (let k = 0; k < ir.interfaces.length; k++)
          expect(lines[sourceMap.indexOf(`intf/${k}`)]).toBe(`interface ${ir.interfaces[k]!.name}`);
      }),
      { numRuns: 150 },
    );
  });
});
