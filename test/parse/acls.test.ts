import { describe, expect, it } from 'vitest';
import type { AclRule } from '../../lib/ir/router-config.js';
import { parseConfig } from '../../lib/parse/index.js';

const acls = (text: string) => parseConfig(text, { file: 'acl.cfg' });
const rule = (text: string, index = 0): AclRule => {
  const entry = acls(text).config.accessLists[0]!.entries[index]!;
  if (entry.kind !== 'rule') throw new Error('expected a rule');
  return entry;
};

describe('numbered ACLs', () => {
  it('GIVEN numbers from each IOS range WHEN parsed THEN standard and extended types follow the number', () => {
    const { config } = acls(['access-list 10 permit any', 'access-list 1300 deny any', 'access-list 110 permit ip any any', 'access-list 2000 permit ip any any'].join('\n'));
    expect(config.accessLists.map((a) => [a.name, a.type, a.numbered])).toEqual([
      ['10', 'standard', true],
      ['1300', 'standard', true],
      ['110', 'extended', true],
      ['2000', 'extended', true],
    ]);
  });

  it('GIVEN a standard line with a bare address, a host and a wildcard WHEN parsed THEN the sources are host, host and wildcard', () => {
    const text = 'access-list 5 permit 10.1.1.1\naccess-list 5 deny host 10.1.1.2 log\naccess-list 5 permit 10.2.0.0 0.0.255.255';
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
    expect(acls('access-list 110 remark  to   spoke 1').config.accessLists[0]!.entries[0]).toMatchObject({ kind: 'remark', text: 'to spoke 1' });
  });
});

describe('extended ACL rules', () => {
  it('GIVEN named ports on TCP and UDP WHEN parsed THEN they become IANA numbers per protocol', () => {
    expect(rule('access-list 101 permit tcp any host 10.0.0.1 eq www telnet 8080').destinationPort).toEqual({ op: 'eq', ports: [80, 23, 8080] });
    expect(rule('access-list 101 permit udp host 1.1.1.1 eq isakmp host 2.2.2.2 eq non500-isakmp').sourcePort).toEqual({ op: 'eq', ports: [500] });
    expect(rule('access-list 101 permit udp any any eq syslog').destinationPort).toEqual({ op: 'eq', ports: [514] });
    expect(rule('access-list 101 permit tcp any any eq cmd').destinationPort).toEqual({ op: 'eq', ports: [514] });
  });

  it('GIVEN range, neq, lt and gt operators WHEN parsed THEN each keeps its operands', () => {
    expect(rule('access-list 101 permit tcp any range 1024 65535 any neq 25').sourcePort).toEqual({ op: 'range', ports: [1024, 65535] });
    expect(rule('access-list 101 permit tcp any range 1024 65535 any neq 25').destinationPort).toEqual({ op: 'neq', ports: [25] });
    expect(rule('access-list 101 permit udp any lt 1024 any gt ntp').destinationPort).toEqual({ op: 'gt', ports: [123] });
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

  it('GIVEN an object-group address WHEN parsed THEN the line is skipped with a NOT_MODELLED warning', () => {
    const { diagnostics } = acls('ip access-list extended X\n permit ip object-group A any');
    expect(diagnostics.map((d) => [d.severity, d.code])).toContainEqual(['warning', 'NOT_MODELLED']);
  });
});

describe('named ACLs', () => {
  it('GIVEN sequence numbers and remarks WHEN parsed THEN seq is kept per entry with its line', () => {
    const { config } = acls('ip access-list extended VPN\n 5 remark hub lan\n 10 permit ip 10.1.1.0 0.0.0.255 any\n deny ip any any');
    const acl = config.accessLists[0]!;
    expect(acl).toMatchObject({ name: 'VPN', type: 'extended', numbered: false });
    expect(acl.entries.map((e) => [e.kind, e.seq, e.loc?.line])).toEqual([
      ['remark', 5, 2],
      ['rule', 10, 3],
      ['rule', undefined, 4],
    ]);
  });

  it('GIVEN a standard named list WHEN parsed THEN its lines read as standard rules', () => {
    expect(acls('ip access-list standard MGMT\n permit 10.0.0.0 0.255.255.255').config.accessLists[0]!.entries[0]).toMatchObject({ source: { kind: 'wildcard', address: '10.0.0.0' } });
  });

  it('GIVEN ip access-list extended 110 WHEN parsed THEN it edits numbered list 110', () => {
    const { config } = acls('access-list 110 permit ip any any\nip access-list extended 110\n 20 deny ip any any');
    expect(config.accessLists).toHaveLength(1);
    expect(config.accessLists[0]).toMatchObject({ name: '110', numbered: true });
    expect(config.accessLists[0]!.entries).toHaveLength(2);
  });

  it('GIVEN a list re-opened with the other type WHEN parsed THEN ACL_TYPE_MISMATCH is reported', () => {
    const { diagnostics } = acls('ip access-list extended X\n permit ip any any\nip access-list standard X\n permit any');
    expect(diagnostics.map((d) => d.code)).toContain('ACL_TYPE_MISMATCH');
  });
});
