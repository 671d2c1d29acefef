/**
 * A master secret from which hubspoke derives one pre-shared key per hub/spoke pair, so a single
 * CI secret yields unique, stable keys. The value is held in a private field and never printed.
 */
import { inspect } from 'node:util';
import { ConstructError } from './errors.js';
import { SECRET_MARK } from '../ir/secrets.js';

/** Shortest master secret accepted: HKDF is only as strong as its input keying material. */
export const MIN_MASTER_SECRET_LENGTH = 16;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where a master secret comes from. */
export class MasterSecret {
  /** Reads the secret from an environment variable at synth time. */
  static fromEnv(variable: string): MasterSecret {
    if (!ENV_NAME.test(variable)) throw new Error(`MasterSecret.fromEnv: "${variable}" is not an environment variable name`);
    return new MasterSecret(`environment variable ${variable}`, (path, env) => {
      const value = env[variable];
      if (value === undefined || value === '') {
        throw new ConstructError(
          'HS-KEY-ENV',
          path,
          `environment variable ${variable} is not set; it must hold the master secret from which the pre-shared keys are derived`,
        );
      }
      if (value.length < MIN_MASTER_SECRET_LENGTH) {
        throw new ConstructError(
          'HS-KEY-WEAK',
          path,
          `the master secret in environment variable ${variable} is too short (at least ${MIN_MASTER_SECRET_LENGTH} characters, 32 or more recommended)`,
        );
      }
      return value;
    });
  }

  /**
   * A master secret written in the program text: for tests and labs only (it ends up in your
   * repository).
   */
  static unsafePlainText(value: string): MasterSecret {
    if (typeof value !== 'string' || value.length < MIN_MASTER_SECRET_LENGTH) {
      throw new Error(`MasterSecret.unsafePlainText: the secret must have at least ${MIN_MASTER_SECRET_LENGTH} characters`);
    }
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
