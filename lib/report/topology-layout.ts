/**
 * Layout of the topology picture, written for the shapes hubspoke draws (a star, or a few stars):
 * - one hub with many spokes (or spoke groups): the hub in the centre, spokes on rings around it,
 *   each ring's radius the smallest that keeps its boxes and tunnel labels clear of everything
 *   placed before (tested with the boxes themselves, not their bounding circles);
 * - several hubs, or a hub with a few spokes: hubs in a row on top, each above its own spokes
 *   (in model order, rows of at most {@link MAX_ROW});
 * - no hub: the spokes in rows;
 * - devices outside the star (role `other`): a column beside it, unconnected.
 * Plain arithmetic on the model's order, so the same model gives the same picture, byte for byte.
 * It replaced ELK (elkjs, EPL-2.0 OR GPL-3.0), which was a runtime dependency for this alone.
 */
import type { TopologyModel, TopologyNode } from './topology-model.js';
import { appendAll, maxOf, minOf } from '../ir/collections.js';

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
/** Most spokes in a row under one hub (layered) or in a row of a hubless picture. */
export const MAX_ROW = 6;
/** Most spokes on one ring around a hub. */
export const RING_SIZE = 12;

/** Space between boxes side by side. */
const GAP = 28;
/** Space between the hub row and the spoke rows. */
const LAYER_GAP = 80;
/** Space around the picture. */
const MARGIN = 10;
/** Box a tunnel label needs (`12 broken` in the SVG's font), kept clear of every device box. */
const LABEL_WIDTH = 64;
const LABEL_HEIGHT = 16;
/** Radius step of the ring search (px). */
const RING_STEP = 4;
/** Most a ring is wider than tall. */
const MAX_STRETCH = 2.5;

/** A node with its box. */
export interface PlacedNode {
  readonly node: TopologyNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where a tunnel's label (`ok`, `N broken`) is drawn: in the open between the boxes it joins. */
export interface EdgeLabel {
  /** The edge's id. */
  readonly edge: string;
  readonly x: number;
  readonly y: number;
}

/** The laid-out picture. */
export interface TopologyLayout {
  readonly model: TopologyModel;
  readonly nodes: readonly PlacedNode[];
  /** One label position per edge whose two ends are placed. */
  readonly labels: readonly EdgeLabel[];
  readonly width: number;
  readonly height: number;
}

/** Size of a node's box from its text. */
export function nodeSize(node: TopologyNode): { width: number; height: number } {
  const lines = node.alert === undefined ? node.lines : [...node.lines, node.alert];
  const textWidth = maxOf(
    lines.map((l) => l.length * LINE_CHAR_WIDTH),
    node.title.length * TITLE_CHAR_WIDTH,
  );
  return {
    width: Math.ceil(textWidth + 2 * PADDING),
    height: Math.ceil(TITLE_HEIGHT + lines.length * LINE_HEIGHT + PADDING),
  };
}

/** A box being placed (x, y: top left corner). */
interface Box {
  readonly id: string;
  x: number;
  y: number;
  readonly width: number;
  readonly height: number;
}

/** A ring: the radius (vertical half-axis) of the ring inside it, and its width-to-height ratio. */
interface Ellipse {
  readonly inner: number;
  readonly stretch: number;
}

interface Point {
  x: number;
  y: number;
}

const round = (n: number): number => Math.round(n * 10) / 10;
const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** True when two boxes, each grown by `clearance` / 2 on every side, overlap. */
function overlaps(a: Box, b: Box, clearance: number): boolean {
  return (
    a.x < b.x + b.width + clearance &&
    b.x < a.x + a.width + clearance &&
    a.y < b.y + b.height + clearance &&
    b.y < a.y + a.height + clearance
  );
}

function labelBox(at: Point): Box {
  return { id: '', x: at.x - LABEL_WIDTH / 2, y: at.y - LABEL_HEIGHT / 2, width: LABEL_WIDTH, height: LABEL_HEIGHT };
}

/** Boxes in rows of at most `perRow`, each row centred on `width`, starting at `top`. Returns the bottom. */
function rows(boxes: readonly Box[], perRow: number, width: number, top: number): number {
  let y = top;
  for (let i = 0; i < boxes.length; i += perRow) {
    const row = boxes.slice(i, i + perRow);
    const rowWidth = row.reduce((w, b) => w + b.width, 0) + GAP * (row.length - 1);
    let x = (width - rowWidth) / 2;
    for (const b of row) {
      b.x = x;
      b.y = y;
      x += b.width + GAP;
    }
    y +=
      maxOf(
        row.map((b) => b.height),
        0,
      ) + GAP;
  }
  return y - GAP;
}

function rowWidth(boxes: readonly Box[], perRow: number): number {
  let widest = 0;
  for (let i = 0; i < boxes.length; i += perRow) {
    const row = boxes.slice(i, i + perRow);
    widest = Math.max(widest, row.reduce((w, b) => w + b.width, 0) + GAP * (row.length - 1));
  }
  return widest;
}

/** Hubs in a row on top, each centred above its spokes; spokes sit under the first hub they tunnel to. */
function layered(hubs: readonly Box[], spokes: readonly Box[], model: TopologyModel): void {
  const hubOf = new Map<string, string>();
  for (const e of model.edges) if (!hubOf.has(e.source)) hubOf.set(e.source, e.target);
  const spokesOf = new Map(hubs.map((h) => [h.id, [] as Box[]]));
  for (const s of spokes) spokesOf.get(hubOf.get(s.id) ?? hubs[0]!.id)!.push(s);
  const hubRow = maxOf(
    hubs.map((h) => h.height),
    0,
  );
  let left = 0;
  for (const hub of hubs) {
    const own = spokesOf.get(hub.id)!;
    const width = Math.max(hub.width, rowWidth(own, MAX_ROW));
    hub.x = left + (width - hub.width) / 2;
    hub.y = hubRow - hub.height;
    rows(own, MAX_ROW, width, hubRow + LAYER_GAP);
    for (const s of own) s.x += left;
    left += width + 2 * GAP;
  }
}

/** Ring sizes for `n` spokes: as few rings as hold them, the outer rings taking the remainder. */
export function ringSizes(n: number): number[] {
  const count = Math.ceil(n / RING_SIZE);
  const base = Math.floor(n / count);
  return Array.from({ length: count }, (_, k) => base + (k >= count - (n % count) ? 1 : 0));
}

/**
 * One ring around the hub's centre: the smallest radius at which its boxes clear each other and
 * everything placed before, and each tunnel label, drawn halfway between this ring and the one
 * inside it (or the hub), clears every box. Rings alternate their start angle by half a step, so
 * an outer spoke's tunnel passes between two inner ones.
 */
function ring(ringBoxes: readonly Box[], k: number, shape: Ellipse, placed: Box[], labels: Map<string, Point>): number {
  const step = (2 * Math.PI) / ringBoxes.length;
  const start = -Math.PI / 2 + (k % 2 === 1 ? step / 2 : 0);
  const angles = ringBoxes.map((_, i) => start + i * step);
  const { inner, stretch } = shape;
  const on = (radius: number, a: number): Point => ({ x: stretch * radius * Math.cos(a), y: radius * Math.sin(a) });
  for (let radius = inner + RING_STEP; ; radius += RING_STEP) {
    const mid = (inner + radius) / 2;
    const at = angles.map((a) => on(radius, a));
    ringBoxes.forEach((b, i) => {
      b.x = at[i]!.x - b.width / 2;
      b.y = at[i]!.y - b.height / 2;
    });
    const label = angles.map((a) => on(mid, a));
    const all = [...placed, ...ringBoxes];
    const clear =
      ringBoxes.every(
        (b, i) =>
          placed.every((p) => !overlaps(b, p, GAP)) && ringBoxes.every((c, j) => i === j || !overlaps(b, c, GAP)),
      ) && label.every((l) => all.every((b) => !overlaps(labelBox(l), b, 0)));
    if (clear) {
      ringBoxes.forEach((b, i) => labels.set(b.id, label[i]!));
      appendAll(placed, ringBoxes);
      return radius;
    }
  }
}

/**
 * The hub at the origin, spokes on rings around it; returns each spoke's label point. The rings are
 * ellipses as much wider than tall as the boxes are (boxes are wide text blocks), which keeps the
 * picture compact.
 */
function radial(hub: Box, spokes: readonly Box[]): Map<string, Point> {
  hub.x = -hub.width / 2;
  hub.y = -hub.height / 2;
  const placed: Box[] = [hub];
  const labels = new Map<string, Point>();
  const stretch = Math.min(
    MAX_STRETCH,
    Math.max(
      1,
      (maxOf(
        spokes.map((b) => b.width),
        0,
      ) +
        GAP) /
        (maxOf(
          spokes.map((b) => b.height),
          0,
        ) +
          GAP),
    ),
  );
  let inner = 0;
  let from = 0;
  ringSizes(spokes.length).forEach((size, k) => {
    inner = ring(spokes.slice(from, from + size), k, { inner, stretch }, placed, labels);
    from += size;
  });
  return labels;
}

/** Moves boxes (and label points) so that their top left corner is at (x, y); returns their size. */
function moveTo(
  boxes: readonly Box[],
  points: readonly Point[],
  x: number,
  y: number,
): { width: number; height: number } {
  if (boxes.length === 0) return { width: 0, height: 0 };
  const minX = minOf(boxes.map((b) => b.x));
  const minY = minOf(boxes.map((b) => b.y));
  for (const b of boxes) {
    b.x += x - minX;
    b.y += y - minY;
  }
  for (const p of points) {
    p.x += x - minX;
    p.y += y - minY;
  }
  return {
    width:
      maxOf(
        boxes.map((b) => b.x + b.width),
        x,
      ) - x,
    height:
      maxOf(
        boxes.map((b) => b.y + b.height),
        y,
      ) - y,
  };
}

/** Devices outside the star: columns no taller than the star (at least one box each). */
function column(boxes: readonly Box[], left: number, top: number, maxHeight: number): void {
  let x = left;
  let y = top;
  let widest = 0;
  for (const b of boxes) {
    if (y > top && y + b.height > top + maxHeight) {
      x += widest + GAP;
      y = top;
      widest = 0;
    }
    b.x = x;
    b.y = y;
    y += b.height + GAP;
    widest = Math.max(widest, b.width);
  }
}

/** Computes node positions and label points; the same model always gives the same layout. */
export function layoutTopologySync(model: TopologyModel): TopologyLayout {
  const boxes = new Map<string, Box>(model.nodes.map((n) => [n.id, { id: n.id, x: 0, y: 0, ...nodeSize(n) }]));
  const of = (role: TopologyNode['role']): Box[] =>
    model.nodes.filter((n) => n.role === role).map((n) => boxes.get(n.id)!);
  const [hubs, spokes, outside] = [of('hub'), of('spoke'), of('other')];
  let ringLabels = new Map<string, Point>();
  if (hubs.length === 0) rows(spokes, MAX_ROW, rowWidth(spokes, MAX_ROW), 0);
  else if (hubs.length > 1 || spokes.length <= 4) layered(hubs, spokes, model);
  else ringLabels = radial(hubs[0]!, spokes);
  const star = [...hubs, ...spokes];
  const points = [...ringLabels.values()];
  const size = moveTo(star, points, MARGIN, MARGIN);
  column(outside, star.length > 0 ? MARGIN + size.width + 2 * GAP : MARGIN, MARGIN, Math.max(size.height, 1));
  const all = [...boxes.values()];
  const width =
    maxOf(
      all.map((b) => b.x + b.width),
      0,
    ) + MARGIN;
  const height =
    maxOf(
      all.map((b) => b.y + b.height),
      0,
    ) + MARGIN;
  const labels: EdgeLabel[] = [];
  for (const e of model.edges) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    if (!a || !b) continue;
    // On a ring, the label sits between rings; in rows, halfway along the tunnel.
    const ringPoint = hubs.length === 1 ? ringLabels.get(e.source) : undefined;
    const at = ringPoint ?? { x: (centre(a).x + centre(b).x) / 2, y: (centre(a).y + centre(b).y) / 2 };
    labels.push({ edge: e.id, x: round(at.x), y: round(at.y) });
  }
  const nodes = model.nodes.map((n) => {
    const b = boxes.get(n.id)!;
    return { node: n, x: round(b.x), y: round(b.y), width: b.width, height: b.height };
  });
  return { model, nodes, labels, width: Math.ceil(width), height: Math.ceil(height) };
}

/** {@link layoutTopologySync} behind a promise (the layout once ran in ELK, which answers asynchronously). */
export async function layoutTopology(model: TopologyModel): Promise<TopologyLayout> {
  return layoutTopologySync(model);
}
