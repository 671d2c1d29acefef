/**
 * Legacy crypto in Hub and Spoke: the stack's `allowLegacyCrypto` is honoured as HubSpokeStack
 * documents it (routers that say nothing follow it; the Hub's `crypto.allowLegacyCrypto` wins),
 * and a refusal is one message per router, worded for its platform.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { validateTree } from '../../lib/app/validate-tree.js';
import { Annotations } from '../../lib/constructs/annotations.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import type { Platform } from '../../lib/ir/router-config.js';
import type { CryptoSettings } from '../../lib/patterns/crypto-settings.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import { FAKE_PSK } from './fixtures.js';

/** The reference lab's crypto: DES, MD5, DH group 1, no PFS, plus a group 2 PFS to have all three kinds. */
const LEGACY: CryptoSettings = {
  isakmp: { encryption: 'des', hash: 'md5', group: 1 },
  transforms: ['esp-des', 'esp-md5-hmac'],
  pfs: 2,
};

function network(platform: Platform, stackLegacy: boolean | undefined, crypto: CryptoSettings, outdir?: string) {
  const app = new App({ logWarning: () => {}, ...(outdir !== undefined ? { outdir } : {}) });
  const stack = new HubSpokeStack(app, 'Stack', {
    platform,
    ...(stackLegacy !== undefined ? { allowLegacyCrypto: stackLegacy } : {}),
  });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'Hub',
    lan: { address: '10.0.0.1/24' },
    wan: { address: '192.0.2.1/24' },
    preSharedKey: PreSharedKey.unsafePlainText(FAKE_PSK),
    // The legacy algorithms are an ISAKMP policy's: IKEv1 on every platform.
    ike: 'v1',
    crypto,
  });
  const spokes = [1, 2].map(
    (i) =>
      new Spoke(stack, `Spoke${i}`, {
        hub,
        hostname: `Spoke${i}`,
        lan: { address: `10.${i}.0.1/24` },
        wan: { address: `192.0.2.${10 + i}/24` },
      }),
  );
  return { app, stack, hub, spokes };
}

const legacyErrors = (messages: readonly string[]) => messages.filter((m) => m.includes('legacy crypto'));

describe('the stack-level allowLegacyCrypto', () => {
  it('GIVEN a stack that allows legacy crypto on ios-15 and a Hub that says nothing WHEN validated THEN hub and spokes accept it, each use a warning', () => {
    const { stack, hub, spokes } = network('ios-15', true, LEGACY);
    expect(validateTree(stack)).toEqual([]);
    expect(hub.router.allowLegacyCrypto).toBe(true);
    const warned = Annotations.collectWarnings(stack).filter((w) => w.message.startsWith('uses legacy crypto'));
    for (const router of [hub.router, ...spokes.map((s) => s.router)]) {
      const mine = warned.filter((w) => w.path.startsWith(`${router.node.path}/`)).map((w) => w.message);
      expect(mine).toEqual([
        'uses legacy crypto: encryption "des" (allowed by allowLegacyCrypto)',
        'uses legacy crypto: hash "md5" (allowed by allowLegacyCrypto)',
        'uses legacy crypto: group "1" (allowed by allowLegacyCrypto)',
        'uses legacy crypto: transform "esp-des" (allowed by allowLegacyCrypto)',
        'uses legacy crypto: transform "esp-md5-hmac" (allowed by allowLegacyCrypto)',
        ...(router === hub.router
          ? spokes.map(() => 'uses legacy crypto: pfs "group2" (allowed by allowLegacyCrypto)')
          : ['uses legacy crypto: pfs "group2" (allowed by allowLegacyCrypto)']),
      ]);
    }
  });

  it('GIVEN a stack that allows legacy crypto and a Hub whose crypto says false WHEN validated THEN the Hub wins: every router is refused once', () => {
    const { stack } = network('ios-15', true, { ...LEGACY, allowLegacyCrypto: false });
    const errors = legacyErrors(validateTree(stack));
    expect(errors.map((m) => m.split(':')[0])).toEqual([
      'Stack/Hub/Router',
      'Stack/Spoke1/Router',
      'Stack/Spoke2/Router',
    ]);
  });

  it('GIVEN a stack that forbids legacy crypto and a Hub whose crypto allows it WHEN validated THEN the Hub wins: no error', () => {
    const { stack } = network('ios-12.2', false, { ...LEGACY, pfs: false, allowLegacyCrypto: true });
    expect(legacyErrors(validateTree(stack))).toEqual([]);
  });

  it('GIVEN a stack that allows legacy crypto on ios-xe-17 WHEN the shield is on THEN each router asks for complianceShieldDisabled only, and with it the stack synthesizes', () => {
    const refused = network('ios-xe-17', true, LEGACY);
    const errors = legacyErrors(validateTree(refused.stack));
    expect(errors).toHaveLength(3);
    for (const e of errors) expect(e).toMatch(/keep allowLegacyCrypto and also set complianceShieldDisabled: true/);

    const allowed = network('ios-xe-17', true, { ...LEGACY, complianceShieldDisabled: true });
    expect(validateTree(allowed.stack)).toEqual([]);
    expect(allowed.hub.router.toIr().options.complianceShieldDisabled).toBe(true);
  });
});

describe('the legacy-crypto refusal', () => {
  it('GIVEN a hub and two spokes on ios-xe-17 with DES, MD5, group 1 and PFS group 2 WHEN validated THEN one message per router lists every algorithm and both ways out', () => {
    const { stack } = network('ios-xe-17', undefined, LEGACY);
    const errors = legacyErrors(validateTree(stack));
    expect(errors).toHaveLength(3);
    const [hub, spoke1] = errors;
    expect(hub).toMatch(
      /^Stack\/Hub\/Router: legacy crypto on ios-xe-17 router Hub: IsakmpPolicy \(encryption "des", hash "md5", group "1"\); TransformSet \(transform "esp-des", transform "esp-md5-hmac"\); CryptoMap\/Entry10 \(pfs "group2"\); CryptoMap\/Entry20 \(pfs "group2"\)\. /,
    );
    expect(spoke1).toMatch(
      /^Stack\/Spoke1\/Router: legacy crypto on ios-xe-17 router Spoke1: IsakmpPolicy .*; CryptoMap\/Entry10 \(pfs "group2"\)\. /,
    );
    for (const e of errors) {
      expect(e).toMatch(/IOS-XE 17\.11 and later refuses these algorithms .*\(Cisco FN72510\)/);
      expect(e).toMatch(
        /Two ways out: choose strong algorithms .*; or, .*set allowLegacyCrypto: true .* and complianceShieldDisabled: true/,
      );
    }
  });

  it('GIVEN the same crypto on ios-12.2 without opt-in WHEN validated THEN the message speaks of classic IOS: no IOS-XE, no compliance shield', () => {
    const { stack } = network('ios-12.2', undefined, { ...LEGACY, pfs: false });
    const errors = legacyErrors(validateTree(stack));
    expect(errors).toHaveLength(3);
    for (const e of errors) {
      expect(e).toMatch(
        /legacy crypto on ios-12\.2 router \w+: .*broken or deprecated.*Two ways out: .*set allowLegacyCrypto: true/,
      );
      expect(e).not.toMatch(/IOS-XE|FN72510|compliance/);
    }
  });

  it('GIVEN a legacy network WHEN synthesized THEN synth fails with the same one message per router and writes nothing', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'hubspoke-legacy-')), 'out');
    const { app } = network('ios-xe-17', undefined, LEGACY, outdir);
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Synthesis failed \(3 problems\):/);
    expect(message.match(/legacy crypto on ios-xe-17/g)).toHaveLength(3);
    expect(existsSync(outdir)).toBe(false);
  });
});
