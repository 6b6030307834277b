// A value loaded once and kept until reset: the profile list, a region's pool list. No `vscode`.
// A failure is remembered (not retried behind the user's back) until reset(). A reset keeps the last
// value loaded as `stale` until a load succeeds: a refresh that fails must not cost what was shown.
import { joinsRunningRead, LatestRequest, type Outcome } from './latestRequest';

export class CachedLoad<T> {
  private value: Outcome<T> | undefined;
  /** The last value loaded, kept through reset() until a load succeeds. */
  private lastGood: T | undefined;
  private readonly request = new LatestRequest();

  constructor(private readonly loader: (signal: AbortSignal) => Promise<T>) {}

  get loading(): boolean {
    return this.request.running;
  }

  get requests(): number {
    return this.request.requests;
  }

  /** The value or the error of the last completed load, if any. */
  get result(): Outcome<T> | undefined {
    return this.value;
  }

  /** The last value loaded, while the newest load failed: shown, marked stale, beside the error. */
  get stale(): T | undefined {
    return this.value && !this.value.ok ? this.lastGood : undefined;
  }

  /** Resolves once a result is available (loading it if needed). Never rejects. */
  async get(): Promise<Outcome<T>> {
    while (!this.value) {
      await (this.request.promise ?? this.request.start(this.loader, (outcome) => this.settle(outcome)));
    }
    return this.value;
  }

  /** A value loaded elsewhere (a search listing pools with its own signal): kept as if loaded here. */
  set(value: T): void {
    this.request.cancel();
    this.value = { ok: true, value };
  }

  /**
   * Loads the value again while keeping the one loaded (auto-refresh): a failure leaves it as it
   * was. Resolves with the new outcome, or undefined when nothing was loaded yet, a load is in
   * flight (the caller skips it rather than read twice) or reset() dropped this one.
   */
  async reread(): Promise<Outcome<T> | undefined> {
    if (!this.value?.ok || this.request.running) return undefined;
    let fresh: Outcome<T> | undefined;
    await this.request.start(this.loader, (outcome) => {
      fresh = outcome;
      if (outcome.ok) this.value = outcome;
    });
    return fresh;
  }

  /** Drops the result (a load in flight too), keeping the last value as stale until a load succeeds. */
  reset(): void {
    if (this.value?.ok) this.lastGood = this.value.value;
    this.request.cancel();
    this.value = undefined;
  }

  /**
   * A refresh: what reset() does, except while a load runs: then the refresh joins it, as a second
   * read of the same thing always does (see joinsRunningRead in latestRequest.ts).
   */
  refresh(): void {
    if (!joinsRunningRead(this.request)) this.reset();
  }

  private settle(outcome: Outcome<T>): void {
    this.value = outcome;
    if (outcome.ok) this.lastGood = undefined;
  }
}
