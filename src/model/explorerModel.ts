// The explorer's logic: what is loaded (profile list, pool list per profile × region, session pages
// per pool), which regions and filters apply, and what each action does to it. No `vscode` import:
// src/tree renders it and forwards its change events; test/unit/model-explorer.test.ts drives it in
// plain Node. Items are reused across refreshes, so a change names the item that changed.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { abortError, DescribedError, type ErrorDescription } from '../aws/errors';
import type { Gateway } from '../aws/lazyGateway';
import type { ProfileInfo } from '../aws/profiles';
import type { LogLine } from '../core/log';
import type { SessionRef } from '../core/session';
import { CachedLoad } from './cachedLoad';
import type { Choices } from './choices';
import { ErrorItem, type Item, PlaceholderItem, PoolEntry, ProfileEntry, RANGE_SIZE, RegionEntry } from './items';
import { PoolSessions } from './poolSessions';
import { noSessionsLabel, poolErrorRows } from './poolRows';

export interface ExplorerSettings {
  /** Profiles shown; empty = all. */
  profiles: string[];
  /** Default regions for profiles with none chosen; empty = each profile's own region. */
  regions: string[];
  pageSize: number;
}

/** What the root shows, for the welcome view. */
export type RootState = 'ok' | 'noProfiles' | 'error';

export interface ExplorerModelOptions {
  gateway: Gateway;
  choices: Choices;
  settings(): ExplorerSettings;
  log: LogLine;
  /** Every request the user waits for passes through here (the view shows progress while it runs). */
  track?(promise: Promise<unknown>): void;
  /** The root's state changed. */
  rootState?(state: RootState): void;
}

type Listener = (item: Item | undefined) => void;

export class ExplorerModel {
  private readonly profiles: CachedLoad<ProfileInfo[]>;
  private readonly profileEntries = new Map<string, ProfileEntry>();
  private readonly listeners = new Set<Listener>();
  private lastRootState: RootState | undefined;
  /** Why the AWS files no longer read after a change; meanwhile the explorer keeps what it had. */
  private configProblem: unknown;

  constructor(private readonly options: ExplorerModelOptions) {
    this.profiles = new CachedLoad(() => options.gateway.listProfiles());
  }

  /** `item` changed (its row and its children); undefined: the whole explorer. */
  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  // Children ------------------------------------------------------------------------------------

  children(item?: Item): Promise<Item[]> {
    if (!item) return this.rootChildren();
    switch (item.kind) {
      case 'profile':
        return this.profileChildren(item);
      case 'region':
        return this.regionChildren(item, item);
      case 'pool':
        return this.poolChildren(item);
      case 'range':
        return Promise.resolve(item.parent.sessionItemsIn(item.start, item.end));
      default:
        return Promise.resolve([]);
    }
  }

  /** The regions a profile lists pools from: chosen for it, else the default setting, else its own. */
  regionsOf(profile: ProfileEntry): string[] {
    const chosen = this.options.choices.regions(profile.name);
    if (chosen) return chosen;
    const defaults = this.options.settings().regions;
    if (defaults.length) return defaults;
    return profile.info.region ? [profile.info.region] : [];
  }

  private async rootChildren(): Promise<Item[]> {
    const result = (!this.profiles.loading && this.profiles.result) || (await this.track(this.profiles.get()));
    if (!result.ok) {
      this.setRootState('error');
      const info = this.options.gateway.describeError(result.error, '');
      this.options.log(`AWS config files: ${info.message}`, 'error');
      return [new ErrorItem(undefined, info, undefined, async () => this.refreshAll(true))];
    }
    const wanted = this.options.settings().profiles;
    const items: Item[] = result.value.filter((p) => wanted.length === 0 || wanted.includes(p.name)).map((info) => this.profileEntry(info));
    // Once per name: a name listed twice would give two rows one id.
    for (const name of new Set(wanted)) {
      if (!result.value.some((p) => p.name === name)) {
        items.push(new PlaceholderItem(undefined, 'missing', `Profile ${name} (in settings) is not in the AWS config files`, undefined, name));
      }
    }
    this.setRootState(result.value.length === 0 ? 'noProfiles' : 'ok');
    if (this.configProblem !== undefined) {
      const info = this.options.gateway.describeError(this.configProblem, '');
      this.options.log(`AWS config files: ${info.message} (showing the profiles read before)`, 'error');
      items.unshift(new ErrorItem(undefined, info, undefined, () => this.reloadConfig()));
    }
    return items;
  }

  private async profileChildren(profile: ProfileEntry): Promise<Item[]> {
    const regions = this.regionsOf(profile);
    if (regions.length === 0) {
      return [new PlaceholderItem(profile, 'noRegion', 'No region: choose one with Select Regions…', { kind: 'selectRegions', profile })];
    }
    if (regions.length === 1) return this.regionChildren(this.regionEntry(profile, regions[0]), profile);
    return regions.map((region) => this.regionEntry(profile, region));
  }

  /** Pools of a region, under the profile (one region) or the region item (several). */
  private async regionChildren(entry: RegionEntry, parent: ProfileEntry | RegionEntry): Promise<Item[]> {
    // Progress on the view only while a request runs (a cached list would just flash it).
    const result = (!entry.pools.loading && entry.pools.result) || (await this.track(entry.pools.get()));
    const profile = entry.profile.name;
    if (!result.ok) {
      const error = new ErrorItem(parent, this.describeError(result.error, profile), profile, async () => {
        // The list first, then one change: the error row keeps working until the answer is here.
        entry.pools.reset();
        await this.track(entry.pools.get());
        this.changed(parent);
      });
      // A refresh that failed keeps the pools listed before (their rows say stale) beside the error.
      const stale = entry.pools.stale;
      return stale ? [error, ...this.poolItems(entry, parent, stale)] : [error];
    }
    if (result.value.length === 0) return [new PlaceholderItem(parent, 'empty', `No pools in ${entry.region}`)];
    return this.poolItems(entry, parent, result.value);
  }

  /** The pool entries of a list, sorted by name, unique by id, each the same object from one list to the next. */
  private poolItems(entry: RegionEntry, parent: ProfileEntry | RegionEntry, list: WorkspacesPool[]): PoolEntry[] {
    const seen = new Set<string>();
    const items: PoolEntry[] = [];
    for (const pool of [...list].sort((a, b) => (a.PoolName ?? '').localeCompare(b.PoolName ?? ''))) {
      const poolId = pool.PoolId ?? '';
      if (!poolId || seen.has(poolId)) continue;
      seen.add(poolId);
      let item = entry.poolEntries.get(poolId);
      if (item) {
        item.pool = pool;
        item.parent = parent;
      } else {
        item = new PoolEntry(entry, parent, pool, (p) => this.newPoolSessions(p));
        entry.poolEntries.set(poolId, item);
      }
      items.push(item);
    }
    return items;
  }

  private async poolChildren(pool: PoolEntry): Promise<Item[]> {
    if (pool.rowsWhileLoading && pool.sessions.state === 'loading') return pool.rowsWhileLoading;
    await this.ensureLoaded(pool);
    const model = pool.sessions;
    const items: Item[] = pool.ranged ? pool.rangeList() : pool.sessionItemList();
    if (model.error !== undefined) {
      const info = this.describeError(model.error, pool.profile);
      // An expired NextToken cannot be retried: start over from the first page.
      const retry = info.kind === 'token-expired' ? () => this.restart(pool) : () => this.retryPool(pool);
      items.push(new ErrorItem(pool, info, pool.profile, retry));
    } else if (model.state === 'loadingMore' || model.hasMore) {
      items.push(pool.loadMoreItem);
    }
    if (items.length === 0) {
      items.push(new PlaceholderItem(pool, 'empty', noSessionsLabel(pool)));
    }
    items.unshift(...poolErrorRows(pool));
    pool.shownRows = items;
    return items;
  }

  // Actions -------------------------------------------------------------------------------------

  /** Loads the first page of a pool's sessions unless it is loaded or has failed. */
  async ensureLoaded(pool: PoolEntry): Promise<void> {
    if (pool.sessions.loaded || pool.sessions.error !== undefined) return;
    await this.track(pool.sessions.ensureFirstPage());
  }

  /**
   * Appends the next page; a second click while it loads joins it. The pool's rows change once,
   * when the page lands: a row re-rendered under the pointer loses the click that spans it, so
   * nothing is re-rendered while the page loads (the view's progress bar shows it).
   */
  async loadMore(pool: PoolEntry): Promise<void> {
    if (pool.sessions.loading) return this.track(pool.sessions.loadMore());
    await this.settle(pool, this.track(pool.sessions.loadMore()));
  }

  /** Loads again what failed in a pool: its first page or its next page; one change when it lands. */
  async retryPool(pool: PoolEntry): Promise<void> {
    if (pool.sessions.loading) return this.track(pool.sessions.retry());
    await this.settle(pool, this.track(pool.sessions.retry()));
  }

  /** Sessions again from the first page, and the pool's own state and capacity from a fresh pool list. */
  refreshPool(pool: PoolEntry): Promise<void> {
    const poolList = this.options.gateway.listPools(pool.profile, pool.region).then(
      (pools) => {
        const fresh = pools.find((p) => p.PoolId === pool.poolId);
        if (fresh) pool.pool = fresh;
      },
      () => undefined, // the session load shows any error under the pool
    );
    return this.restart(pool, poolList);
  }

  /** A new user filter (undefined clears it): remembered, and the sessions load again from the first page. */
  async setUserFilter(pool: PoolEntry, userId: string | undefined): Promise<void> {
    await this.options.choices.setFilter(pool, userId);
    this.options.log(`filter: ${pool.id}: ${userId ? 'user set' : 'cleared'}`);
    await this.restart(pool, undefined, { userId });
  }

  async setRegions(profile: ProfileEntry, regions: string[]): Promise<void> {
    await this.options.choices.setRegions(profile.name, regions);
    this.changed(profile);
  }

  refreshProfile(profile: ProfileEntry): void {
    this.forget(profile);
    this.changed(profile);
  }

  /**
   * The Refresh command (and a change of the settings that pick what is shown): everything again,
   * except when the AWS files no longer read: then, as after an edit (reloadConfig), what is loaded
   * stays under the error row, and a good file reloads it.
   */
  refresh(): Promise<void> {
    return this.reload(false);
  }

  /** Everything again, whatever the files hold. `configChanged`: the AWS files changed, so clients and credentials go too. */
  refreshAll(configChanged = false): void {
    if (configChanged) this.options.gateway.reset();
    this.configProblem = undefined;
    this.profiles.reset();
    for (const profile of this.profileEntries.values()) this.forget(profile, configChanged);
    this.changed(undefined);
  }

  /**
   * The AWS files changed. A file that no longer reads must not cost the user what is loaded: the
   * explorer stays as it was (clients included) under an error row naming the problem, until a good
   * file reloads everything.
   */
  reloadConfig(): Promise<void> {
    return this.reload(true);
  }

  private async reload(configChanged: boolean): Promise<void> {
    if (this.profiles.result?.ok) {
      try {
        await this.options.gateway.listProfiles();
      } catch (error) {
        this.configProblem = error;
        this.changed(undefined);
        return;
      }
    }
    // A file that was broken and reads again changed: its clients go too, whoever noticed.
    this.refreshAll(configChanged || this.configProblem !== undefined);
  }

  /** Announces a change made outside the model's own actions (auto-refresh, src/model/autoRefresh.ts). */
  announce(item: Item | undefined): void {
    this.changed(item);
  }

  // Queries for commands ------------------------------------------------------------------------

  /** The profiles shown (settings applied). Throws when the config files cannot be read. */
  async profileList(): Promise<ProfileEntry[]> {
    const wanted = this.options.settings().profiles;
    return (await this.allProfiles()).filter((p) => wanted.length === 0 || wanted.includes(p.name)).map((info) => this.profileEntry(info));
  }

  /** All profiles in the config files, whatever the settings select. */
  async allProfiles(): Promise<ProfileInfo[]> {
    const result = await this.track(this.profiles.get());
    if (!result.ok) throw result.error;
    return result.value;
  }

  /** Every pool of a profile across its regions. Throws if no region could be listed. */
  async poolsOf(profile: ProfileEntry): Promise<PoolEntry[]> {
    const regions = this.regionsOf(profile);
    const pools: PoolEntry[] = [];
    let firstError: unknown;
    for (const region of regions) {
      const entry = this.regionEntry(profile, region);
      for (const child of await this.regionChildren(entry, regions.length > 1 ? entry : profile)) {
        if (child.kind === 'pool') pools.push(child);
        // Described already: passed on with its kind (an SSO sign-in stays one) and its profile.
        else if (child.kind === 'error') firstError ??= new DescribedError(child.info, child.profile, region);
      }
    }
    if (pools.length === 0 && firstError) throw firstError;
    return pools;
  }

  /**
   * A region's pools for a search across the explorer (userSearch.ts): the list already loaded (no
   * request), the one loading now (joined), or one listed now with the caller's signal, so that a
   * cancelled search sends no further page; a list loaded here is kept for the tree. Throws when
   * the list fails (a failure remembered by the tree is tried again: the search is a new action).
   */
  async regionPools(profile: ProfileEntry, region: string, signal?: AbortSignal): Promise<PoolEntry[]> {
    const entry = this.regionEntry(profile, region);
    const parent = this.regionsOf(profile).length > 1 ? entry : profile;
    if (!entry.pools.result?.ok) {
      const failedBefore = entry.pools.result !== undefined;
      if (entry.pools.loading) await untilAborted(entry.pools.get(), signal);
      else entry.pools.set(await this.options.gateway.listPools(profile.name, region, signal));
      // The tree may show this region's old error row: it now has pools.
      if (failedBefore && entry.pools.result?.ok) this.changed(parent);
    }
    const result = entry.pools.result;
    if (!result?.ok) throw result?.error ?? new Error(`No pool list for ${region}`);
    return (await this.regionChildren(entry, parent)).filter((item): item is PoolEntry => item.kind === 'pool');
  }

  /**
   * Pools the tree shows now, as last listed: of the profiles the settings select and the regions
   * selected for each (pools of a region or a profile no longer shown stay in memory, not here).
   */
  shownPools(): PoolEntry[] {
    const listed = this.profiles.result?.ok ? this.profiles.result.value : [];
    const wanted = this.options.settings().profiles;
    const pools: PoolEntry[] = [];
    for (const info of listed) {
      const profile = this.profileEntries.get(info.name);
      if (!profile || (wanted.length > 0 && !wanted.includes(info.name))) continue;
      for (const region of new Set(this.regionsOf(profile))) {
        const entry = profile.regions.get(region);
        const list = entry?.pools.result;
        if (!entry || !list?.ok) continue;
        for (const pool of list.value) {
          const item = entry.poolEntries.get(pool.PoolId ?? '');
          if (item && !pools.includes(item)) pools.push(item);
        }
      }
    }
    return pools;
  }

  /** Every pool listed at least once, shown or not. */
  knownPools(): PoolEntry[] {
    const pools: PoolEntry[] = [];
    for (const profile of this.profileEntries.values()) {
      for (const region of profile.regions.values()) pools.push(...region.poolEntries.values());
    }
    return pools;
  }

  /**
   * What the details page learned about a session when it read it again: `session` undefined when it
   * no longer exists, `pool` the pool as listed with it. The explorer holds one copy of each, so the
   * tree shows it too (the row, the pool's counts); one change, only if something loaded changed.
   */
  learnSession(ref: SessionRef, session: WorkspacesPoolSession | undefined, pool?: WorkspacesPool): void {
    const entry = this.profileEntries.get(ref.profile)?.regions.get(ref.region)?.poolEntries.get(ref.poolId);
    if (!entry) return;
    const poolChanged = pool !== undefined && pool.PoolId === entry.poolId && pool !== entry.pool;
    if (poolChanged) entry.pool = pool;
    if (entry.sessions.learn(ref.sessionId, session) || poolChanged) this.changed(entry);
  }

  /** Whether a pool of the profile has a user filter (remembered, so also before its pools are listed). */
  hasUserFilter(profile: ProfileEntry): boolean {
    return this.options.choices.hasFilterUnder(profile);
  }

  /** A session already loaded, with its pool: the details page opens without a request. */
  findLoaded(ref: SessionRef): { session: WorkspacesPoolSession; pool: WorkspacesPool; entry: PoolEntry } | undefined {
    const entry = this.profileEntries.get(ref.profile)?.regions.get(ref.region)?.poolEntries.get(ref.poolId);
    const session = entry?.sessions.find(ref.sessionId);
    return entry && session ? { session, pool: entry.pool, entry } : undefined;
  }

  /** An action (src/model/sessionActions.ts, poolActions.ts) changed what `item` shows: one change for its row and children. */
  itemChanged(item: Item): void {
    this.changed(item);
  }

  // Internals -----------------------------------------------------------------------------------

  private changed(item: Item | undefined): void {
    for (const listener of [...this.listeners]) listener(item);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.options.track?.(promise);
    return promise;
  }

  private describeError(error: unknown, profile: string): ErrorDescription {
    const info = this.options.gateway.describeError(error, profile);
    if (info.kind !== 'cancelled') this.options.log(`profile ${profile}: ${info.kind}: ${info.message}`, 'error');
    return info;
  }

  /**
   * Drops a pool's sessions and, if they were shown, loads the first page again (with `alongside`),
   * then announces one change. Until then the rows on screen stay and keep working: VS Code drops
   * the commands of a node's rows as soon as it re-reads its children, so an early change would
   * leave rows under the pointer that do nothing when clicked.
   */
  private async restart(pool: PoolEntry, alongside?: Promise<unknown>, filter?: { userId: string | undefined }): Promise<void> {
    const sessions = pool.sessions;
    const shown = sessions.loaded || sessions.loading || sessions.error !== undefined;
    // A new filter shows its load on the pool row at once; the rows shown before stay until the
    // new ones land (poolChildren gives them again while the first page loads).
    const previous = filter && shown ? pool.shownRows : undefined;
    // A refresh during the first load joins it; a new filter always starts over.
    if (filter) sessions.reset(filter);
    else sessions.refresh();
    const generation = sessions.generation;
    const loading = this.track(Promise.all([alongside, shown ? sessions.ensureFirstPage() : undefined]));
    if (previous) {
      pool.rowsWhileLoading = previous;
      this.changed(pool);
    }
    try {
      await loading;
    } finally {
      if (sessions.generation === generation) pool.rowsWhileLoading = undefined;
    }
    if (sessions.generation === generation) this.changed(pool);
  }

  /**
   * One change when the load lands, unless a reset (refresh, filter) replaced it meanwhile. When the
   * page only grew the pool's last range, only that range and the Load more row change: VS Code then
   * re-reads one range, not every row of the pool (see RANGE_SIZE).
   */
  private async settle(pool: PoolEntry, loading: Promise<void>): Promise<void> {
    const sessions = pool.sessions;
    const before = { generation: sessions.generation, loaded: sessions.sessions.length, ranged: pool.ranged };
    await loading;
    if (sessions.generation !== before.generation) return;
    const after = sessions.sessions.length;
    const sameLastRange = before.ranged && after > before.loaded && Math.floor((after - 1) / RANGE_SIZE) === Math.floor((before.loaded - 1) / RANGE_SIZE);
    // The rows after the ranges stay as they were: a Load more row, no error row.
    if (sameLastRange && sessions.hasMore && sessions.error === undefined) {
      const last = pool.rangeOf(sessions.sessions[after - 1].SessionId ?? '');
      if (last) {
        this.changed(last);
        this.changed(pool.loadMoreItem);
        return;
      }
    }
    this.changed(pool);
  }

  /** An item's parent in the tree: a session's is its range when the pool lists ranges. */
  treeParent(item: Item): Item | undefined {
    if (item.kind === 'session') return item.parent.rangeOf(item.sessionId) ?? item.parent;
    return item.parent;
  }

  /** Forgets a profile's pool lists and sessions (filters stay: they are remembered choices). */
  private forget(profile: ProfileEntry, configChanged = false): void {
    for (const region of profile.regions.values()) {
      // Reads still running are joined (joinsRunningRead) unless the AWS files changed under them.
      if (configChanged) region.pools.reset();
      else region.pools.refresh();
      for (const pool of region.poolEntries.values()) {
        if (configChanged) pool.sessions.reset();
        else pool.sessions.refresh();
      }
    }
  }

  private profileEntry(info: ProfileInfo): ProfileEntry {
    let entry = this.profileEntries.get(info.name);
    if (entry) entry.info = info;
    else {
      entry = new ProfileEntry(info);
      this.profileEntries.set(info.name, entry);
    }
    return entry;
  }

  private regionEntry(profile: ProfileEntry, region: string): RegionEntry {
    let entry = profile.regions.get(region);
    if (!entry) {
      entry = new RegionEntry(profile, region, (signal) => this.options.gateway.listPools(profile.name, region, signal));
      profile.regions.set(region, entry);
    }
    return entry;
  }

  private newPoolSessions(pool: PoolEntry): PoolSessions<WorkspacesPoolSession> {
    return new PoolSessions<WorkspacesPoolSession>(
      ({ userId, nextToken, signal }) =>
        this.options.gateway.sessionsPage(pool.profile, pool.region, pool.poolId, { userId, nextToken, signal, limit: this.options.settings().pageSize }),
      this.options.choices.filter(pool),
    );
  }

  private setRootState(state: RootState): void {
    if (state === this.lastRootState) return;
    this.lastRootState = state;
    this.options.rootState?.(state);
  }
}

/** `promise`, or an AbortError as soon as `signal` aborts (the promise itself goes on: it is shared). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}
