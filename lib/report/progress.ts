/**
 * Progress for long synths and verifies: a bar on an interactive terminal (cli-progress), nothing
 * at all in CI logs or when output is piped (no TTY, or `CI` set). The bar appears only once the
 * work has taken longer than `delayMs`, so quick runs print nothing either.
 */
import type * as CliProgress from 'cli-progress';
import { lazyRequire } from '../ir/lazy.js';

// Loaded when a bar is first drawn: most runs (CI, pipes, quick work) never draw one.
const cliProgress = lazyRequire<typeof CliProgress>('cli-progress');

/** Where the bar is drawn: a terminal stream such as `process.stderr`. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(chunk: string): boolean;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Stream to draw on. @default process.stderr */
  readonly stream?: ProgressStream;
  /** Word before the bar. @default 'working' */
  readonly label?: string;
  /** Environment (only `CI` is read). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The bar shows up only after this many milliseconds of work. @default 1000 */
  readonly delayMs?: number;
  /** Clock, in milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** What the verifier and synth call while they work. */
export interface Progress {
  /** Records `n` more units done (default 1). */
  tick(n?: number): void;
  /** Finishes: completes and removes the bar if one was drawn. Idempotent. */
  done(): void;
  /** False when the progress is a no-op (no TTY, or CI). */
  readonly enabled: boolean;
}

const NOOP: Progress = { tick: () => undefined, done: () => undefined, enabled: false };

/** A progress reporter for `total` units of work; a no-op when `!stream.isTTY` or `CI` is set. */
export function createProgress(total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  if (stream.isTTY !== true || ci || total <= 0) return NOOP;
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 1000;
  const started = now();
  let value = 0;
  let bar: CliProgress.SingleBar | undefined;
  let finished = false;
  return {
    enabled: true,
    tick(n = 1) {
      if (finished) return;
      value = Math.min(total, value + n);
      if (bar) {
        bar.update(value);
        return;
      }
      if (now() - started < delayMs) return;
      const { SingleBar, Presets } = cliProgress();
      bar = new SingleBar(
        {
          stream: stream as unknown as NodeJS.WritableStream,
          format: `${options.label ?? 'working'} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
          hideCursor: true,
          clearOnComplete: true,
          barsize: 30,
        },
        Presets.shades_classic,
      );
      bar.start(total, value);
    },
    done() {
      if (finished) return;
      finished = true;
      if (bar) {
        bar.update(total);
        bar.stop();
      }
    },
  };
}
