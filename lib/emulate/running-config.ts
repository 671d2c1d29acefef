/**
 * The configuration as `show running-config` prints it on the router's platform, with every secret
 * masked (docs/ios-semantics.md#how-ios-shows-secrets): IOS regenerates each line from its stored
 * form, so a secret typed in clear text comes back in the form the router stores it in:
 * - `service password-encryption` stores the clear passwords of `enable password`, `username ...
 *   password`, line `password` and `neighbor ... password` as type 7;
 * - `password encryption aes` with a master key (`key config-key password-encrypt`, which the
 *   running configuration never shows) stores ISAKMP pre-shared keys (`crypto isakmp key`, keyring
 *   `pre-shared-key ... key`) as type 6, on releases that have the feature (12.3(2)T and later: not
 *   IOS 12.2 mainline); without a master key IOS keeps them in clear and says so while it builds
 *   the configuration.
 * The emulator prints the type digit the router would print, and `<redacted>` where the cipher
 * text (or the clear key) would stand: a type 7 string is reversible, and the emulator never
 * prints a key in any form.
 */
import type { Platform } from '../ir/router-config.js';
import { redactLine } from '../ir/secrets.js';

/** Where a line's stored form may differ from the typed one: prefix, type digit typed (if any), the rest. */
interface StoredForm {
  readonly re: RegExp;
  readonly store: 'type6' | 'type7';
  /** Only inside this sub-mode (`line ...`). @default - any */
  readonly section?: RegExp;
}

const FORMS: readonly StoredForm[] = [
  { re: /^(\s*crypto isakmp key )(?:([067]) )?(\S+ (?:address|hostname) .*)$/i, store: 'type6' },
  { re: /^(\s*pre-shared-key (?:address \S+(?: \S+)?|hostname \S+) key )(?:([067]) )?(\S.*)$/i, store: 'type6' },
  { re: /^(\s*enable password (?:level \d+ )?)(?:([07]) )?(\S.*)$/i, store: 'type7' },
  { re: /^(\s*username \S+ (?:\S+ )*?password )(?:([07]) )?(\S.*)$/i, store: 'type7' },
  { re: /^(\s+password )(?:([07]) )?(\S.*)$/i, store: 'type7', section: /^line /i },
  { re: /^(\s*neighbor \S+ password )(?:([07]) )?(\S.*)$/i, store: 'type7' },
];

/** What the configuration says about stored secrets. */
interface Storage {
  readonly type7: boolean;
  readonly type6: boolean;
  /** `password encryption aes` without a master key: IOS warns while it builds the configuration. */
  readonly noMasterKey: boolean;
}

function storageOf(lines: readonly string[], platform: Platform): Storage {
  const has = (re: RegExp) => lines.some((l) => re.test(l));
  const aes = platform !== 'ios-12.2' && has(/^password encryption aes\s*$/i);
  const master = has(/^key config-key password-encrypt\s+\S/i);
  return { type7: has(/^service password-encryption\s*$/i), type6: aes && master, noMasterKey: aes && !master };
}

/** The line in the form the router stores it (a clear secret re-typed as 6 or 7), not yet masked. */
function stored(line: string, section: string | undefined, s: Storage): string {
  for (const form of FORMS) {
    if (form.section && !(section !== undefined && form.section.test(section))) continue;
    const m = form.re.exec(line);
    if (!m) continue;
    const typed = m[2];
    const wanted = form.store === 'type6' ? s.type6 : s.type7;
    if (!wanted || (typed !== undefined && typed !== '0')) return line;
    return `${m[1]}${form.store === 'type6' ? '6' : '7'} ${m[3]}`;
  }
  return line;
}

/** `show running-config` of a configuration text on a platform, secrets masked. */
export function runningConfig(text: string, platform: Platform): string {
  const lines = text.split('\n');
  const s = storageOf(lines, platform);
  const open: { indent: number; line: string }[] = [];
  const out: string[] = [];
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    while (open.length > 0 && open[open.length - 1]!.indent >= indent) open.pop();
    const section = open[open.length - 1]?.line.trim();
    if (line.trim() !== '') open.push({ indent, line });
    // The master key is never part of the running configuration.
    if (/^key config-key password-encrypt\b/i.test(line)) continue;
    const cr = line.endsWith('\r') ? '\r' : '';
    const form = stored(cr ? line.slice(0, -1) : line, section, s) + cr;
    out.push(redactLine(form, section === undefined ? {} : { section }));
  }
  const body = out.join('\n');
  const config = body.endsWith('\n') ? body : `${body}\n`;
  const warning = s.noMasterKey
    ? "Can not encrypt password. Please configure a configuration-key with 'key config-key'\n"
    : '';
  return `Building configuration...\n${warning}\nCurrent configuration : ${Buffer.byteLength(config)} bytes\n${config}`;
}
