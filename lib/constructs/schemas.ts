/**
 * Zod building blocks for construct props, and `parseProps`, which validates props when a
 * construct is created and turns the first zod issue into
 * `<path>: <property> <value> <problem>` (see `errors.ts`).
 */
import { z } from 'zod';
import { ipToNumber, isIpv4, networkOf, parseCidr, prefixBounds } from '../ir/ipv4.js';
import { PLATFORMS } from '../ir/router-config.js';
import { invalidProperty } from './errors.js';

/** A dotted-quad IPv4 address. */
export const ipv4Address = z.string().refine(isIpv4, { message: 'is not an IPv4 address' });

/**
 * An interface address `A.B.C.D/N`: a usable host of its subnet (IOS refuses the network or
 * broadcast address with "Bad mask /N for address"), /31 and /32 excepted.
 */
export const interfaceAddress = z
  .string()
  .refine((s) => parseCidr(s) !== undefined, { message: 'is not an IPv4 prefix (A.B.C.D/N)', abort: true })
  .refine(
    (s) => {
      const c = parseCidr(s)!;
      if (c.prefixLength >= 31) return true;
      const [first, last] = prefixBounds(networkOf(c.ip, c.prefixLength));
      const ip = ipToNumber(c.ip);
      return ip !== first && ip !== last;
    },
    { message: 'is the network or broadcast address of its subnet, not a usable host address' },
  );

/** A network prefix `A.B.C.D/N` with no host bits set (IOS: "Inconsistent address and mask"). */
export const networkPrefix = z
  .string()
  .refine((s) => parseCidr(s) !== undefined, { message: 'is not an IPv4 prefix (A.B.C.D/N)', abort: true })
  .refine(
    (s) => {
      const c = parseCidr(s)!;
      return networkOf(c.ip, c.prefixLength).address === c.ip;
    },
    { message: 'has host bits set; use the network address of the prefix' },
  );

/**
 * An IOS hostname: letters, digits and hyphens, starting with a letter, ending with a letter or
 * digit, at most 63 characters (RFC 1123 label; IOS warns otherwise).
 */
export const hostname = z
  .string()
  .regex(/^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, { message: 'is not a valid hostname (letters, digits, hyphens; starts with a letter; at most 63 characters)' });

/** An IOS interface name such as `Ethernet1`, `GigabitEthernet0/1`, `GigabitEthernet2.100`. */
export const interfaceName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z-]*\d+(\/\d+)*(\.\d+)?$/, { message: 'is not an interface name (e.g. Ethernet1, GigabitEthernet0/1)' });

/** A name IOS accepts as one word (transform sets, crypto maps, named ACLs). */
export const wordName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: 'is not a valid name (letters, digits, _ . -; no spaces; at most 64 characters)' });

/** Crypto map sequence number: IOS accepts 1-65535. */
export const sequenceNumber = z
  .number()
  .int({ message: 'is not an integer sequence number' })
  .min(1, { message: 'is not a sequence number (1-65535)' })
  .max(65535, { message: 'is not a sequence number (1-65535)' });

/** ISAKMP policy priority: 1-10000. */
export const policyPriority = z
  .number()
  .int({ message: 'is not an integer priority' })
  .min(1, { message: 'is not a policy priority (1-10000)' })
  .max(10000, { message: 'is not a policy priority (1-10000)' });

/** A platform hubspoke renders. */
export const platform = z.enum(PLATFORMS as [string, ...string[]], { message: `is not a platform (${PLATFORMS.join(', ')})` });

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
  const branch = issue.errors.find((b) => b.length > 0 && !b.some((i) => i.code === 'invalid_type' && i.path.length === 0));
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
