/**
 * An Interface's description escape hatch (`setDescription`, used by `hubspoke import` for a
 * pattern's tunnel described otherwise): the rendered text parses back to it, and bad text is
 * refused naming the path and the property.
 */
import { describe, expect, it } from 'vitest';
import { Interface } from '../../lib/constructs/interface.js';
import { parseConfig } from '../../lib/parse/index.js';
import { renderConfig } from '../../lib/render/index.js';
import { newRouter } from './helpers.js';

describe('GIVEN an interface with a description', () => {
  it('WHEN setDescription replaces it or removes it THEN the text parses back to that', () => {
    const { router } = newRouter();
    const i = new Interface(router, 'Wan', { name: 'GigabitEthernet1', address: '192.0.2.11/24', description: 'old' });
    i.setDescription('to Hub');
    expect(i.description).toBe('to Hub');
    const parsed = () => parseConfig(renderConfig(router.toIr()).text, { file: 'r.cfg' }).config.interfaces[0]!;
    expect(parsed().description).toBe('to Hub');
    i.setDescription(undefined);
    expect(parsed().description).toBeUndefined();
  });

  it('WHEN the text is not one line THEN it is refused with the path and the property', () => {
    const { router } = newRouter();
    const i = new Interface(router, 'Wan', { name: 'GigabitEthernet1', address: '192.0.2.11/24' });
    expect(() => i.setDescription('a\nb')).toThrow(/Wan: description/);
  });
});
