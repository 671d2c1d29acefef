import { describe, expect, it } from 'vitest';
import { afterMiss, failoverOrder, nextProbeAt, onDemandProbeDue, type EffectiveDpd } from '../../lib/rules/dpd.js';
import { DPD_RETRANSMISSIONS } from '../../lib/ir/ike-vocabulary.js';

const periodic: EffectiveDpd = { seconds: 10, retry: 3, mode: 'periodic', from: 'global' };
const onDemand: EffectiveDpd = { ...periodic, mode: 'on-demand' };

describe('DPD timing rules', () => {
  it('GIVEN periodic DPD WHEN the peer was last heard at t THEN the next R-U-THERE is due at t + seconds; on-demand schedules none by itself', () => {
    expect(nextProbeAt(periodic, 5_000)).toBe(15_000);
    expect(nextProbeAt(onDemand, 5_000)).toBeUndefined();
  });

  it('GIVEN on-demand DPD WHEN traffic meets a peer THEN a probe is due only after `seconds` of silence, and never for periodic DPD', () => {
    expect(onDemandProbeDue(onDemand, 0, 9_999)).toBe(false);
    expect(onDemandProbeDue(onDemand, 0, 10_000)).toBe(true);
    expect(onDemandProbeDue(periodic, 0, 60_000)).toBe(false);
  });

  it('GIVEN unanswered R-U-THEREs WHEN counted THEN each is retried after `retry` s and the peer is dead after the first plus five retransmissions', () => {
    for (let misses = 1; misses <= DPD_RETRANSMISSIONS; misses += 1)
      expect(afterMiss(periodic, misses, 100_000)).toEqual({ at: 103_000, dead: false });
    expect(afterMiss(periodic, DPD_RETRANSMISSIONS + 1, 100_000)).toEqual({ at: 103_000, dead: true });
  });

  it('GIVEN a peer list WHEN one peer was declared dead THEN the next listed peer comes first, wrapping round', () => {
    expect(failoverOrder(['A', 'B', 'C'], undefined)).toEqual(['A', 'B', 'C']);
    expect(failoverOrder(['A', 'B', 'C'], 'A')).toEqual(['B', 'C', 'A']);
    expect(failoverOrder(['A', 'B', 'C'], 'C')).toEqual(['A', 'B', 'C']);
    expect(failoverOrder(['A', 'B'], 'Z')).toEqual(['A', 'B']);
  });
});
