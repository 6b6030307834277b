// One request at a time, whose answer counts only while nothing newer replaced it. Shared by the
// single-value cache (profile list, pool lists) and a pool's paging state. No `vscode` import.

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class LatestRequest {
  private current: { promise: Promise<void>; controller: AbortController } | undefined;
  private generation = 0;
  private sent = 0;

  /** Requests started, for tests and benchmarks. */
  get requests(): number {
    return this.sent;
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  /** The request in flight, if any: a second caller joins it instead of sending another. */
  get promise(): Promise<void> | undefined {
    return this.current?.promise;
  }

  /**
   * Starts `run`. `settle` receives its outcome (never a rejection) unless cancel() came in
   * between: a refresh or a new filter must never get a stale answer mixed into the new state.
   */
  start<T>(run: (signal: AbortSignal) => Promise<T>, settle: (outcome: Outcome<T>) => void): Promise<void> {
    const generation = this.generation;
    const controller = new AbortController();
    this.sent++;
    const promise = (async () => {
      let outcome: Outcome<T>;
      try {
        outcome = { ok: true, value: await run(controller.signal) };
      } catch (error) {
        outcome = { ok: false, error: error ?? new Error('Unknown error') };
      }
      if (generation !== this.generation) return;
      this.current = undefined;
      settle(outcome);
    })();
    this.current = { promise, controller };
    return promise;
  }

  /** Aborts the request in flight and drops its answer when it still arrives. */
  cancel(): void {
    this.generation++;
    this.current?.controller.abort();
    this.current = undefined;
  }
}

/**
 * The join rule: a second read of the same thing (a pool's first page, a pool list, the profile
 * list) while a read of it runs joins the running one instead of cancelling it and sending another.
 * Its answer is as fresh as a new one would be, and repeated clicks (Refresh twice, a refresh and a
 * timer) must not send repeated rounds. True when `request` runs, i.e. the caller joins it.
 * Not for a read that asks something else (a new user filter, changed AWS files): those reset.
 */
export function joinsRunningRead(request: LatestRequest): boolean {
  return request.running;
}
