/**
 * Longest-common-subsequence alignment of two line sequences (Myers' O((N+M)D) algorithm), used to
 * edit ACLs line by line. A hub ACL in exact mode has a thousand lines and a typical change touches
 * one, so the common prefix and suffix are trimmed first and the search only explores D edits.
 */

/** Kept lines: `a[keptA[i]]` equals `b[keptB[i]]`; both index arrays ascend. */
export interface Alignment {
  readonly keptA: readonly number[];
  readonly keptB: readonly number[];
}

/**
 * Above this many edits the middle part is treated as fully replaced (every old line deleted,
 * every new line inserted): still a correct plan, only not minimal, and it bounds the trace memory.
 */
const MAX_EDITS = 2000;

/** Aligns two sequences of strings, keeping a longest common subsequence. */
export function alignSequences(a: readonly string[], b: readonly string[]): Alignment {
  const keptA: number[] = [];
  const keptB: number[] = [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    keptA.push(start);
    keptB.push(start);
    start += 1;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  // Intern the middle lines so the inner loop compares small integers.
  const ids = new Map<string, number>();
  const intern = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) {
      id = ids.size;
      ids.set(s, id);
    }
    return id;
  };
  const midA = Int32Array.from(a.slice(start, endA), intern);
  const midB = Int32Array.from(b.slice(start, endB), intern);
  for (const [i, j] of myers(midA, midB)) {
    keptA.push(start + i);
    keptB.push(start + j);
  }
  for (let i = endA, j = endB; i < a.length; i += 1, j += 1) {
    keptA.push(i);
    keptB.push(j);
  }
  return { keptA, keptB };
}

/** Matched index pairs of a shortest edit script, in ascending order. */
function myers(a: Int32Array, b: Int32Array): Array<[number, number]> {
  if (a.length === 0 || b.length === 0) return [];
  const { trace, found } = forwardPass(a, b);
  return found < 0 ? [] : backtrack(trace, found, a.length, b.length);
}

/**
 * Myers' greedy forward pass: for each number of edits d, the furthest x reached on every
 * diagonal k. Returns the per-round snapshots (diagonals -d-1..d+1) and the least d that reaches
 * the end, or -1 past {@link MAX_EDITS}.
 */
function forwardPass(a: Int32Array, b: Int32Array): { trace: Int32Array[]; found: number } {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d += 1) {
    // Only diagonals -d-1..d+1 are read when backtracking through round d.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return { trace, found: d };
    }
  }
  return { trace, found: -1 };
}

/** Walks the snapshots back from (n, m) and collects the diagonal (matched) steps. */
function backtrack(trace: readonly Int32Array[], found: number, n: number, m: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d -= 1) {
    const vd = trace[d]!;
    const base = d + 1;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[base + k - 1]! < vd[base + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[base + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      pairs.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x -= 1;
    y -= 1;
    pairs.push([x, y]);
  }
  return pairs.reverse();
}
