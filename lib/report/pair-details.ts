/**
 * Per-pair detail sections: the verdict, the path the proof followed (hops, routes, crypto map
 * entries, ACL lines, proposals, SA, each with file:line) when the verifier provides it, and the
 * problems with their fix hints. Each section is a `<details>` element so it works without
 * JavaScript; the page script opens it when its matrix cell or list row is clicked.
 */
import { locationText, pairStatus, type ReportPair, type ReportPath, type ReportProblem } from './report-input.js';
import { escapeHtml, redactProse, redactSecrets } from './text-safety.js';

/** HTML id of the detail section of `input.pairs[index]`. */
export function pairId(index: number): string {
  return `pair-${index}`;
}

/** `Hub 10.1.1.0/24 -> Spoke1 172.16.1.0/24`. */
export function pairLabel(p: Pick<ReportPair, 'from' | 'to' | 'fromNetwork' | 'toNetwork'>): string {
  return `${p.from} ${p.fromNetwork} → ${p.to} ${p.toNetwork}`;
}

/** Distinct problem codes of a pair, errors first. */
export function pairCodes(p: ReportPair): string[] {
  const errors = p.problems.filter((q) => q.severity === 'error').map((q) => q.code);
  const warnings = p.problems.filter((q) => q.severity !== 'error').map((q) => q.code);
  return [...new Set([...errors, ...warnings])];
}

/** One problem as a list item: code, place, message and hint. */
export function problemHtml(q: ReportProblem): string {
  const loc = locationText(q.file, q.line);
  const origin = q.origin ? ` <span class="origin">from ${escapeHtml(q.origin)}</span>` : '';
  const behind = q.behind ? ' <span class="behind">(behind an earlier failure)</span>' : '';
  return (
    `<li class="problem ${q.severity}"><span class="sev">${q.severity}</span> <code class="code">${escapeHtml(q.code)}</code> ` +
    `<span class="loc">${escapeHtml(q.device)}${loc ? ` · ${escapeHtml(loc)}` : ''}</span>${origin}${behind}` +
    `<div class="msg">${escapeHtml(redactProse(q.message))}</div>` +
    `<div class="hint">Fix: ${escapeHtml(redactProse(q.hint))}</div></li>`
  );
}

function pathHtml(path: ReportPath): string {
  const out: string[] = ['<ol class="path">'];
  let replies = false;
  for (const hop of path.hops) {
    if (hop.direction === 'reply' && !replies) {
      // The proof walks the replies too (with the SAs the first direction set up).
      replies = true;
      out.push(`<li class="replies muted">Replies, from ${escapeHtml(hop.device)}</li>`);
    }
    const broken = hop.steps.some((s) => s.ok === false);
    out.push(`<li class="hop${broken ? ' broken' : ''}"><div class="hop-head"><b>${escapeHtml(hop.device)}</b>`);
    if (hop.action) out.push(` <span class="action">${escapeHtml(hop.action)}</span>`);
    out.push('</div><table class="steps"><tbody>');
    for (const s of hop.steps) {
      const state = s.ok === false ? 'bad' : 'ok';
      out.push(
        `<tr class="${state}"><td class="mark">${s.ok === false ? '✗' : '✓'}</td><td class="kind">${escapeHtml(s.kind)}</td>` +
          `<td class="loc">${escapeHtml(locationText(s.file, s.line))}</td><td><code>${escapeHtml(redactSecrets(s.text))}</code>` +
          `${s.note ? ` <span class="note">${escapeHtml(redactProse(s.note))}</span>` : ''}</td></tr>`,
      );
    }
    out.push('</tbody></table></li>');
  }
  out.push('</ol>');
  return out.join('');
}

/** The detail section of one pair. */
export function pairDetailHtml(p: ReportPair, index: number): string {
  const status = pairStatus(p);
  const state = status === 'covered' ? 'ok' : status;
  const out: string[] = [];
  out.push(`<details class="pair ${state}" id="${pairId(index)}"><summary>`);
  out.push(`<span class="badge ${state}">${status}</span> ${escapeHtml(pairLabel(p))}`);
  if (!p.covered) out.push(` <span class="codes">${escapeHtml(pairCodes(p).join(', '))}</span>`);
  out.push('</summary><div class="pair-body">');
  if (p.path && p.path.hops.length > 0) {
    out.push('<h4>Path the proof followed</h4>');
    out.push(pathHtml(p.path));
  } else if (p.covered) {
    out.push(
      '<p class="muted">Covered: every hop of this pair was proven (routes, crypto map entry, IKE and IPsec negotiation on each tunnel).</p>',
    );
  }
  if (p.problems.length > 0) {
    const heading = p.covered ? 'Notes' : status === 'unverified' ? 'Why it cannot be proven' : 'Where it breaks';
    out.push(`<h4>${heading}</h4><ul class="problems">`);
    for (const q of p.problems) out.push(problemHtml(q));
    out.push('</ul>');
  }
  out.push('</div></details>');
  return out.join('');
}
