// Starting and stopping pools: the confirmation's text, the call, and the pool row through its
// transition (STARTING, STOPPING), read again with backoff until it settles, then its sessions. No
// `vscode` import: the commands in src/commands confirm and notify.
import { oneLine } from '../core/text';
import type { PoolEntry } from './items';
import { pause, type ActionsDeps, type Confirmation } from './sessionActions';

export type PoolAction = 'start' | 'stop';

const OPERATIONS: Record<PoolAction, string> = { start: 'StartWorkspacesPool', stop: 'StopWorkspacesPool' };
const VIA: Record<PoolAction, string> = { start: 'STARTING', stop: 'STOPPING' };
const TRANSITIONAL = new Set(['STARTING', 'STOPPING', 'CREATING', 'UPDATING', 'DELETING']);

/** Reads of a pool in transition: after 1, 2, 4, 8 s, then every 15 s; at most 40 reads (about 9 minutes). */
const POLL_DELAYS_MS = [1000, 2000, 4000, 8000, 15_000];
const MAX_POLLS = 40;

export type PoolActionOutcome =
  | { ok: true; /** Settles with the pool's state once it left the transition (or the last one read). */ settled: Promise<string | undefined> }
  | { ok: false; reason: string };

export function poolConfirmation(action: PoolAction, pool: PoolEntry): Confirmation {
  const verb = action === 'start' ? 'Start' : 'Stop';
  const effect =
    action === 'start'
      ? 'The pool goes STARTING, then RUNNING, and users can connect again.'
      : 'The pool goes STOPPING, then STOPPED: every session in it ends and users cannot connect until it is started.';
  return {
    message: `${verb} pool ${oneLine(pool.name)}?`,
    detail: [
      `Pool: ${oneLine(pool.name)} (${pool.poolId})`,
      `State now: ${pool.pool.State ?? 'UNKNOWN'}`,
      `Profile: ${oneLine(pool.profile)}`,
      `Region: ${pool.region}`,
      '',
      effect,
    ].join('\n'),
    button: `${verb} Pool`,
  };
}

export class PoolActions {
  /** One watcher per pool: a second start or stop while one runs joins it. */
  private readonly watching = new Map<PoolEntry, Promise<string | undefined>>();

  constructor(private readonly deps: ActionsDeps) {}

  /** Sends Start/StopWorkspacesPool; on success the row shows the transition and is read until it settles. */
  async run(action: PoolAction, pool: PoolEntry): Promise<PoolActionOutcome> {
    const operation = OPERATIONS[action];
    const where = `${operation} · ${oneLine(pool.profile)} · ${pool.region} · pool ${pool.poolId}`;
    try {
      if (action === 'start') await this.deps.gateway.startPool(pool.profile, pool.region, pool.poolId);
      else await this.deps.gateway.stopPool(pool.profile, pool.region, pool.poolId);
    } catch (error) {
      const info = this.deps.gateway.describeError(error, pool.profile, operation);
      this.deps.log(`action: ${where}: refused: ${oneLine(info.message)}`);
      return { ok: false, reason: info.message };
    }
    this.deps.log(`action: ${where}: accepted, ${VIA[action]}`);
    // The service accepted it, so the pool is in its transition now: shown before the first read.
    pool.pool = { ...pool.pool, State: VIA[action] as PoolEntry['pool']['State'] };
    this.deps.model.itemChanged(pool);
    return { ok: true, settled: this.watch(pool, where) };
  }

  private watch(pool: PoolEntry, where: string): Promise<string | undefined> {
    const running = this.watching.get(pool);
    if (running) return running;
    const watching = this.poll(pool, where).finally(() => this.watching.delete(pool));
    this.watching.set(pool, watching);
    return watching;
  }

  private async poll(pool: PoolEntry, where: string): Promise<string | undefined> {
    const delays = this.deps.pollDelaysMs ?? POLL_DELAYS_MS;
    const max = this.deps.maxPolls ?? MAX_POLLS;
    for (let read = 0; read < max; read++) {
      await pause(delays[Math.min(read, delays.length - 1)]);
      let fresh;
      try {
        fresh = await this.deps.gateway.describePool(pool.profile, pool.region, pool.poolId);
      } catch (error) {
        const info = this.deps.gateway.describeError(error, pool.profile);
        if (info.retryable) continue;
        this.deps.log(`action: ${where}: stopped watching: ${oneLine(info.message)}`);
        return pool.pool.State;
      }
      if (!fresh) {
        this.deps.log(`action: ${where}: the pool is no longer listed`);
        return undefined;
      }
      const before = pool.pool.State;
      pool.pool = fresh;
      if (!TRANSITIONAL.has(fresh.State ?? '')) {
        this.deps.log(`action: ${where}: settled ${fresh.State ?? 'UNKNOWN'} after ${read + 1} read(s)`);
        // Its sessions changed with it (a stopped pool has none): read them again, one change.
        await this.deps.model.refreshPool(pool);
        return fresh.State;
      }
      if (fresh.State !== before) this.deps.model.itemChanged(pool);
    }
    this.deps.log(`action: ${where}: still ${pool.pool.State ?? 'UNKNOWN'} after ${max} reads; Refresh Pool shows it later`);
    return pool.pool.State;
  }
}
