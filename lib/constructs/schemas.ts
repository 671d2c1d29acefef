/**
 * Zod building blocks for construct props, and `parseProps`, which validates props when a
 * construct is created and turns the first zod issue into
 * `<path>: <property> <value> <problem>` (see `errors.ts`). Each block is a getter that builds its
 * schema on first use (`hostname()`), so importing hubspoke does not load zod (lib/ir/zod.ts).
 */
import type { z } from 'zod';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import { ipToNumber, isIpv4, networkOf, parseCidr, prefixBounds } from '../ir/ipv4.js';
import { PLATFORMS } from '../ir/router-config.js';
import { DH_GROUPS, IPSEC_SA_LIFETIME_RANGES, isDhGroup } from '../ir/ike-vocabulary.js';
import { invalidProperty } from './errors.js';
import { PreSharedKey } from './pre-shared-key.js';

/** A DNS name: labels of letters, digits and hyphens separated by dots (a domain, or a host's FQDN). */
export const dnsName = lazy(() =>
  zod()
    .string()
    .regex(/^(?=.{1,200}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/, {
      message: 'is not a DNS name (labels of letters, digits and hyphens separated by dots)',
    }),
);

/** A dotted-quad IPv4 address. */
export const ipv4Address = lazy(() => zod().string().refine(isIpv4, { message: 'is not an IPv4 address' }));

/**
 * Problems of address strings, memoized: ip-num is exact but slow (BigInt and binary strings),
 * and a 5,000-spoke stack validates every address at least twice (pattern props, then the
 * Interface it creates).
 */
const interfaceAddressProblems = new Map<string, string | undefined>();
const networkPrefixProblems = new Map<string, string | undefined>();

/** Why `s` is not an interface address (a usable host of its subnet), or undefined. */
export function interfaceAddressProblem(s: string): string | undefined {
  if (interfaceAddressProblems.has(s)) return interfaceAddressProblems.get(s);
  let problem: string | undefined;
  const c = parseCidr(s);
  if (!c) problem = 'is not an IPv4 prefix (A.B.C.D/N)';
  else if (c.prefixLength < 31) {
    // IOS refuses the network or broadcast address ("Bad mask /N for address"); /31 and /32 have neither.
    // ip-num masks the host bits itself, so the address's own range gives the subnet bounds.
    const [first, last] = prefixBounds({ address: c.ip, prefixLength: c.prefixLength });
    const ip = ipToNumber(c.ip);
    if (ip === first || ip === last)
      problem = 'is the network or broadcast address of its subnet, not a usable host address';
  }
  interfaceAddressProblems.set(s, problem);
  return problem;
}

/** Why `s` is not a network prefix (no host bits), or undefined. */
export function networkPrefixProblem(s: string): string | undefined {
  if (networkPrefixProblems.has(s)) return networkPrefixProblems.get(s);
  let problem: string | undefined;
  const c = parseCidr(s);
  if (!c) problem = 'is not an IPv4 prefix (A.B.C.D/N)';
  // IOS: "Inconsistent address and mask".
  else if (networkOf(c.ip, c.prefixLength).address !== c.ip)
    problem = 'has host bits set; use the network address of the prefix';
  networkPrefixProblems.set(s, problem);
  return problem;
}

function checkedBy(problemOf: (s: string) => string | undefined) {
  return zod()
    .string()
    .check((ctx) => {
      const problem = problemOf(ctx.value);
      if (problem !== undefined) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    });
}

/**
 * Characters free text must not hold: C0 controls (NUL, backspace, tab, VT, FF, ESC, CR, LF...),
 * DEL, C1 controls (NEL...), the Unicode line and paragraph separators, and bidirectional
 * overrides. IOS stores a description or remark byte for byte; a terminal, a pager or hubspoke's
 * own parser (which replays backspaces like a terminal) then shows or reads another line than
 * the one written, e.g. backspaces over `description` followed by `crypto isakmp key ...`.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** `U+0008` for a character. */
function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `text` cannot be one line of free text in a config (names the first bad character), or undefined. */
export function freeTextProblem(text: string, maxLength?: number): string | undefined {
  const bad = UNPRINTABLE.exec(text);
  if (bad) {
    return `holds the control character ${codePoint(bad[0])} at position ${bad.index + 1}; free text (descriptions, remarks, names, raw lines) must be printable characters on one line`;
  }
  if (text.trim() === '') return 'is empty';
  if (maxLength !== undefined && text.length > maxLength)
    return `is ${text.length} characters long (at most ${maxLength})`;
  return undefined;
}

/** One line of printable free text (a description, a remark, a raw line), at most `maxLength` characters. */
export function freeText(maxLength?: number) {
  return checkedBy((s) => freeTextProblem(s, maxLength));
}

/** An interface address `A.B.C.D/N`: a usable host of its subnet. */
export const interfaceAddress = lazy(() => checkedBy(interfaceAddressProblem));

/** A network prefix `A.B.C.D/N` with no host bits set. */
export const networkPrefix = lazy(() => checkedBy(networkPrefixProblem));

/**
 * An IOS hostname: letters, digits and hyphens, starting with a letter, ending with a letter or
 * digit, at most 63 characters (RFC 1123 label; IOS warns otherwise).
 */
export const hostname = lazy(() =>
  zod()
    .string()
    .regex(/^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, {
      message: 'is not a valid hostname (letters, digits, hyphens; starts with a letter; at most 63 characters)',
    })
    // The hostname names the config file (`<hostname>.cfg`), and Windows cannot create `con.cfg`.
    .refine((h) => !/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i.test(h), {
      message:
        'is a device name reserved on Windows (CON, PRN, AUX, NUL, COM0-9, LPT0-9); the config file <hostname>.cfg could not be written there',
    }),
);

/** An IOS interface name such as `Ethernet1`, `GigabitEthernet0/1`, `GigabitEthernet2.100`. */
export const interfaceName = lazy(() =>
  zod()
    .string()
    .regex(/^[A-Za-z][A-Za-z-]*\d+(\/\d+)*(\.\d+)?$/, {
      message: 'is not an interface name (e.g. Ethernet1, GigabitEthernet0/1)',
    }),
);

/** A name IOS accepts as one word (transform sets, crypto maps, named ACLs). */
export const wordName = lazy(() =>
  zod()
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
      message: 'is not a valid name (letters, digits, _ . -; no spaces; at most 64 characters)',
    }),
);

/** Crypto map sequence number: IOS accepts 1-65535. */
export const sequenceNumber = lazy(() =>
  zod()
    .number()
    .int({ message: 'is not an integer sequence number' })
    .min(1, { message: 'is not a sequence number (1-65535)' })
    .max(65535, { message: 'is not a sequence number (1-65535)' }),
);

/** ISAKMP policy priority: 1-10000. */
export const policyPriority = lazy(() =>
  zod()
    .number()
    .int({ message: 'is not an integer priority' })
    .min(1, { message: 'is not a policy priority (1-10000)' })
    .max(10000, { message: 'is not a policy priority (1-10000)' }),
);

/** A platform hubspoke renders. */
export const platform = lazy(() => zod().enum(PLATFORMS, { message: `is not a platform (${PLATFORMS.join(', ')})` }));

/**
 * Validates `props` against `schema`; on failure throws a `ConstructError` naming the construct
 * path, the property path and its value.
 */
export function parseProps<T extends z.ZodType>(path: string, schema: T, props: unknown): z.infer<T> {
  const result = schema.safeParse(props);
  if (result.success) return result.data;
  const issue = specificIssue(result.error.issues[0]!);
  const property = formatPath(issue.path);
  // A property that may hold a secret is never echoed, even when it has the wrong type.
  const secret = issue.path.some((p) => typeof p === 'string' && SECRET_PROPERTY.test(p));
  const value = secret ? undefined : valueAt(props, issue.path);
  throw invalidProperty(path, property || '(props)', value, issue.message);
}

interface IssueLike {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly errors?: readonly (readonly IssueLike[])[];
}

/**
 * For a union (`lan: LanProps | LanProps[]`), zod reports "Invalid input" at the union; report
 * instead the first problem of the branch whose shape matched (no type error at its root).
 */
function specificIssue(issue: IssueLike): IssueLike {
  if (issue.code !== 'invalid_union' || !issue.errors) return issue;
  const branch = issue.errors.find(
    (b) => b.length > 0 && !b.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  if (!branch) return issue;
  const inner = specificIssue(branch[0]!);
  return { ...inner, path: [...issue.path, ...inner.path] };
}

const SECRET_PROPERTY = /key|secret|password/i;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** A `PreSharedKey` object (keys are never given as strings, so a string is refused without echo). */
export const preSharedKey = lazy(() =>
  zod().custom<PreSharedKey>((v) => v instanceof PreSharedKey, {
    message: 'is not a PreSharedKey (use PreSharedKey.fromEnv, derivedFrom or unsafePlainText)',
  }),
);

/** A crypto map entry's `set pfs`: `false` for none, or a Diffie-Hellman group. */
export const pfsSetting = lazy(() =>
  zod().union([
    zod().literal(false),
    zod()
      .number()
      .refine(isDhGroup, { message: `is not a Diffie-Hellman group (${DH_GROUPS.join(', ')})` }),
  ]),
);

/** `set security-association lifetime seconds N` on a crypto map entry (IOS range). */
export const saLifetimeSeconds = lazy(() => {
  const { min, max } = IPSEC_SA_LIFETIME_RANGES.seconds;
  const message = `is not an SA lifetime (${min}-${max} s)`;
  return zod().number().int().min(min, { message }).max(max, { message });
});
