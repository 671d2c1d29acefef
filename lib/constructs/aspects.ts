/**
 * Aspects: visitors added to a scope and applied, at synth and before validation, to every
 * construct in it, top-down. The semantics are those of aws-cdk-lib and cdktf (whose Aspects
 * live in those libraries, not in `constructs`), so a policy such as "every spoke uses AES-256"
 * is one aspect:
 * - an aspect added to a scope visits that scope and everything below it, parents before
 *   children, children in creation order; aspects inherited from parents come first;
 * - each aspect visits each construct once, however many times synth runs (a mutating aspect is
 *   not applied twice);
 * - children an aspect adds while visiting are visited in turn, and so are aspects it adds to
 *   constructs not yet visited; an aspect added to the construct being visited (or above it) is
 *   not applied in this pass, and the first such addition is reported as a warning.
 */
import type { IConstruct } from 'constructs';
import { Annotations } from './annotations.js';

/** A visitor applied to every construct of the scope it was added to. */
export interface IAspect {
  /** Called once for every construct in the scope, parents first. */
  visit(node: IConstruct): void;
}

const ASPECTS = Symbol.for('hubspoke.Aspects');
/** Aspects that already visited a construct, across synths. */
const visited = new WeakMap<IConstruct, Set<IAspect>>();

/** The aspects added to one scope. */
export class Aspects {
  /** The aspects of `scope` (created on first use). */
  static of(scope: IConstruct): Aspects {
    const holder = scope as unknown as { [ASPECTS]?: Aspects };
    let aspects = holder[ASPECTS];
    if (aspects === undefined) {
      aspects = new Aspects();
      Object.defineProperty(scope, ASPECTS, { value: aspects, enumerable: false, configurable: false });
    }
    return aspects;
  }

  readonly #aspects: IAspect[] = [];

  private constructor() {}

  /** Adds an aspect, applied to this scope and everything below it at synth. */
  add(aspect: IAspect): void {
    this.#aspects.push(aspect);
  }

  /** The aspects added directly to this scope, in the order they were added. */
  get all(): IAspect[] {
    return [...this.#aspects];
  }
}

/**
 * Applies the aspects of `root`, of its scopes and of everything below it to the constructs of
 * `root`'s subtree (App and `synthesizeStack` call this before validating).
 */
export function invokeAspects(root: IConstruct): void {
  const inherited: IAspect[] = [];
  for (const scope of root.node.scopes.slice(0, -1)) for (const a of aspectsOf(scope)) inherited.push(a);
  let warned = false;
  const recurse = (construct: IConstruct, fromParents: readonly IAspect[]): void => {
    const own = aspectsOf(construct);
    const here = own.length === 0 ? fromParents : [...fromParents, ...own];
    const count = own.length;
    if (here.length > 0) {
      let done = visited.get(construct);
      if (done === undefined) {
        done = new Set();
        visited.set(construct, done);
      }
      for (const aspect of here) {
        if (done.has(aspect)) continue;
        aspect.visit(construct);
        done.add(aspect);
        if (!warned && aspectsOf(construct).length !== count) {
          Annotations.of(construct).addWarningV2(
            'hubspoke:aspectAddedByAspect',
            'an aspect was added to this construct by another aspect while aspects were being applied; it is not applied in this synth (add it before synth)',
          );
          warned = true;
        }
      }
    }
    // Read after visiting: children an aspect added are visited too.
    for (const child of construct.node.children) recurse(child, here);
  };
  recurse(root, inherited);
}

/** The aspects added to `scope`, without creating an `Aspects` for a scope that has none. */
function aspectsOf(scope: IConstruct): readonly IAspect[] {
  const aspects = (scope as unknown as { [ASPECTS]?: Aspects })[ASPECTS];
  return aspects === undefined ? [] : aspects.all;
}
