/**
 * Which parts of an IOS configuration line are secrets, recognised by the grammar of the command
 * that carries them (docs/ios-semantics.md#secret-bearing-lines), and one way to mask them. Every
 * output that can quote configuration text (change plans, the emulator's `show running-config` and
 * debug output, reports, error messages) masks through this module, so a form added here is masked
 * everywhere at once.
 *
 * Two principles: a recognised form masks the secret and nothing else (the encryption type, the
 * peer address, the trailing keywords stay readable); a line no form recognises but that holds a
 * secret-looking keyword is masked from that keyword on, because printing an unknown secret is
 * worse than hiding a harmless word.
 */
import { appendAll } from './collections.js';

/** What a masked secret is replaced with unless the caller chooses another marker: the one marker of every output. */
export const SECRET_MARK = '<redacted>';

interface Token {
  readonly text: string;
  /** Lower-cased text, for keyword comparisons (IOS keywords are case-insensitive). */
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** Token range to mask: `from` through `to` (inclusive, token indexes). */
interface Span {
  readonly from: number;
  readonly to: number;
}

/** The tokens of a line as the parser splits them (any whitespace, as `split(/\s+/)`). */
function tokenize(line: string): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    out.push({ text: m[0], word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const toEnd = (t: readonly Token[], from: number): Span[] => (from < t.length ? [{ from, to: t.length - 1 }] : []);
const one = (t: readonly Token[], at: number): Span[] => (at < t.length ? [{ from: at, to: at }] : []);

/**
 * Skips an encryption-type digit (`0` clear, `5`/`8`/`9` hashes, `6` AES, `7` Vigenère) when a
 * value follows it; a lone digit is the secret itself. `stop` words after the digit mean the digit
 * was the secret (`crypto isakmp key 7 address ...` sets the key "7").
 */
function skipType(t: readonly Token[], i: number, types: string, stop: readonly string[] = []): number {
  const cur = t[i];
  const next = t[i + 1];
  if (cur === undefined || next === undefined || cur.word.length !== 1 || !types.includes(cur.word)) return i;
  return stop.includes(next.word) ? i : i + 1;
}

function indexOfWord(t: readonly Token[], words: readonly string[], from: number): number {
  for (let i = from; i < t.length; i += 1) if (words.includes(t[i]!.word)) return i;
  return -1;
}

/** The secret after `t[at]`'s keyword (with an optional type digit), to the end of the line. */
function afterKeyword(t: readonly Token[], at: number, types = '07'): Span[] {
  return at < 0 ? [] : toEnd(t, skipType(t, at + 1, types));
}

// `crypto isakmp key [0|6|7] KEY {address A [M] | address ipv6 P/L | hostname H} [no-xauth]`.
function crypto(t: readonly Token[]): Span[] | undefined {
  if (t[1]?.word === 'isakmp' && t[2]?.word === 'key') {
    const at = skipType(t, 3, '067', ['address', 'hostname']);
    const end = indexOfWord(t, ['address', 'hostname'], at + 1);
    return end < 0 ? toEnd(t, at) : at < end ? [{ from: at, to: end - 1 }] : [];
  }
  // `crypto key pubkey-chain rsa` holds public keys only.
  if (t[1]?.word === 'key' && t[2]?.word === 'pubkey-chain') return [];
  return undefined;
}

// Keyrings: `pre-shared-key {address A [M] | hostname H} key [0|6|7] KEY` (IKEv1);
// `pre-shared-key [local|remote] [0|6|7] KEY` (IKEv2 keyring peer).
function preSharedKey(t: readonly Token[]): Span[] {
  if (t[1]?.word === 'address' || t[1]?.word === 'hostname') {
    const key = indexOfWord(t, ['key'], 3);
    if (key >= 0) return afterKeyword(t, key, '067');
    // Without the `key` keyword (a line IOS refuses), whatever follows the peer may be the key.
    const peerEnd = t[1].word === 'address' && /^\d+\.\d+\.\d+\.\d+$/.test(t[3]?.word ?? '') ? 4 : 3;
    return toEnd(t, peerEnd);
  }
  const at = t[1]?.word === 'local' || t[1]?.word === 'remote' ? 2 : 1;
  return toEnd(t, skipType(t, at, '067'));
}

// `username U [privilege N] [view V] [algorithm-type T] {password [0|7] P | secret [0|5|8|9] S}`;
// IOS allows embedded spaces in the password, so the rest of the line is the secret.
function username(t: readonly Token[]): Span[] {
  const at = indexOfWord(t, ['password', 'secret'], 2);
  return afterKeyword(t, at, t[at]?.word === 'secret' ? '0589' : '07');
}

// `enable {password|secret} [level N] [0|5|7|8|9] X`; `enable algorithm-type T secret X`.
function enable(t: readonly Token[]): Span[] {
  const at = indexOfWord(t, ['password', 'secret'], 1);
  if (at < 0) return [];
  const from = t[at + 1]?.word === 'level' ? at + 3 : at + 1;
  return toEnd(t, skipType(t, from, '05789'));
}

// `snmp-server community C [view V] [ro|rw] [ACL]`;
// `snmp-server host H [vrf V] [informs|traps] [version {1|2c|3 [auth|noauth|priv]}] C [udp-port P] [types]`;
// `snmp-server user U G [remote H [udp-port P] [vrf V]] v3 [encrypted] [auth {md5|sha} A [priv {des|3des|aes N} P]]`.
function snmpServer(t: readonly Token[]): Span[] | undefined {
  const sub = t[1]?.word;
  if (sub === 'community') return one(t, 2);
  if (sub === 'host') return one(t, snmpHostCommunity(t));
  if (sub === 'user') {
    const out: Span[] = [];
    const auth = indexOfWord(t, ['auth'], 3);
    if (auth >= 0) appendAll(out, one(t, auth + 2));
    const priv = indexOfWord(t, ['priv'], 3);
    if (priv >= 0) appendAll(out, one(t, t[priv + 1]?.word === 'aes' ? priv + 3 : priv + 2));
    return out;
  }
  return undefined;
}

function snmpHostCommunity(t: readonly Token[]): number {
  let i = 3;
  if (t[i]?.word === 'vrf') i += 2;
  if (t[i]?.word === 'informs' || t[i]?.word === 'traps') i += 1;
  if (t[i]?.word === 'version') {
    i += 2;
    if (t[i - 1]?.word === '3' && ['auth', 'noauth', 'priv'].includes(t[i]?.word ?? '')) i += 1;
  }
  return i;
}

// `tacacs-server key [0|7] K`, `tacacs-server host H [...] key [0|7] K`, same for radius-server
// (keys may hold spaces: the rest of the line).
function aaaServer(t: readonly Token[]): Span[] {
  return afterKeyword(t, indexOfWord(t, ['key'], 1), '067');
}

// `key [0|6|7] K` inside `tacacs server`, `radius server` and client configuration groups;
// `key N` inside `key chain` is a key number; `key chain NAME` and `key config-key
// password-encrypt K` (the type 6 master key) are global.
function keyLine(t: readonly Token[], section: string | undefined): Span[] {
  if (t[1]?.word === 'chain') return [];
  if (t[1]?.word === 'config-key') return afterKeyword(t, indexOfWord(t, ['password-encrypt'], 2), '');
  if (section !== undefined && /^key\s+chain\b/i.test(section)) return [];
  return toEnd(t, skipType(t, 1, '067'));
}

// `standby [G] authentication {[text] S | md5 key-string [0|7] S [timeout N] | md5 key-chain C}`,
// and the same for `vrrp G` and `glbp G`.
function redundancy(t: readonly Token[]): Span[] {
  const at = indexOfWord(t, ['authentication'], 1);
  if (at < 0) return [];
  let i = at + 1;
  if (t[i]?.word === 'md5') {
    if (t[i + 1]?.word !== 'key-string') return [];
    i = skipType(t, i + 2, '07');
  } else if (t[i]?.word === 'text') {
    i += 1;
  }
  const timeout = indexOfWord(t, ['timeout'], i + 1);
  return i < t.length ? [{ from: i, to: timeout < 0 ? t.length - 1 : timeout - 1 }] : [];
}

// `ntp authentication-key N md5 K [7]`: one key word, then its type.
function ntp(t: readonly Token[]): Span[] | undefined {
  return t[1]?.word === 'authentication-key' ? one(t, 4) : undefined;
}

// `set session-key {inbound|outbound} ah SPI HEX` / `... esp SPI cipher HEX [authenticator HEX]`
// (manual crypto map entries).
function setLine(t: readonly Token[]): Span[] | undefined {
  if (t[1]?.word !== 'session-key') return undefined;
  const out: Span[] = [];
  if (t[3]?.word === 'ah') appendAll(out, one(t, 5));
  for (const w of ['cipher', 'authenticator']) {
    const at = indexOfWord(t, [w], 4);
    if (at >= 0) appendAll(out, one(t, at + 1));
  }
  return out;
}

// `wpa-psk {ascii|hex} [0|7] K`.
function wpaPsk(t: readonly Token[]): Span[] {
  return toEnd(t, skipType(t, t[1]?.word === 'ascii' || t[1]?.word === 'hex' ? 2 : 1, '07'));
}

// `authentication {local|remote} pre-share key [0|6] K` (IKEv2 profile); `authentication
// pre-share` (ISAKMP policy) carries none.
function authentication(t: readonly Token[]): Span[] {
  const ps = indexOfWord(t, ['pre-share'], 1);
  return ps >= 0 && t[ps + 1]?.word === 'key' ? afterKeyword(t, ps + 1, '067') : [];
}

// `ip ospf authentication-key [0|7] K`, `ip ospf message-digest-key N md5 [0|7] K`,
// `ip nhrp authentication K`, `ip ftp password [0|7] K`.
function ipLine(t: readonly Token[]): Span[] | undefined {
  if (t[1]?.word === 'nhrp' && t[2]?.word === 'authentication') return toEnd(t, 3);
  return undefined;
}

type Form = (t: readonly Token[], section: string | undefined) => Span[] | undefined;

/** Forms by their first word (after `no`/`default`). `undefined` falls through to the keyword scan. */
const BY_FIRST_WORD: Readonly<Record<string, Form>> = {
  crypto,
  'pre-shared-key': preSharedKey,
  username,
  enable,
  'snmp-server': snmpServer,
  'tacacs-server': aaaServer,
  'radius-server': aaaServer,
  key: keyLine,
  'key-string': (t) => toEnd(t, skipType(t, 1, '07')),
  password: (t) =>
    t[1]?.word === 'encryption' && t[2]?.word === 'aes' && t.length === 3 ? [] : toEnd(t, skipType(t, 1, '07')),
  secret: (t) => toEnd(t, skipType(t, 1, '0589')),
  standby: redundancy,
  vrrp: redundancy,
  glbp: redundancy,
  ntp,
  set: setLine,
  'wpa-psk': wpaPsk,
  authentication,
  ip: ipLine,
};

/**
 * Keywords after which a value is a secret wherever they appear: `neighbor X password K`, `ppp chap
 * password K`, `ip ospf authentication-key K`, `client A server-key K`, `isis password K`,
 * `area-password K`, `domain-password K`, `l2tp tunnel password K`. The `N md5` of a
 * message-digest key sits between the keyword and the key.
 */
const SECRET_WORDS = new Set([
  'password',
  'secret',
  'key',
  'key-string',
  'community',
  'pre-shared-key',
  'authentication-key',
  'server-key',
  'area-password',
  'domain-password',
  'wpa-psk',
  'psk',
  'passphrase',
  'message-digest-key',
]);

/** A token that looks like a secret's keyword: a known one, or one ending in -key/-password/-secret/-psk. */
function secretWord(word: string): boolean {
  return SECRET_WORDS.has(word) || /-(?:key|password|secret|psk|passphrase)$/.test(word);
}

function keywordScan(t: readonly Token[], from: number): Span[] {
  for (let i = from; i < t.length; i += 1) {
    const w = t[i]!.word;
    if (!secretWord(w)) continue;
    if (w === 'message-digest-key' && /^\d+$/.test(t[i + 1]?.word ?? '') && t[i + 2] !== undefined) {
      return toEnd(t, skipType(t, i + 3, '07'));
    }
    return toEnd(t, skipType(t, i + 1, w === 'secret' ? '0589' : '067'));
  }
  return [];
}

// C0 controls except tab, DEL and C1: a line holding them may display differently from what the
// parser reads (backspaces are replayed), so such a line is masked whole.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/;

function secretSpans(t: readonly Token[], section: string | undefined): Span[] {
  const start = t[0]?.word === 'no' || t[0]?.word === 'default' ? 1 : 0;
  const body = start === 0 ? t : t.slice(start);
  const form = formOf(body[0]?.word ?? '');
  const spans = form?.(body, section) ?? keywordScan(body, 1);
  return start === 0 ? spans : spans.map((s) => ({ from: s.from + start, to: s.to + start }));
}

/** Options of the masking functions. */
export interface RedactOptions {
  /** Replaces each secret. @default `<redacted>` */
  readonly mark?: string;
  /**
   * The line that opened the sub-mode this line sits in (`key chain K1`, `tacacs server T`), when
   * known; it tells a key-chain key number from a server key. @default - unknown (masked as a key)
   */
  readonly section?: string;
}

/** True when the line carries a secret (or a secret-looking keyword), i.e. masking changes it. */
export function hasSecret(line: string, options: RedactOptions = {}): boolean {
  return redactLine(line, options) !== line;
}

/** One configuration line (or command) with its secrets masked; everything else is kept as is. */
export function redactLine(line: string, options: RedactOptions = {}): string {
  const mark = options.mark ?? SECRET_MARK;
  const withoutCr = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (CONTROL.test(withoutCr)) return `${/^\s*/.exec(line)![0]}${mark}`;
  const t = tokenize(line);
  const spans = secretSpans(t, options.section);
  return spans.length === 0 ? line : maskSpans(line, t, spans, mark);
}

/**
 * A configuration text (or a block of commands) with every secret masked. Indentation tells which
 * sub-mode a line belongs to, as in `show running-config`.
 */
export function redactConfigText(text: string, options: Omit<RedactOptions, 'section'> = {}): string {
  const lines = text.split('\n');
  const open: { indent: number; line: string }[] = [];
  const out: string[] = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const indent = line.length - line.trimStart().length;
    while (open.length > 0 && open[open.length - 1]!.indent >= indent) open.pop();
    const section = open[open.length - 1]?.line.trim();
    out[i] = redactLine(line, section === undefined ? options : { ...options, section });
    if (line.trim() !== '') open.push({ indent, line });
  }
  return out.join('\n');
}

/**
 * Commands as a change plan lists them: a sub-mode header followed by its commands indented by one
 * space, then `exit`. Each command is masked with its header as the section.
 */
export function redactCommands(commands: readonly string[], options: Omit<RedactOptions, 'section'> = {}): string[] {
  return redactConfigText(commands.join('\n'), options).split('\n');
}

/** Forms that only make sense as a sub-mode line; in prose their first word is an ordinary word. */
const SUB_MODE_ONLY = new Set(['key', 'password', 'secret']);

function proseToken(m: RegExpExecArray): Token & { closes: boolean } {
  const lead = /^[`'"(]*/.exec(m[0])![0].length;
  const trail = /[`'",;:.)]*$/.exec(m[0].slice(lead))![0];
  const text = m[0].slice(lead, m[0].length - trail.length);
  return {
    text,
    word: text.toLowerCase(),
    start: m.index + lead,
    end: m.index + lead + text.length,
    closes: /[`'"]/.test(trail),
  };
}

/** The form of a first word; own keys only (a config line may start with `__proto__` or `constructor`). */
function formOf(word: string): Form | undefined {
  return Object.prototype.hasOwnProperty.call(BY_FIRST_WORD, word) ? BY_FIRST_WORD[word] : undefined;
}

function anchoredSpans(t: readonly (Token & { closes: boolean })[], i: number): Span[] {
  const first = t[i]!.word;
  if (SUB_MODE_ONLY.has(first)) return [];
  if (
    first === 'pre-shared-key' &&
    !['address', 'hostname', 'local', 'remote', '0', '6', '7'].includes(t[i + 1]?.word ?? '')
  )
    return [];
  const form = formOf(first);
  if (form === undefined) return [];
  let end = i;
  while (end < t.length - 1 && !t[end]!.closes) end += 1;
  const spans = form(t.slice(i, end + 1), undefined) ?? [];
  return spans.map((s) => ({ from: s.from + i, to: s.to + i }));
}

function maskSpans(line: string, t: readonly Token[], spans: readonly Span[], mark: string): string {
  let out = '';
  let pos = 0;
  for (const s of [...spans].sort((a, b) => a.from - b.from)) {
    const from = t[s.from]!.start;
    if (from < pos || t[s.to]!.end <= from) continue;
    out += line.slice(pos, from) + mark;
    pos = t[s.to]!.end;
  }
  return out + line.slice(pos);
}

/**
 * A message (an error, a finding, a hint, a debug line) with secrets masked: text quoted in
 * backticks or double quotes is read as a configuration line (every form, and the keyword scan);
 * elsewhere only the forms a sentence cannot start by accident (`crypto isakmp key`, `username ...
 * password`, `snmp-server community`, ...) are masked, so "no pre-shared key for 10.0.0.1" stays
 * readable.
 */
export function redactMessage(text: string, options: Omit<RedactOptions, 'section'> = {}): string {
  const mark = options.mark ?? SECRET_MARK;
  const quoted = text.replace(/`([^`\n]*)`|"([^"\n]*)"/g, (all: string, a?: string, b?: string) => {
    const inner = a ?? b ?? '';
    const q = all[0]!;
    return `${q}${redactLine(inner, options)}${q}`;
  });
  return quoted
    .split('\n')
    .map((line) => {
      const re = /\S+/g;
      const t: (Token & { closes: boolean })[] = [];
      for (let m = re.exec(line); m; m = re.exec(line)) t.push(proseToken(m));
      const spans: Span[] = [];
      for (let i = 0; i < t.length; i += 1) {
        const found = anchoredSpans(t, i);
        for (const s of found) spans.push(s);
        if (found.length > 0) i = found[found.length - 1]!.to;
      }
      return spans.length === 0 ? line : maskSpans(line, t, spans, mark);
    })
    .join('\n');
}
