// The pool state machine's timed part: StartWorkspacesPool / StopWorkspacesPool put a pool in
// STARTING / STOPPING and, `transitionMs` later, in RUNNING / STOPPED, unless something else
// changed its state meanwhile.
import type { PoolState } from './scenario';
import type { PoolEntry, Store } from './store';

export class PoolTransitions {
  private readonly pending = new Map<PoolEntry, { timer: NodeJS.Timeout; via: PoolState; to: PoolState }>();

  constructor(private readonly store: Store, private readonly transitionMs: number) {}

  /** Puts the pool in `via` now and in `to` after `transitionMs`. */
  start(entry: PoolEntry, via: PoolState, to: PoolState): void {
    this.store.setPoolState(entry, via);
    const timer = setTimeout(() => this.finish(entry), this.transitionMs);
    this.pending.set(entry, { timer, via, to });
  }

  /** Completes every pending transition now (tests need not wait for timers). */
  settle(): void {
    for (const entry of [...this.pending.keys()]) this.finish(entry);
  }

  /** Drops every pending transition (the emulator stops). */
  cancel(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private finish(entry: PoolEntry): void {
    const pending = this.pending.get(entry);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(entry);
    // A state set meanwhile (setPoolState, another operation) wins over the timer.
    if (entry.pool.State === pending.via) this.store.setPoolState(entry, pending.to);
  }
}
