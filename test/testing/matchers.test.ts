import { describe, expect, it } from 'vitest';
import '../../lib/testing/vitest.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Testing } from '../../lib/testing/testing.js';
import { toBeProven, toContainConfigLine, toHaveFinding } from '../../lib/testing/matchers.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';
import { parseConfig } from '../../lib/parse/index.js';
import { FAKE_PSK, hubAndSpokes } from '../patterns/fixtures.js';

const OTHER_FAKE_PSK = 'fake-Other-Psk-Zt5Kq8Wn3Rv1';

// Built once: every test below only reads them. IKEv1, whose key lines (`crypto isakmp key`) the tests read.
const good = Testing.synth(hubAndSpokes(2, { ike: 'v1' }).stack);
const broken = (() => {
  const { stack, spokes } = hubAndSpokes(2, { ike: 'v1' });
  spokes[1]!.hubKey.setKey(PreSharedKey.unsafePlainText(OTHER_FAKE_PSK));
  return Testing.synth(stack);
})();

/** The failure message of an assertion that must fail. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the assertion passed');
}

function noKey(message: string): string {
  expect(message).not.toContain(FAKE_PSK);
  expect(message).not.toContain(OTHER_FAKE_PSK);
  return message;
}

describe('toBeProven', () => {
  it('GIVEN a proven stack THEN it passes, and .not fails saying how many pairs are covered', () => {
    expect(good).toBeProven();
    expect(failure(() => expect(good).not.toBeProven())).toBe(
      'expected stack Stack not to be proven, but it is: 6/6 ordered site pairs covered',
    );
  });

  it('GIVEN a key mismatch THEN it fails listing the unproven pairs with their cause and construct path, and no key', () => {
    expect(broken).not.toBeProven();
    const message = noKey(failure(() => expect(broken).toBeProven()));
    expect(message).toMatch(
      /^expected stack Stack to be proven, but 4 of 6 ordered site pairs are not covered \(4 broken, 0 unverified\):\n/,
    );
    expect(message).toMatch(/- Stack\/\S+: PSK_MISMATCH at \S+\.cfg:\d+/);
    expect(message).toContain('- Stack: pair Spoke1 10.1.0.0/24 -> Spoke2 10.2.0.0/24 is not covered (PSK_MISMATCH)');
  });

  it('GIVEN a VerifyResult of hand-written configs THEN it judges by ok', () => {
    const files = [...broken.configs.values()].map((c) => ({ ...parseConfig(c.text, { file: c.file }), file: c.file }));
    const result = verifyNetwork(files, { topology: broken.topology });
    expect(result).not.toBeProven();
    expect(noKey(toBeProven(result).message())).toMatch(/^expected the verification result to be proven, but 4 of 6/);
  });

  it('GIVEN something else THEN it throws naming what it expects', () => {
    expect(() => toBeProven({ stackId: 'x' })).toThrow(
      /toBeProven: expected the result of Testing.synth\(stack\) or of verifyNetwork, got object/,
    );
  });
});

describe('toHaveBrokenPairs', () => {
  it('GIVEN the broken stack THEN exactly its broken pairs pass, by hostname or by network', () => {
    expect(broken).toHaveBrokenPairs([
      ['Hub', 'Spoke2'],
      ['Spoke2', 'Hub'],
      ['Spoke1', 'Spoke2'],
      ['Spoke2', 'Spoke1'],
    ]);
    expect(broken).toHaveBrokenPairs([
      ['Hub', '10.2.0.0/24'],
      ['10.2.0.0/24', 'Hub'],
      ['10.1.0.0/24', 'Spoke2'],
      ['Spoke2', '10.1.0.0/24'],
    ]);
    expect(good).toHaveBrokenPairs([]);
  });

  it('GIVEN too few or too many pairs THEN it fails naming the pairs that are missing and the ones that are broken too', () => {
    const tooFew = noKey(failure(() => expect(broken).toHaveBrokenPairs([['Hub', 'Spoke2']])));
    expect(tooFew).toContain('these are broken too:');
    expect(tooFew).toContain('- Spoke2 10.2.0.0/24 -> Hub 10.0.0.0/24: broken (PSK_MISMATCH)');
    const tooMany = failure(() => expect(good).toHaveBrokenPairs([['Hub', 'Spoke1']]));
    expect(tooMany).toBe(
      'expected stack Stack to have exactly the broken pairs [["Hub","Spoke1"]]\nthese are covered (or no such pair exists): [["Hub","Spoke1"]]',
    );
  });

  it('GIVEN .not on the exact set THEN it fails listing the broken pairs', () => {
    expect(failure(() => expect(good).not.toHaveBrokenPairs([]))).toBe(
      'expected stack Stack not to have exactly the broken pairs [], but it has: none',
    );
  });
});

describe('toContainConfigLine', () => {
  it('GIVEN lines of the hub THEN they are found with or without indentation, and indented lines only at that indentation', () => {
    expect(good).toContainConfigLine('Hub', 'hostname Hub');
    expect(good).toContainConfigLine('Hub', 'crypto map HUBSPOKE-MAP');
    expect(good).toContainConfigLine('Hub', ' crypto map HUBSPOKE-MAP');
    expect(good).toContainConfigLine('Spoke1', 'set peer 192.0.2.1');
    expect(good).not.toContainConfigLine('Hub', '  crypto map HUBSPOKE-MAP');
    expect(good).not.toContainConfigLine('Hub', 'hostname Spoke1');
  });

  it('GIVEN a line that is missing THEN it fails showing the lines starting with the same word, keys masked, even the expected one', () => {
    const message = failure(() =>
      expect(good).toContainConfigLine('Hub', `crypto isakmp key ${FAKE_PSK} address 192.0.2.99`),
    );
    noKey(message);
    expect(message).toMatch(
      /^expected Hub\.cfg to contain the line "crypto isakmp key <redacted> address 192\.0\.2\.99"; lines starting with "crypto":\n/,
    );
    expect(message).toContain('"crypto isakmp key <redacted> address 192.0.2.11"');
  });

  it('GIVEN an unknown host THEN it fails naming the hosts there are', () => {
    expect(failure(() => expect(good).toContainConfigLine('Nope', 'hostname Nope'))).toBe(
      'expected stack Stack to have a config for "Nope" containing "hostname Nope", but its routers are Hub, Spoke1, Spoke2',
    );
  });

  it('GIVEN .not and a present key line THEN the failure masks the key', () => {
    const keyLine = good.config('Hub').lines.find((l) => l.startsWith('crypto isakmp key '))!;
    expect(noKey(toContainConfigLine(good, 'Hub', keyLine).message())).toMatch(
      /^expected Hub\.cfg not to contain the line "crypto isakmp key <redacted> address/,
    );
  });

  it('GIVEN .not and a present IKEv2 keyring key line (the IOS-XE default) THEN the failure masks the key', () => {
    const v2 = Testing.synth(hubAndSpokes(1).stack);
    const keyLine = v2.config('Hub').lines.find((l) => l.startsWith('  pre-shared-key '))!;
    expect(keyLine).toBe(`  pre-shared-key ${FAKE_PSK}`);
    expect(noKey(toContainConfigLine(v2, 'Hub', keyLine).message())).toBe(
      'expected Hub.cfg not to contain the line "  pre-shared-key <redacted>", but it does',
    );
  });
});

describe('toHaveFinding', () => {
  it('GIVEN the broken stack THEN PSK_MISMATCH is found, on the right device and severity, and a code it lacks fails listing the findings', () => {
    expect(broken).toHaveFinding('PSK_MISMATCH');
    expect(broken).toHaveFinding('PSK_MISMATCH', { severity: 'error' });
    expect(broken).not.toHaveFinding('PSK_MISMATCH', { severity: 'warning' });
    expect(broken).not.toHaveFinding('NO_ROUTE');
    const message = noKey(failure(() => expect(broken).toHaveFinding('NO_ROUTE')));
    expect(message).toMatch(/^expected stack Stack to have a finding NO_ROUTE, but its findings are:\n {2}- /);
    expect(message).toMatch(
      /\n {2}- PSK_MISMATCH \(error\) at Spoke2\.cfg:\d+: the pre-shared key at Hub\.cfg:\d+ \(Hub, for 192\.0\.2\.12\) differs/,
    );
  });

  it('GIVEN a device filter THEN only findings on that device count', () => {
    const device = broken.verification.findings.find((f) => f.code === 'PSK_MISMATCH')!.device;
    expect(broken).toHaveFinding('PSK_MISMATCH', { device });
    expect(broken).not.toHaveFinding('PSK_MISMATCH', { device: 'Nope' });
    expect(toHaveFinding(good, 'PSK_MISMATCH', { device }).pass).toBe(false);
  });
});
