// The live view: every `workspacesPools.autoRefreshSeconds`, what the user has expanded is read
// again, while the view is visible and the window focused. No `vscode` import: src/tree/autoRefreshView.ts
// feeds it visibility, focus, expansion and the setting; the clock and timer are an input
// (Scheduler), so plain-Node tests and benchmarks drive ticks against the real model and emulator.
//
// What one tick reads (planTick), in this order, until MAX_REQUESTS_PER_TICK requests are planned:
// 1. the pool list of every expanded profile (one region) or expanded region row of an expanded
//    profile: DescribeWorkspacesPools, one request per 25 pools it listed last time;
// 2. the loaded pages of every expanded pool under an expanded parent, from the first page, one
//    page per pool per round (every pool's first page before any pool's second), starting each
//    tick one pool further, so that a bound that cuts a round does not always cut the same pools.
//    Loaded pages the bound leaves out are not read: their rows stay, marked stale.
// Not read: collapsed items (and everything under them), pools and lists whose own request is in
// flight (a Load more, a Refresh, the previous tick: skipped, never read twice at once), and what
// failed: an error row waits for the user's Retry, as everywhere in the explorer.
// A tick that was throttled doubles the interval until the next (up to MAX_BACKOFF_MS); a tick
// that read something without being throttled resets it.
import type { WorkspacesPool } from '@aws-sdk/client-workspaces';
import type { ErrorDescription } from '../aws/errors';
import { autoRefreshSeconds } from './autoRefreshInterval';
import { ExpandedItems } from './expandedItems';
import type { ExplorerModel } from './explorerModel';
import type { Item, PoolEntry, ProfileEntry, RegionEntry } from './items';

/** The most requests one tick sends (its cost bound). */
export const MAX_REQUESTS_PER_TICK = 20;
/** The longest pause after throttling. */
export const MAX_BACKOFF_MS = 15 * 60_000;
/** DescribeWorkspacesPools page size the AWS layer uses (src/aws/gateway.ts listPools, Limit 25). */
const POOLS_PER_PAGE = 25;

/** The clock and the timer: setTimeout in the extension, a hand-driven one in tests. */
export interface Scheduler {
  now(): number;
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const timerScheduler: Scheduler = {
  now: () => Date.now(),
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface TickPlan {
  /** Pool lists read again, each with the requests planned for it. */
  poolLists: { entry: RegionEntry; container: ProfileEntry | RegionEntry; requests: number }[];
  /** Pools whose first `pages` loaded pages are read again. */
  pools: { pool: PoolEntry; pages: number }[];
  /** Expanded pools with loaded pages the bound leaves out (`pages` of them), marked stale. */
  stale: { pool: PoolEntry; pages: number }[];
  /** Expanded pools or lists not read because a request of theirs is in flight. */
  skipped: (PoolEntry | RegionEntry)[];
  /** Requests planned (at most the bound). */
  requests: number;
}

export interface TickReport {
  plan: TickPlan;
  /** Requests sent (pool lists as planned: the AWS layer pages them itself; a read a user's Refresh dropped is not counted). */
  requests: number;
  throttled: number;
  failed: number;
  /** Items announced as changed (one model change each). */
  changed: Item[];
  /** The delay until the next tick, after this one's backoff. */
  nextDelayMs: number;
}

export interface AutoRefreshOptions {
  model: ExplorerModel;
  /** The interval setting in seconds (0 = off), read at every scheduling. */
  seconds(): number;
  describeError(error: unknown): Pick<ErrorDescription, 'kind' | 'message'>;
  log(line: string): void;
  scheduler?: Scheduler;
  maxRequestsPerTick?: number;
  /** What the tree shows expanded, kept since before the live view started (the explorer view's); default: its own, fed by expanded() and collapsed(). */
  expanded?: ExpandedItems;
}

export class AutoRefresh {
  private readonly expandedItems: ExpandedItems;
  private readonly scheduler: Scheduler;
  private readonly maxRequests: number;
  private readonly listeners = new Set<(report: TickReport) => void>();
  private visible = false;
  private focused = false;
  private timer: unknown;
  private running: Promise<TickReport> | undefined;
  private lastTickAt: number | undefined;
  private backoff = 0;
  private ticks = 0;
  private disposed = false;
  private readonly reported = new WeakSet<TickReport>();

  constructor(private readonly options: AutoRefreshOptions) {
    this.scheduler = options.scheduler ?? timerScheduler;
    this.expandedItems = options.expanded ?? new ExpandedItems();
    this.maxRequests = options.maxRequestsPerTick ?? MAX_REQUESTS_PER_TICK;
  }

  /** Ticks run only while the view is visible, the window focused and the setting above 0. */
  get active(): boolean {
    return !this.disposed && this.visible && this.focused && autoRefreshSeconds(this.options.seconds()) > 0;
  }

  /** A tick is waiting on the timer. */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  /** Throttled ticks in a row (the interval is doubled that many times). */
  get backoffLevel(): number {
    return this.backoff;
  }

  /** Resolves once no tick runs (a tick that started before a pause still ends). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Called after every tick, with what it did. */
  onDidTick(listener: (report: TickReport) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.reschedule();
  }

  setFocused(focused: boolean): void {
    this.focused = focused;
    this.reschedule();
  }

  /** The setting changed. */
  settingsChanged(): void {
    this.reschedule();
  }

  /** The tree shows `item`'s children (expanded, or asked for its children). */
  expanded(item: Item): void {
    this.expandedItems.expanded(item);
  }

  collapsed(item: Item): void {
    this.expandedItems.collapsed(item);
  }

  isExpanded(item: Item): boolean {
    return this.expandedItems.has(item);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.listeners.clear();
  }

  /** What a tick would read now (see the top of this file). */
  plan(): TickPlan {
    const plan: TickPlan = { poolLists: [], pools: [], stale: [], skipped: [], requests: 0 };
    const pools: { pool: PoolEntry; loaded: number }[] = [];
    for (const item of this.expandedItems) {
      if (item.kind !== 'profile') continue;
      const regions = this.options.model.regionsOf(item);
      for (const region of new Set(regions)) {
        const entry = item.regions.get(region);
        // Several regions: a row per region, read only when that row is expanded too.
        if (!entry || (regions.length > 1 && !this.expandedItems.has(entry))) continue;
        const list = entry.pools.result;
        if (!list?.ok) continue; // not loaded yet, or an error row waiting for Retry
        if (entry.pools.loading) {
          plan.skipped.push(entry);
        } else {
          const requests = Math.max(1, Math.ceil(list.value.length / POOLS_PER_PAGE));
          if (plan.requests + requests <= this.maxRequests) {
            plan.poolLists.push({ entry, container: regions.length > 1 ? entry : item, requests });
            plan.requests += requests;
          }
        }
        for (const pool of list.value) {
          const poolEntry = entry.poolEntries.get(pool.PoolId ?? '');
          if (!poolEntry || !this.expandedItems.has(poolEntry) || pools.some((p) => p.pool === poolEntry)) continue;
          const sessions = poolEntry.sessions;
          if (sessions.loading) plan.skipped.push(poolEntry);
          else if (sessions.loaded && sessions.error === undefined && sessions.pages > 0) pools.push({ pool: poolEntry, loaded: sessions.pages });
        }
      }
    }
    // Pages round by round, starting one pool further each tick.
    const start = pools.length ? this.ticks % pools.length : 0;
    const order = [...pools.slice(start), ...pools.slice(0, start)];
    const pages = new Map<PoolEntry, number>();
    for (let round = 1; plan.requests < this.maxRequests; round++) {
      let any = false;
      for (const { pool, loaded } of order) {
        if (loaded < round || plan.requests >= this.maxRequests) continue;
        pages.set(pool, round);
        plan.requests++;
        any = true;
      }
      if (!any) break;
    }
    for (const { pool, loaded } of order) {
      const read = pages.get(pool) ?? 0;
      if (read > 0) plan.pools.push({ pool, pages: read });
      if (read < loaded) plan.stale.push({ pool, pages: loaded - read });
    }
    return plan;
  }

  /**
   * One tick now, whatever the timer (the timer calls it; tests and benchmarks too). A tick while
   * one runs joins it. Announces one model change per item whose row changed.
   */
  tick(): Promise<TickReport> {
    this.running ??= this.runTick().finally(() => {
      this.running = undefined;
      this.lastTickAt = this.scheduler.now();
      this.reschedule();
    });
    // Listeners hear of a tick once the next one is scheduled.
    return this.running.then((report) => {
      if (!this.reported.has(report)) {
        this.reported.add(report);
        for (const listener of [...this.listeners]) listener(report);
      }
      return report;
    });
  }

  private async runTick(): Promise<TickReport> {
    const plan = this.plan();
    this.ticks++;
    const changed = new Set<Item>();
    let requests = 0;
    let throttled = 0;
    let failed = 0;
    let succeeded = 0;
    const failure = (error: unknown, what: string) => {
      const info = this.options.describeError(error);
      if (info.kind === 'cancelled') return;
      if (info.kind === 'throttled') throttled++;
      else failed++;
      // Loaded data stays as it was; the next tick tries again. Errors rows are for the user's own reads.
      this.options.log(`auto-refresh: ${what}: ${info.kind}: ${info.message}`);
    };
    const now = this.scheduler.now();
    await Promise.all([
      ...plan.poolLists.map(async ({ entry, container, requests: planned }) => {
        const before = entry.pools.result;
        const outcome = await entry.pools.reread();
        if (!outcome) return;
        requests += planned;
        if (!outcome.ok) return failure(outcome.error, `pools of ${entry.profile.name} in ${entry.region}`);
        succeeded++;
        for (const item of poolListChanges(entry, container, before?.ok ? before.value : [], outcome.value)) changed.add(item);
      }),
      ...plan.pools.map(async ({ pool, pages }) => {
        const result = await pool.sessions.reread(pages, now);
        if (!result) return;
        requests += result.requests;
        if (!result.ok) return failure(result.error, `sessions of ${pool.poolId}`);
        succeeded++;
        // Its row and its sessions' rows say what changed since the previous tick. A tick that found
        // nothing new announces nothing: VS Code would draw the pool's rows again, closing a tooltip
        // the user is reading, for nothing (the pool's tooltip reads its last read time when hovered).
        if (result.changed) changed.add(pool);
      }),
    ]);
    if (throttled > 0) this.backoff = Math.min(this.backoff + 1, 16);
    else if (succeeded > 0) this.backoff = 0;
    const announced = [...changed].filter((item) => !hasAncestorIn(item, changed));
    for (const item of announced) this.options.model.announce(item);
    return { plan, requests, throttled, failed, changed: announced, nextDelayMs: this.delayMs() };
  }

  /** The interval, doubled per throttled tick in a row, capped (never below the interval itself). */
  private delayMs(): number {
    const base = autoRefreshSeconds(this.options.seconds()) * 1000;
    return Math.min(base * 2 ** this.backoff, Math.max(base, MAX_BACKOFF_MS));
  }

  private reschedule(): void {
    this.cancelTimer();
    if (!this.active || this.running) return; // a running tick reschedules when it ends
    const now = this.scheduler.now();
    const due = (this.lastTickAt ?? now) + this.delayMs();
    this.timer = this.scheduler.set(
      () => {
        this.timer = undefined;
        if (this.active) void this.tick();
      },
      Math.max(0, due - now),
    );
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.scheduler.clear(this.timer);
    this.timer = undefined;
  }
}

/**
 * What a new pool list changes on screen: the container when pools came or went (or were
 * renamed: the order is by name), else each pool whose own data (state, capacity) changed.
 */
function poolListChanges(entry: RegionEntry, container: ProfileEntry | RegionEntry, before: WorkspacesPool[], after: WorkspacesPool[]): Item[] {
  const key = (pools: WorkspacesPool[]) => pools.map((p) => `${p.PoolId ?? ''}\n${p.PoolName ?? ''}`).sort().join('\n\n');
  if (key(before) !== key(after)) return [container];
  const changed: Item[] = [];
  for (const pool of after) {
    const poolEntry = entry.poolEntries.get(pool.PoolId ?? '');
    if (!poolEntry || JSON.stringify(poolEntry.pool) === JSON.stringify(pool)) continue;
    poolEntry.pool = pool;
    changed.push(poolEntry);
  }
  return changed;
}

function hasAncestorIn(item: Item, set: Set<Item>): boolean {
  for (let p = item.parent; p; p = p.parent) if (set.has(p)) return true;
  return false;
}
