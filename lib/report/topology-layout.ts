/**
 * Layout of the topology picture with ELK (elkjs, run in Node at report time): a layered layout
 * (hubs on top, spokes below) for several hubs or a few spokes, a radial one around a single hub
 * with many spokes (or spoke groups), and packed boxes for devices outside the star. ELK is deterministic for the same graph (fixed random seed), so the report's
 * bytes are too.
 */
import { createRequire } from 'node:module';
import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';
import type { TopologyModel, TopologyNode } from './topology-model.js';
import { maxOf } from '../ir/collections.js';

// elkjs is CommonJS whose typings declare an ES default export; load it through require so the
// constructor is the module itself under NodeNext resolution.
const require = createRequire(import.meta.url);
const ElkConstructor = require('elkjs/lib/elk.bundled.js') as new () => ELK;

/** Character width estimates (px) of the monospace fonts the SVG uses. */
export const TITLE_CHAR_WIDTH = 8.7;
/** Width of one character of a detail line. */
export const LINE_CHAR_WIDTH = 7.3;
/** Height of the title row. */
export const TITLE_HEIGHT = 24;
/** Height of one detail line. */
export const LINE_HEIGHT = 16;
/** Inner padding of a node box. */
export const PADDING = 10;

/** A node with its box. */
export interface PlacedNode {
  readonly node: TopologyNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The laid-out picture. */
export interface TopologyLayout {
  readonly model: TopologyModel;
  readonly nodes: readonly PlacedNode[];
  readonly width: number;
  readonly height: number;
}

/** Size of a node's box from its text. */
export function nodeSize(node: TopologyNode): { width: number; height: number } {
  const lines = node.alert === undefined ? node.lines : [...node.lines, node.alert];
  const textWidth = maxOf(lines.map((l) => l.length * LINE_CHAR_WIDTH), node.title.length * TITLE_CHAR_WIDTH);
  return {
    width: Math.ceil(textWidth + 2 * PADDING),
    height: Math.ceil(TITLE_HEIGHT + lines.length * LINE_HEIGHT + PADDING),
  };
}

function round(n: number | undefined): number {
  return Math.round((n ?? 0) * 10) / 10;
}

/** The ELK graph of the picture: the star (hubs and spokes) as one compound node, others packed beside it. */
function elkGraph(model: TopologyModel): ElkNode {
  const hubs = model.nodes.filter((n) => n.role === 'hub');
  const inStar = model.nodes.filter((n) => n.role !== 'other');
  const outside = model.nodes.filter((n) => n.role === 'other');
  const leaf = (n: TopologyNode): ElkNode => ({ id: n.id, ...nodeSize(n) });
  // A few spokes read best as a tree (hub on top, spokes in a row); many as a ring around the hub.
  const starAlgorithm = hubs.length === 0 ? 'rectpacking' : hubs.length > 1 || inStar.length <= 5 ? 'layered' : 'radial';
  // Radial: the first ring must clear the widest box with room for the tunnel label in between.
  const radius = maxOf(inStar.map((n) => nodeSize(n).width), 0) + 70;
  const star: ElkNode = {
    id: 'star',
    layoutOptions: {
      'elk.algorithm': starAlgorithm,
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      // Spokes in hostname order, the hub centred above them.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
      'elk.radial.radius': String(radius),
      'elk.padding': '[top=10,left=10,bottom=10,right=10]',
    },
    children: inStar.map(leaf),
    // Hub as the edge source: the root of the radial tree, and the top layer when layered.
    edges: model.edges.map((e) => ({ id: e.id, sources: [e.target], targets: [e.source] })),
  };
  return {
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'rectpacking', 'elk.spacing.nodeNode': '30', 'elk.padding': '[top=10,left=10,bottom=10,right=10]' },
    children: [...(inStar.length > 0 ? [star] : []), ...outside.map(leaf)],
  };
}

function placeNodes(model: TopologyModel, laid: ElkNode): TopologyLayout {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const placed: PlacedNode[] = [];
  const place = (children: readonly ElkNode[] | undefined, dx: number, dy: number): void => {
    for (const c of children ?? []) {
      const node = byId.get(c.id);
      if (node) {
        placed.push({ node, x: round(dx + (c.x ?? 0)), y: round(dy + (c.y ?? 0)), width: round(c.width), height: round(c.height) });
      } else {
        place(c.children, dx + (c.x ?? 0), dy + (c.y ?? 0));
      }
    }
  };
  place(laid.children, 0, 0);
  // Order of the model, not of ELK's output, so the SVG lists nodes stably.
  const order = new Map(model.nodes.map((n, i) => [n.id, i]));
  placed.sort((a, b) => order.get(a.node.id)! - order.get(b.node.id)!);
  return { model, nodes: placed, width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0) };
}

/** Computes node positions with ELK (its public, promise-based API). */
export async function layoutTopology(model: TopologyModel): Promise<TopologyLayout> {
  return placeNodes(model, await new ElkConstructor().layout(elkGraph(model)));
}

/** The in-process worker elkjs uses in Node; its dispatcher answers synchronously. */
interface ElkFakeWorker {
  dispatcher?: { saveDispatch(message: { data: unknown }): void };
  onmessage?: (answer: { data: { id: number; data?: ElkNode; error?: unknown } }) => void;
}

let syncWorker: ElkFakeWorker | undefined;

/**
 * Computes node positions with ELK synchronously, for callers that cannot await (synth's artifact
 * step). elkjs runs ELK in-process in Node behind a fake worker that only defers its answer with a
 * timer; this calls that worker's dispatcher directly. Same graph, same options, same result as
 * {@link layoutTopology} (a test keeps the two equal).
 */
export function layoutTopologySync(model: TopologyModel): TopologyLayout {
  if (!syncWorker) {
    const { Worker } = require('elkjs/lib/elk-worker.min.js') as { Worker: new () => ElkFakeWorker };
    syncWorker = new Worker();
    if (typeof syncWorker.dispatcher?.saveDispatch !== 'function') {
      syncWorker = undefined;
      throw new Error('hubspoke report: this elkjs version has no in-process worker; use the async renderHtmlReport');
    }
  }
  const worker = syncWorker;
  let answer: { id: number; data?: ElkNode; error?: unknown } | undefined;
  worker.onmessage = (m) => {
    answer = m.data;
  };
  worker.dispatcher!.saveDispatch({ data: { id: 0, cmd: 'register', algorithms: ['layered', 'radial', 'rectpacking'] } });
  answer = undefined;
  worker.dispatcher!.saveDispatch({ data: { id: 1, cmd: 'layout', graph: elkGraph(model), layoutOptions: {}, options: {} } });
  const result = answer as { data?: ElkNode; error?: unknown } | undefined;
  if (!result?.data) {
    const why = result?.error instanceof Error ? result.error.message : String((result?.error as { message?: unknown } | undefined)?.message ?? 'no answer');
    throw new Error(`hubspoke report: ELK layout failed: ${why}`);
  }
  return placeNodes(model, result.data);
}
