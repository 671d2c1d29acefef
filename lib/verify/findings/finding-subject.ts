/**
 * Subjects of a finding: the part of a problem that varies between the pairs one cause breaks (the
 * destination a device has no route to, the region a route drops or a crypto map leaves in clear
 * text). A finding is one per code, device, line and cause; its subjects are summarised as the
 * few smallest ones and a mark that there are more, so a device with no route to 2,000 sites is
 * one finding naming three of them, not 2,000 findings.
 */
import { lengthToNetmask } from '../../ir/ipv4.js';
import type { HeaderBox, Interval } from '../../rules/header-space.js';
import { compareText } from '../../ir/collections.js';
import { intervalText, regionText } from './describe.js';

/** One subject: its words, where it sorts, and the hint placeholders it fills. */
export interface ProblemSubject {
  /** Words of the subject, e.g. `10.1.2.0/24` or `172.16.1.0/24 -> 10.1.2.0/24`. */
  readonly text: string;
  /** Sort key (addresses, most significant first): the examples kept are the smallest subjects. */
  readonly order: readonly number[];
  /** Hint placeholders this subject fills (e.g. `network`, `route`). @default - none */
  readonly hintValues?: Readonly<Record<string, string>>;
}

/** A message around a subject: `before + subjects + after`. */
export interface SubjectMessage {
  readonly before: string;
  readonly subject: ProblemSubject;
  readonly after: string;
}

/** Subjects a finding names in its message and `examples`; beyond, "and more". */
export const MAX_SUBJECT_EXAMPLES = 3;

/** `ip route` arguments for a destination, with the exit left to the reader. */
export function routeHint(range: Interval): string {
  const text = intervalText(range);
  const m = /^(.+)\/(\d+)$/.exec(text);
  return m ? `${m[1]} ${lengthToNetmask(Number(m[2]))} <wan-interface>` : `${text} <wan-interface>`;
}

/** A destination address range (what a device has no route to). */
export function destinationSubject(range: Interval): ProblemSubject {
  return {
    text: intervalText(range),
    order: [range[0], range[1]],
    hintValues: { network: intervalText(range), route: routeHint(range) },
  };
}

/** A region of the conversation (what a route drops, what leaves in clear text). */
export function regionSubject(space: readonly HeaderBox[]): ProblemSubject {
  const first = space[0];
  const text = regionText(space);
  return {
    text,
    order: first ? [first.dst[0], first.src[0], first.dst[1], first.src[1]] : [],
    hintValues: { region: text },
  };
}

/** A region meant for another device (what a route sends out of a LAN interface instead). */
export function towardsSubject(
  space: readonly HeaderBox[],
  dest: { readonly hostname: string; readonly network: string; readonly range: Interval },
): ProblemSubject {
  const region = regionSubject(space);
  return {
    text: `${region.text} (meant for ${dest.hostname})`,
    order: region.order,
    hintValues: { network: dest.network, route: routeHint(dest.range) },
  };
}

/** The message of one subject alone, and the subject slot the problem book aggregates. */
export function aboutSubject(
  before: string,
  subject: ProblemSubject,
  after: string,
): { message: string; subject: SubjectMessage } {
  return { message: `${before}${subject.text}${after}`, subject: { before, subject, after } };
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function compareSubjects(a: ProblemSubject, b: ProblemSubject): number {
  return compareOrder(a.order, b.order) || compareText(a.text, b.text);
}

/**
 * The smallest distinct subjects seen, and whether there were more. The result depends only on
 * the set of subjects noted, not on their order, so every way of deciding the pairs (pair walk,
 * shortcut, any pair order) words the finding alike. Constant memory per finding.
 */
export class SubjectExamples {
  private readonly kept: ProblemSubject[] = [];
  /** True once a subject beyond the kept ones was seen. */
  more = false;
  /** First sort key of the largest kept subject once full: anything above is only "more". */
  private bound = Number.POSITIVE_INFINITY;

  /** Notes a subject; cheap when it sorts after every kept one (the common case of a long run). */
  note(subject: ProblemSubject): void {
    const kept = this.kept;
    const last = kept[kept.length - 1];
    if (kept.length === MAX_SUBJECT_EXAMPLES && compareSubjects(subject, last!) > 0) {
      this.more = true;
      return;
    }
    let at = kept.length;
    while (at > 0 && compareSubjects(subject, kept[at - 1]!) < 0) at -= 1;
    if (at > 0 && compareSubjects(subject, kept[at - 1]!) === 0) return;
    kept.splice(at, 0, subject);
    if (kept.length > MAX_SUBJECT_EXAMPLES) {
      kept.pop();
      this.more = true;
    }
    if (kept.length === MAX_SUBJECT_EXAMPLES)
      this.bound = kept[MAX_SUBJECT_EXAMPLES - 1]!.order[0] ?? Number.POSITIVE_INFINITY;
  }

  /** {@link note} for a subject built only when it may be kept (`order` is its sort key). */
  offer(order: readonly number[], make: () => ProblemSubject): void {
    if (order[0]! > this.bound) this.more = true;
    else if (
      this.kept.length === MAX_SUBJECT_EXAMPLES &&
      compareOrder(order, this.kept[MAX_SUBJECT_EXAMPLES - 1]!.order) > 0
    )
      this.more = true;
    else this.note(make());
  }

  /** The kept subjects, smallest first. */
  subjects(): readonly ProblemSubject[] {
    return this.kept;
  }

  /** The subjects as words: `a, b, c` or `a, b, c and more`. */
  text(): string {
    const list = this.kept.map((s) => s.text).join(', ');
    return this.more ? `${list} and more` : list;
  }
}
