// A value loaded once and kept until reset: a region's pool list, the profile list. No `vscode`.
// Same rules as PoolSessions: one request in flight, reset() drops a stale answer, a failure is
// remembered (not retried behind the user's back) until retry() or reset().

export class CachedLoad<T> {
  private value: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  private inflight: { promise: Promise<void>; controller: AbortController } | undefined;
  private generation = 0;
  requests = 0;

  constructor(private readonly loader: (signal: AbortSignal) => Promise<T>) {}

  get loading(): boolean {
    return this.inflight !== undefined;
  }

  /** The value or the error of the last completed load, if any. */
  get result(): { ok: true; value: T } | { ok: false; error: unknown } | undefined {
    return this.value;
  }

  /** Resolves once a result is available (loading it if needed). Never rejects. */
  async get(): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    while (!this.value) {
      if (!this.inflight) this.start();
      await this.inflight!.promise;
    }
    return this.value;
  }

  reset(): void {
    this.generation++;
    this.inflight?.controller.abort();
    this.inflight = undefined;
    this.value = undefined;
  }

  private start(): void {
    const generation = this.generation;
    const controller = new AbortController();
    this.requests++;
    const promise = this.loader(controller.signal).then(
      (value) => {
        if (generation === this.generation) this.value = { ok: true, value };
      },
      (error: unknown) => {
        if (generation === this.generation) this.value = { ok: false, error: error ?? new Error('Unknown error') };
      },
    ).finally(() => {
      if (generation === this.generation) this.inflight = undefined;
    });
    this.inflight = { promise, controller };
  }
}
