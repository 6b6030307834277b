// A clock and timer moved by hand: the Scheduler input of src/model/autoRefresh.ts for plain-Node
// tests and benchmarks. `advance(ms)` runs the timers that fall due, in order.
import type { Scheduler } from '../../src/model/autoRefresh';

export class HandScheduler implements Scheduler {
  private time = 1_800_000_000_000;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; run: () => void }>();

  now(): number {
    return this.time;
  }

  set(run: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, run });
    return handle;
  }

  clear(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers waiting, with the delay from now until each. */
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time);
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
    }
    this.time = until;
  }
}
