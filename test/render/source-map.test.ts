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
    extraLines: ir.extraLines.map((x, i) => ({ ...x, origin: `extra/${i}` })),
  };
}

const STRUCTURAL =
  /^(version |hostname |!$|end$|crypto isakmp aggressive-mode disable$|crypto engine compliance shield disable$|crypto isakmp identity )/;

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
          if (origin.startsWith('key/')) expect(line.startsWith('crypto isakmp key ')).toBe(true);
          if (origin.startsWith('route/')) expect(line.startsWith('ip route ')).toBe(true);
          if (origin.startsWith('policy/'))
            expect(line.startsWith('crypto isakmp policy ') || line.startsWith(' ')).toBe(true);
          if (/^map\/\d+\/\d+$/.test(origin)) expect(line.startsWith('crypto map ') || line.startsWith(' ')).toBe(true);
          if (origin.startsWith('group/')) expect(line.startsWith('object-group ') || line.startsWith(' ')).toBe(true);
          if (origin.startsWith('intf/')) expect(line.startsWith('interface ') || line.startsWith(' ')).toBe(true);
          if (origin.startsWith('keyring/'))
            expect(line.startsWith('crypto keyring ') || line.startsWith(' ')).toBe(true);
          if (origin.startsWith('profile/'))
            expect(line.startsWith('crypto isakmp profile ') || line.startsWith(' ')).toBe(true);
          if (origin.startsWith('trustpoint/'))
            expect(/^crypto (pki|ca) /.test(line) || line.startsWith(' ')).toBe(true);
          if (origin === 'keepalive') expect(line.startsWith('crypto isakmp keepalive ')).toBe(true);
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
