import { describe, expect, it } from 'vitest';
import { groupDevices, naturalCompare, pairCountsByDevice } from '../../lib/report/device-groups.js';
import { bigNetwork, brokenLab } from './sample-results.js';

describe('device groups', () => {
  it('sorts hostnames naturally', () => {
    expect(['Spoke10', 'Spoke2', 'Hub', 'Spoke1', 'spoke-a'].sort(naturalCompare)).toEqual([
      'Hub',
      'Spoke1',
      'Spoke2',
      'Spoke10',
      'spoke-a',
    ]);
  });

  it('keeps every hub on its own and cuts 200 spokes into 12 runs of consecutive names', () => {
    const groups = groupDevices(bigNetwork(200, []).devices, 12);
    expect(groups[0]).toMatchObject({ role: 'hub', members: ['Hub'], label: 'Hub' });
    const spokes = groups.filter((g) => g.role === 'spoke');
    expect(spokes).toHaveLength(12);
    expect(spokes[0]!.label).toBe('Spoke1 – Spoke17');
    expect(spokes.flatMap((g) => g.members)).toHaveLength(200);
  });

  it('gives one group per spoke in small networks', () => {
    expect(groupDevices(brokenLab().devices, 12).map((g) => g.label)).toEqual(['Hub', 'Spoke1', 'Spoke2', 'Spoke3']);
  });

  it('counts the pairs touching each device from the sites, and the broken ones from the pairs', () => {
    const counts = pairCountsByDevice(brokenLab());
    expect(counts.get('Spoke1')).toEqual({ total: 6, broken: 1 });
    expect(counts.get('Spoke2')).toEqual({ total: 6, broken: 0 });
  });
});
