/**
 * What every repair generator sees: the draft's parsed files, the proof's model and result, the
 * tunnels, and a way to find a device's file and lines. Generators return fixes (line edits with
 * the action they implement) and declines (a finding left alone, with the reason).
 */
import type { ParsedFile } from '../parse/index.js';
import type { ProblemCode } from '../verify/findings/problem-codes.js';
import type { ModelDevice, NetworkModel } from '../verify/model/network-model.js';
import type { Problem, VerifyResult } from '../verify/types.js';
import type { Draft, LineEdit } from './draft.js';
import type { Tunnel } from './tunnels.js';
import type { RepairAction, UnrepairedReason } from './types.js';

/** One repair: the action and the line edits that implement it. */
export interface Fix {
  readonly action: RepairAction;
  readonly edits: readonly LineEdit[];
}

/** A finding a generator leaves alone, and why. */
export interface Decline {
  readonly code: ProblemCode;
  readonly device: string;
  readonly line: number;
  readonly reason: UnrepairedReason;
  readonly detail?: string;
}

/** What a generator found: repairs, and findings it declines. */
export interface Proposals {
  readonly fixes: Fix[];
  readonly declines: Decline[];
}

/** The state a generator reads. */
export interface RepairContext {
  readonly draft: Draft;
  readonly files: readonly ParsedFile[];
  readonly model: NetworkModel;
  readonly result: VerifyResult;
  readonly tunnels: readonly Tunnel[];
}

/** A generator: one class of repairs. */
export type Generator = (ctx: RepairContext) => Proposals;

/** Error findings of a code (optionally on one device). */
export function findingsOf(ctx: RepairContext, code: ProblemCode, device?: string): Problem[] {
  return ctx.result.findings.filter(
    (f) => f.code === code && f.severity === 'error' && (device === undefined || f.device === device),
  );
}

/** True when the proof reported an error of one of the codes. */
export function hasAny(ctx: RepairContext, codes: readonly ProblemCode[]): boolean {
  return ctx.result.findings.some((f) => f.severity === 'error' && codes.includes(f.code));
}

/** The action fields every repair of a device shares. */
export function on(device: ModelDevice, code: ProblemCode): Pick<RepairAction, 'device' | 'file' | 'code'> {
  return { device: device.hostname, file: device.file, code };
}

/** An empty result. */
export function none(): Proposals {
  return { fixes: [], declines: [] };
}
