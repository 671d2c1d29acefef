/**
 * Errors, warnings and infos attached to constructs, collected at synth time. The `constructs`
 * package has no Annotations (aws-cdk-lib and cdktf each have their own), so this is a small,
 * dependency-free equivalent stored in node metadata, with the same levels and meaning: an error
 * fails synth, a warning is printed (and fails it under `strict`), an info is printed. As in
 * aws-cdk, a warning may carry an id that `acknowledgeWarning(id)` silences below a scope.
 */
import type { IConstruct } from 'constructs';

/** Severity of an annotation. */
export type AnnotationLevel = 'error' | 'warning' | 'info';

const TYPE: Readonly<Record<AnnotationLevel, string>> = {
  error: 'hubspoke:error',
  warning: 'hubspoke:warning',
  info: 'hubspoke:info',
};
const ACKNOWLEDGE = 'hubspoke:acknowledge';

/** An annotation with the construct path it belongs to. */
export interface ConstructAnnotation {
  /** Construct path the annotation belongs to. */
  readonly path: string;
  /** The text, without the path. */
  readonly message: string;
  /**
   * What `acknowledgeWarning` matches: the id given to `addWarningV2`, the problem code of the
   * built-in warnings (`WEAK_CRYPTO`, `WEAK_PSK`, `REUSED_PSK`, `PFS_OFF`) and of the proof's.
   * @default - none (the warning cannot be acknowledged)
   */
  readonly id?: string;
}

/** A warning with the construct path it belongs to. */
export interface ConstructWarning extends ConstructAnnotation {
  /** The problem code when the proof found it (`WEAK_PSK`, `REUSED_PSK`, ...). @default - a construct's own warning */
  readonly code?: string;
  /** `file:line` of the config line the proof's warning is about. @default - not about one line */
  readonly location?: string;
}

/** An acknowledgement: warnings with `id` at `path` or below are not reported. */
export interface WarningAcknowledgement {
  /** Construct path of the scope that acknowledged. */
  readonly path: string;
  /** The acknowledged warning id. */
  readonly id: string;
  /** Why the warning does not apply. @default - no reason given */
  readonly reason?: string;
}

/** Every annotation of a subtree, by level, acknowledged warnings left out. */
export interface CollectedAnnotations {
  readonly errors: readonly ConstructAnnotation[];
  readonly warnings: readonly ConstructWarning[];
  readonly infos: readonly ConstructAnnotation[];
  /** The acknowledgements of the subtree and of its scopes (for warnings found later, as the proof's). */
  readonly acknowledgements: readonly WarningAcknowledgement[];
}

interface Entry {
  readonly message: string;
  readonly id?: string;
}

/** Adds and reads the annotations of one construct. */
export class Annotations {
  /** The annotations of `scope`. */
  static of(scope: IConstruct): Annotations {
    return new Annotations(scope);
  }

  /**
   * All annotations in the subtree rooted at `root`, in tree order (deterministic), in one walk
   * of the tree. Warnings acknowledged by `root`, a construct below it or one of its scopes are
   * left out.
   */
  static collect(root: IConstruct): CollectedAnnotations {
    const errors: ConstructAnnotation[] = [];
    const pending: ConstructWarning[] = [];
    const infos: ConstructAnnotation[] = [];
    const acknowledgements: WarningAcknowledgement[] = [];
    for (const scope of root.node.scopes) {
      if (scope === root) continue;
      for (const m of scope.node.metadata)
        if (m.type === ACKNOWLEDGE) acknowledgements.push(m.data as WarningAcknowledgement);
    }
    for (const c of root.node.findAll()) {
      const metadata = c.node.metadata;
      if (metadata.length === 0) continue;
      const path = c.node.path;
      for (const m of metadata) {
        if (m.type === ACKNOWLEDGE) {
          acknowledgements.push(m.data as WarningAcknowledgement);
          continue;
        }
        const entry = m.data as Entry;
        const item = { path, message: entry.message, ...(entry.id !== undefined ? { id: entry.id } : {}) };
        if (m.type === TYPE.error) errors.push(item);
        else if (m.type === TYPE.info) infos.push(item);
        else if (m.type === TYPE.warning) pending.push(item);
      }
    }
    const acknowledged = Annotations.acknowledgedBy(acknowledgements);
    return { errors, warnings: pending.filter((w) => !acknowledged(w)), infos, acknowledgements };
  }

  /** The unacknowledged warnings of the subtree rooted at `root`, in tree order. */
  static collectWarnings(root: IConstruct): ConstructWarning[] {
    return [...Annotations.collect(root).warnings];
  }

  /** Acknowledgements made by `scope`'s scopes (itself included) and by every construct below it. */
  static acknowledgements(scope: IConstruct): WarningAcknowledgement[] {
    return [...Annotations.collect(scope).acknowledgements];
  }

  /**
   * A test for "this warning is acknowledged", from the acknowledgements around `scope` (see
   * `acknowledgedBy`).
   */
  static acknowledgementFilter(
    scope: IConstruct,
  ): (warning: { readonly path: string; readonly id?: string }) => boolean {
    return Annotations.acknowledgedBy(Annotations.collect(scope).acknowledgements);
  }

  /**
   * A test for "this warning is acknowledged" by one of `acknowledgements`: one with the
   * warning's id at the warning's path or one of its scopes. Used for the proof's warnings too,
   * whose path is the construct that produced the line.
   */
  static acknowledgedBy(
    acknowledgements: readonly WarningAcknowledgement[],
  ): (warning: { readonly path: string; readonly id?: string }) => boolean {
    const byId = new Map<string, string[]>();
    for (const a of acknowledgements) byId.set(a.id, [...(byId.get(a.id) ?? []), a.path]);
    return (w) => {
      if (w.id === undefined) return false;
      return (byId.get(w.id) ?? []).some((p) => p === '' || w.path === p || w.path.startsWith(`${p}/`));
    };
  }

  private constructor(private readonly scope: IConstruct) {}

  /** Adds an error: synth fails, naming this construct's path, and writes nothing. */
  addError(message: string): void {
    this.add('error', { message });
  }

  /**
   * Adds a warning, printed at synth (and failing it under `strict`). The same message on the
   * same construct is stored once, because validations (which add most warnings) may run more
   * than once. Prefer `addWarningV2`, whose id lets users acknowledge it.
   */
  addWarning(message: string): void {
    this.add('warning', { message });
  }

  /**
   * Adds a warning that `acknowledgeWarning(id)` on this construct or one of its scopes silences
   * (aws-cdk's `addWarningV2`). Use a stable id such as `my-lib:noBackupPeer`.
   */
  addWarningV2(id: string, message: string): void {
    this.add('warning', { message, id });
  }

  /** Adds an info, printed at synth. */
  addInfo(message: string): void {
    this.add('info', { message });
  }

  /**
   * Acknowledges the warnings with `id` on this construct and every construct below it, the
   * proof's warnings about the lines they produce included (their id is their code, e.g.
   * `WEAK_CRYPTO`): they are neither printed nor counted, and do not fail a `strict` synth.
   * Warnings added later are acknowledged too.
   */
  acknowledgeWarning(id: string, reason?: string): void {
    const ack: WarningAcknowledgement = { path: this.scope.node.path, id, ...(reason !== undefined ? { reason } : {}) };
    if (this.scope.node.metadata.some((m) => m.type === ACKNOWLEDGE && (m.data as WarningAcknowledgement).id === id))
      return;
    this.scope.node.addMetadata(ACKNOWLEDGE, ack, { stackTrace: false });
  }

  /** Unacknowledged warning messages on this construct only. */
  get warnings(): string[] {
    const acknowledged = Annotations.acknowledgementFilter(this.scope);
    return this.entries('warning')
      .filter((e) => !acknowledged({ path: this.scope.node.path, ...(e.id !== undefined ? { id: e.id } : {}) }))
      .map((e) => e.message);
  }

  /** Error messages on this construct only. */
  get errors(): string[] {
    return this.entries('error').map((e) => e.message);
  }

  /** Info messages on this construct only. */
  get infos(): string[] {
    return this.entries('info').map((e) => e.message);
  }

  private entries(level: AnnotationLevel): Entry[] {
    return this.scope.node.metadata.filter((m) => m.type === TYPE[level]).map((m) => m.data as Entry);
  }

  private add(level: AnnotationLevel, entry: Entry): void {
    if (this.entries(level).some((e) => e.message === entry.message && e.id === entry.id)) return;
    this.scope.node.addMetadata(TYPE[level], entry, { stackTrace: false });
  }
}
