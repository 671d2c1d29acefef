import { describe, expect, it } from 'vitest';
import { formatTopology, parseTopology, TOPOLOGY_SCHEMA_URL, type Topology } from '../../lib/ir/topology.js';

const base: Topology = {
  format: 'hubspoke-topology',
  version: 1,
  stack: 'lab',
  devices: [
    {
      hostname: 'Hub',
      file: 'Hub.cfg',
      platform: 'ios-12.2',
      role: 'hub',
      sites: ['10.1.1.0/24'],
      wan: [{ interface: 'Ethernet1', address: '10.1.4.1/24' }],
    },
  ],
  underlay: { segments: [{ name: 'wan', members: [{ device: 'Hub', interface: 'Ethernet1' }] }] },
};

describe('topology.json text', () => {
  it('GIVEN source ranges WHEN formatted THEN the text parses back to the same topology and holds one range per line', () => {
    const topology: Topology = {
      ...base,
      sourceRanges: {
        'Hub.cfg': [
          [5, 7, 'lab/Hub/Policy'],
          [8, 8, 'lab/Hub/Key "a"'],
        ],
        'Empty.cfg': [],
      },
    };
    const text = formatTopology(topology);
    expect(parseTopology(text)).toEqual({ $schema: TOPOLOGY_SCHEMA_URL, ...topology });
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        '      [5,7,"lab/Hub/Policy"],',
        '      [8,8,"lab/Hub/Key \\"a\\""]',
        '    "Empty.cfg": []',
      ]),
    );
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('GIVEN no source ranges, or none per file WHEN formatted THEN it is plain indented JSON', () => {
    expect(formatTopology(base)).toBe(`${JSON.stringify({ $schema: TOPOLOGY_SCHEMA_URL, ...base }, null, 2)}\n`);
    const empty = formatTopology({ ...base, sourceRanges: {} });
    expect(JSON.parse(empty)).toEqual({ $schema: TOPOLOGY_SCHEMA_URL, ...base, sourceRanges: {} });
    // A $schema read from another file is replaced by this release's: the output depends on the topology only.
    expect(formatTopology({ $schema: 'https://example.com/old.json', ...base })).toBe(formatTopology(base));
  });
});
