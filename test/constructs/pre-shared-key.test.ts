import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CryptoMap } from '../../lib/constructs/crypto-map.js';
import { Interface } from '../../lib/constructs/interface.js';
import { IsakmpKey } from '../../lib/constructs/isakmp-key.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { derivePairKey, PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { newRouter } from './helpers.js';

const FAKE_KEY = 'fake-Test-Key-Zq81-unused';
const FAKE_MASTER = 'fake-master-secret-for-tests-only-8d1f';
const HUB = { hostname: 'Hub', address: '10.1.4.1' };
const S1 = { hostname: 'Spoke1', address: '10.1.2.1' };
const S2 = { hostname: 'Spoke2', address: '10.1.3.1' };

describe('redaction', () => {
  it('GIVEN a plain-text key WHEN printed with String, JSON.stringify and util.inspect THEN the value never appears', () => {
    const key = PreSharedKey.unsafePlainText(FAKE_KEY);
    for (const shown of [
      String(key),
      `${key}`,
      JSON.stringify({ key }),
      inspect(key),
      inspect({ nested: { key } }, { depth: 5 }),
    ]) {
      expect(shown).not.toContain(FAKE_KEY);
      expect(shown).toContain('redacted');
    }
  });

  it('GIVEN an IsakmpKey construct holding the key WHEN inspected deeply THEN the value never appears', () => {
    const { router } = newRouter();
    const k = new IsakmpKey(router, 'K', { address: '192.0.2.1', key: PreSharedKey.unsafePlainText(FAKE_KEY) });
    expect(inspect(k, { depth: 8, showHidden: true })).not.toContain(FAKE_KEY);
    expect(inspect(router, { depth: 8 })).not.toContain(FAKE_KEY);
  });

  it('GIVEN a master secret WHEN printed THEN the value never appears', () => {
    const m = MasterSecret.unsafePlainText(FAKE_MASTER);
    expect(`${String(m)} ${JSON.stringify(m)} ${inspect(m)}`).not.toContain(FAKE_MASTER);
  });

  it('GIVEN a key with a space WHEN created THEN the error does not echo it', () => {
    let message = '';
    try {
      PreSharedKey.unsafePlainText('fake bad key');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/without spaces/);
    expect(message).not.toContain('fake bad key');
  });
});

describe('environment keys', () => {
  it('GIVEN a missing variable WHEN resolved THEN the error names the variable and the construct path', () => {
    const key = PreSharedKey.fromEnv('HUBSPOKE_TEST_UNSET_VAR');
    expect(() => key.resolve({ path: 'Stack/Hub/Router/Key-Spoke1', stackId: 'Stack', env: {} })).toThrow(
      'Stack/Hub/Router/Key-Spoke1: environment variable HUBSPOKE_TEST_UNSET_VAR is not set; it must hold the pre-shared key',
    );
  });

  it('GIVEN a set variable WHEN resolved THEN its value is the key', () => {
    const key = PreSharedKey.fromEnv('HUBSPOKE_TEST_PSK');
    expect(key.resolve({ path: 'p', stackId: 's', env: { HUBSPOKE_TEST_PSK: FAKE_KEY } })).toBe(FAKE_KEY);
  });

  it('GIVEN a variable holding a key with a "?" WHEN resolved THEN it is refused without echoing the value', () => {
    const key = PreSharedKey.fromEnv('HUBSPOKE_TEST_PSK');
    let message = '';
    try {
      key.resolve({ path: 'p', stackId: 's', env: { HUBSPOKE_TEST_PSK: 'fake?key' } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/HUBSPOKE_TEST_PSK is not a valid IOS key/);
    expect(message).not.toContain('fake?key');
  });
});

describe('keys derived from a master secret (HKDF-SHA256)', () => {
  it('GIVEN the same inputs WHEN derived twice, in either pair order THEN the key is identical and IOS-safe', () => {
    const a = derivePairKey(FAKE_MASTER, 'lab', [HUB, S1]);
    const b = derivePairKey(FAKE_MASTER, 'lab', [S1, HUB]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it('GIVEN two different pairs WHEN derived THEN the keys differ', () => {
    expect(derivePairKey(FAKE_MASTER, 'lab', [HUB, S1])).not.toBe(derivePairKey(FAKE_MASTER, 'lab', [HUB, S2]));
  });

  it('GIVEN two master secrets or two stack ids WHEN derived THEN the keys differ', () => {
    const base = derivePairKey(FAKE_MASTER, 'lab', [HUB, S1]);
    expect(derivePairKey(`${FAKE_MASTER}-2`, 'lab', [HUB, S1])).not.toBe(base);
    expect(derivePairKey(FAKE_MASTER, 'lab-2', [HUB, S1])).not.toBe(base);
  });

  it('GIVEN a derived PreSharedKey from an env master secret WHEN the variable is missing THEN the error names it and the path', () => {
    const key = PreSharedKey.derivedFrom(MasterSecret.fromEnv('HUBSPOKE_TEST_MASTER'));
    expect(() => key.resolve({ path: 'Stack/Hub/Router/Key-S1', stackId: 'lab', pair: [HUB, S1], env: {} })).toThrow(
      /^Stack\/Hub\/Router\/Key-S1: environment variable HUBSPOKE_TEST_MASTER is not set/,
    );
  });

  it('GIVEN a master secret shorter than 16 characters WHEN resolved THEN it is refused without echoing it', () => {
    const key = PreSharedKey.derivedFrom(MasterSecret.fromEnv('HUBSPOKE_TEST_MASTER'));
    let message = '';
    try {
      key.resolve({ path: 'p', stackId: 'lab', pair: [HUB, S1], env: { HUBSPOKE_TEST_MASTER: 'fakeShort' } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/too short/);
    expect(message).not.toContain('fakeShort');
  });
});

describe('weak plain-text keys', () => {
  it('GIVEN cisco123 WHEN checked THEN it is short and dictionary-like', () => {
    const w = PreSharedKey.unsafePlainText('cisco123').weaknesses();
    expect(w.join(' ')).toMatch(/short/);
    expect(w.join(' ')).toMatch(/dictionary/);
  });

  it('GIVEN a long random-looking key WHEN checked THEN it has no weakness', () => {
    expect(PreSharedKey.unsafePlainText('Vq7-xR2!mZp9_Lw4Kd8#').weaknesses()).toEqual([]);
  });
});

describe('GIVEN a key whose router sources IKE from a loopback (crypto map local-address)', () => {
  it('WHEN its pair is asked THEN the local end is the loopback address, not the crypto interface', () => {
    const { router } = newRouter();
    new Interface(router, 'Wan', { name: 'Ethernet1', address: '192.0.2.1/24', cryptoMap: 'VPN' });
    new Interface(router, 'Lo', { name: 'Loopback0', address: '10.255.0.1/32' });
    new CryptoMap(router, 'Map', { name: 'VPN', localAddress: 'Loopback0' });
    const k = new IsakmpKey(router, 'K', {
      address: '192.0.2.11',
      key: PreSharedKey.unsafePlainText(FAKE_KEY),
      peerHostname: 'Spoke1',
    });
    expect(k.pair?.[0].address).toBe('10.255.0.1');
  });
});
