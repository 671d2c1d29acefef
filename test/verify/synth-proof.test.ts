/**
 * Synth-time proof: app.synth() parses its own text, proves coverage, writes only when every pair
 * is covered, and otherwise throws one error listing every problem with the construct path that
 * produced the line. Stacks are broken through escape hatches.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { App, formatSynthResult } from '../../lib/app/app.js';
import { AccessList } from '../../lib/constructs/access-list.js';
import { ValidationError } from '../../lib/constructs/errors.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { seedLabStack } from '../fixtures/seed-lab-stack.js';

const tmp = mkdtempSync(join(tmpdir(), 'hubspoke-synth-proof-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** The reference lab through the constructs (as examples/seed-lab.ts). */
function seedLab() {
  const outdir = join(tmp, `out${n++}`);
  return { ...seedLabStack({ outdir }), outdir };
}

function synthError(app: App): ValidationError {
  try {
    app.synth();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('synth did not fail');
}

describe('GIVEN the reference lab built with the constructs', () => {
  it('WHEN synthesized THEN the proof covers 12/12 pairs, its report is printed, and the harness is written', () => {
    const { app, outdir } = seedLab();
    const result = app.synth();
    const text = formatSynthResult(result);
    expect(text).toContain('12/12 ordered site pairs covered');
    expect(text).toContain('coverage (rows = from, columns = to)');
    const dir = join(outdir, 'seed-lab');
    expect(existsSync(join(dir, 'harness.test.mjs'))).toBe(true);
    expect(readFileSync(join(dir, 'harness.test.mjs'), 'utf8')).toContain("from 'hubspoke/emulator'");
  });
});

describe('GIVEN stacks broken through escape hatches', () => {
  it('WHEN a spoke ACL gets an extra deny line THEN synth throws NOT_PROTECTED naming the ACL construct and writes nothing', () => {
    const lab = seedLab();
    lab.spoke1.cryptoAcl.insertRule(0, { action: 'deny', source: '172.16.1.0/24', destination: '192.168.1.0/24' });
    const e = synthError(lab.app);
    const m = e.messages.find((x) => x.includes('NOT_PROTECTED'));
    expect(m).toBeDefined();
    expect(m!.startsWith(lab.spoke1.cryptoAcl.node.path)).toBe(true);
    expect(existsSync(lab.outdir)).toBe(false);
  });

  it("WHEN a spoke key differs from the hub's THEN synth throws PSK_MISMATCH naming the key construct and never the key", () => {
    const lab = seedLab();
    lab.spoke2.hubKey.setKey(PreSharedKey.unsafePlainText('fakeDifferentKey77'));
    const e = synthError(lab.app);
    const m = e.messages.find((x) => x.includes('PSK_MISMATCH'));
    expect(m).toBeDefined();
    expect(m!.startsWith(lab.spoke2.hubKey.node.path)).toBe(true);
    expect(e.message).not.toContain('fakeDifferentKey77');
    expect(e.message).not.toContain('cisco123');
  });

  it("WHEN an extra hub entry with a lower sequence number captures another spoke's LAN THEN synth throws WRONG_PEER naming that entry", () => {
    const lab = seedLab();
    new AccessList(lab.hub.router, 'Capture', {
      name: 105,
      rules: [{ source: '10.1.1.0/24', destination: '192.168.1.0/24' }],
    });
    const entry = lab.hub.cryptoMap.addEntry(
      {
        seq: 5,
        peers: ['10.1.2.1'],
        transformSets: ['myset'],
        matchAddress: '105',
        pfs: false,
        allowLegacyCrypto: true,
      },
      'Capture',
    );
    const e = synthError(lab.app);
    const m = e.messages.find((x) => x.includes('WRONG_PEER'));
    expect(m, e.message).toBeDefined();
    expect(m!.startsWith(entry.node.path)).toBe(true);
  });

  it('WHEN a hub route is removed THEN synth throws NO_ROUTE on the hub naming its WAN interface construct', () => {
    const lab = seedLab();
    lab.hub.router.removeRoutes('192.168.1.0/24');
    const e = synthError(lab.app);
    const m = e.messages.find((x) => x.includes('NO_ROUTE'));
    expect(m).toBeDefined();
    expect(m!.startsWith(lab.hub.wanInterface.node.path)).toBe(true);
    expect(m).toContain('192.168.1.0/24');
  });

  it("WHEN one spoke's policy uses a different hash THEN synth throws IKE_NO_POLICY_MATCH naming that policy", () => {
    const lab = seedLab();
    lab.spoke3.isakmpPolicy.update({ hash: 'sha' });
    const e = synthError(lab.app);
    const m = e.messages.find((x) => x.includes('IKE_NO_POLICY_MATCH'));
    expect(m).toBeDefined();
    expect(m!.startsWith(lab.spoke3.isakmpPolicy.node.path)).toBe(true);
  });

  it('WHEN several escape hatches break a stack THEN one error lists every problem', () => {
    const lab = seedLab();
    lab.spoke2.hubKey.setKey(PreSharedKey.unsafePlainText('fakeDifferentKey77'));
    lab.hub.router.removeRoutes('172.16.2.0/24');
    const e = synthError(lab.app);
    expect(e.messages.some((x) => x.includes('PSK_MISMATCH'))).toBe(true);
    expect(e.messages.some((x) => x.includes('NO_ROUTE'))).toBe(true);
    expect(e.messages.some((x) => x.includes('is not covered'))).toBe(true);
  });
});
