/**
 * Error factories for the construct layer, so every message has the same shape:
 * `<construct path>: <property> <value> <problem>` plus an optional hint, and a stable code.
 * Values are printed only when they are primitives; secrets are never passed in here.
 */

/** An error raised by a construct; its message already names the construct path. */
export class ConstructError extends Error {
  /** Stable identifier, e.g. `HS-PROP` for an invalid property. */
  readonly code: string;
  /** Construct path (`Stack/Spoke1`). */
  readonly path: string;
  /** Property path inside the construct's props (`lan.address`). @default - not about one property */
  readonly property?: string;

  constructor(code: string, path: string, message: string, property?: string) {
    super(`${path || '(root)'}: ${message}`);
    this.name = 'ConstructError';
    this.code = code;
    this.path = path;
    if (property !== undefined) this.property = property;
  }
}

/** Formats a property value for a message: strings quoted, numbers as-is, objects elided. */
export function describeValue(value: unknown): string {
  // JSON escapes C0 only; DEL, C1 (NEL) and the Unicode separators would reach a terminal raw.
  if (typeof value === 'string')
    return JSON.stringify(value).replace(
      /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined) return '(unset)';
  if (value === null) return 'null';
  return '(value)';
}

/** `Stack/Spoke1: lan.address "172.16.1.300/24" is not an IPv4 prefix`. */
export function invalidProperty(path: string, property: string, value: unknown, problem: string): ConstructError {
  const shown = value === undefined ? '' : ` ${describeValue(value)}`;
  return new ConstructError('HS-PROP', path, `${property}${shown} ${problem}`, property);
}

/** Several problems found while validating one tree, reported together. */
export class ValidationError extends Error {
  /** One message per problem, each starting with a construct path. */
  readonly messages: readonly string[];

  constructor(messages: readonly string[], heading = 'Validation failed') {
    super(
      `${heading} (${messages.length} problem${messages.length === 1 ? '' : 's'}):\n${messages.map((m) => `  - ${m}`).join('\n')}`,
    );
    this.name = 'ValidationError';
    this.messages = messages;
  }
}
