/**
 * `ip sla N` operations (icmp-echo probes, docs/ios-semantics.md#ip-sla-probes) and their
 * `ip sla schedule N ...` lines. Other operation types, and the other `ip sla` global commands
 * (`responder`, `logging`, `reaction-configuration`, the older `ip sla monitor` syntax), cannot
 * change a VPN packet and are kept as inert lines: a probe that is not read is only never counted
 * as a trigger that brings an SA up.
 */
import type { SlaSchedule } from '../ir/router-config.js';
import type { SlaDraft } from './config-draft.js';
import { type ParseContext, type SubMode, VerbatimBlock } from './context.js';
import type { ConfigLine } from './line-reader.js';
import { dottedQuad, uint } from './numbers.js';

/** Sub-commands of an operation (flattened configs: words that exist only inside `ip sla N`). */
const CLAIMED = new Set([
  'icmp-echo',
  'frequency',
  'timeout',
  'threshold',
  'tag',
  'request-data-size',
  'tos',
  'history',
  'owner',
  'verify-data',
  'icmp-jitter',
  'udp-echo',
  'udp-jitter',
  'tcp-connect',
  'path-echo',
  'path-jitter',
  'http',
  'dns',
  'ftp',
]);

/** The sub-mode of one `ip sla N` block. */
class IpSlaMode implements SubMode {
  constructor(
    readonly indent: number,
    private readonly sla: SlaDraft,
  ) {}

  claims(words: readonly string[]): boolean {
    return words[0] !== undefined && CLAIMED.has(words[0]);
  }

  handle(line: ConfigLine, ctx: ParseContext): void {
    const w = line.words;
    if (w[0] === 'icmp-echo' && this.readIcmpEcho(w)) return;
    if (w[0] === 'frequency') {
      const seconds = uint(w[1], 1, 604800);
      if (seconds === undefined) {
        ctx.sink.error('BAD_NUMBER', line.line, `ip sla ${this.sla.id}: frequency "${w[1] ?? ''}" is not in 1-604800`);
        return;
      }
      this.sla.frequency = seconds;
      return;
    }
    this.sla.extraLines.push(line.text.trimStart());
  }

  /** `icmp-echo DEST [source-ip A | source-interface IF]` with addresses; false for other forms (kept as text). */
  private readIcmpEcho(w: readonly string[]): boolean {
    const destination = w[1];
    if (destination === undefined || dottedQuad(destination) < 0) return false;
    if (w.length === 2) {
      this.sla.icmpEcho = { destination };
      return true;
    }
    if (w.length !== 4) return false;
    if (w[2] === 'source-ip' && dottedQuad(w[3]!) >= 0) {
      this.sla.icmpEcho = { destination, source: { kind: 'address', address: w[3]! } };
      return true;
    }
    if (w[2] === 'source-interface') {
      this.sla.icmpEcho = { destination, source: { kind: 'interface', interface: w[3]! } };
      return true;
    }
    return false;
  }
}

const SCHEDULE_WORDS = new Set(['life', 'start-time', 'ageout', 'recurring']);

/** `ip sla schedule N [life forever|S] [start-time ...] [ageout S] [recurring]`. */
function readSchedule(line: ConfigLine, ctx: ParseContext): undefined {
  const w = line.words;
  const id = uint(w[3], 1, 2147483647);
  const sla = id === undefined ? undefined : ctx.draft.ipSlas.get(id);
  if (sla === undefined) {
    // IOS refuses to schedule an operation that is not configured.
    ctx.sink.warning(
      'UNKNOWN_SUBCOMMAND',
      line.line,
      `ip sla schedule ${w[3] ?? ''}: no such ip sla operation; ignored`,
    );
    return undefined;
  }
  let life: SlaSchedule['life'];
  let startTime: string | undefined;
  let recurring = false;
  let i = 4;
  while (i < w.length) {
    const word = w[i]!;
    const next = w[i + 1];
    if (word === 'life' && next !== undefined) {
      life = next === 'forever' ? 'forever' : uint(next, 0, 2147483647);
      if (life === undefined) break;
      i += 2;
    } else if (word === 'start-time' && next !== undefined) {
      let j = i + 1;
      while (j < w.length && !SCHEDULE_WORDS.has(w[j]!)) j++;
      startTime = w.slice(i + 1, j).join(' ');
      i = j;
    } else if (word === 'ageout' && next !== undefined) {
      i += 2;
    } else if (word === 'recurring') {
      recurring = true;
      i += 1;
    } else {
      break;
    }
  }
  if (i < w.length) {
    ctx.sink.error('BAD_NUMBER', line.line, `ip sla schedule ${sla.id}: unexpected "${w[i]!}"; line skipped`);
    return undefined;
  }
  sla.schedule = {
    ...(life !== undefined ? { life } : {}),
    ...(startTime !== undefined ? { startTime } : {}),
    ...(recurring ? { recurring } : {}),
    loc: ctx.draft.loc(line.line),
  };
  return undefined;
}

/** A global `ip sla ...` line. */
export function readIpSla(line: ConfigLine, ctx: ParseContext): SubMode | undefined {
  const w = line.words;
  if (w[2] === 'schedule') return readSchedule(line, ctx);
  const id = w.length === 3 ? uint(w[2], 1, 2147483647) : undefined;
  if (id === undefined) {
    // Not an operation of the modelled syntax: an inert definition, kept verbatim with its block.
    ctx.draft.extraLines.push({ text: line.text.trimStart(), loc: ctx.draft.loc(line.line) });
    return new VerbatimBlock(line.indent, 'inert');
  }
  let sla = ctx.draft.ipSlas.get(id);
  if (sla === undefined) {
    sla = { id, extraLines: [], loc: ctx.draft.loc(line.line) };
    ctx.draft.ipSlas.set(id, sla);
  }
  return new IpSlaMode(line.indent, sla);
}
