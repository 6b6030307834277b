// The request log. Entries hold what a test or benchmark needs to count and check calls, and
// never a secret: no keys, signatures, session tokens or NextTokens (those are replaced).
// Every request gets a sequence number when it arrives, so that "what came after this point" has
// an exact answer: entries are kept when a request is answered, the requests still in flight are
// counted, and a question about entries the bound has dropped is refused rather than answered short.
export interface RequestLogEntry {
  /** Arrival order: 0, 1, 2... for the emulator's lifetime (clear() does not reset it). */
  seq: number;
  /** ISO 8601 time the request arrived. */
  time: string;
  operation: string;
  accountId?: string;
  region?: string;
  params: Record<string, unknown>;
  status: number;
  errorType?: string;
  durationMs: number;
  requestId: string;
  /** The fault injected, if any (throttle, server-error, drop, timeout). */
  fault?: string;
}

const REDACTED_KEYS = new Set(['NextToken']);

/** A copy of the request parameters safe to log: opaque tokens become a marker. */
export function loggableParams(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) out[k] = REDACTED_KEYS.has(k) && v !== undefined ? '(token)' : v;
  return out;
}

/** Entries a `since` question needs were dropped by the log's bound. */
export class LogTruncatedError extends Error {
  constructor(since: number, readonly lastDropped: number, capacity: number) {
    super(`the request log keeps the last ${capacity} entries and has dropped entries from ${since} on (up to ${lastDropped}); ask from ${lastDropped + 1} on, or clear the log between checks`);
    this.name = 'LogTruncatedError';
  }
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private nextSeq = 0;
  private readonly inFlight = new Set<number>();
  /** The highest sequence number the bound has dropped (-1: none). */
  private lastDropped = -1;
  private droppedCount = 0;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly capacity = 20_000) {}

  /** The sequence number the next request will get: a mark to ask `since(mark)` later. */
  get next(): number {
    return this.nextSeq;
  }

  /** How many entries the bound has dropped so far. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** A request arrived: its sequence number; it counts as in flight until `end`. */
  begin(): number {
    const seq = this.nextSeq++;
    this.inFlight.add(seq);
    return seq;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    // Bounded so that long benchmarks and demos do not grow without limit.
    if (this.entries.length > this.capacity) {
      const dropped = this.entries.splice(0, this.entries.length - this.capacity);
      this.droppedCount += dropped.length;
      for (const e of dropped) this.lastDropped = Math.max(this.lastDropped, e.seq);
    }
  }

  /** The request that got `seq` is done (answered, dropped or left hanging by a fault). */
  end(seq: number): void {
    this.inFlight.delete(seq);
    for (const wake of [...this.waiters]) wake();
  }

  /** Entries of requests that arrived at `since` or later; throws when the bound dropped any. */
  since(since: number): RequestLogEntry[] {
    if (this.lastDropped >= since) throw new LogTruncatedError(since, this.lastDropped, this.capacity);
    return this.entries.filter((e) => e.seq >= since);
  }

  /** Requests that arrived at `since` or later and are not in the log yet. */
  inFlightSince(since = 0): number {
    let n = 0;
    for (const seq of this.inFlight) if (seq >= since) n++;
    return n;
  }

  /**
   * Resolves true once no request that arrived at `since` or later is in flight, false if some
   * still are after `timeoutMs` (a latency or a client that never finishes its body).
   */
  settled(since: number, timeoutMs: number): Promise<boolean> {
    if (this.inFlightSince(since) === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const check = () => {
        if (this.inFlightSince(since) === 0) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(check);
    });
  }

  /**
   * Forgets the entries (sequence numbers go on: a mark taken before stays valid, and what the
   * bound dropped before no longer matters: it would have been cleared too).
   */
  clear(): void {
    this.entries.length = 0;
    this.lastDropped = -1;
  }
}
