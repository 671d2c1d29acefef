/**
 * `route-map NAME permit|deny SEQ` with `match ip address ACL...`: the form inside-source NAT reads
 * (docs/ios-semantics.md#nat-and-the-order-of-operations). A `deny` entry exempts what its lists
 * permit from the NAT rule that names the map; an entry without `match` matches everything.
 */
import { Construct } from 'constructs';
import { lazy } from '../ir/lazy.js';
import { zod } from '../ir/zod.js';
import type { RouteMapEntry as RouteMapEntryIr } from '../ir/router-config.js';
import { ConstructError } from './errors.js';
import type { IrContext, IRouterElement, RouterIrBuilder } from './ir-context.js';
import { Router } from './router.js';
import { parseProps, wordName } from './schemas.js';

/** One entry of a RouteMap. */
export interface RouteMapEntryProps {
  /** Sequence number (1-65535; lower is evaluated first). */
  readonly seq: number;
  /** `permit` (NAT translates what matches) or `deny` (NAT leaves it alone). */
  readonly action: 'permit' | 'deny';
  /** ACL names or numbers of `match ip address`; matched when any of them permits. @default [] (matches everything) */
  readonly matchAddress?: readonly (string | number)[];
}

/** Properties of a RouteMap. */
export interface RouteMapProps {
  /** The route-map's name. */
  readonly name: string;
  /** Initial entries. @default [] */
  readonly entries?: readonly RouteMapEntryProps[];
}

const ROUTE_MAP_SEQUENCE = 'is not a route-map sequence number (1-65535)';

const entrySchema = lazy(() =>
  zod().object({
    seq: zod().number().int({ message: ROUTE_MAP_SEQUENCE }).min(1, { message: ROUTE_MAP_SEQUENCE }).max(65535, {
      message: ROUTE_MAP_SEQUENCE,
    }),
    action: zod().enum(['permit', 'deny'], { message: 'is not a route-map action (permit, deny)' }),
    matchAddress: zod()
      .array(zod().union([wordName(), zod().number().int().min(1).max(2699).transform(String)]))
      .optional(),
  }),
);

const schema = lazy(() => zod().object({ name: wordName(), entries: zod().array(entrySchema()).optional() }));
const ENTRY_PROPS = lazy(() => zod().object({ entry: entrySchema() }));

type Entry = { readonly seq: number; readonly action: 'permit' | 'deny'; readonly matchAddress: readonly string[] };

/** A route-map. Create it inside a Router. */
export class RouteMap extends Construct implements IRouterElement {
  /** The route-map's name. */
  readonly name: string;
  private readonly entries = new Map<number, Entry>();

  constructor(scope: Construct, id: string, props: RouteMapProps) {
    super(scope, id);
    Router.of(this);
    const p = parseProps(this.node.path, schema(), props);
    this.name = p.name;
    (p.entries ?? []).forEach((e, i) => this.put(e, `entries[${i}].seq`));
  }

  /** Sequence numbers of the entries, ascending. */
  get sequences(): number[] {
    return [...this.entries.keys()].sort((a, b) => a - b);
  }

  /** Adds an entry; a sequence number already in use is refused (IOS would re-open that entry). */
  addEntry(entry: RouteMapEntryProps): void {
    this.put(parseProps(this.node.path, ENTRY_PROPS(), { entry }).entry, 'entry.seq');
  }

  /** Removes the entry with this sequence number (`no route-map NAME SEQ`, escape hatch). */
  removeEntry(seq: number): void {
    if (!this.entries.delete(seq))
      throw new ConstructError('HS-PROP', this.node.path, `removeEntry: route-map ${this.name} has no entry ${seq}`);
  }

  private put(e: { seq: number; action: 'permit' | 'deny'; matchAddress?: string[] | undefined }, prop: string): void {
    if (this.entries.has(e.seq))
      throw new ConstructError('HS-PROP', this.node.path, `route-map ${this.name} already has entry ${e.seq}`, prop);
    this.entries.set(e.seq, { seq: e.seq, action: e.action, matchAddress: e.matchAddress ?? [] });
  }

  /** Adds this element to the router's IR (the `IRouterElement` contract; the Router calls it during synth). */
  contributeIr(builder: RouterIrBuilder, _context: IrContext): void {
    const origin = this.node.path;
    const entries: RouteMapEntryIr[] = this.sequences.map((seq) => {
      const e = this.entries.get(seq)!;
      return { seq, action: e.action, matchAddress: [...e.matchAddress], extraLines: [], origin };
    });
    builder.routeMaps.push({ name: this.name, entries, origin });
  }
}
