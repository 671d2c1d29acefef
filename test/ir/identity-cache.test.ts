import { describe, expect, it } from 'vitest';
import { deepFreeze, IdentityCache } from '../../lib/ir/identity-cache.js';
import { parseConfig } from '../../lib/parse/index.js';

describe('identity caches and the immutability contract', () => {
  it('GIVEN a cache WHEN asked twice for one object and once for an equal copy THEN it computes once per object, undefined answers included', () => {
    const calls: object[] = [];
    const cache = new IdentityCache<{ n: number }, number | undefined>();
    const compute = (k: { n: number }) => {
      calls.push(k);
      return k.n > 0 ? k.n * 2 : undefined;
    };
    const a = { n: 2 };
    const zero = { n: 0 };
    expect(cache.get(a, compute)).toBe(4);
    expect(cache.get(a, compute)).toBe(4);
    expect(cache.get({ n: 2 }, compute)).toBe(4);
    expect(cache.get(zero, compute)).toBeUndefined();
    expect(cache.get(zero, compute)).toBeUndefined();
    expect(calls).toHaveLength(3);
  });

  it('GIVEN the test setup WHEN a config is parsed THEN it is deep-frozen and a write to it throws', () => {
    expect(process.env.HUBSPOKE_FREEZE_IR).toBe('1');
    const { config } = parseConfig(
      'hostname r1\ninterface Ethernet0\n ip address 10.0.0.1 255.255.255.0\nip route 0.0.0.0 0.0.0.0 10.0.0.2\n',
      { file: 'r1.cfg' },
    );
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.interfaces[0]!.address)).toBe(true);
    expect(() => (config.staticRoutes as unknown[]).push({})).toThrow(TypeError);
    expect(() => {
      (config.interfaces[0] as { shutdown: boolean }).shutdown = true;
    }).toThrow(TypeError);
  });

  it('GIVEN a structure with shared and nested objects WHEN deep-frozen THEN every reachable object is frozen', () => {
    const shared = { x: [1, { y: 2 }] };
    const root = deepFreeze({ a: shared, b: [shared, { c: new Array(3).fill({ d: 1 }) }] });
    expect(Object.isFrozen(root.b[1])).toBe(true);
    expect(Object.isFrozen(root.a.x[1] as object)).toBe(true);
    expect(Object.isFrozen((root.b[1] as { c: object[] }).c[2])).toBe(true);
  });
});
