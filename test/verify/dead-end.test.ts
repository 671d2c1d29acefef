/**
 * The dead-end shortcut (`lib/verify/prove/dead-end.ts`) against the plain pair walk: on random
 * networks (the reference lab, edited, plus unconnected routers with random routes to LANs, Null0,
 * next hops that do not resolve, missing interfaces, interface lists and unmodelled lines), both
 * give every pair the same state and problems, and the same findings with the same subjects and
 * pair counts. The shortcut may only conclude "broken for reason X" where the walk does.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PairWalk } from '../../lib/verify/prove/path-walk.js';
import { verifyNetwork, type ProofOptions } from '../../lib/verify/prove/verify-network.js';
import { parseLab, replaceLine, seedLab, type Lab } from './labs.js';

/** Prefixes routes point at: the lab's sites and WANs, the extra routers' LANs, summaries, halves. */
const PREFIXES = [
  '0.0.0.0 0.0.0.0',
  '10.0.0.0 255.0.0.0',
  '10.201.0.0 255.255.0.0',
  '10.201.1.0 255.255.255.0',
  '10.201.1.0 255.255.255.128',
  '10.202.0.0 255.255.255.0',
  '172.16.0.0 255.255.0.0',
  '172.16.1.0 255.255.255.0',
  '192.168.1.0 255.255.255.0',
  '192.168.1.128 255.255.255.128',
];

interface Extra {
  readonly lans: number;
  readonly routes: readonly (readonly [number, number, number])[];
  readonly filtered: boolean;
  readonly unmodelled: boolean;
  readonly shut: boolean;
}

const extraArb: fc.Arbitrary<Extra> = fc.record({
  lans: fc.integer({ min: 1, max: 2 }),
  routes: fc.array(
    fc.tuple(
      fc.integer({ min: 0, max: PREFIXES.length - 1 }),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 0, max: 3 }),
    ),
    { maxLength: 3 },
  ),
  // Most extra routers are plain (the shortcut's case); some have what makes it decline.
  filtered: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
  unmodelled: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
  shut: fc.boolean(),
});

/** An extra router k: its LANs in 10.20k.x.0/24 (router 1's second LAN overlaps the lab's spoke 1 LAN). */
function extraRouter(k: number, e: Extra): string {
  const lines = [`hostname X${k}`];
  for (let l = 0; l < e.lans; l += 1) {
    const net = k === 1 && l === 1 ? '172.16.1.0' : `10.20${k}.${l}.0`;
    lines.push(`interface Ethernet${l}`, ` ip address ${net.replace(/0$/, '1')} 255.255.255.0`);
    if (e.filtered && l === 0) lines.push(' ip access-group 1 in');
    if (e.shut && l === 1) lines.push(' shutdown');
  }
  for (const [p, target, extra] of e.routes) {
    const via = [
      `Ethernet0`,
      'Null0',
      `10.20${k}.0.254`,
      '10.99.99.1',
      'Ethernet7',
      `Ethernet${e.lans - 1}`,
      `10.20${k}.1.254`,
    ][target]!;
    const tail = ['', ' 250', ' permanent', ' 255'][extra]!;
    lines.push(`ip route ${PREFIXES[p]} ${via}${tail}`);
  }
  if (e.filtered) lines.push('access-list 1 permit any');
  if (e.unmodelled) lines.push('router ospf 1', ' network 10.0.0.0 0.255.255.255 area 0');
  return `${lines.join('\n')}\nend\n`;
}

/** Edits of the reference lab: a spoke without its crypto map, a hub route removed, a Null0 route. */
function editedLab(edits: readonly number[]): Lab {
  let lab = seedLab('three-spokes');
  for (const e of edits) {
    if (e === 1) lab = { ...lab, 'spoke1.cfg': replaceLine(lab['spoke1.cfg']!, ' crypto map mymap', []) };
    if (e === 2)
      lab = { ...lab, 'hub.cfg': lab['hub.cfg']!.replace('ip route 192.168.1.0 255.255.255.0 Ethernet1\n', '') };
    if (e === 3)
      lab = {
        ...lab,
        'spoke3.cfg': lab['spoke3.cfg']!.replace(
          'ip classless\n',
          'ip classless\nip route 10.201.0.0 255.255.0.0 Null0\n',
        ),
      };
    if (e === 4)
      lab = {
        ...lab,
        'spoke2.cfg': lab['spoke2.cfg']!.replace(
          'ip classless\n',
          'ip classless\nip route 10.202.0.0 255.255.255.0 Ethernet0\n',
        ),
      };
  }
  return lab;
}

const networkArb = fc.record({
  withLab: fc.boolean(),
  edits: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
  extras: fc.array(extraArb, { minLength: 1, maxLength: 5 }),
});

function networkOf(n: { withLab: boolean; edits: readonly number[]; extras: readonly Extra[] }): Lab {
  const lab: Lab = n.withLab ? editedLab(n.edits) : {};
  n.extras.forEach((e, k) => (lab[`x${k + 1}.cfg`] = extraRouter(k + 1, e)));
  return lab;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('dead-end shortcut', () => {
  it('GIVEN random networks WHEN proven with and without the shortcut THEN every pair, finding, subject and count is identical', () => {
    const walks = vi.spyOn(PairWalk.prototype, 'run');
    const walked = { plain: 0, shortcut: 0 };
    const counted = <T>(key: keyof typeof walked, run: () => T): T => {
      const before = walks.mock.calls.length;
      const out = run();
      walked[key] += walks.mock.calls.length - before;
      return out;
    };
    fc.assert(
      fc.property(networkArb, (n) => {
        const files = parseLab(networkOf(n));
        for (const options of [
          {},
          { brokenOnly: true },
          { brokenOnly: true, maxPairs: 3 },
          { maxPairs: 2 },
        ] satisfies ProofOptions[]) {
          const plain = counted('plain', () => verifyNetwork(files, { ...options, deadEnds: false }));
          expect(counted('shortcut', () => verifyNetwork(files, options))).toEqual(plain);
        }
      }),
      { numRuns: 50, seed: 20260513 },
    );
    // The shortcut did decide pairs (about a fifth of these: pairs with a lab device are walked).
    expect(walked.plain - walked.shortcut).toBeGreaterThan(500);
  });

  it('GIVEN unconnected routers WHEN proven THEN no pair is walked, and each router has one NO_ROUTE naming its smallest destinations', () => {
    const lab: Lab = {};
    for (let k = 0; k < 12; k += 1)
      lab[`r${k}.cfg`] = `hostname R${k}\ninterface Ethernet0\n ip address 10.0.${k}.1 255.255.255.0\nend\n`;
    const walks = vi.spyOn(PairWalk.prototype, 'run');
    const r = verifyNetwork(parseLab(lab), { brokenOnly: true, maxPairs: 10 });
    expect(walks).not.toHaveBeenCalled();
    expect(r.summary).toMatchObject({ pairs: 132, broken: 132, errors: 12 });
    expect(r.pairs).toHaveLength(10);
    expect(r.unlisted).toEqual({ broken: 122, unverified: 0, covered: 0 });
    const f = r.findings.find((x) => x.device === 'R5')!;
    expect(f).toMatchObject({
      code: 'NO_ROUTE',
      line: 0,
      brokenPairs: 22,
      examples: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
    });
    expect(f.message).toBe('R5 has no route to 10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24 and more');
    // Listed pairs point at the findings as the result states them.
    expect(r.pairs[0]!.problems).toEqual([
      r.findings.find((x) => x.device === 'R0'),
      r.findings.find((x) => x.device === 'R1'),
    ]);
  });
});
