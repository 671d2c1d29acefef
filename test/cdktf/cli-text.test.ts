import { describe, expect, it } from 'vitest';
import { escapeTemplate, toIosxeCli } from '../../lib/cdktf/cli-text.js';
import { keyFingerprint } from '../../lib/cdktf/key-fingerprint.js';

const FP = keyFingerprint('fake-key-one');

describe('toIosxeCli', () => {
  it('GIVEN a rendered config WHEN converted THEN comments, blank lines, version and end are dropped and the rest keeps its order and indentation', () => {
    const rendered = [
      '!',
      'version 17.9',
      '!',
      'hostname Hub',
      '!',
      'interface GigabitEthernet2',
      ' ip address 10.1.4.1 255.255.255.0',
      ' crypto map mymap',
      '!',
      'end',
      '',
    ].join('\n');
    expect(toIosxeCli(rendered, new Map(), 'Hub')).toBe(
      [
        'hostname Hub',
        'interface GigabitEthernet2',
        ' ip address 10.1.4.1 255.255.255.0',
        ' crypto map mymap',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN a key fingerprint WHEN converted THEN it is replaced by its variable reference', () => {
    const rendered = `crypto isakmp key ${FP} address 10.1.2.1\n`;
    expect(toIosxeCli(rendered, new Map([[FP, '${var.psk}']]), 'Hub')).toBe(
      'crypto isakmp key ${var.psk} address 10.1.2.1\n',
    );
  });

  it('GIVEN a fingerprint with no variable WHEN converted THEN it throws naming the router and not the fingerprint', () => {
    const rendered = `crypto isakmp key ${FP} address 10.1.2.1\n`;
    expect(() => toIosxeCli(rendered, new Map(), 'Spoke9')).toThrow(/Spoke9/);
    try {
      toIosxeCli(rendered, new Map(), 'Spoke9');
    } catch (e) {
      expect((e as Error).message).not.toContain(FP);
    }
  });

  it('GIVEN config text containing Terraform template markers WHEN converted THEN they are escaped so Terraform sends them literally', () => {
    expect(toIosxeCli('banner motd ^C ${x} %{ if } ^C\n', new Map(), 'Hub')).toBe('banner motd ^C $${x} %%{ if } ^C\n');
    expect(escapeTemplate('a ${b}')).toBe('a $${b}');
  });
});
