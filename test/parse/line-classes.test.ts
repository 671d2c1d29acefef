import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/parse/index.js';
import { LINE_CLASSES, classifyLine, unreadLineClass } from '../../lib/parse/line-classes.js';

const parse = (text: string) => parseConfig(text, { file: 'r.cfg' });
const notModelledLines = (text: string) =>
  parse(text)
    .diagnostics.filter((d) => d.code === 'NOT_MODELLED')
    .map((d) => d.line);
/** A line made of a row's words (`#` becomes a number) plus an argument. */
const sample = (words: string) => `${words.replace(/#/g, '700')} X1`;

describe('line classification table', () => {
  it('GIVEN a command no row lists WHEN classified THEN it is relevant (unknown means relevant)', () => {
    expect(classifyLine('global', ['frobnicate', 'all'])).toBe('relevant');
    expect(classifyLine('interface', ['frobnicate'])).toBe('relevant');
    expect(classifyLine('crypto-map-entry', ['set', 'frobnicate'])).toBe('relevant');
  });

  it('GIVEN the longest match WHEN a relevant row is more specific than an inert one THEN the specific row wins', () => {
    expect(classifyLine('interface', ['ip', 'address', 'pool', 'P'])).toBe('relevant');
    expect(classifyLine('interface', ['ip', 'address', 'dhcp'])).toBe('modelled');
    expect(classifyLine('interface', ['ip', 'address', '10.0.0.1', '255.0.0.0'])).toBe('modelled');
    expect(classifyLine('global', ['ip', 'access-list', 'resequence', 'A', '10', '10'])).toBe('modelled');
    expect(classifyLine('global', ['object-group', 'network', 'A'])).toBe('modelled');
    expect(classifyLine('global', ['object-group', 'security', 'A'])).toBe('inert');
    expect(classifyLine('global', ['ip', 'access-list', 'logging', 'interval', '10'])).toBe('inert');
  });

  it('GIVEN a modelled row WHEN a reader leaves such a line unread THEN the line is relevant (a form the reader cannot represent)', () => {
    expect(unreadLineClass('global', ['crypto', 'map', 'M', 'local-address', 'Loopback0'])).toBe('relevant');
    expect(unreadLineClass('global', ['logging', 'buffered'])).toBe('inert');
  });

  it('GIVEN every relevant global row WHEN written as a line THEN the parser reports NOT_MODELLED at that line', () => {
    for (const rule of LINE_CLASSES.global.filter((r) => r.class === 'relevant')) {
      expect(notModelledLines(`hostname R\n${sample(rule.words)}\n`), rule.words).toEqual([2]);
    }
  });

  it('GIVEN every relevant interface row WHEN written in an interface THEN the parser reports NOT_MODELLED at that line', () => {
    for (const rule of LINE_CLASSES.interface.filter((r) => r.class === 'relevant')) {
      const lines = notModelledLines(
        `interface Ethernet0\n ip address 10.0.0.1 255.255.255.0\n ${sample(rule.words)}\n`,
      );
      expect(lines, rule.words).toEqual([3]);
    }
  });

  it('GIVEN every inert global and interface row WHEN written as a line THEN nothing is reported', () => {
    for (const rule of LINE_CLASSES.global.filter((r) => r.class === 'inert')) {
      expect(notModelledLines(`hostname R\n${sample(rule.words)}\n`), rule.words).toEqual([]);
    }
    for (const rule of LINE_CLASSES.interface.filter((r) => r.class === 'inert')) {
      expect(notModelledLines(`interface Ethernet0\n ${sample(rule.words)}\n`), rule.words).toEqual([]);
    }
  });
});

describe('NOT_MODELLED from the table', () => {
  it('GIVEN management lines, banners and line blocks WHEN parsed THEN nothing is reported', () => {
    const text = [
      'hostname R',
      'service timestamps log datetime msec',
      'logging buffered 4096',
      'ntp server 192.0.2.9',
      'snmp-server community x RO',
      'banner motd ^C',
      'router ospf 1 (in a banner)',
      '^C',
      'aaa new-model',
      'username admin privilege 15 secret 5 $1$x',
      'ip domain name example.com',
      'ip name-server 192.0.2.53',
      'ip cef',
      'no ip http server',
      'clock timezone UTC 0',
      'line vty 0 4',
      ' transport input ssh',
      ' login local',
      'control-plane',
      '!',
      'end',
    ].join('\n');
    expect(notModelledLines(text)).toEqual([]);
  });

  it('GIVEN an unknown global command, policy routing of local traffic and WCCP WHEN parsed THEN each is NOT_MODELLED at its line', () => {
    const text = [
      'hostname R',
      'frobnicate everything',
      'ip local policy route-map PBR',
      'ip wccp 61',
      'ip options drop',
    ].join('\n');
    const diagnostics = parse(text).diagnostics.filter((d) => d.code === 'NOT_MODELLED');
    expect(diagnostics.map((d) => d.line)).toEqual([2, 3, 4, 5]);
    expect(diagnostics[0]!.message).toContain('"frobnicate everything"');
    expect(diagnostics[0]!.severity).toBe('warning');
  });

  it('GIVEN control-plane policing WHEN parsed THEN the service-policy line is NOT_MODELLED, and an empty control-plane is not', () => {
    expect(notModelledLines('hostname R\ncontrol-plane\n service-policy input COPP\n')).toEqual([3]);
    expect(notModelledLines('hostname R\ncontrol-plane\n!\n')).toEqual([]);
  });

  it('GIVEN a relevant block header WHEN parsed THEN only the header is reported, not each line under it', () => {
    expect(notModelledLines('hostname R\nrouter eigrp 10\n network 10.0.0.0\n redistribute static\n')).toEqual([2]);
  });

  it('GIVEN QoS, policy routing, uRPF, HSRP and an unknown word on an interface WHEN parsed THEN each is NOT_MODELLED; speed, duplex and bandwidth are not', () => {
    const text = [
      'interface Ethernet0',
      ' ip address 10.0.0.1 255.255.255.0',
      ' speed 100',
      ' duplex full',
      ' bandwidth 10000',
      ' load-interval 30',
      ' service-policy output SHAPE',
      ' ip policy route-map PBR',
      ' ip verify unicast source reachable-via rx',
      ' standby 1 ip 10.0.0.3',
      ' frobnicate',
    ].join('\n');
    expect(notModelledLines(text)).toEqual([7, 8, 9, 10, 11]);
  });

  it('GIVEN an unknown crypto map entry sub-command and an inert one WHEN parsed THEN only the unknown one is NOT_MODELLED', () => {
    const text = ['crypto map M 10 ipsec-isakmp', ' set peer 192.0.2.1', ' qos pre-classify', ' set nat demux'].join(
      '\n',
    );
    expect(notModelledLines(text)).toEqual([4]);
  });

  it('GIVEN a flattened line block WHEN parsed THEN its unindented sub-commands are inert, not unknown global commands', () => {
    expect(notModelledLines('hostname R\nline vty 0 4\ntransport input ssh\nexec-timeout 5 0\nlogin local\n')).toEqual(
      [],
    );
  });
});

describe('NOT_MODELLED wording', () => {
  it('GIVEN an unknown command that carries a secret WHEN reported THEN the message names the command, never the secret', () => {
    const d = parse(
      'hostname R\nmystery psk S3cr3tValue99\nfuture-feature secret-key S3cr3tValue99\n',
    ).diagnostics.filter((x) => x.code === 'NOT_MODELLED');
    expect(d.map((x) => x.line)).toEqual([2, 3]);
    for (const x of d) expect(x.message).not.toContain('S3cr3tValue99');
    expect(d[0]!.message).toContain('"mystery psk');
  });
});

describe('NOT_MODELLED wording of odd words', () => {
  it('GIVEN lines starting with object property names WHEN parsed THEN they are unknown commands, reported without an internal error', () => {
    const d = parse('__proto__\nconstructor x\ntoString\n').diagnostics;
    expect(d.filter((x) => x.code === 'INTERNAL')).toEqual([]);
    expect(d.filter((x) => x.code === 'NOT_MODELLED').map((x) => x.line)).toEqual([1, 2, 3]);
  });
});
