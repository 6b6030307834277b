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

  /** A value loaded elsewhere (a search listing pools with its own signal): kept as if loaded here. */
  set(value: T): void {
    this.request.cancel();
    this.value = { ok: true, value };
  }

  reset(): void {
    this.request.cancel();
    this.value = undefined;
  }
}
