import { describe, expect, it } from 'vitest';
import type { AclRule } from '../../lib/ir/router-config.js';
import { parseConfig } from '../../lib/parse/index.js';

/** Parses with hostname/platform infos left out: the tests look at what the ACL lines caused. */
const acls = (text: string) => {
  const r = parseConfig(text, { file: 'acl.cfg' });
  return { config: r.config, diagnostics: r.diagnostics.filter((d) => d.severity !== 'info') };
};
const rule = (text: string, index = 0): AclRule => {
  const entry = acls(text).config.accessLists[0]!.entries[index]!;
  if (entry.kind !== 'rule') throw new Error('expected a rule');
  return entry;
};

describe('numbered ACLs', () => {
  it('GIVEN numbers from each IOS range WHEN parsed THEN standard and extended types follow the number', () => {
    const { config } = acls(
      [
        'access-list 10 permit any',
        'access-list 1300 deny any',
        'access-list 110 permit ip any any',
        'access-list 2000 permit ip any any',
      ].join('\n'),
    );
    expect(config.accessLists.map((a) => [a.name, a.type, a.numbered])).toEqual([
      ['10', 'standard', true],
      ['1300', 'standard', true],
      ['110', 'extended', true],
      ['2000', 'extended', true],
    ]);
  });

  it('GIVEN a standard line with a bare address, a host and a wildcard WHEN parsed THEN the sources are host, host and wildcard', () => {
    const text =
      'access-list 5 permit 10.1.1.1\naccess-list 5 deny host 10.1.1.2 log\naccess-list 5 permit 10.2.0.0 0.0.255.255';
    const entries = acls(text).config.accessLists[0]!.entries;
    expect(entries).toMatchObject([
      { action: 'permit', protocol: 'ip', source: { kind: 'host', address: '10.1.1.1' }, destination: { kind: 'any' } },
      { action: 'deny', source: { kind: 'host', address: '10.1.1.2' }, trailing: 'log' },
      { source: { kind: 'wildcard', address: '10.2.0.0', wildcard: '0.0.255.255' } },
    ]);
  });

  it('GIVEN a non-IP list number (MAC list 700) WHEN parsed THEN it is kept as an extra line, not an ACL', () => {
    const { config } = acls('access-list 700 permit 0000.0000.0000 ffff.ffff.ffff');
    expect(config.accessLists).toEqual([]);
    expect(config.extraLines[0]!.text).toContain('access-list 700');
  });

  it('GIVEN a remark WHEN parsed THEN its text is kept', () => {
    expect(acls('access-list 110 remark  to   spoke 1').config.accessLists[0]!.entries[0]).toMatchObject({
      kind: 'remark',
      text: 'to spoke 1',
    });
  });
});

describe('extended ACL rules', () => {
  it('GIVEN named ports on TCP and UDP WHEN parsed THEN they become IANA numbers per protocol', () => {
    expect(rule('access-list 101 permit tcp any host 10.0.0.1 eq www telnet 8080').destinationPort).toEqual({
      op: 'eq',
      ports: [80, 23, 8080],
    });
    expect(rule('access-list 101 permit udp host 1.1.1.1 eq isakmp host 2.2.2.2 eq non500-isakmp').sourcePort).toEqual({
      op: 'eq',
      ports: [500],
    });
    expect(rule('access-list 101 permit udp any any eq syslog').destinationPort).toEqual({ op: 'eq', ports: [514] });
    expect(rule('access-list 101 permit tcp any any eq cmd').destinationPort).toEqual({ op: 'eq', ports: [514] });
  });

  it('GIVEN range, neq, lt and gt operators WHEN parsed THEN each keeps its operands', () => {
    expect(rule('access-list 101 permit tcp any range 1024 65535 any neq 25').sourcePort).toEqual({
      op: 'range',
      ports: [1024, 65535],
    });
    expect(rule('access-list 101 permit tcp any range 1024 65535 any neq 25').destinationPort).toEqual({
      op: 'neq',
      ports: [25],
    });
    expect(rule('access-list 101 permit udp any lt 1024 any gt ntp').destinationPort).toEqual({
      op: 'gt',
      ports: [123],
    });
  });

  it('GIVEN protocols by keyword and number WHEN parsed THEN modelled keywords stay names and others become numbers', () => {
    expect(rule('access-list 101 permit esp any any').protocol).toBe('esp');
    expect(rule('access-list 101 permit ahp any any').protocol).toBe('ahp');
    expect(rule('access-list 101 permit gre any any').protocol).toBe('gre');
    expect(rule('access-list 101 permit 50 any any').protocol).toBe(50);
    expect(rule('access-list 101 permit ospf any any').protocol).toBe(89);
  });

  it('GIVEN words after the match WHEN parsed THEN they are kept in trailing', () => {
    expect(rule('access-list 101 permit tcp any any established log').trailing).toBe('established log');
    expect(rule('access-list 101 permit icmp any any echo-reply').trailing).toBe('echo-reply');
    expect(rule('access-list 101 permit ip any any').trailing).toBeUndefined();
  });

  it('GIVEN malformed lines WHEN parsed THEN each is skipped with an error naming the list and line', () => {
    const bad = [
      'access-list 101 permit ip 10.1.1.300 0.0.0.255 any',
      'access-list 101 permit ip 10.1.1.0 any',
      'access-list 101 permit tcp any any eq nosuchport',
      'access-list 101 permit tcp any any range 80',
      'access-list 101 allow ip any any',
      'access-list 101 permit bogus any any',
      'access-list 101',
    ];
    const { config, diagnostics } = acls(bad.join('\n'));
    expect(config.accessLists.flatMap((a) => a.entries)).toEqual([]);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line])).toEqual([
      ['BAD_ADDRESS', 1],
      ['BAD_ACL_LINE', 2],
      ['BAD_ACL_LINE', 3],
      ['BAD_ACL_LINE', 4],
      ['BAD_ACL_LINE', 5],
      ['BAD_ACL_LINE', 6],
      ['BAD_ACL_LINE', 7],
    ]);
    expect(diagnostics.filter((d) => d.severity === 'error').every((d) => d.message.includes('101'))).toBe(true);
  });

  it('GIVEN an object-group that is not defined WHEN an ACL line names it THEN IOS would reject the line: an error at that line and no entry', () => {
    const { config, diagnostics } = acls(
      'ip access-list extended X\n permit ip object-group A any\n permit object-group SVC any any',
    );
    expect(config.accessLists[0]!.entries).toEqual([]);
    expect(diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['error', 'UNDEFINED_OBJECT_GROUP', 2],
      ['error', 'UNDEFINED_OBJECT_GROUP', 3],
    ]);
  });

  it('GIVEN log and log-input WHEN parsed THEN no warning: they only log', () => {
    const { diagnostics } = acls(
      'access-list 101 permit ip any any log\naccess-list 101 deny ip any any log-input\naccess-list 102 permit ip any any log COOKIE',
    );
    expect(diagnostics).toEqual([]);
  });

  it.each([
    'established',
    'fragments',
    'dscp ef',
    'precedence 5',
    'tos 4',
    'ttl eq 1',
    'time-range WORK',
    'reflect R',
    'option any-options',
    'echo-reply',
  ])(
    'GIVEN a line narrowed by "%s" WHEN parsed THEN it is NOT_MODELLED at its line (never read as matching more than it does)',
    (option) => {
      const proto = option === 'established' ? 'tcp' : option === 'echo-reply' ? 'icmp' : 'ip';
      const { config, diagnostics } = acls(`ip access-list extended X\n permit ${proto} any any ${option}`);
      expect(diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'NOT_MODELLED', 2]]);
      expect(config.accessLists[0]!.entries[0]).toMatchObject({ trailing: option });
    },
  );
});

describe('named ACLs', () => {
  it('GIVEN sequence numbers and remarks WHEN parsed THEN seq is kept per entry with its line, an unnumbered rule gets 10 more than the highest', () => {
    const { config } = acls(
      'ip access-list extended VPN\n 5 remark hub lan\n 10 permit ip 10.1.1.0 0.0.0.255 any\n deny ip any any',
    );
    const acl = config.accessLists[0]!;
    expect(acl).toMatchObject({ name: 'VPN', type: 'extended', numbered: false });
    expect(acl.entries.map((e) => [e.kind, e.seq, e.loc?.line])).toEqual([
      ['remark', 5, 2],
      ['rule', 10, 3],
      ['rule', 20, 4],
    ]);
  });

  it('GIVEN a list without any number WHEN parsed THEN the entries carry none (IOS numbers them 10, 20, ... either way)', () => {
    const entries = acls('ip access-list extended VPN\n remark x\n permit ip any host 10.0.0.1\n deny ip any any')
      .config.accessLists[0]!.entries;
    expect(entries.map((e) => e.seq)).toEqual([undefined, undefined, undefined]);
  });

  it('GIVEN a standard named list WHEN parsed THEN its lines read as standard rules', () => {
    expect(
      acls('ip access-list standard MGMT\n permit 10.0.0.0 0.255.255.255').config.accessLists[0]!.entries[0],
    ).toMatchObject({ source: { kind: 'wildcard', address: '10.0.0.0' } });
  });

  it('GIVEN ip access-list extended 110 WHEN parsed THEN it edits numbered list 110', () => {
    const { config } = acls('access-list 110 permit ip any any\nip access-list extended 110\n 20 deny ip any any');
    expect(config.accessLists).toHaveLength(1);
    expect(config.accessLists[0]).toMatchObject({ name: '110', numbered: true });
    expect(config.accessLists[0]!.entries).toHaveLength(2);
  });

  it('GIVEN a list re-opened with the other type WHEN parsed THEN ACL_TYPE_MISMATCH is reported', () => {
    const { diagnostics } = acls(
      'ip access-list extended X\n permit ip any any\nip access-list standard X\n permit any',
    );
    expect(diagnostics.map((d) => d.code)).toContain('ACL_TYPE_MISMATCH');
  });
});

const order = (text: string, name = 'VPN'): string[] =>
  acls(text)
    .config.accessLists.find((a) => a.name === name)!
    .entries.map(
      (e) =>
        `${e.seq ?? '-'} ${e.kind === 'rule' ? `${e.action} ${e.destination.kind === 'host' ? e.destination.address : e.destination.kind}` : 'remark'}`,
    );

describe('sequence numbers (docs/ios-semantics.md#sequence-numbers)', () => {
  it('GIVEN a re-opened named list adding "5 deny" WHEN parsed THEN the deny comes first, whatever the text order', () => {
    const text =
      'ip access-list extended VPN\n permit ip any host 10.0.0.1\n permit ip any host 10.0.0.2\nip access-list extended VPN\n 5 deny ip any host 10.0.0.1';
    expect(order(text)).toEqual(['5 deny 10.0.0.1', '10 permit 10.0.0.1', '20 permit 10.0.0.2']);
  });

  it('GIVEN "no 20" inside the list WHEN parsed THEN the entry numbered 20 is gone and the next unnumbered one gets 10 more than the highest left', () => {
    const text =
      'ip access-list extended VPN\n permit ip any host 10.0.0.1\n permit ip any host 10.0.0.2\n permit ip any host 10.0.0.3\n no 20\n no 30\n permit ip any host 10.0.0.4';
    expect(order(text)).toEqual(['10 permit 10.0.0.1', '20 permit 10.0.0.4']);
  });

  it('GIVEN "no permit ..." inside the list WHEN parsed THEN the identical entry is removed', () => {
    const text =
      'ip access-list extended VPN\n permit ip any host 10.0.0.1\n permit ip any host 10.0.0.2\n no permit ip any host 10.0.0.1';
    expect(order(text)).toEqual(['- permit 10.0.0.2']);
  });

  it('GIVEN resequence 100 5 WHEN parsed THEN the order stays and the numbers are 100, 105, ...; a later "102 deny" lands between', () => {
    const text =
      'ip access-list extended VPN\n 7 permit ip any host 10.0.0.1\n 9 permit ip any host 10.0.0.2\nip access-list resequence VPN 100 5\nip access-list extended VPN\n 102 deny ip any any';
    expect(order(text)).toEqual(['100 permit 10.0.0.1', '102 deny any', '105 permit 10.0.0.2']);
  });

  it('GIVEN a number already in use WHEN parsed THEN IOS rejects the line: ACL_DUPLICATE_SEQUENCE at it, the list unchanged', () => {
    const r = acls('ip access-list extended VPN\n 10 permit ip any host 10.0.0.1\n 10 deny ip any any');
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['ACL_DUPLICATE_SEQUENCE', 3]]);
    expect(order('ip access-list extended VPN\n 10 permit ip any host 10.0.0.1\n 10 deny ip any any')).toEqual([
      '10 permit 10.0.0.1',
    ]);
  });

  it('GIVEN an entry identical to one in the list WHEN added with another number THEN nothing changes (IOS keeps the first)', () => {
    const text =
      'ip access-list extended VPN\n deny ip any host 10.0.0.9\n permit ip any host 10.0.0.1\n 5 permit ip any host 10.0.0.1';
    expect(order(text)).toEqual(['10 deny 10.0.0.9', '20 permit 10.0.0.1']);
  });

  it('GIVEN numbered list lines and then "ip access-list extended 110" with "15 deny" WHEN parsed THEN the deny sits between 10 and 20', () => {
    const text =
      'access-list 110 permit ip any host 10.0.0.1\naccess-list 110 permit ip any host 10.0.0.2\nip access-list extended 110\n 15 deny ip any any';
    expect(order(text, '110')).toEqual(['10 permit 10.0.0.1', '15 deny any', '20 permit 10.0.0.2']);
  });

  it('GIVEN "no access-list 110 permit ..." WHEN parsed THEN the whole numbered list is gone, as on IOS', () => {
    const { config } = acls(
      'access-list 110 permit ip any host 10.0.0.1\naccess-list 110 permit ip any host 10.0.0.2\nno access-list 110 permit ip any host 10.0.0.1',
    );
    expect(config.accessLists).toEqual([]);
  });

  it('GIVEN an unnumbered remark before unnumbered rules and then a numbered edit on IOS-XE WHEN parsed THEN NOT_MODELLED at the edit: remark numbering there is not confirmed', () => {
    const r = acls(
      'version 17.12\nip access-list extended VPN\n remark first\n permit ip any host 10.0.0.1\n permit ip any host 10.0.0.2\n 15 deny ip any any',
    );
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'NOT_MODELLED', 6]]);
  });

  it('GIVEN the same list on IOS 15 WHEN parsed THEN no warning and the deny lands between the two rules (remarks take no number)', () => {
    const text =
      'version 15.9\nip access-list extended VPN\n remark first\n permit ip any host 10.0.0.1\n permit ip any host 10.0.0.2\n 15 deny ip any any';
    expect(acls(text).diagnostics).toEqual([]);
    expect(order(text)).toEqual(['- remark', '10 permit 10.0.0.1', '15 deny any', '20 permit 10.0.0.2']);
  });

  it('GIVEN remarks with every rule numbered WHEN parsed THEN no warning and the remark stays before the rule typed after it', () => {
    const text =
      'ip access-list extended VPN\n 10 permit ip any host 10.0.0.1\n remark second\n 20 permit ip any host 10.0.0.2';
    expect(acls(text).diagnostics).toEqual([]);
    expect(order(text)).toEqual(['10 permit 10.0.0.1', '- remark', '20 permit 10.0.0.2']);
  });
});

describe('object groups (docs/ios-semantics.md#object-groups)', () => {
  const groups = [
    'object-group network SPOKES',
    ' host 10.9.9.9',
    ' 10.2.0.0 255.255.0.0',
    ' range 10.3.0.1 10.3.0.6',
    'object-group network ALL',
    ' group-object SPOKES',
    'object-group service VPN-SVC',
    ' tcp eq 443',
    ' udp source range 1000 2000 eq 53',
    ' tcp-udp eq 123',
    ' esp',
    '',
  ].join('\n');

  it('GIVEN network and service groups WHEN parsed THEN the IR holds their items in order', () => {
    const { config, diagnostics } = acls(groups);
    expect(diagnostics).toEqual([]);
    expect(config.objectGroups).toMatchObject([
      {
        type: 'network',
        name: 'SPOKES',
        items: [
          { kind: 'host', address: '10.9.9.9' },
          { kind: 'subnet', address: '10.2.0.0', mask: '255.255.0.0' },
          { kind: 'range', first: '10.3.0.1', last: '10.3.0.6' },
        ],
      },
      { type: 'network', name: 'ALL', items: [{ kind: 'group', name: 'SPOKES' }] },
      {
        type: 'service',
        name: 'VPN-SVC',
        items: [
          { kind: 'protocol', protocol: 'tcp', destinationPort: { op: 'eq', ports: [443] } },
          {
            kind: 'protocol',
            protocol: 'udp',
            sourcePort: { op: 'range', ports: [1000, 2000] },
            destinationPort: { op: 'eq', ports: [53] },
          },
          { kind: 'protocol', protocol: 'tcp-udp', destinationPort: { op: 'eq', ports: [123] } },
          { kind: 'protocol', protocol: 'esp' },
        ],
      },
    ]);
  });

  it('GIVEN ACL lines naming defined groups WHEN parsed THEN they reference the groups by name', () => {
    const { config, diagnostics } = acls(
      `${groups}ip access-list extended F\n permit ip object-group ALL object-group SPOKES\n permit object-group VPN-SVC host 10.0.0.1 any`,
    );
    expect(diagnostics).toEqual([]);
    expect(config.accessLists[0]!.entries).toMatchObject([
      {
        source: { kind: 'object-group', name: 'ALL' },
        destination: { kind: 'object-group', name: 'SPOKES' },
        protocol: 'ip',
      },
      { service: 'VPN-SVC', protocol: 'ip', source: { kind: 'host' } },
    ]);
  });

  it('GIVEN a network group used as a service (or nested under an undefined name) WHEN parsed THEN UNDEFINED_OBJECT_GROUP at the line', () => {
    const r = acls(
      `${groups}ip access-list extended F\n permit object-group SPOKES any any\nobject-group network X\n group-object NOPE`,
    );
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['UNDEFINED_OBJECT_GROUP', 13],
      ['UNDEFINED_OBJECT_GROUP', 15],
    ]);
  });

  it('GIVEN a group used by a crypto ACL WHEN parsed THEN the line is NOT_MODELLED (proxy identities of object-group lines are not confirmed)', () => {
    const r = acls(
      `${groups}ip access-list extended VPN\n permit ip host 10.1.1.1 object-group SPOKES\ncrypto map M 10 ipsec-isakmp\n match address VPN`,
    );
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'NOT_MODELLED', 13]]);
  });

  it('GIVEN a group an ACL uses WHEN "no object-group" is entered THEN IOS refuses: an error and the group is kept', () => {
    const r = acls(`${groups}ip access-list extended F\n permit ip object-group ALL any\nno object-group network ALL`);
    expect(r.diagnostics.map((d) => [d.severity, d.line])).toEqual([['error', 14]]);
    expect(r.config.objectGroups?.map((g) => g.name)).toContain('ALL');
  });
});
