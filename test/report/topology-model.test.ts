import { describe, expect, it } from 'vitest';
import { layoutTopology, layoutTopologySync, ringSizes } from '../../lib/report/topology-layout.js';
import { buildTopologyModel } from '../../lib/report/topology-model.js';
import { topologySvg } from '../../lib/report/topology-svg.js';
import { bigNetwork, brokenLab, provenLab } from './sample-results.js';

describe('topology model', () => {
  it('draws one node per device and one tunnel per spoke in a small network', () => {
    const model = buildTopologyModel(provenLab());
    expect(model.grouped).toBe(false);
    expect(model.nodes.map((n) => n.title)).toEqual(['Hub', 'Spoke1', 'Spoke2', 'Spoke3']);
    expect(model.edges.map((e) => [e.source, e.target, e.pairs, e.broken])).toEqual([
      ['node-g1', 'node-g0', 6, 0],
      ['node-g2', 'node-g0', 6, 0],
      ['node-g3', 'node-g0', 6, 0],
    ]);
  });

  it('marks the tunnels of both ends when the fault is on the hub', () => {
    const model = buildTopologyModel(brokenLab());
    expect(model.edges.map((e) => e.broken)).toEqual([1, 0, 1]);
    expect(model.nodes.find((n) => n.title === 'Hub')).toMatchObject({ errors: 1, alert: '1 error here' });
  });

  it('marks only the faulty spoke tunnel when the fault is on a spoke, not every tunnel its pairs reach', () => {
    // GIVEN pairs Spoke3 -> Spoke4 broken by an error on Spoke3
    const model = buildTopologyModel(bigNetwork(10, [3]));
    const broken = model.edges.filter((e) => e.broken > 0);
    expect(broken.map((e) => e.source)).toEqual([model.nodes.find((n) => n.title === 'Spoke3')!.id]);
    // and Spoke4 still counts the broken pair through it, without an error of its own
    expect(model.nodes.find((n) => n.title === 'Spoke4')).toMatchObject({ broken: 1, errors: 0 });
  });

  it('groups 200 spokes into 12 nodes whose tunnels carry all pairs of their members', () => {
    const input = bigNetwork(200, [3]);
    const model = buildTopologyModel(input);
    expect(model.grouped).toBe(true);
    expect(model.nodes).toHaveLength(13);
    const first = model.nodes[1]!;
    expect(first.title).toBe('Spoke1 – Spoke17');
    // 17 member sites: 17*200 pairs from them, plus 17*(201-17) into them from outside
    expect(first.pairs).toBe(17 * 200 + 17 * 184);
    expect(first.alert).toBe('1 device with errors');
  });

  it('lays the picture out into non-overlapping boxes, deterministically', async () => {
    const model = buildTopologyModel(bigNetwork(200, [3, 70]));
    const a = await layoutTopology(model);
    const b = await layoutTopology(model);
    expect(topologySvg(a)).toBe(topologySvg(b));
    for (const p of a.nodes) {
      for (const q of a.nodes) {
        if (p === q) continue;
        const apart = p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
        expect(apart, `${p.node.title} overlaps ${q.node.title}`).toBe(true);
      }
      expect(p.x + p.width).toBeLessThanOrEqual(a.width);
      expect(p.y + p.height).toBeLessThanOrEqual(a.height);
    }
  });
});

describe('topology layout of unusual networks', () => {
  function noOverlap(nodes: readonly { x: number; y: number; width: number; height: number }[]): boolean {
    return nodes.every((p, i) =>
      nodes.every(
        (q, j) =>
          i === j || p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y,
      ),
    );
  }

  it('places a device outside the star (role other) beside it, unconnected', async () => {
    const base = provenLab();
    const input = {
      ...base,
      devices: [...base.devices, { hostname: 'Lab-Switch', file: 'sw.cfg', role: 'other' as const }],
    };
    const layout = await layoutTopology(buildTopologyModel(input));
    expect(layout.nodes.map((p) => p.node.title)).toEqual(['Hub', 'Spoke1', 'Spoke2', 'Spoke3', 'Lab-Switch']);
    expect(layout.model.edges).toHaveLength(3);
    expect(noOverlap(layout.nodes)).toBe(true);
  });

  it('draws two hubs on top, each spoke tied to the hub it names', async () => {
    const base = provenLab();
    const devices = [
      ...base.devices.map((d) => (d.role === 'spoke' ? { ...d, hub: d.hostname === 'Spoke3' ? 'Hub2' : 'Hub' } : d)),
      { hostname: 'Hub2', file: 'hub2.cfg', role: 'hub' as const },
    ];
    const model = buildTopologyModel({ ...base, devices });
    const title = (id: string) => model.nodes.find((n) => n.id === id)!.title;
    expect(model.edges.map((e) => `${title(e.source)}-${title(e.target)}`)).toEqual([
      'Spoke1-Hub',
      'Spoke2-Hub',
      'Spoke3-Hub2',
    ]);
    const layout = await layoutTopology(model);
    const y = (t: string) => layout.nodes.find((p) => p.node.title === t)!.y;
    expect(y('Hub')).toBeLessThan(y('Spoke1'));
    expect(y('Hub2')).toBeLessThan(y('Spoke3'));
    expect(noOverlap(layout.nodes)).toBe(true);
  });
});

describe('fault location from the proof path', () => {
  it('marks only the leg whose hop broke when the pair carries its path', () => {
    // GIVEN Spoke1 -> Spoke3 broken on the hub, with a path whose hub hop (towards Spoke3) failed
    const base = brokenLab();
    const pairs = base.pairs.map((p) =>
      p.from === 'Spoke1' && p.to === 'Spoke3'
        ? {
            ...p,
            path: {
              hops: [
                {
                  device: 'Spoke1',
                  tunnelTo: 'Hub',
                  steps: [
                    { kind: 'acl line', text: 'access-list 110 permit ip 172.16.1.0 0.0.0.255 172.16.2.0 0.0.0.255' },
                  ],
                },
                {
                  device: 'Hub',
                  tunnelTo: 'Spoke3',
                  steps: [{ kind: 'acl line', text: 'access-list 130 (no line for 172.16.1.0/24)', ok: false }],
                },
              ],
            },
          }
        : p,
    );
    // WHEN the picture is built
    const model = buildTopologyModel({ ...base, pairs });
    // THEN only the Hub - Spoke3 tunnel is red
    expect(model.edges.map((e) => e.broken)).toEqual([0, 0, 1]);
  });
});

describe('hub-and-spoke layout', () => {
  const centreOf = (p: { x: number; y: number; width: number; height: number }) => ({
    x: p.x + p.width / 2,
    y: p.y + p.height / 2,
  });
  const inside = (l: { x: number; y: number }, p: { x: number; y: number; width: number; height: number }) =>
    l.x > p.x && l.x < p.x + p.width && l.y > p.y && l.y < p.y + p.height;

  it('GIVEN spoke counts WHEN split into rings THEN as few rings of at most 12 as hold them, outer rings taking the remainder', () => {
    expect(ringSizes(5)).toEqual([5]);
    expect(ringSizes(12)).toEqual([12]);
    expect(ringSizes(13)).toEqual([6, 7]);
    expect(ringSizes(24)).toEqual([12, 12]);
  });

  it.each([5, 12, 20, 24])(
    'GIVEN one hub and %i spokes WHEN laid out THEN the hub is in the centre, spokes around it, no box overlaps and every label is in the open',
    (n) => {
      const layout = layoutTopologySync(buildTopologyModel(bigNetwork(n, [3])));
      const hub = layout.nodes.find((p) => p.node.role === 'hub')!;
      const spokes = layout.nodes.filter((p) => p.node.role === 'spoke');
      const c = centreOf(hub);
      // centred: as much picture left as right of the hub, and above as below (within a box's size)
      expect(Math.abs(c.x - layout.width / 2)).toBeLessThan(hub.width);
      expect(Math.abs(c.y - layout.height / 2)).toBeLessThan(hub.height);
      // around: spokes on every side of the hub
      expect(spokes.some((s) => centreOf(s).x < c.x) && spokes.some((s) => centreOf(s).x > c.x)).toBe(true);
      expect(spokes.some((s) => centreOf(s).y < c.y) && spokes.some((s) => centreOf(s).y > c.y)).toBe(true);
      for (const [i, p] of layout.nodes.entries()) {
        for (const q of layout.nodes.slice(i + 1)) {
          expect(
            p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y,
            `${p.node.title} overlaps ${q.node.title}`,
          ).toBe(true);
        }
      }
      expect(layout.labels).toHaveLength(n);
      for (const l of layout.labels)
        expect(
          layout.nodes.filter((p) => inside(l, p)).map((p) => p.node.title),
          l.edge,
        ).toEqual([]);
    },
  );

  it('GIVEN the same model twice WHEN laid out synchronously and through the promise THEN the layouts are equal', async () => {
    const model = buildTopologyModel(bigNetwork(17, [2]));
    expect(await layoutTopology(model)).toEqual(layoutTopologySync(model));
  });

  it('GIVEN a hub with four spokes WHEN laid out THEN the hub is above a row of its spokes, in model order', () => {
    const layout = layoutTopologySync(buildTopologyModel(bigNetwork(4, [])));
    const [hub, ...spokes] = layout.nodes;
    expect(spokes.every((s) => s.y > hub!.y + hub!.height)).toBe(true);
    expect(spokes.map((s) => s.x)).toEqual([...spokes.map((s) => s.x)].sort((a, b) => a - b));
  });
});
