// Faults injected per operation (or '*' for all): added latency with jitter, throttling, 5xx,
// dropped connections and requests left unanswered. Rates are probabilities in 0..1.
import { Random } from './random';

export interface FaultSpec {
  latencyMs?: number;
  jitterMs?: number;
  throttleRate?: number;
  serverErrorRate?: number;
  dropRate?: number;
  timeoutRate?: number;
  /** Share of requests refused with AccessDeniedException (as for a caller lacking IAM permission). */
  accessDeniedRate?: number;
}

export type FaultOutcome =
  | { kind: 'none' }
  | { kind: 'throttle' }
  | { kind: 'access-denied' }
  | { kind: 'server-error'; status: 500 | 503 }
  | { kind: 'drop' }
  | { kind: 'timeout' };

const RATE_KEYS = ['throttleRate', 'serverErrorRate', 'dropRate', 'timeoutRate', 'accessDeniedRate'] as const;

/**
 * The largest latency (and jitter) accepted: one hour. Node's timers take at most 2^31-1 ms and turn
 * anything larger into 1 ms, so an unchecked huge latency would answer at once instead of never.
 */
export const MAX_LATENCY_MS = 3_600_000;

/** Checks a latency from any input (option, API, HTTP, CLI): a number of ms in 0..MAX_LATENCY_MS. */
export function checkLatencyMs(value: unknown, name = 'latencyMs'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_LATENCY_MS) {
    throw new RangeError(`${name} must be a number of milliseconds from 0 to ${MAX_LATENCY_MS}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Checks a FaultSpec from untrusted input (HTTP control, CLI) and returns a clean copy. */
export function parseFaultSpec(value: unknown): FaultSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('faults must be an object');
  const out: FaultSpec = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${k} must be a non-negative number`);
    if ((RATE_KEYS as readonly string[]).includes(k)) {
      if (v > 1) throw new Error(`${k} must be between 0 and 1`);
    } else if (k === 'latencyMs' || k === 'jitterMs') {
      checkLatencyMs(v, k);
    } else {
      throw new Error(`unknown fault ${k} (known: latencyMs, jitterMs, ${RATE_KEYS.join(', ')})`);
    }
    out[k as keyof FaultSpec] = v;
  }
  return out;
}

export class Faults {
  private readonly specs = new Map<string, FaultSpec>();

  constructor(private readonly random: Random = new Random(Date.now())) {}

  set(operation: string, spec?: FaultSpec): void {
    if (!spec || Object.keys(spec).length === 0) this.specs.delete(operation);
    else this.specs.set(operation, { ...spec });
  }

  clear(): void {
    this.specs.clear();
  }

  list(): Record<string, FaultSpec> {
    return Object.fromEntries(this.specs);
  }

  /**
   * The operation's own spec wins over '*', member by member; a key `op@region` (or `*@region`)
   * applies in that region only and wins over its unscoped key, so a test can throttle one region.
   */
  effective(operation: string, region?: string): FaultSpec {
    const scoped = (key: string) => (region ? this.specs.get(`${key}@${region}`) : undefined);
    return { ...this.specs.get('*'), ...scoped('*'), ...this.specs.get(operation), ...scoped(operation) };
  }

  delayMs(spec: FaultSpec, baseLatencyMs: number): number {
    const base = spec.latencyMs ?? baseLatencyMs;
    const jitter = spec.jitterMs ? this.random.next() * spec.jitterMs : 0;
    return base + jitter;
  }

  roll(spec: FaultSpec): FaultOutcome {
    if (spec.dropRate && this.random.chance(spec.dropRate)) return { kind: 'drop' };
    if (spec.timeoutRate && this.random.chance(spec.timeoutRate)) return { kind: 'timeout' };
    if (spec.accessDeniedRate && this.random.chance(spec.accessDeniedRate)) return { kind: 'access-denied' };
    if (spec.throttleRate && this.random.chance(spec.throttleRate)) return { kind: 'throttle' };
    if (spec.serverErrorRate && this.random.chance(spec.serverErrorRate)) return { kind: 'server-error', status: this.random.chance(0.5) ? 500 : 503 };
    return { kind: 'none' };
  }
}
