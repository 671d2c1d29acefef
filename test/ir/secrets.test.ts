import { describe, expect, it } from 'vitest';
import { hasSecret, redactCommands, redactConfigText, redactLine, redactMessage } from '../../lib/ir/secrets.js';

describe('redactLine', () => {
  it.each([
    [
      'crypto isakmp key 6 K1 address 10.1.1.0 255.255.255.0 no-xauth',
      'crypto isakmp key 6 <redacted> address 10.1.1.0 255.255.255.0 no-xauth',
    ],
    ['crypto isakmp key K1 address ipv6 2001:db8::1/128', 'crypto isakmp key <redacted> address ipv6 2001:db8::1/128'],
    ['no crypto isakmp key K1 hostname peer', 'no crypto isakmp key <redacted> hostname peer'],
    ['crypto isakmp key 7 address 10.0.0.1', 'crypto isakmp key <redacted> address 10.0.0.1'],
    [
      ' pre-shared-key address 10.1.1.0 255.255.255.0 key 7 K1',
      ' pre-shared-key address 10.1.1.0 255.255.255.0 key 7 <redacted>',
    ],
    ['  pre-shared-key remote 6 K1', '  pre-shared-key remote 6 <redacted>'],
    // Without `key` (IOS refuses the line) whatever follows the peer may be the key.
    [' pre-shared-key address 10.1.1.1 K1', ' pre-shared-key address 10.1.1.1 <redacted>'],
    [
      ' pre-shared-key address 10.1.1.0 255.255.255.0 K1 K2',
      ' pre-shared-key address 10.1.1.0 255.255.255.0 <redacted>',
    ],
    [' pre-shared-key hostname peer.example.net K1', ' pre-shared-key hostname peer.example.net <redacted>'],
    ['username a privilege 15 password 0 two words', 'username a privilege 15 password 0 <redacted>'],
    ['enable secret level 15 5 $1$x', 'enable secret level 15 5 <redacted>'],
    ['snmp-server community C1 RO 10', 'snmp-server community <redacted> RO 10'],
    [
      'snmp-server host 10.0.0.1 informs version 3 priv U1 udp-port 162',
      'snmp-server host 10.0.0.1 informs version 3 priv <redacted> udp-port 162',
    ],
    [
      'snmp-server user u g v3 auth sha A1 priv aes 128 P1',
      'snmp-server user u g v3 auth sha <redacted> priv aes 128 <redacted>',
    ],
    [
      'radius-server host 10.0.0.1 auth-port 1645 acct-port 1646 key 7 K1',
      'radius-server host 10.0.0.1 auth-port 1645 acct-port 1646 key 7 <redacted>',
    ],
    [
      ' standby 1 authentication md5 key-string 7 K1 timeout 30',
      ' standby 1 authentication md5 key-string 7 <redacted> timeout 30',
    ],
    [' ip ospf message-digest-key 1 md5 7 K1', ' ip ospf message-digest-key 1 md5 7 <redacted>'],
    ['ntp authentication-key 1 md5 K1 7', 'ntp authentication-key 1 md5 <redacted> 7'],
    [' set session-key inbound ah 256 K1', ' set session-key inbound ah 256 <redacted>'],
  ])('GIVEN %j WHEN masked THEN only the secret is replaced', (line, want) => {
    expect(redactLine(line)).toBe(want);
  });

  it.each([
    'authentication pre-share',
    'crypto isakmp keepalive 10',
    'service password-encryption',
    'key chain KC',
    'standby 1 authentication md5 key-chain KC',
    'ip ospf authentication message-digest',
    'password encryption aes',
    'hostname Hub',
  ])('GIVEN the secret-free line %j WHEN masked THEN it is unchanged', (line) => {
    expect(redactLine(line)).toBe(line);
    expect(hasSecret(line)).toBe(false);
  });

  it('GIVEN an unknown line with a secret-looking keyword WHEN masked THEN everything after the keyword is hidden', () => {
    expect(redactLine('frobnicate peer 1 shared-secret 0 S1 extra')).toBe(
      'frobnicate peer 1 shared-secret 0 <redacted>',
    );
  });

  it('GIVEN a line with control characters WHEN masked THEN the whole line is hidden (it may display unlike what IOS reads)', () => {
    expect(redactLine(' crypto isakmp kex\by K1 address 10.0.0.1')).toBe(' <redacted>');
  });

  it('GIVEN a chosen mark WHEN masked THEN it is used', () => {
    expect(redactLine('enable secret 5 X', { mark: '*****' })).toBe('enable secret 5 *****');
  });
});

describe('redactConfigText and redactCommands', () => {
  it('GIVEN a key chain and a server block WHEN masked THEN the key number stays and the server key goes', () => {
    const text = 'key chain KC\n key 1\n  key-string 7 K1\ntacacs server T\n key 1';
    expect(redactConfigText(text)).toBe(
      'key chain KC\n key 1\n  key-string 7 <redacted>\ntacacs server T\n key <redacted>',
    );
  });

  it('GIVEN plan commands of a block WHEN masked THEN the header is the section', () => {
    expect(redactCommands(['radius server R', ' key 7 K1', 'exit'])).toEqual([
      'radius server R',
      ' key 7 <redacted>',
      'exit',
    ]);
  });
});

describe('redactMessage', () => {
  it('GIVEN prose quoting config lines WHEN masked THEN the quoted and the unmistakable forms are masked, the prose stays', () => {
    const msg =
      'no pre-shared key for 10.1.1.1: add `crypto isakmp key K1 address 10.1.1.1` (or "key 7 K2"); crypto isakmp key K3 address 10.0.0.2 is ignored';
    expect(redactMessage(msg)).toBe(
      'no pre-shared key for 10.1.1.1: add `crypto isakmp key <redacted> address 10.1.1.1` (or "key 7 <redacted>"); crypto isakmp key <redacted> address 10.0.0.2 is ignored',
    );
  });
});
