import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../lib/report/junit.js';
import type { ReportInput } from '../../lib/report/report-input.js';
import { bigNetwork, brokenLab, provenLab } from './sample-results.js';

interface Case {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_message': string; '#text': string };
  'system-out'?: string;
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  testcase?: Case[];
}

function parse(xml: string): { root: Record<string, string>; suites: Suite[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'testcase' || name === 'testsuite',
  }).parse(xml) as {
    testsuites: Record<string, string> & { testsuite: Suite[] };
  };
  return { root: doc.testsuites, suites: doc.testsuites.testsuite };
}

describe('renderJunit', () => {
  it('writes one passing testcase per ordered pair of the proven lab', () => {
    const { root, suites } = parse(renderJunit(provenLab()));
    const pairs = suites.find((s) => s['@_name'] === 'site pairs')!;
    expect(pairs.testcase).toHaveLength(12);
    expect(pairs['@_tests']).toBe('12');
    expect(pairs['@_failures']).toBe('0');
    expect(pairs.testcase!.every((c) => c.failure === undefined)).toBe(true);
    expect(pairs.testcase!.map((c) => c['@_name'])).toContain('Spoke1 172.16.1.0/24 -> Spoke3 172.16.2.0/24');
    expect(root['@_failures']).toBe('0');
  });

  it('fails the broken pair with its problem code, location, message and hint', () => {
    const { root, suites } = parse(renderJunit(brokenLab()));
    const pairs = suites.find((s) => s['@_name'] === 'site pairs')!;
    const failed = pairs.testcase!.filter((c) => c.failure !== undefined);
    expect(failed.map((c) => c['@_name'])).toEqual(['Spoke1 172.16.1.0/24 -> Spoke3 172.16.2.0/24']);
    expect(failed[0]!['@_classname']).toBe('hubspoke.pairs.Spoke1');
    expect(failed[0]!.failure!['@_message']).toBe('NOT_PROTECTED');
    expect(failed[0]!.failure!['#text']).toContain(
      'error NOT_PROTECTED Hub three-spokes/hub.cfg:49: Traffic 172.16.1.0/24 -> 172.16.2.0/24',
    );
    expect(failed[0]!.failure!['#text']).toContain('fix: Add a permit line');
    expect(root['@_failures']).toBe('1');
  });

  it('lists findings no pair carries (the weak-crypto warning) without failing on warnings', () => {
    const { suites } = parse(renderJunit(brokenLab()));
    const findings = suites.find((s) => s['@_name'] === 'findings')!;
    expect(findings.testcase!.map((c) => c['@_name'])).toEqual(['WEAK_CRYPTO three-spokes/hub.cfg:10']);
    expect(findings.testcase![0]!['system-out']).toContain('DES, MD5 and DH group 1');
    expect(findings['@_failures']).toBe('0');
  });

  it('keeps the test count honest for broken-only results with one case for the pairs left out', () => {
    const full = bigNetwork(30, [2]);
    const input: ReportInput = { ...full, pairs: full.pairs.filter((p) => !p.covered) };
    const { suites } = parse(renderJunit(input));
    const pairs = suites.find((s) => s['@_name'] === 'site pairs')!;
    expect(pairs.testcase).toHaveLength(2);
    expect(pairs.testcase![1]!['@_name']).toBe(`${full.summary.pairs - 1} covered pairs not listed (broken-only)`);
  });

  it('escapes XML special characters and drops characters XML cannot carry', () => {
    const base = brokenLab();
    const odd = { ...base.findings[1]!, message: 'a < b & "c" \u0001 done' };
    const xml = renderJunit({ ...base, findings: [base.findings[0]!, odd] });
    const { suites } = parse(xml);
    const findings = suites.find((s) => s['@_name'] === 'findings')!;
    expect(findings.testcase![0]!['system-out']).toContain('a < b & "c"  done');
  });
});
