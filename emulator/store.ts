// The emulator's data: pools per (account, region), each pool's sessions in the order they
// started. Every session carries a sequence number; page cursors are sequence numbers, so paging
// stays exact while sessions start and end between pages.
import { notFound } from './errors';
import { refreshCapacity, type ConnectionState, type PoolState, type EmulatorAccount, type Scenario, type ScenarioPool, type WireSession } from './scenario';

export class PoolEntry implements ScenarioPool {
  /** Parallel to `sessions`: ascending sequence numbers. */
  readonly seqs: number[] = [];
  readonly sessions: WireSession[] = [];

  constructor(
    readonly accountId: string,
    readonly region: string,
    readonly pool: ScenarioPool['pool'],
    readonly seq: number,
  ) {}

  /** Index of the first session whose sequence number is greater than `cursor`. */
  indexAfter(cursor: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid] <= cursor) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const key = (accountId: string, region: string) => `${accountId}\u0000${region}`;

export class Store {
  readonly accounts: EmulatorAccount[];
  readonly regions: string[];
  private readonly pools = new Map<string, PoolEntry[]>();
  private readonly sessionHome = new Map<string, PoolEntry>();
  private nextSeq = 1;

  constructor(scenario: Scenario) {
    this.accounts = scenario.accounts.map((a) => ({ ...a }));
    this.regions = [...scenario.regions];
    for (const p of scenario.pools) {
      const entry = this.addPool(p.accountId, p.region, structuredClone(p.pool));
      for (const s of p.sessions) this.insertSession(entry, { ...s });
    }
  }

  private addPool(accountId: string, region: string, pool: ScenarioPool['pool']): PoolEntry {
    const k = key(accountId, region);
    let list = this.pools.get(k);
    if (!list) this.pools.set(k, (list = []));
    if (list.some((e) => e.pool.PoolId === pool.PoolId)) throw new Error(`duplicate pool ${pool.PoolId} in ${accountId} ${region}`);
    const entry = new PoolEntry(accountId, region, pool, this.nextSeq++);
    list.push(entry);
    return entry;
  }

  private insertSession(entry: PoolEntry, session: WireSession): void {
    if (this.sessionHome.has(session.SessionId)) throw new Error(`duplicate session ${session.SessionId}`);
    entry.seqs.push(this.nextSeq++);
    entry.sessions.push(session);
    this.sessionHome.set(session.SessionId, entry);
  }

  poolList(accountId: string, region: string): PoolEntry[] {
    return this.pools.get(key(accountId, region)) ?? [];
  }

  findPool(accountId: string, region: string, poolId: string): PoolEntry | undefined {
    return this.poolList(accountId, region).find((e) => e.pool.PoolId === poolId);
  }

  requirePool(accountId: string, region: string, poolId: string): PoolEntry {
    const entry = this.findPool(accountId, region, poolId);
    if (!entry) throw notFound(poolId, 'The WorkSpaces pool');
    return entry;
  }

  /** The pool holding `sessionId`, if the session exists (in any account or region). */
  sessionPool(sessionId: string): PoolEntry | undefined {
    return this.sessionHome.get(sessionId);
  }

  addSession(accountId: string, region: string, poolId: string, session: WireSession): WireSession {
    const entry = this.requirePool(accountId, region, poolId);
    const s = { ...session, PoolId: poolId };
    this.insertSession(entry, s);
    refreshCapacity(entry);
    return s;
  }

  endSession(sessionId: string): WireSession | undefined {
    const entry = this.sessionHome.get(sessionId);
    if (!entry) return undefined;
    const i = entry.sessions.findIndex((s) => s.SessionId === sessionId);
    const [session] = entry.sessions.splice(i, 1);
    entry.seqs.splice(i, 1);
    this.sessionHome.delete(sessionId);
    refreshCapacity(entry);
    return session;
  }

  setConnectionState(sessionId: string, state: ConnectionState): WireSession | undefined {
    const entry = this.sessionHome.get(sessionId);
    const session = entry?.sessions.find((s) => s.SessionId === sessionId);
    if (session) session.ConnectionState = state;
    return session;
  }

  setPoolState(entry: PoolEntry, state: PoolState): void {
    entry.pool.State = state;
    const c = entry.pool.CapacityStatus;
    if (state === 'STOPPED') {
      for (const s of [...entry.sessions]) this.endSession(s.SessionId);
      entry.pool.CapacityStatus = { ...c, ActualUserSessions: 0, AvailableUserSessions: 0, ActiveUserSessions: 0 };
    } else if (state === 'RUNNING') {
      const actual = Math.max(c.DesiredUserSessions, entry.sessions.length);
      entry.pool.CapacityStatus = { ...c, ActualUserSessions: actual, AvailableUserSessions: actual - entry.sessions.length, ActiveUserSessions: entry.sessions.length };
    }
  }

  account(accountId: string): EmulatorAccount | undefined {
    return this.accounts.find((a) => a.accountId === accountId);
  }
}
