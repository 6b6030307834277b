// The request log. Entries hold what a test or benchmark needs to count and check calls, and
// never a secret: no keys, signatures, session tokens or NextTokens (those are replaced).
export interface RequestLogEntry {
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

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];

  constructor(private readonly capacity = 20_000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    // Bounded so that long benchmarks and demos do not grow without limit.
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
