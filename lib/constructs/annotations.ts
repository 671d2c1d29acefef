/**
 * Warnings attached to constructs, collected at synth time and printed by the App. The
 * `constructs` package has no Annotations (that lives in aws-cdk-lib), so this is a small,
 * dependency-free equivalent stored in node metadata.
 */
import type { IConstruct } from 'constructs';

const WARNING = 'hubspoke:warning';

/** A warning with the construct path it belongs to. */
export interface ConstructWarning {
  /** Construct path the warning belongs to. */
  readonly path: string;
  /** The warning, without the path. */
  readonly message: string;
  /** The problem code when the proof found it (`WEAK_PSK`, `REUSED_PSK`, ...). @default - a construct's own warning */
  readonly code?: string;
  /** `file:line` of the config line the proof's warning is about. @default - not about one line */
  readonly location?: string;
}

/** Adds and reads warnings on one construct. */
export class Annotations {
  /** The annotations of `scope`. */
  static of(scope: IConstruct): Annotations {
    return new Annotations(scope);
  }

  /** All warnings in the subtree rooted at `root`, in tree order (deterministic). */
  static collectWarnings(root: IConstruct): ConstructWarning[] {
    const out: ConstructWarning[] = [];
    for (const c of root.node.findAll()) {
      for (const entry of c.node.metadata) {
        if (entry.type === WARNING) out.push({ path: c.node.path, message: String(entry.data) });
      }
    }
    return out;
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Adds a warning. The same message on the same construct is stored once, because
   * validations (which add most warnings) may run more than once.
   */
  addWarning(message: string): void {
    if (this.scope.node.metadata.some((m) => m.type === WARNING && m.data === message)) return;
    this.scope.node.addMetadata(WARNING, message, { stackTrace: false });
  }

  /** Warnings on this construct only. */
  get warnings(): string[] {
    return this.scope.node.metadata.filter((m) => m.type === WARNING).map((m) => String(m.data));
  }
}
