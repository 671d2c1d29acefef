import { describe, expect, it } from 'vitest';
import { createProgress, type ProgressStream } from '../../lib/report/progress.js';

class FakeStream implements ProgressStream {
  readonly chunks: string[] = [];
  readonly columns = 100;
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

describe('createProgress', () => {
  it('draws a bar on a terminal once the work takes longer than the delay, and clears it when done', () => {
    // GIVEN a TTY stream, no CI, and a clock past the delay
    const stream = new FakeStream(true);
    let t = 0;
    const progress = createProgress(10, { stream, env: {}, label: 'verifying', delayMs: 1000, now: () => t });
    // WHEN work ticks before and after the delay
    progress.tick();
    expect(stream.text).toBe('');
    t = 1500;
    progress.tick();
    // THEN the bar shows up with the label and the count so far (cli-progress throttles redraws)
    expect(progress.enabled).toBe(true);
    expect(stream.text).toContain('verifying [');
    expect(stream.text).toContain('2/10');
    // and done() restores the cursor the bar had hidden, once
    progress.done();
    progress.done();
    expect(stream.text.split('\u001b[?25h')).toHaveLength(2);
  });

  it('prints nothing when the stream is not a terminal', () => {
    const stream = new FakeStream(false);
    const progress = createProgress(10, { stream, env: {}, delayMs: 0 });
    for (let i = 0; i < 10; i++) progress.tick();
    progress.done();
    expect(progress.enabled).toBe(false);
    expect(stream.text).toBe('');
  });

  it('prints nothing in CI even on a terminal', () => {
    const stream = new FakeStream(true);
    const progress = createProgress(10, { stream, env: { CI: 'true' }, delayMs: 0 });
    for (let i = 0; i < 10; i++) progress.tick();
    progress.done();
    expect(progress.enabled).toBe(false);
    expect(stream.text).toBe('');
  });

  it('prints nothing for quick work that ends before the delay', () => {
    const stream = new FakeStream(true);
    const progress = createProgress(10, { stream, env: {}, delayMs: 1000, now: () => 0 });
    for (let i = 0; i < 10; i++) progress.tick();
    progress.done();
    expect(progress.enabled).toBe(true);
    expect(stream.text).toBe('');
  });
});
