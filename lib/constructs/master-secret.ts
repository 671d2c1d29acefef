/**
 * A master secret from which hubspoke derives one pre-shared key per hub/spoke pair, so a single
 * CI secret yields unique, stable keys. The value is held in a private field and never printed.
 */
import { inspect } from 'node:util';
import { ConstructError } from './errors.js';
import { SECRET_MARK } from '../ir/secrets.js';

/** Shortest master secret accepted: HKDF is only as strong as its input keying material. */
export const MIN_MASTER_SECRET_LENGTH = 16;

/** Least estimated entropy of a master secret, in bits (see {@link estimateEntropyBits}). */
export const MIN_MASTER_SECRET_BITS = 48;

/**
 * The environment variable that turns lab mode on (`HUBSPOKE_LAB_MODE=1`): weak and publicly known
 * master secrets are then accepted, for demos and tests whose keys protect nothing.
 */
export const LAB_MODE_VARIABLE = 'HUBSPOKE_LAB_MODE';

/**
 * Master secrets published in hubspoke's own documentation and scripts. Anyone can derive every
 * key from them, so they are refused outside lab mode whatever their length.
 */
const PUBLIC_SECRETS: readonly string[] = ['DEMO-ONLY-insecure-master-secret-do-not-deploy'];
const PUBLIC_PREFIXES: readonly string[] = ['DEMO-ONLY'];

/**
 * A rough upper bound on the entropy of `value`, in bits: its length times the Shannon entropy of
 * its own character distribution, each character counted at most log2 of the size of the
 * character classes it uses (lower case, upper case, digits, other). Repetition and tiny alphabets
 * score low (sixteen spaces: 0, `abababababababab`: 16); 16 random letters and digits score about
 * 60; dictionary phrases are not recognised, so the bound is only a floor check.
 */
export function estimateEntropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...value].length;
  if (n === 0) return 0;
  let shannon = 0;
  for (const c of counts.values()) shannon -= (c / n) * Math.log2(c / n);
  const pool =
    (/[a-z]/.test(value) ? 26 : 0) +
    (/[A-Z]/.test(value) ? 26 : 0) +
    (/[0-9]/.test(value) ? 10 : 0) +
    (/[^a-zA-Z0-9]/.test(value) ? 33 : 0);
  return n * Math.min(shannon, Math.log2(Math.max(pool, 1)));
}

/** Why `value` is not acceptable as a master secret (safe to print: never the value), or undefined. */
export function masterSecretProblem(value: string, labMode: boolean): string | undefined {
  if (value.length < MIN_MASTER_SECRET_LENGTH)
    return `is too short (at least ${MIN_MASTER_SECRET_LENGTH} characters, 32 or more recommended)`;
  if (labMode) return undefined;
  if (PUBLIC_SECRETS.includes(value) || PUBLIC_PREFIXES.some((p) => value.startsWith(p))) {
    return `is a publicly known demo value: anyone can derive every key from it (set ${LAB_MODE_VARIABLE}=1 only for a lab whose keys protect nothing)`;
  }
  const bits = Math.floor(estimateEntropyBits(value));
  if (bits < MIN_MASTER_SECRET_BITS) {
    return `is too predictable (about ${bits} bits estimated, at least ${MIN_MASTER_SECRET_BITS}: repeated characters or a tiny alphabet); use 32 or more random characters, e.g. openssl rand -base64 32`;
  }
  return undefined;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where a master secret comes from. */
export class MasterSecret {
  /** Reads the secret from an environment variable at synth time. */
  static fromEnv(variable: string): MasterSecret {
    if (!ENV_NAME.test(variable))
      throw new Error(`MasterSecret.fromEnv: "${variable}" is not an environment variable name`);
    return new MasterSecret(`environment variable ${variable}`, (path, env) => {
      const value = env[variable];
      if (value === undefined || value === '') {
        throw new ConstructError(
          'HS-KEY-ENV',
          path,
          `environment variable ${variable} is not set; it must hold the master secret from which the pre-shared keys are derived`,
        );
      }
      const problem = masterSecretProblem(value, env[LAB_MODE_VARIABLE] === '1');
      if (problem !== undefined)
        throw new ConstructError(
          'HS-KEY-WEAK',
          path,
          `the master secret in environment variable ${variable} ${problem}`,
        );
      return value;
    });
  }

  /**
   * A master secret written in the program text: for tests and labs only (it ends up in your
   * repository). Weak or publicly known values are refused unless `HUBSPOKE_LAB_MODE=1`.
   */
  static unsafePlainText(value: string): MasterSecret {
    const problem =
      typeof value === 'string'
        ? masterSecretProblem(value, process.env[LAB_MODE_VARIABLE] === '1')
        : 'is not a string';
    if (problem !== undefined) throw new Error(`MasterSecret.unsafePlainText: the secret ${problem}`);
    return new MasterSecret('unsafe plain text', () => value);
  }

  /** Where the value comes from, safe to print. */
  readonly description: string;
  readonly #read: (path: string, env: NodeJS.ProcessEnv) => string;

  private constructor(description: string, read: (path: string, env: NodeJS.ProcessEnv) => string) {
    this.description = description;
    this.#read = read;
  }

  /**
   * The secret's value. Throws a `ConstructError` naming `path` and the variable when missing.
   * @internal used by `PreSharedKey` during synth.
   */
  reveal(path: string, env: NodeJS.ProcessEnv = process.env): string {
    return this.#read(path, env);
  }

  /** Redacted. */
  toString(): string {
    return `MasterSecret(${SECRET_MARK}, ${this.description})`;
  }

  /** Redacted. */
  toJSON(): string {
    return this.toString();
  }

  /** Redacted. */
  [inspect.custom](): string {
    return this.toString();
  }
}
