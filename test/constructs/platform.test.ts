import { describe, expect, it } from 'vitest';
import { defaultInterfaceNames, omittedPolicyDefaults } from '../../lib/constructs/platform.js';

describe('platform facts', () => {
  it('GIVEN each platform WHEN a site with two LANs asks for interface names THEN it gets the family naming and no name twice', () => {
    expect(defaultInterfaceNames('ios-12.2', 2)).toEqual({ wan: 'Ethernet1', lans: ['Ethernet0', 'Ethernet2'] });
    expect(defaultInterfaceNames('ios-15', 2)).toEqual({
      wan: 'GigabitEthernet0/1',
      lans: ['GigabitEthernet0/0', 'GigabitEthernet0/2'],
    });
    expect(defaultInterfaceNames('ios-xe-17', 2)).toEqual({
      wan: 'GigabitEthernet1',
      lans: ['GigabitEthernet2', 'GigabitEthernet3'],
    });
  });

  it('GIVEN IOS 12.2 and IOS-XE WHEN asked which policy values a running-config omits THEN 12.2 omits the classic defaults and IOS-XE only the lifetime', () => {
    expect(omittedPolicyDefaults('ios-12.2')).toEqual({
      encryption: 'des',
      hash: 'sha',
      authentication: 'rsa-sig',
      group: 1,
      lifetime: 86400,
    });
    expect(omittedPolicyDefaults('ios-xe-17')).toEqual({ lifetime: 86400 });
  });
});
