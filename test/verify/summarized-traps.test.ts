/**
 * Summarized crypto ACLs ({own LAN} -> {pools + hub LAN} on spokes, the mirror per spoke on the
 * hub) and the hand edits that break them: the proof must name each trap.
 */
import { describe, expect, it } from 'vitest';
import { App } from '../../lib/app/app.js';
import { HubSpokeStack } from '../../lib/app/stack.js';
import { synthesizeStack } from '../../lib/app/synth.js';
import { MasterSecret } from '../../lib/constructs/master-secret.js';
import { PreSharedKey } from '../../lib/constructs/pre-shared-key.js';
import { Hub } from '../../lib/patterns/hub.js';
import { Spoke } from '../../lib/patterns/spoke.js';
import type { VerifyResult } from '../../lib/verify/types.js';
import { edit, pair, parseLab, replaceLine, type Lab } from './labs.js';
import { verifyNetwork } from '../../lib/verify/prove/verify-network.js';

/** Hub LAN 192.168.0.0/24, pool 10.0.0.0/16, spokes 1-3 with LANs 10.0.N.0/24. */
function summarizedLab(): Lab {
  const app = new App({ outdir: 'unused' });
  const stack = new HubSpokeStack(app, 'traps', { platform: 'ios-xe-17' });
  const hub = new Hub(stack, 'Hub', {
    hostname: 'hub',
    lan: { address: '192.168.0.1/24' },
    wan: { address: '100.64.0.1/30' },
    preSharedKey: PreSharedKey.derivedFrom(MasterSecret.fromEnv('TRAPS_MASTER')),
    aclMode: 'summarized',
    sitePools: ['10.0.0.0/16'],
    // IKEv1: the traps below are phase 2 proxy mismatches; with IKEv2 a traffic selector that
    // overlaps without fitting is NOT_MODELLED (docs/ios-semantics.md#ikev2-child-sa).
    ike: 'v1',
    routes: [{ destination: '100.64.0.0/10' }],
  });
  for (let i = 1; i <= 3; i += 1) {
    new Spoke(stack, `Spoke${i}`, {
      hub,
      hostname: `spoke${i}`,
      lan: { address: `10.0.${i}.1/24` },
      wan: { address: `100.64.0.${4 * i + 1}/30` },
      routes: [{ destination: '100.64.0.0/10' }],
    });
  }
  const artifacts = synthesizeStack(stack, { env: { TRAPS_MASTER: 'fake-master-secret-for-traps-0123456789' } });
  return Object.fromEntries(artifacts.routers.map((r) => [r.file, r.text]));
}

const LAB = summarizedLab();
const prove = (lab: Lab): VerifyResult => verifyNetwork(parseLab(lab));
const codesOf = (r: VerifyResult): string[] =>
  [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.code))].sort();

describe('summarized ACL traps', () => {
  it('GIVEN the synthesized summarized lab WHEN proven from the text alone THEN all 12 pairs are covered', () => {
    const r = prove(LAB);
    expect(r.summary).toMatchObject({ pairs: 12, covered: 12, errors: 0 });
  });

  it('GIVEN a hub entry whose destination covers other spokes WHEN proven THEN WRONG_PEER names the hub entry and traffic to spoke 2 breaks', () => {
    const lab = edit(LAB, 'hub.cfg', (t) =>
      replaceLine(t, ' permit ip 10.0.0.0 0.0.255.255 10.0.1.0 0.0.0.255', [
        ' permit ip 10.0.0.0 0.0.255.255 10.0.0.0 0.0.3.255',
      ]),
    );
    const r = prove(lab);
    const wrong = r.findings.filter((f) => f.code === 'WRONG_PEER');
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong.every((f) => f.device === 'hub')).toBe(true);
    expect(pair(r, 'spoke3', 'spoke2').covered).toBe(false);
    expect(pair(r, 'spoke3', 'spoke2').problems.map((p) => p.code)).toContain('WRONG_PEER');
  });

  it('GIVEN a hub source that excludes the spoke\'s own LAN ("every other site") WHEN proven THEN PROXY_MISMATCH: it no longer mirrors the spoke', () => {
    const lab = edit(LAB, 'hub.cfg', (t) =>
      replaceLine(t, ' permit ip 10.0.0.0 0.0.255.255 10.0.2.0 0.0.0.255', [
        ' permit ip 10.0.1.0 0.0.0.255 10.0.2.0 0.0.0.255',
        ' permit ip 10.0.3.0 0.0.0.255 10.0.2.0 0.0.0.255',
      ]),
    );
    const r = prove(lab);
    expect(codesOf(r)).toContain('PROXY_MISMATCH');
    expect(pair(r, 'spoke2', 'spoke1').covered).toBe(false);
    expect(pair(r, 'spoke1', 'spoke3').covered).toBe(true);
  });

  it('GIVEN a spoke renumbered outside the pools WHEN proven THEN UNKNOWN_NETWORK for its old ACL network and NOT_PROTECTED for its new LAN', () => {
    const lab = edit(LAB, 'spoke3.cfg', (t) =>
      replaceLine(t, ' ip address 10.0.3.1 255.255.255.0', [' ip address 172.20.3.1 255.255.255.0']),
    );
    const r = prove(lab);
    expect(codesOf(r)).toEqual(expect.arrayContaining(['NOT_PROTECTED', 'UNKNOWN_NETWORK']));
    expect(pair(r, 'spoke3', 'spoke1').covered).toBe(false);
    expect(pair(r, 'spoke1', 'spoke2').covered).toBe(true);
  });
});
