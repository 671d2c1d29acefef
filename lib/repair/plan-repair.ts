/**
 * `planRepair(configs)`: the smallest change per device that makes every ordered site pair
 * covered, proven before it is returned. Rounds: prove the draft, ask the generators for repairs
 * of what the proof found (structural references first, then the regions, routes, keys and
 * proposals the design requires, then the mirrors of the lists), apply them as line edits, re-parse
 * and re-prove; keep what improves the proof (all at once, else one by one) and go on while
 * something improves, at most `maxRounds` times (a repair can reveal the next fault). The plan is
 * proven only when the repaired texts prove (every pair covered, no error) and carry no finding the
 * input did not have; otherwise it says which pairs stay broken and why each finding is left.
 */
import { appendAll } from '../ir/collections.js';
import type { ParsedFile } from '../parse/index.js';
import { parseConfig } from '../parse/index.js';
import { planChanges } from '../plan/plan-changes.js';
import { buildNetworkModel } from '../verify/model/network-model.js';
import { verifyNetwork } from '../verify/prove/verify-network.js';
import type { Problem, VerifyOptions, VerifyResult } from '../verify/types.js';
import { correctNetworks, coverRegions, mirrorLines } from './acl-repairs.js';
import { protectGre } from './gre-repairs.js';
import type { Decline, Fix, Generator, RepairContext } from './context.js';
import {
  applyCryptoMaps,
  correctMapNames,
  correctMatchAddress,
  correctPeers,
  correctTransformSetNames,
} from './crypto-repairs.js';
import { Draft } from './draft.js';
import { repairPfs, repairPolicies, repairTransforms } from './ike-repairs.js';
import { hasKeyPlaceholder, repairKeys } from './key-repairs.js';
import { enableNatTraversal, exemptFromNat } from './nat-repairs.js';
import { openTunnelProtocols } from './filter-repairs.js';
import { narrowCaptures } from './wrong-peer.js';
import { repairRoutes } from './route-repairs.js';
import { tunnels } from './tunnels.js';
import { declineIkev2, repairIkev2Keys } from './ikev2-repairs.js';
import { repairIkev2Proposals } from './ikev2-proposal-repairs.js';
import { repairTunnelEnds, routeIntoTunnels } from './tunnel-repairs.js';
import type { RepairAction, RepairInput, RepairPlan, Unrepaired, UnrepairedReason, UncoveredPair } from './types.js';
import { defaultReason } from './why-not.js';

/** Options of {@link planRepair}: the proof's site and rule options, and the round bound. */
export interface RepairOptions extends Pick<
  VerifyOptions,
  'topology' | 'sites' | 'exclude' | 'relaxLifetime' | 'exactProxy'
> {
  /** Most proof-and-repair rounds. @default 8 */
  readonly maxRounds?: number;
}

/** Generators by phase: a round uses the first phase that proposes something. */
const PHASES: readonly (readonly Generator[])[] = [
  [
    correctNetworks,
    applyCryptoMaps,
    correctMapNames,
    correctMatchAddress,
    correctTransformSetNames,
    correctPeers,
    narrowCaptures,
    declineIkev2,
  ],
  [
    coverRegions,
    protectGre,
    repairRoutes,
    repairKeys,
    repairIkev2Keys,
    repairPolicies,
    repairIkev2Proposals,
    repairTransforms,
    repairPfs,
    exemptFromNat,
    openTunnelProtocols,
    enableNatTraversal,
    repairTunnelEnds,
    routeIntoTunnels,
  ],
  [mirrorLines],
];

function prove(files: readonly ParsedFile[], options: RepairOptions): VerifyResult {
  return verifyNetwork(files, { ...proofOptions(options), brokenOnly: true });
}

function proofOptions(o: RepairOptions): VerifyOptions {
  return {
    ...(o.topology ? { topology: o.topology } : {}),
    ...(o.sites ? { sites: o.sites } : {}),
    ...(o.exclude ? { exclude: o.exclude } : {}),
    ...(o.relaxLifetime !== undefined ? { relaxLifetime: o.relaxLifetime } : {}),
    ...(o.exactProxy !== undefined ? { exactProxy: o.exactProxy } : {}),
  };
}

/** Lower is better: pairs not covered, then errors, then warnings. */
function score(r: VerifyResult): number[] {
  return [r.summary.broken + r.summary.unverified, r.summary.errors, r.summary.warnings];
}

function better(a: VerifyResult, b: VerifyResult): boolean {
  const x = score(a);
  const y = score(b);
  for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

function signature(f: Fix): string {
  return `${f.action.device}|${f.action.kind}|${f.action.target}|${f.action.lines.join('/')}|${f.action.replaces ?? ''}`;
}

/** Fixes whose edits change a line another fix already changes are left to a later round. */
function compatible(fixes: readonly Fix[]): Fix[] {
  const taken = new Set<string>();
  const out: Fix[] = [];
  for (const f of fixes) {
    const lines = f.edits.filter((e) => e.op !== 'insert').map((e) => `${e.file}:${e.at}`);
    if (lines.some((l) => taken.has(l))) continue;
    for (const l of lines) taken.add(l);
    out.push(f);
  }
  return out;
}

function context(draft: Draft, result: VerifyResult, options: RepairOptions): RepairContext {
  const files = draft.parsed();
  const model = buildNetworkModel(files, options.topology, {
    ...(options.sites ? { sites: options.sites } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
  });
  return { draft, files, model, result, tunnels: tunnels(model) };
}

function propose(ctx: RepairContext, tried: ReadonlySet<string>): { fixes: Fix[]; declines: Decline[] } {
  const declines: Decline[] = [];
  for (const phase of PHASES) {
    const fixes: Fix[] = [];
    for (const g of phase) {
      const p = g(ctx);
      appendAll(
        fixes,
        p.fixes.filter((f) => !tried.has(signature(f))),
      );
      appendAll(declines, p.declines);
    }
    const unique = new Map(fixes.map((f) => [signature(f), f]));
    if (unique.size > 0) return { fixes: compatible([...unique.values()]), declines };
  }
  return { fixes: [], declines };
}

interface Progress {
  draft: Draft;
  result: VerifyResult;
  actions: RepairAction[];
  declines: Decline[];
  rounds: number;
}

function sameDecline(a: Decline, b: Decline): boolean {
  return a.code === b.code && a.device === b.device && a.line === b.line && a.reason === b.reason;
}

/**
 * One round: the fixes kept (all at once when that improves the proof, else the first that does).
 * `none` when nothing was proposed; `tried` when proposals did not improve the proof (the next
 * round proposes what is left).
 */
function round(state: Progress, tried: Set<string>, options: RepairOptions): 'kept' | 'tried' | 'none' {
  const ctx = context(state.draft, state.result, options);
  const { fixes, declines } = propose(ctx, tried);
  for (const d of declines) if (!state.declines.some((x) => sameDecline(x, d))) state.declines.push(d);
  if (fixes.length === 0) return 'none';
  const all = state.draft.clone();
  all.apply(fixes.flatMap((f) => f.edits));
  const together = prove(all.parsed(), options);
  if (better(together, state.result)) {
    for (const f of fixes) tried.add(signature(f));
    Object.assign(state, { draft: all, result: together });
    appendAll(
      state.actions,
      fixes.map((f) => f.action),
    );
    return 'kept';
  }
  let kept: 'kept' | 'tried' = 'tried';
  for (const f of fixes) {
    // Line numbers are the round's: a fix is tried on the round's draft, then re-proposed next round.
    tried.add(signature(f));
    const one = state.draft.clone();
    one.apply(f.edits);
    const r = prove(one.parsed(), options);
    if (better(r, state.result)) {
      Object.assign(state, { draft: one, result: r });
      state.actions.push(f.action);
      kept = 'kept';
      break;
    }
  }
  return kept;
}

const key = (p: Pick<Problem, 'code' | 'device'>) => `${p.code}|${p.device}`;

/** Findings the repairs brought in (a key placeholder's own quality warnings excepted). */
/** Warnings about the value of a key, which a placeholder's stand-in key decides in the draft. */
const KEY_VALUE_WARNINGS: ReadonlySet<Problem['code']> = new Set(['WEAK_PSK', 'REUSED_PSK']);

function introduced(
  before: VerifyResult,
  after: VerifyResult,
  draft: Draft,
): { code: Problem['code']; device: string }[] {
  const had = new Set(before.findings.map(key));
  const out = new Map<string, { code: Problem['code']; device: string }>();
  for (const f of after.findings) {
    if (had.has(key(f))) continue;
    if (hasKeyPlaceholder(draft.lines(f.file)[f.line - 1] ?? '')) continue;
    // The proof reads a stand-in key where the draft holds a placeholder: whether the key the
    // operator types is weak or reused elsewhere is not the plan's doing.
    if (KEY_VALUE_WARNINGS.has(f.code) && draft.lines(f.file).some(hasKeyPlaceholder)) continue;
    out.set(key(f), { code: f.code, device: f.device });
  }
  return [...out.values()];
}

function unrepaired(
  result: VerifyResult,
  declines: readonly Decline[],
  actions: readonly RepairAction[],
): Unrepaired[] {
  const tried = new Set(actions.map(key));
  return result.findings
    .filter((f) => f.severity === 'error' || f.code === 'NOT_MODELLED')
    .map((f) => {
      const d = declines.find((x) => x.code === f.code && x.device === f.device);
      const reason: UnrepairedReason =
        d?.reason ?? (tried.has(key(f)) ? 'repair-did-not-prove' : defaultReason(f.code));
      return {
        code: f.code,
        device: f.device,
        file: f.file,
        line: f.line,
        reason,
        finding: f.message,
        ...(d?.detail ? { detail: d.detail } : {}),
      };
    });
}

function uncovered(result: VerifyResult): UncoveredPair[] {
  return result.pairs
    .filter((p) => p.status !== 'covered')
    .map((p) => ({
      from: p.from,
      to: p.to,
      fromNetwork: p.fromNetwork,
      toNetwork: p.toNetwork,
      status: p.status as 'broken' | 'unverified',
      codes: [...new Set(p.problems.map((x) => x.code))],
    }));
}

function parsedShown(
  draft: Draft,
  original: boolean,
  inputs: readonly RepairInput[],
): { config: ParsedFile['config']; file: string }[] {
  return inputs.map((f) => ({
    config: parseConfig(original ? f.text : draft.text(f.file), { file: f.file }).config,
    file: f.file,
  }));
}

/**
 * The proven repair plan of a network of config texts (see the module comment). Throws an `Error`
 * naming both files when two configs share a hostname. Keys are never in the result: a key the
 * operator must type is a placeholder (`<key-for-A.B.C.D>`).
 */
export function planRepair(inputs: readonly RepairInput[], options: RepairOptions = {}): RepairPlan {
  const draft = new Draft(inputs);
  const before = prove(draft.parsed(), options);
  const state: Progress = { draft, result: before, actions: [], declines: [], rounds: 0 };
  const tried = new Set<string>();
  const maxRounds = options.maxRounds ?? 8;
  while (!state.result.ok && state.rounds < maxRounds) {
    state.rounds += 1;
    if (round(state, tried, options) === 'none') break;
  }
  const after = state.result;
  const added = introduced(before, after, state.draft);
  const proven = after.ok && added.length === 0;
  const changes = planChanges(parsedShown(state.draft, true, inputs), parsedShown(state.draft, false, inputs));
  const files = inputs.map((f) => {
    const text = state.draft.text(f.file);
    const hostname = parseConfig(text, { file: f.file }).config.hostname;
    return { file: f.file, hostname, text, changed: text !== f.text.replace(/\r\n/g, '\n') };
  });
  return {
    proven,
    alreadyProven: before.ok,
    before: before.summary,
    after: after.summary,
    actions: state.actions,
    changes,
    files,
    unrepaired: proven ? [] : unrepaired(after, state.declines, state.actions),
    uncovered: uncovered(after),
    introduced: added,
    rounds: state.rounds,
  };
}
