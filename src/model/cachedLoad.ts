// A value loaded once and kept until reset: the profile list, a region's pool list. No `vscode`.
// A failure is remembered (not retried behind the user's back) until reset().
import { LatestRequest, type Outcome } from './latestRequest';

export class CachedLoad<T> {
  private value: Outcome<T> | undefined;
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

  /** Resolves once a result is available (loading it if needed). Never rejects. */
  async get(): Promise<Outcome<T>> {
    while (!this.value) {
      await (this.request.promise ?? this.request.start(this.loader, (outcome) => (this.value = outcome)));
    }
    return this.value;
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

  reset(): void {
    this.request.cancel();
    this.value = undefined;
  }
}
