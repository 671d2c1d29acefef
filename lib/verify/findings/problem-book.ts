/**
 * Collects problems once per root cause: the same code on the same device and line is one finding,
 * however many pairs it breaks, while every affected pair still lists it.
 */
import { formatHint, problemInfo, type ProblemCode, type Severity } from './problem-codes.js';
import type { DeviceRole, Problem } from '../types.js';
import { compareText } from '../../ir/collections.js';

/** What a rule reports; the book fills severity defaults, hint and origin. */
export interface ProblemInput {
  readonly code: ProblemCode;
  readonly device: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
  /** Placeholders of the hint template. */
  readonly hintValues?: Readonly<Record<string, string>>;
  /** Overrides the hint entirely. */
  readonly hint?: string;
  /** Overrides the catalogue severity (e.g. WEAK_CRYPTO on a platform that rejects it). */
  readonly severity?: Severity;
  /** Extra deduplication key, for several distinct findings anchored on one line. @default - none */
  readonly dedupe?: string;
}

/** Looks up the construct path that produced a line (the render source map). */
export type OriginLookup = (file: string, line: number) => string | undefined;

/** Deduplicating problem store. */
export class ProblemBook {
  private readonly byKey = new Map<string, Problem>();

  constructor(
    private readonly roleOf: (device: string) => DeviceRole,
    private readonly origin?: OriginLookup,
  ) {}

  /** Records a problem (once per code, device, line) and returns the stored finding. */
  add(input: ProblemInput): Problem {
    // A missing line has no anchor of its own: keep distinct messages apart then.
    const extra = input.dedupe ?? (input.line === 0 ? input.message : '');
    const key = `${input.code}|${input.device}|${input.file}|${input.line}|${extra}`;
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const origin = input.line > 0 ? this.origin?.(input.file, input.line) : undefined;
    const problem: Problem = {
      code: input.code,
      severity: input.severity ?? problemInfo(input.code).severity,
      device: input.device,
      file: input.file,
      line: input.line,
      message: input.message,
      hint: input.hint ?? formatHint(input.code, input.hintValues),
      side: this.roleOf(input.device),
      ...(origin !== undefined ? { origin } : {}),
    };
    this.byKey.set(key, problem);
    return problem;
  }

  /** Every distinct finding, sorted by device, file, line and code (deterministic). */
  findings(): Problem[] {
    return [...this.byKey.values()].sort(
      (a, b) =>
        compareText(a.device, b.device) ||
        compareText(a.file, b.file) ||
        a.line - b.line ||
        compareText(a.code, b.code) ||
        compareText(a.message, b.message),
    );
  }
}
