// Test helper (not a test file): every secret-bearing IOS line form, as fast-check arbitraries that
// place a given secret in each syntax variant (encryption types, address/hostname/ipv6 peers,
// optional keywords). Sources: Cisco IOS Security Command Reference (crypto isakmp key,
// pre-shared-key, username, enable password/secret, tacacs-server, radius-server, key-string),
// IP Routing command references (ip ospf authentication-key, message-digest-key, neighbor password),
// First Hop Redundancy (standby/vrrp authentication), SNMP and NTP command references.
import fc from 'fast-check';

/** Where a form's lines go: top level (a block may follow its header), or inside an interface. */
export interface SecretForm {
  readonly name: string;
  readonly where: 'global' | 'interface';
  /** The lines, with their indentation; the secret appears in them. */
  readonly lines: readonly string[];
}

const pick = <T>(...xs: T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const opt = (s: string): fc.Arbitrary<string> => fc.constantFrom('', s);
const ip = fc
  .tuple(
    fc.integer({ min: 1, max: 223 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 1, max: 254 }),
  )
  .map((q) => q.join('.'));
const typed = (types: string[]): fc.Arbitrary<string> => fc.constantFrom('', ...types.map((t) => `${t} `));

type FormArb = (secret: string) => fc.Arbitrary<SecretForm>;
const global = (name: string, a: fc.Arbitrary<string | string[]>): fc.Arbitrary<SecretForm> =>
  a.map((l) => ({ name, where: 'global', lines: Array.isArray(l) ? l : [l] }));
const inIntf = (name: string, a: fc.Arbitrary<string>): fc.Arbitrary<SecretForm> =>
  a.map((l) => ({ name, where: 'interface', lines: [` ${l}`] }));

/** Every known form; each arbitrary yields the form with `secret` in it. */
export const SECRET_FORMS: readonly FormArb[] = [
  (s) =>
    global(
      'crypto isakmp key address',
      fc
        .tuple(typed(['0', '6', '7']), ip, opt(' 255.255.255.0'), opt(' no-xauth'))
        .map(([t, a, m, x]) => `crypto isakmp key ${t}${s} address ${a}${m}${x}`),
    ),
  (s) =>
    global(
      'crypto isakmp key ipv6',
      typed(['0', '6', '7']).map((t) => `crypto isakmp key ${t}${s} address ipv6 2001:db8::1/128`),
    ),
  (s) =>
    global(
      'crypto isakmp key hostname',
      typed(['0', '6', '7']).map((t) => `crypto isakmp key ${t}${s} hostname peer.example.net`),
    ),
  (s) =>
    global(
      'keyring address',
      fc
        .tuple(ip, opt(' 255.255.255.0'), typed(['0', '6', '7']))
        .map(([a, m, t]) => ['crypto keyring KR1', ` pre-shared-key address ${a}${m} key ${t}${s}`]),
    ),
  (s) =>
    global(
      'keyring hostname',
      typed(['0', '6', '7']).map((t) => [
        'crypto keyring KR2',
        ` pre-shared-key hostname peer.example.net key ${t}${s}`,
      ]),
    ),
  // A keyring with its other lines, selected by an ISAKMP profile (both modelled: the key reaches the IR and every output).
  (s) =>
    global(
      'keyring with profile',
      fc
        .tuple(pick('', ' vrf INET'), ip, opt(' 255.255.255.255'), typed(['0', '6', '7']))
        .map(([v, a, m, t]) => [
          `crypto keyring KR3${v}`,
          ' description branch keys',
          ' local-address 10.1.4.1',
          ` pre-shared-key address ${a}${m} key ${t}${s}`,
          'crypto isakmp profile PR3',
          ' keyring KR3',
          ` match identity address ${a}`,
          ' keepalive 10 retry 3',
        ]),
    ),
  (s) =>
    global(
      'ikev2 keyring',
      fc
        .tuple(pick('', 'local ', 'remote '), typed(['0', '6', '7']))
        .map(([side, t]) => [
          'crypto ikev2 keyring K2',
          ' peer P1',
          '  address 10.9.9.9',
          `  pre-shared-key ${side}${t}${s}`,
        ]),
    ),
  (s) =>
    global(
      'ikev2 profile',
      pick('local', 'remote').map((side) => ['crypto ikev2 profile PR1', ` authentication ${side} pre-share key ${s}`]),
    ),
  (s) =>
    global(
      'username password',
      fc.tuple(opt('privilege 15 '), typed(['0', '7'])).map(([p, t]) => `username admin ${p}password ${t}${s}`),
    ),
  (s) =>
    global(
      'username secret',
      fc.tuple(opt('privilege 15 '), typed(['0', '5', '8', '9'])).map(([p, t]) => `username ops ${p}secret ${t}${s}`),
    ),
  (s) => global('username scrypt', fc.constant(`username ops2 algorithm-type scrypt secret ${s}`)),
  (s) =>
    global(
      'enable password',
      fc.tuple(opt('level 7 '), typed(['0', '7'])).map(([l, t]) => `enable password ${l}${t}${s}`),
    ),
  (s) =>
    global(
      'enable secret',
      fc.tuple(opt('level 15 '), typed(['0', '5', '8', '9'])).map(([l, t]) => `enable secret ${l}${t}${s}`),
    ),
  (s) =>
    global(
      'snmp community',
      fc.tuple(pick('', ' RO', ' RW', ' view V1 RO 10')).map(([r]) => `snmp-server community ${s}${r}`),
    ),
  (s) =>
    global(
      'snmp host',
      pick('', 'version 2c ', 'informs version 2c ', 'traps version 1 ').map(
        (v) => `snmp-server host 10.0.0.9 ${v}${s}`,
      ),
    ),
  (s) =>
    global(
      'snmp user',
      fc
        .tuple(pick('md5', 'sha'), pick('des', '3des', 'aes 128', 'aes 256'))
        .map(([h, p]) => `snmp-server user u1 g1 v3 auth ${h} ${s}a priv ${p} ${s}p`),
    ),
  (s) =>
    global(
      'tacacs-server key',
      typed(['0', '7']).map((t) => `tacacs-server key ${t}${s}`),
    ),
  (s) =>
    global(
      'tacacs-server host key',
      typed(['0', '7']).map((t) => `tacacs-server host 10.0.0.7 key ${t}${s}`),
    ),
  (s) =>
    global(
      'radius-server key',
      typed(['0', '6', '7']).map((t) => `radius-server key ${t}${s}`),
    ),
  (s) =>
    global(
      'radius-server host key',
      typed(['0', '7']).map((t) => `radius-server host 10.0.0.8 auth-port 1645 acct-port 1646 key ${t}${s}`),
    ),
  (s) =>
    global(
      'tacacs server block',
      typed(['0', '6', '7']).map((t) => ['tacacs server T1', ' address ipv4 10.0.0.7', ` key ${t}${s}`]),
    ),
  (s) =>
    global(
      'radius server block',
      typed(['0', '6', '7']).map((t) => [
        'radius server R1',
        ' address ipv4 10.0.0.8 auth-port 1812 acct-port 1813',
        ` key ${t}${s}`,
      ]),
    ),
  (s) =>
    global(
      'key chain key-string',
      typed(['0', '7']).map((t) => ['key chain KC1', ' key 1', `  key-string ${t}${s}`]),
    ),
  (s) =>
    global(
      'line password',
      typed(['0', '7']).map((t) => ['line vty 0 4', ` password ${t}${s}`, ' login']),
    ),
  (s) =>
    global(
      'ntp authentication-key',
      opt(' 7').map((t) => `ntp authentication-key 1 md5 ${s}${t}`),
    ),
  (s) =>
    global(
      'bgp neighbor password',
      typed(['0', '7']).map((t) => ['router bgp 65000', ` neighbor 10.0.0.2 password ${t}${s}`]),
    ),
  (s) =>
    global(
      'ospf virtual-link',
      fc.constant(['router ospf 1', ` area 1 virtual-link 1.1.1.1 message-digest-key 1 md5 ${s}`]),
    ),
  (s) => global('config-key', fc.constant(`key config-key password-encrypt ${s}`)),
  (s) =>
    global(
      'dynamic-author',
      typed(['0', '7']).map((t) => ['aaa server radius dynamic-author', ` client 10.0.0.8 server-key ${t}${s}`]),
    ),
  (s) => global('ezvpn group key', fc.constant(['crypto isakmp client configuration group G1', ` key ${s}`])),
  (s) =>
    global(
      'unknown secret keyword',
      pick('future-feature secret-key', 'vendor thing password', 'mystery psk').map((k) => `${k} ${s}`),
    ),
  (s) =>
    inIntf(
      'ospf authentication-key',
      typed(['0', '7']).map((t) => `ip ospf authentication-key ${t}${s}`),
    ),
  (s) =>
    inIntf(
      'ospf message-digest-key',
      typed(['0', '7']).map((t) => `ip ospf message-digest-key 1 md5 ${t}${s}`),
    ),
  (s) =>
    inIntf(
      'hsrp text',
      pick('standby authentication', 'standby 1 authentication', 'standby 1 authentication text').map(
        (k) => `${k} ${s}`,
      ),
    ),
  (s) =>
    inIntf(
      'hsrp md5',
      fc
        .tuple(typed(['0', '7']), opt(' timeout 30'))
        .map(([t, o]) => `standby 1 authentication md5 key-string ${t}${s}${o}`),
    ),
  (s) =>
    inIntf(
      'vrrp',
      pick('text ', 'md5 key-string ').map((k) => `vrrp 1 authentication ${k}${s}`),
    ),
  (s) =>
    inIntf(
      'ppp chap',
      typed(['0', '7']).map((t) => `ppp chap password ${t}${s}`),
    ),
  (s) =>
    inIntf(
      'ppp pap',
      typed(['0', '7']).map((t) => `ppp pap sent-username u1 password ${t}${s}`),
    ),
  (s) => inIntf('nhrp', fc.constant(`ip nhrp authentication ${s}`)),
  (s) =>
    inIntf(
      'wpa-psk',
      fc.tuple(pick('ascii ', 'hex ', ''), typed(['0', '7'])).map(([k, t]) => `wpa-psk ${k}${t}${s}`),
    ),
];

/** A secret that cannot occur in any output by accident (a fixed prefix, then random letters and digits). */
export const secretArb: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z0-9]{10,14}$/).map((x) => `Zq${x}`);

/** One instance of every form, each with its own secret; returns the forms and the secrets. */
export const everyForm: fc.Arbitrary<{ forms: SecretForm[]; secrets: string[] }> = fc
  .array(secretArb, { minLength: SECRET_FORMS.length, maxLength: SECRET_FORMS.length })
  .chain((secrets) => fc.tuple(...SECRET_FORMS.map((f, i) => f(secrets[i]!))).map((forms) => ({ forms, secrets })));

/** A config text with the forms added: global lines before `end`, interface lines in a new interface. */
export function withForms(config: string, forms: readonly SecretForm[]): string {
  const global = forms.filter((f) => f.where === 'global').flatMap((f) => [...f.lines, '!']);
  const intf = forms.filter((f) => f.where === 'interface').flatMap((f) => f.lines);
  const extra = [...global, 'interface Loopback99', ' ip address 10.99.99.1 255.255.255.255', ...intf, '!'];
  return config.replace(/^end\s*$/m, `${extra.join('\n')}\nend`);
}
