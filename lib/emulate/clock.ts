/**
 * The emulator's virtual clock. Every timestamp the emulator prints comes from here, so the same
 * script gives byte-identical output: no wall time is ever read. Time starts at router boot
 * (`*Mar  1 00:00:00.000`, the date IOS shows when no clock is set) and moves only when the
 * emulator says so (a command, a packet's round trip, a negotiation step).
 */

/** Milliseconds since the emulated boot. */
export class VirtualClock {
  private ms = 0;

  /** Current time in milliseconds since boot. */
  get now(): number {
    return this.ms;
  }

  /** Moves time forward. */
  advance(ms: number): void {
    this.ms += Math.max(0, Math.round(ms));
  }

  /** IOS debug/log timestamp, e.g. `*Mar  1 00:00:01.004:`. */
  stamp(): string {
    return formatTimestamp(this.ms);
  }
}

/** `*Mar  1 HH:MM:SS.mmm:` for a time since boot (the day advances after 24 h). */
export function formatTimestamp(ms: number): string {
  const day = 1 + Math.floor(ms / 86_400_000);
  const rest = ms % 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  const m = Math.floor((rest % 3_600_000) / 60_000);
  const s = Math.floor((rest % 60_000) / 1000);
  const milli = rest % 1000;
  const two = (n: number) => String(n).padStart(2, '0');
  return `*Mar ${String(day).padStart(2, ' ')} ${two(h)}:${two(m)}:${two(s)}.${String(milli).padStart(3, '0')}:`;
}
