/**
 * What the steps of one pair walk share (`path-walk.ts` is the walk; `crypto-exit.ts` the step
 * through a crypto map entry to its peer; `backup-peers.ts` the backup peers of that entry): the
 * proof's caches, where findings go, and the way on to the next device. The steps get this
 * interface rather than the walk class, so each file holds one job.
 */
import type { CryptoMap, CryptoMapEntry, InterfaceConfig } from '../../ir/router-config.js';
import type { HeaderBox } from '../../rules/header-space.js';
import type { ProblemBook, ProblemInput } from '../findings/problem-book.js';
import type { ModelDevice, NetworkModel, Site } from '../model/network-model.js';
import type { PathTrace } from '../trace/path-trace.js';
import type { Problem } from '../types.js';
import type { Report } from './filter-checks.js';
import type { Negotiator } from './negotiation.js';
import type { PeerChooser } from './peer-choice.js';
import type { SaBook } from './sa-book.js';
import type { Unreachable } from './underlay-reach.js';

/** Shared state of the proof. */
export interface WalkEnv {
  readonly model: NetworkModel;
  readonly negotiator: Negotiator;
  /** `set peer` failover (docs/ios-semantics.md#peers). */
  readonly peers: PeerChooser;
  readonly book: ProblemBook;
  /** Cache of underlay checks (undefined = reachable), shared across pairs. */
  readonly reachability: Map<string, Unreachable | undefined>;
}

/** The backup path a sub-walk proves: the entry that lists the backup peer, and that peer. */
export interface BackupPath {
  readonly device: ModelDevice;
  readonly map: CryptoMap;
  readonly entry: CryptoMapEntry;
  readonly peer: string;
}

/** Goes on from a filter with a space and whether it lies behind an earlier failure. */
export type Onward = (space: readonly HeaderBox[], behind: boolean) => void;

/** One pair walk as its steps see it. */
export interface WalkContext {
  readonly env: WalkEnv;
  /** Set for the walk of a backup path (its errors become BACKUP_PEER_BROKEN warnings). @default - a primary path */
  readonly backup?: BackupPath;
  /** Records the path, when a caller asked for it. @default - no trace */
  readonly trace?: PathTrace;
  /** The SAs this pair's conversation has built so far. */
  readonly sas: SaBook;
  /** Problems on this pair (true: only behind an earlier failure). */
  readonly problems: Map<Problem, boolean>;
  /** `report`, as a function value for the filter and NAT steps. */
  readonly reporter: Report;
  report(input: ProblemInput, behind: boolean): void;
  /** Marks the pair unverified when `d` has relevant lines outside the model. */
  crossUnmodelled(d: ModelDevice, behind: boolean): void;
  /** Walks `space` on from device `d` towards `dest`; `ingress`: the crypto interface it was decrypted on. */
  walk(
    d: ModelDevice,
    space: readonly HeaderBox[],
    dest: Site,
    hops: number,
    behind: boolean,
    ingress?: InterfaceConfig,
  ): void;
  /** Goes on with what a filter permitted, and with the rest marked `behind`. */
  onward(space: readonly HeaderBox[], permitted: readonly HeaderBox[], behind: boolean, go: Onward): void;
  /** The device the hub-and-spoke design sends `d`'s traffic for `dest` to next. */
  expectedNext(d: ModelDevice, dest: Site): ModelDevice | undefined;
  /** A new walk of the path through a backup peer, sharing this walk's proof state. */
  subWalk(backup: BackupPath): WalkContext;
}
