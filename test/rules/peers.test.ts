import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { mainModeStep, peerResponse, selectPeer, type PeerResponse } from '../../lib/rules/peers.js';

const policy = [
  'crypto isakmp policy 10',
  ' encryption aes 256',
  ' hash sha256',
  ' authentication pre-share',
  ' group 14',
];
const router = (name: string, keys: string[], extra: string[] = []) =>
  parseConfig(['version 15.4', `hostname ${name}`, ...policy, ...extra, ...keys, 'end'].join('\n'), {
    file: `${name}.cfg`,
  }).config;

describe('GIVEN an ordered peer list', () => {
  it('WHEN the first peer is silent and the second answers THEN the second is chosen and only the first two are asked', () => {
    const asked: string[] = [];
    const sel = selectPeer(['a', 'b', 'c'], (p): PeerResponse => {
      asked.push(p);
      return p === 'a' ? { answers: false, why: 'no-owner' } : { answers: true };
    });
    expect(sel.chosen).toBe(1);
    expect(sel.silent).toEqual([{ index: 0, peer: 'a', why: 'no-owner' }]);
    expect(asked).toEqual(['a', 'b']);
  });

  it('WHEN no peer answers THEN none is chosen and every one is listed silent', () => {
    const sel = selectPeer(['a', 'b'], () => ({ answers: false, why: 'unreachable' }));
    expect(sel.chosen).toBeUndefined();
    expect(sel.silent.map((s) => s.peer)).toEqual(['a', 'b']);
  });
});

describe('GIVEN main mode between two routers', () => {
  const i = router('I', ['crypto isakmp key Same-Key-0123456789 address 192.0.2.2']);
  it('WHEN both keys are equal and policies match THEN it completes and the peer answers', () => {
    const r = router('R', ['crypto isakmp key Same-Key-0123456789 address 192.0.2.1']);
    expect(mainModeStep(i, '192.0.2.1', r, '192.0.2.2')).toBe('ok');
    expect(peerResponse('ok').answers).toBe(true);
  });
  it('WHEN the responder has no key for the initiator THEN it is silent', () => {
    const r = router('R', ['crypto isakmp key Same-Key-0123456789 address 192.0.2.9']);
    expect(mainModeStep(i, '192.0.2.1', r, '192.0.2.2')).toBe('no-key-remote');
    expect(peerResponse('no-key-remote')).toEqual({ answers: false, why: 'no-key-at-peer' });
  });
  it('WHEN keys differ THEN MM5 is dropped: silent', () => {
    const r = router('R', ['crypto isakmp key Other-Key-0123456789 address 192.0.2.1']);
    expect(mainModeStep(i, '192.0.2.1', r, '192.0.2.2')).toBe('key-mismatch');
    expect(peerResponse('key-mismatch')).toEqual({ answers: false, why: 'key-mismatch' });
  });
  it('WHEN policies do not match THEN the responder answers with a refusal (even with different keys: policies come first)', () => {
    const r = parseConfig(
      [
        'hostname R',
        'crypto isakmp policy 10',
        ' encryption aes 128',
        ' hash sha',
        ' authentication pre-share',
        ' group 2',
        'crypto isakmp key Other-Key-0123456789 address 192.0.2.1',
        'end',
      ].join('\n'),
      { file: 'R.cfg' },
    ).config;
    expect(mainModeStep(i, '192.0.2.1', r, '192.0.2.2')).toBe('phase1-refused');
    expect(peerResponse('phase1-refused').answers).toBe(true);
  });
  it('WHEN the initiator has no key for the peer THEN it never sends (ends the attempt)', () => {
    const r = router('R', ['crypto isakmp key Same-Key-0123456789 address 192.0.2.1']);
    expect(mainModeStep(i, '192.0.2.1', r, '192.0.2.7')).toBe('no-key-local');
    expect(peerResponse('no-key-local').answers).toBe(true);
  });
  it('WHEN keys are stored as type 7 THEN the proof cannot tell (answers) while the emulator compares the stored text', () => {
    const i7 = router('I', ['crypto isakmp key 7 0822455D0A16 address 192.0.2.2']);
    const r7 = router('R', ['crypto isakmp key 7 0822455D0A17 address 192.0.2.1']);
    expect(mainModeStep(i7, '192.0.2.1', r7, '192.0.2.2')).toBe('keys-unverifiable');
    expect(peerResponse('keys-unverifiable').answers).toBe(true);
    expect(mainModeStep(i7, '192.0.2.1', r7, '192.0.2.2', { compareStoredKeys: true })).toBe('key-mismatch');
  });
});
