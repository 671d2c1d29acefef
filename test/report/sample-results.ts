// Proof results built in the test, shaped like `VerifyResult` of lib/verify, for unit tests of
// the report formats (the end-to-end test runs the real verifier on real configs).
import type {
  ReportDevice,
  ReportInput,
  ReportPair,
  ReportProblem,
  ReportSite,
} from '../../lib/report/report-input.js';

/** The reference lab: hub plus three spokes, one LAN each. */
export const LAB_DEVICES: readonly ReportDevice[] = [
  {
    hostname: 'Hub',
    file: 'three-spokes/hub.cfg',
    role: 'hub',
    platform: 'ios-12.2',
    wan: [{ interface: 'Ethernet1', address: '10.1.4.1/24' }],
  },
  {
    hostname: 'Spoke1',
    file: 'three-spokes/spoke1.cfg',
    role: 'spoke',
    platform: 'ios-12.2',
    wan: [{ interface: 'Ethernet1', address: '10.1.2.1/24' }],
  },
  {
    hostname: 'Spoke2',
    file: 'three-spokes/spoke2.cfg',
    role: 'spoke',
    platform: 'ios-12.2',
    wan: [{ interface: 'Ethernet1', address: '10.1.3.1/24' }],
  },
  {
    hostname: 'Spoke3',
    file: 'three-spokes/spoke3.cfg',
    role: 'spoke',
    platform: 'ios-12.2',
    wan: [{ interface: 'Ethernet1', address: '10.1.5.1/24' }],
  },
];

export const LAB_SITES: readonly ReportSite[] = [
  { device: 'Hub', network: '10.1.1.0/24' },
  { device: 'Spoke1', network: '172.16.1.0/24' },
  { device: 'Spoke2', network: '192.168.1.0/24' },
  { device: 'Spoke3', network: '172.16.2.0/24' },
];

/** A missing hub ACL line: Spoke1 -> Spoke3 is not protected on the hub. */
export const MISSING_ACL_LINE: ReportProblem = {
  code: 'NOT_PROTECTED',
  severity: 'error',
  device: 'Hub',
  file: 'three-spokes/hub.cfg',
  line: 49,
  message:
    'Traffic 172.16.1.0/24 -> 172.16.2.0/24 leaves Ethernet1 in clear text: no entry of crypto map mymap permits it (ACL 130 has no line for it).',
  hint: 'Add a permit line for 172.16.1.0/24 -> 172.16.2.0/24 to the crypto ACL of the entry for the right peer on Hub.',
};

export const WEAK: ReportProblem = {
  code: 'WEAK_CRYPTO',
  severity: 'warning',
  device: 'Hub',
  file: 'three-spokes/hub.cfg',
  line: 10,
  message: 'crypto isakmp policy 10 uses DES, MD5 and DH group 1.',
  hint: 'Use AES-256 (or esp-gcm 256), SHA-256 or better, and DH group 14, 19 or 20.',
};

function labPairs(broken: (from: string, to: string) => readonly ReportProblem[]): ReportPair[] {
  const pairs: ReportPair[] = [];
  for (const a of LAB_SITES) {
    for (const b of LAB_SITES) {
      if (a.device === b.device) continue;
      const problems = broken(a.device, b.device);
      pairs.push({
        from: a.device,
        to: b.device,
        fromNetwork: a.network,
        toNetwork: b.network,
        covered: problems.length === 0,
        problems,
      });
    }
  }
  return pairs;
}

function result(pairs: ReportPair[], findings: ReportProblem[]): ReportInput {
  const broken = pairs.filter((p) => !p.covered).length;
  return {
    devices: LAB_DEVICES,
    sites: LAB_SITES,
    pairs,
    findings,
    summary: {
      pairs: pairs.length,
      covered: pairs.length - broken,
      broken,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    },
    ok: broken === 0 && !findings.some((f) => f.severity === 'error'),
    siteSource: 'inferred',
  };
}

/** The lab as proven: 12 covered pairs and the weak-crypto warning. */
export function provenLab(): ReportInput {
  return result(
    labPairs(() => []),
    [WEAK],
  );
}

/** The lab with the hub missing one ACL line: Spoke1 -> Spoke3 broken. */
export function brokenLab(): ReportInput {
  return result(
    labPairs((from, to) => (from === 'Spoke1' && to === 'Spoke3' ? [MISSING_ACL_LINE] : [])),
    [MISSING_ACL_LINE, WEAK],
  );
}

/** A summarized hub with `n` spokes; pairs from `SpokeK` to `SpokeK+1` are broken for every K in `brokenFrom`. */
export function bigNetwork(n: number, brokenFrom: readonly number[], brokenOnly = false): ReportInput {
  const devices: ReportDevice[] = [
    {
      hostname: 'Hub',
      file: 'hub.cfg',
      role: 'hub',
      platform: 'ios-xe-17',
      wan: [{ interface: 'GigabitEthernet1', address: '192.0.2.1/24' }],
    },
  ];
  const sites: ReportSite[] = [{ device: 'Hub', network: '10.0.0.0/24' }];
  for (let i = 1; i <= n; i++) {
    devices.push({
      hostname: `Spoke${i}`,
      file: `spoke${i}.cfg`,
      role: 'spoke',
      platform: 'ios-xe-17',
      wan: [{ interface: 'GigabitEthernet1', address: `198.51.${Math.floor(i / 250)}.${i % 250}/24` }],
    });
    sites.push({ device: `Spoke${i}`, network: `10.${Math.floor(i / 250) + 1}.${i % 250}.0/24` });
  }
  const brokenSet = new Set(brokenFrom.map((k) => `Spoke${k}>Spoke${k + 1}`));
  const findings: ReportProblem[] = [];
  const pairs: ReportPair[] = [];
  for (const a of sites) {
    for (const b of sites) {
      if (a.device === b.device) continue;
      const isBroken = brokenSet.has(`${a.device}>${b.device}`);
      const problems: ReportProblem[] = [];
      if (isBroken) {
        const p: ReportProblem = {
          code: 'NO_ROUTE',
          severity: 'error',
          device: a.device,
          file: `${a.device.toLowerCase()}.cfg`,
          line: 0,
          message: `${a.device} has no route for ${b.network}.`,
          hint: `Add a route for ${b.network} out of the crypto-map interface on ${a.device}.`,
        };
        problems.push(p);
        findings.push(p);
      }
      if (isBroken || !brokenOnly)
        pairs.push({
          from: a.device,
          to: b.device,
          fromNetwork: a.network,
          toNetwork: b.network,
          covered: !isBroken,
          problems,
        });
    }
  }
  const total = sites.length * (sites.length - 1);
  return {
    devices,
    sites,
    pairs,
    findings,
    summary: {
      pairs: total,
      covered: total - brokenSet.size,
      broken: brokenSet.size,
      errors: findings.length,
      warnings: 0,
    },
    ok: brokenSet.size === 0,
    siteSource: 'inferred',
  };
}
