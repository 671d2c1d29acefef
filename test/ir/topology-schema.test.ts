import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../lib/app/synth.js';
import { parseTopology, TOPOLOGY_SCHEMA_URL, topologyJsonSchema } from '../../lib/ir/topology.js';
import { seedLabStack } from '../fixtures/seed-lab-stack.js';
import { hubAndSpokes } from '../patterns/fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SHIPPED = join(ROOT, 'schema', 'topology.schema.json');

interface Validator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}
const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js') as {
  Ajv2020: new (options: object) => { compile(schema: object): Validator };
};
const shipped = JSON.parse(readFileSync(SHIPPED, 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(shipped);

function problems(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** topology.json as synth writes it, for stacks that use every part of the format. */
const written = [
  [
    'the reference lab (IOS 12.2, numbered ACLs, underlay routes)',
    synthesizeStack(seedLabStack().stack).files.get('topology.json')!,
  ],
  [
    'a summarized hub with site pools',
    synthesizeStack(hubAndSpokes(3, { aclMode: 'summarized', sitePools: ['10.0.0.0/8'] }).stack).files.get(
      'topology.json',
    )!,
  ],
] as const;

describe('the JSON Schema of topology.json', () => {
  it('GIVEN the shipped schema/topology.schema.json WHEN compared with the one generated from the zod schema THEN it is current (npm run schema writes it)', () => {
    expect(readFileSync(SHIPPED, 'utf8'), 'schema/topology.schema.json is stale: run npm run schema').toBe(
      `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`,
    );
    expect(shipped['$id']).toBe(TOPOLOGY_SCHEMA_URL);
  });

  it('GIVEN the package manifest WHEN read THEN the schema is shipped and importable as hubspoke/schema/topology.schema.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      files: string[];
      exports: Record<string, unknown>;
    };
    expect(pkg.files).toContain('schema');
    expect(pkg.exports['./schema/topology.schema.json']).toBe('./schema/topology.schema.json');
  });

  it.each(written)(
    'GIVEN topology.json of %s WHEN validated with ajv THEN it conforms, names the schema first and still parses',
    (_what, text) => {
      const data = JSON.parse(text) as Record<string, unknown>;
      expect(problems(data)).toEqual([]);
      expect(Object.keys(data)[0]).toBe('$schema');
      expect(data['$schema']).toBe(TOPOLOGY_SCHEMA_URL);
      expect(parseTopology(text).devices.length).toBeGreaterThan(1);
    },
  );

  it('GIVEN files that break the format WHEN validated THEN the schema refuses them (a misspelt field, another version, a device without role, a range of two numbers)', () => {
    const data = JSON.parse(written[1][1]) as Record<string, unknown> & { devices: Record<string, unknown>[] };
    expect(problems({ ...data, exlcude: ['Loopback0'] })).toEqual(['/ must NOT have additional properties']);
    expect(problems({ ...data, version: 2 })).toEqual(['/version must be equal to constant']);
    const { role: _role, ...roleless } = data.devices[0]!;
    expect(problems({ ...data, devices: [roleless] })).toEqual(["/devices/0 must have required property 'role'"]);
    expect(problems({ ...data, sourceRanges: { 'hub.cfg': [[1, 2]] } })).toEqual([
      '/sourceRanges/hub.cfg/0 must NOT have fewer than 3 items',
    ]);
    expect(problems({ ...data, pools: ['10.0.0.0'] })).toEqual([
      '/pools/0 must match pattern "^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$"',
    ]);
  });
});
