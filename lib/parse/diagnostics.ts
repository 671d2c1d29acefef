/**
 * Parser diagnostics: every problem has a stable code, a severity and a file:line. Messages name
 * the element and never contain pre-shared key text (the callers pass only names, numbers and
 * addresses into messages).
 */

/** How bad a diagnostic is. */
export type Severity = 'error' | 'warning' | 'info';

/** One parser finding, located at a line of a file. */
export interface Diagnostic {
  /** `error`: the element was skipped; `warning`: read but something may differ; `info`: remark. */
  readonly severity: Severity;
  /** Stable code, e.g. `BAD_ADDRESS` or `NOT_MODELLED` (see `DIAGNOSTIC_CODES`). */
  readonly code: string;
  /** Human-readable explanation, naming the thing and what hubspoke did with it. */
  readonly message: string;
  /** File name as given to the parser. */
  readonly file: string;
  /** 1-based line number (0 when the problem concerns the whole input). */
  readonly line: number;
}

/** Stable diagnostic codes emitted by the parser, with their meaning. */
export const DIAGNOSTIC_CODES = {
  BINARY_INPUT: 'the input is not text (NUL bytes or mostly control characters)',
  EMPTY_INPUT: 'the input holds no configuration line',
  LINE_TOO_LONG: 'a line is longer than the parser accepts; it was skipped',
  CONTROL_CHARACTERS: 'a line holds control characters; it was skipped',
  PAGER_JUNK: 'terminal pager residue (--More--, backspaces) was removed',
  UNTERMINATED_BANNER: 'a banner has no closing delimiter; the rest of the file is its body',
  CONTENT_AFTER_END: 'lines after `end` were ignored',
  MISSING_ARGUMENT: 'a command lacks a required argument',
  BAD_ADDRESS: 'an IPv4 address is malformed',
  BAD_MASK: 'a netmask is malformed or not contiguous',
  INCONSISTENT_MASK: 'the address has host bits set for its mask where IOS rejects that',
  BAD_NUMBER: 'a number is malformed or out of range',
  BAD_ACL_LINE: 'an access-list line could not be read',
  ACL_TYPE_MISMATCH: 'a named ACL (or object group) was re-opened with another type',
  ACL_DUPLICATE_SEQUENCE: 'an ACL entry names a sequence number already in use (IOS rejects it)',
  UNDEFINED_OBJECT_GROUP: 'an ACL line or group-object names an object group that does not exist (IOS rejects it)',
  BAD_ROUTE: 'an `ip route` line could not be read',
  BAD_CRYPTO_MAP: 'a `crypto map` line could not be read',
  UNKNOWN_ALGORITHM: 'an algorithm, group or transform name is not known',
  UNKNOWN_SUBCOMMAND: 'a sub-command of a modelled block is not known; it was ignored',
  DUPLICATE_HOSTNAME_LINE: 'a second `hostname` line was ignored',
  NO_HOSTNAME: 'no `hostname` line; the IOS default `Router` is used',
  PLATFORM_ASSUMED: 'the platform could not be told from a `version` line',
  NOT_MODELLED: 'a construct that can change IPsec or routing behaviour is not modelled',
  INTERNAL: 'an internal parser error; the rest of the input was not read',
} as const;

/** A code of `DIAGNOSTIC_CODES`. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Collects diagnostics for one file. */
export class DiagnosticSink {
  /** Diagnostics in the order they were found. */
  readonly list: Diagnostic[] = [];

  constructor(readonly file: string) {}

  /** Records an error: the element on that line was skipped. */
  error(code: DiagnosticCode, line: number, message: string): void {
    this.list.push({ severity: 'error', code, message, file: this.file, line });
  }

  /** Records a warning. */
  warning(code: DiagnosticCode, line: number, message: string): void {
    this.list.push({ severity: 'warning', code, message, file: this.file, line });
  }

  /** Records an informational remark. */
  info(code: DiagnosticCode, line: number, message: string): void {
    this.list.push({ severity: 'info', code, message, file: this.file, line });
  }
}
