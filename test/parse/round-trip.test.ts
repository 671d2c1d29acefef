import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripProvenance } from '../../lib/ir/strip-provenance.js';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig, renderedForm } from '../../lib/render/index.js';
import { routerConfigArb } from './ir-arbitraries.js';

describe('parse(render(ir)) round trip', () => {
  it('GIVEN any well-formed IR on any platform WHEN rendered and parsed back THEN the IR is what the renderer printed, without errors', () => {
    fc.assert(
      fc.property(routerConfigArb, (ir) => {
        const { text } = renderConfig(ir);
        const { config, diagnostics } = parseConfig(text, { file: 'gen.cfg' });
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(diagnostics.filter((d) => d.severity === 'warning' && d.code !== 'NOT_MODELLED')).toEqual([]);
        expect(stripProvenance(config)).toEqual(stripProvenance(renderedForm(ir)));
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN any well-formed IR WHEN rendered, parsed and rendered again THEN the two texts are identical', () => {
    fc.assert(
      fc.property(routerConfigArb, (ir) => {
        const first = renderConfig(ir).text;
        expect(renderConfig(parseConfig(first).config).text).toBe(first);
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN a parsed config WHEN inspected THEN every element carries the file and a line number', () => {
    fc.assert(
      fc.property(routerConfigArb, (ir) => {
        const { config } = parseConfig(renderConfig(ir).text, { file: 'gen.cfg' });
        const located = [
          ...config.interfaces,
          ...config.staticRoutes,
          ...config.accessLists,
          ...config.accessLists.flatMap((a) => a.entries),
          ...config.isakmpPolicies,
          ...config.isakmpKeys,
          ...(config.keyrings ?? []),
          ...(config.keyrings ?? []).flatMap((k) => k.keys),
          ...(config.isakmpProfiles ?? []),
          ...(config.isakmpProfiles ?? []).flatMap((p) => [...p.keyrings, ...p.matchIdentities]),
          ...(config.trustpoints ?? []),
          ...config.transformSets,
          ...config.cryptoMaps,
          ...config.cryptoMaps.flatMap((m) => m.entries),
          ...config.extraLines,
        ];
        for (const el of located) {
          expect(el.loc?.file).toBe('gen.cfg');
          expect(el.loc!.line).toBeGreaterThan(0);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('flattened rendering', () => {
  it('GIVEN any rendered config WHEN all indentation is removed THEN it parses to the same IR (sub-modes recognised by their commands)', () => {
    fc.assert(
      fc.property(routerConfigArb, (ir) => {
        const text = renderConfig(ir).text;
        const flat = text
          .split('\n')
          .map((l) => l.trimStart())
          .join('\n');
        expect(stripProvenance(parseConfig(flat).config)).toEqual(stripProvenance(parseConfig(text).config));
      }),
      { numRuns: 200 },
    );
  });
});

describe('damaged rendered configs', () => {
  it('GIVEN a rendered config with lines dropped, duplicated or cut WHEN parsed THEN it never throws nor reports an internal error', () => {
    fc.assert(
      fc.property(
        routerConfigArb,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'dup', 'cut', 'junk')), { maxLength: 8 }),
        (ir, edits) => {
          const lines = renderConfig(ir).text.split('\n');
          for (const [at, op] of edits) {
            if (lines.length === 0) break;
            const i = at % lines.length;
            const line = lines[i]!;
            if (op === 'drop') lines.splice(i, 1);
            else if (op === 'dup') lines.splice(i, 0, line);
            else if (op === 'cut') lines[i] = line.slice(0, Math.floor(line.length / 2));
            else lines[i] = `${line} \u0000\uFFFD ^C`;
          }
          const { diagnostics } = parseConfig(lines.join('\n'));
          expect(diagnostics.some((d) => d.code === 'INTERNAL')).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
