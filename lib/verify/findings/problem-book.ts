/**
 * Collects problems once per root cause: the same code on the same device and line is one finding,
 * however many pairs it breaks, while every affected pair still lists it. A problem about one of
 * many subjects (a destination without a route, a region left in clear text) is one finding per
 * cause too: it names its smallest subjects (`finding-subject.ts`), and the result counts the
 * pairs it breaks, so a broken network of N devices has findings in proportion to N, not N².
 */
import { formatHint, problemInfo, type ProblemCode, type Severity } from './problem-codes.js';
import { SubjectExamples, type SubjectMessage } from './finding-subject.js';
import type { DeviceRole, Problem } from '../types.js';
import { compareText } from '../../ir/collections.js';

/** A device as findings name it. */
export interface FindingDevice {
  readonly hostname: string;
  readonly file: string;
}

/** What a rule reports; the book fills severity defaults, hint and origin. */
export interface ProblemInput {
  readonly code: ProblemCode;
  readonly device: string;
  readonly file: string;
  readonly line: number;
  /** The message (with `subject`: of this subject alone). */
  readonly message: string;
  /** Placeholders of the hint template. */
  readonly hintValues?: Readonly<Record<string, string>>;
  /** Overrides the catalogue severity (e.g. WEAK_CRYPTO on a platform that rejects it). */
  readonly severity?: Severity;
  /** Extra deduplication key, for several distinct findings anchored on one line. @default - none */
  readonly dedupe?: string;
  /**
   * The part of the message that varies between the pairs this cause breaks (`aboutSubject`):
   * inputs that differ only in it are one finding, worded over its smallest subjects.
   * @default - the message is the whole cause
   */
  readonly subject?: SubjectMessage;
}

/** Looks up the construct path that produced a line (the render source map). */
export type OriginLookup = (file: string, line: number) => string | undefined;

/** Pairs a finding is on, by the pair's state. */
export interface FindingPairCounts {
  broken: number;
  unverified: number;
}

interface Entry {
  /** The object pairs point at while the proof runs (worded for the first subject). */
  readonly problem: Problem;
  readonly input: ProblemInput;
  readonly examples?: SubjectExamples;
}

/** Deduplicating problem store. */
export class ProblemBook {
  private readonly byKey = new Map<string, Entry>();
  private readonly byProblem = new Map<Problem, Entry>();

  constructor(
    private readonly roleOf: (device: string) => DeviceRole,
    private readonly origin?: OriginLookup,
  ) {}

  /** Records a problem (once per code, device, line and cause) and returns the stored finding. */
  add(input: ProblemInput): Problem {
    const s = input.subject;
    // A missing line has no anchor of its own: keep distinct messages apart then.
    const extra = s
      ? `${input.dedupe ?? ''}\u0000${s.before}\u0000${s.after}`
      : (input.dedupe ?? (input.line === 0 ? input.message : ''));
    const key = `${input.code}|${input.device}|${input.file}|${input.line}|${extra}`;
    const existing = this.byKey.get(key);
    if (existing) {
      if (s) existing.examples!.note(s.subject);
      return existing.problem;
    }
    const origin = input.line > 0 ? this.origin?.(input.file, input.line) : undefined;
    const problem: Problem = {
      code: input.code,
      severity: input.severity ?? problemInfo(input.code).severity,
      device: input.device,
      file: input.file,
      line: input.line,
      message: input.message,
      hint: formatHint(
        input.code,
        s?.subject.hintValues ? { ...input.hintValues, ...s.subject.hintValues } : input.hintValues,
      ),
      side: this.roleOf(input.device),
      ...(origin !== undefined ? { origin } : {}),
    };
    const entry: Entry = s ? { problem, input, examples: new SubjectExamples() } : { problem, input };
    if (s) entry.examples!.note(s.subject);
    this.byKey.set(key, entry);
    this.byProblem.set(problem, entry);
    return problem;
  }

  /**
   * The subjects of a stored finding, where further subjects are noted as `add` notes those of a
   * repeated input (pairs decided without a walk); undefined for a finding without subjects.
   */
  subjectsOf(problem: Problem): SubjectExamples | undefined {
    return this.byProblem.get(problem)?.examples;
  }

  /** Every distinct finding as stored (pairs point at these), sorted by device, file, line and code. */
  findings(): Problem[] {
    return sortFindings([...this.byProblem.keys()]);
  }

  /**
   * The findings as a result states them: worded over their smallest subjects, with the pairs
   * they are on (`counts`, over every pair decided); and for each stored object, its final form.
   */
  settle(counts?: ReadonlyMap<Problem, FindingPairCounts>): { findings: Problem[]; final: Map<Problem, Problem> } {
    const final = new Map<Problem, Problem>();
    for (const [problem, entry] of this.byProblem) final.set(problem, settled(entry, counts?.get(problem)));
    return { findings: sortFindings([...final.values()]), final };
  }
}

/** A stored finding with its subjects and pair counts; the same object when neither applies. */
function settled(entry: Entry, counts: FindingPairCounts | undefined): Problem {
  const { problem, input, examples } = entry;
  const pairs = {
    ...(counts !== undefined && counts.broken > 0 ? { brokenPairs: counts.broken } : {}),
    ...(counts !== undefined && counts.unverified > 0 ? { unverifiedPairs: counts.unverified } : {}),
  };
  if (!examples) return Object.keys(pairs).length === 0 ? problem : { ...problem, ...pairs };
  const s = input.subject!;
  const subjects = examples.subjects();
  return {
    ...problem,
    message: `${s.before}${examples.text()}${s.after}`,
    // The hint names the smallest subject (e.g. the route to add for the first destination).
    hint: formatHint(input.code, { ...input.hintValues, ...subjects[0]?.hintValues }),
    examples: subjects.map((x) => x.text),
    ...pairs,
  };
}

function sortFindings(list: Problem[]): Problem[] {
  return list.sort(
    (a, b) =>
      compareText(a.device, b.device) ||
      compareText(a.file, b.file) ||
      a.line - b.line ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}
