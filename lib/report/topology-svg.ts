/**
 * The laid-out topology as inline SVG: tunnels first (so boxes cover their ends), then one box per
 * device or group. Colours come from the page's CSS classes (`ok`, `broken`), so the picture and
 * the matrix share one legend.
 */
import { escapeHtml } from './text-safety.js';
import { LINE_HEIGHT, PADDING, TITLE_HEIGHT, type PlacedNode, type TopologyLayout } from './topology-layout.js';

function pairsText(pairs: number, broken: number): string {
  if (pairs === 0) return 'no site pairs';
  return broken === 0 ? `${pairs} pairs, all covered` : `${broken} of ${pairs} pairs broken`;
}

function center(n: PlacedNode): { x: number; y: number } {
  return { x: Math.round((n.x + n.width / 2) * 10) / 10, y: Math.round((n.y + n.height / 2) * 10) / 10 };
}

function nodeSvg(p: PlacedNode): string {
  const n = p.node;
  // Red marks where the faults are (error findings), not every device a broken pair touches.
  const state = n.errors > 0 ? 'broken' : 'ok';
  const group = n.members.length > 1;
  const errors =
    n.errors > 0 ? `, ${n.errors} error finding${n.errors > 1 ? 's' : ''} on ${group ? 'its devices' : 'it'}` : '';
  const tip = `${n.title}: ${group ? `${n.members.length} devices, ` : ''}${pairsText(n.pairs, n.broken)}${errors}${group ? ' (click for the list)' : ''}`;
  const out: string[] = [];
  out.push(
    `<g id="${escapeHtml(n.id)}" class="node ${n.role} ${state}${group ? ' group' : ''}" data-devices="${escapeHtml(n.members.join(' '))}" tabindex="0">`,
  );
  out.push(`<title>${escapeHtml(tip)}</title>`);
  out.push(`<rect x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" rx="6"/>`);
  const tx = p.x + PADDING;
  out.push(`<text class="t" x="${tx}" y="${p.y + TITLE_HEIGHT - 6}">${escapeHtml(n.title)}</text>`);
  n.lines.forEach((line, i) => {
    out.push(
      `<text class="l" x="${tx}" y="${p.y + TITLE_HEIGHT + (i + 1) * LINE_HEIGHT - 4}">${escapeHtml(line)}</text>`,
    );
  });
  if (n.alert !== undefined) {
    out.push(
      `<text class="l alert" x="${tx}" y="${p.y + TITLE_HEIGHT + (n.lines.length + 1) * LINE_HEIGHT - 4}">${escapeHtml(n.alert)}</text>`,
    );
  }
  out.push('</g>');
  return out.join('');
}

/** Renders the layout as an `<svg>` element (no external references). */
export function topologySvg(layout: TopologyLayout): string {
  const byId = new Map(layout.nodes.map((p) => [p.node.id, p]));
  const labels = new Map(layout.labels.map((l) => [l.edge, l]));
  const out: string[] = [];
  const w = Math.max(layout.width, 200);
  const h = Math.max(layout.height, 60);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="topology" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="VPN topology: hubs, spokes and tunnels">`,
  );
  out.push('<g class="edges">');
  for (const e of layout.model.edges) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b) continue;
    const ca = center(a);
    const cb = center(b);
    const state = e.broken > 0 ? 'broken' : 'ok';
    const label = e.broken > 0 ? `${e.broken} broken` : 'ok';
    const at = labels.get(e.id) ?? {
      x: Math.round(((ca.x + cb.x) / 2) * 10) / 10,
      y: Math.round(((ca.y + cb.y) / 2) * 10) / 10,
    };
    out.push(`<g id="${escapeHtml(e.id)}" class="tunnel ${state}">`);
    const tip =
      e.broken > 0
        ? `${e.broken} of ${e.pairs} pairs through it broken with the fault on ${a.node.title} or ${b.node.title}`
        : `no fault on it (${e.pairs} pairs)`;
    out.push(`<title>${escapeHtml(`tunnel ${a.node.title} – ${b.node.title}: ${tip}`)}</title>`);
    out.push(`<line x1="${ca.x}" y1="${ca.y}" x2="${cb.x}" y2="${cb.y}"/>`);
    out.push(`<text x="${at.x}" y="${at.y}" text-anchor="middle">${escapeHtml(label)}</text>`);
    out.push('</g>');
  }
  out.push('</g><g class="nodes">');
  for (const p of layout.nodes) out.push(nodeSvg(p));
  out.push('</g></svg>');
  return out.join('\n');
}
