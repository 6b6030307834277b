// "Find User's Sessions…": one user's sessions in every pool of every shown profile and region. No
// `vscode` import: src/tree/searchView.ts renders a search, test/integration/model-search.test.ts
// drives it in plain Node against the emulator.
//
// What it sends: the pool list of each region not listed yet (the explorer's cache, shared: what
// one loads the other shows), then one DescribeWorkspacesPoolSessions per pool with the server-side
// UserId filter, every page. Nothing else: no first page of unfiltered sessions, no pool list
// again. Requests run under two bounds: per profile (one account's API quota; the gateway keeps its
// own on top) and overall (the machine, the network). A search is cancelled by its AbortSignal:
// queued requests never start, requests in flight are aborted, and no further page is asked for.
// Failures stay where they happened (a region's list, a pool's search), each an ErrorItem whose
// retry runs only that part again; the rest of the results stay.
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { setMaxListeners } from 'events';
import { isAbortError, type ErrorDescription } from '../aws/errors';
import type { Gateway } from '../aws/lazyGateway';
import { ErrorItem, SessionItem, type PoolEntry, type ProfileEntry, type RegionEntry } from './items';
import { childId, syntheticId } from './itemIds';
import { Scheduler } from './scheduler';

/** The explorer's part a search uses: the profiles and regions shown, and their pool lists. */
export interface SearchModel {
  profileList(): Promise<ProfileEntry[]>;
  regionsOf(profile: ProfileEntry): string[];
  regionPools(profile: ProfileEntry, region: string, signal?: AbortSignal): Promise<PoolEntry[]>;
}

export interface SearchScope {
  /** Only this profile (a profile row's command); undefined: every profile shown. */
  profile?: string;
  /** Only this region of that profile (a region row's command). */
  region?: string;
}

export interface UserSearchOptions {
  model: SearchModel;
  gateway: Pick<Gateway, 'sessionsPage' | 'describeError'>;
  log?(line: string): void;
  /** Requests of one profile in flight at once (the gateway's own bound is 4). */
  perProfile?: number;
  /** Requests in flight at once, all profiles together. */
  overall?: number;
}

export const SEARCH_PER_PROFILE = 4;
export const SEARCH_OVERALL = 8;

/** A session found, as plain data (for export and tests). */
export interface FoundSession {
  profile: string;
  region: string;
  poolId: string;
  poolName: string;
  session: WorkspacesPoolSession;
}

export type SearchState = 'running' | 'done' | 'cancelled' | 'failed';

export class SearchProfile {
  readonly kind = 'searchProfile';
  readonly parent = undefined;
  readonly id: string;
  readonly regions: SearchRegion[] = [];

  /** `search`: the id of the search that found it (UserSearch.id), under which its rows' ids are made. */
  constructor(
    readonly entry: ProfileEntry,
    search: { id: string },
  ) {
    this.id = childId(search, entry.name);
  }
  get name(): string {
    return this.entry.name;
  }
}

export class SearchRegion {
  readonly kind = 'searchRegion';
  readonly id: string;
  state: 'queued' | 'listing' | 'listed' | 'failed' | 'cancelled' = 'queued';
  error: ErrorItem | undefined;
  readonly pools = new Map<string, SearchPool>();

  constructor(
    readonly parent: SearchProfile,
    readonly region: string,
  ) {
    this.id = childId(parent, region);
  }
  get profile(): string {
    return this.parent.name;
  }
}

export class SearchPool {
  readonly kind = 'searchPool';
  readonly id: string;
  state: 'queued' | 'searching' | 'done' | 'failed' | 'cancelled' = 'queued';
  sessions: SessionItem[] = [];
  error: ErrorItem | undefined;

  constructor(
    readonly parent: SearchRegion,
    /** The explorer's pool: session rows here are the explorer's own SessionItems, so every session command applies. */
    readonly entry: PoolEntry,
  ) {
    this.id = childId(parent, entry.poolId);
  }
}

export type SearchNode = SearchProfile | SearchRegion | SearchPool | SessionItem | ErrorItem;

export interface SearchSummary {
  sessions: number;
  poolsWithSessions: number;
  poolsSearched: number;
  profiles: number;
  regions: number;
  failures: number;
  /** Regions and pools not finished yet. */
  pending: number;
}

type Listener = (node: SearchNode | undefined) => void;

/** Numbers the searches of this extension host: each one's rows get ids of their own (UserSearch.id). */
let searchesMade = 0;

/** One search for one user id; refresh() runs it again in place, retry of an error row runs that part. */
export class UserSearch {
  /**
   * The prefix of every row id of this search, its own: VS Code's tree keeps a row's expanded or
   * collapsed state for as long as a row of the same id comes back, also across a refresh that
   * reaches it late (the view is hidden while no search is shown, so the refresh that emptied it
   * waits there, and the next search's rows meet the old ones). A new search shows its rows as
   * they are made (expanded), not as the user left the one before; running the same search again
   * (Refresh Search) keeps them, ids and all.
   */
  readonly id = syntheticId(undefined, 'search', String(++searchesMade));
  readonly profiles: SearchProfile[] = [];
  private controller = newController();
  private readonly listeners = new Set<Listener>();
  private readonly scheduler: Scheduler;
  private readonly parentOf = new Map<SessionItem | ErrorItem, SearchNode>();
  private runState: SearchState = 'running';
  private failure: ErrorDescription | undefined;
  private running: Promise<void> = Promise.resolve();
  private runs = 0;

  constructor(
    readonly userId: string,
    readonly scope: SearchScope,
    private readonly options: UserSearchOptions,
  ) {
    this.scheduler = new Scheduler(options.perProfile ?? SEARCH_PER_PROFILE, options.overall ?? SEARCH_OVERALL);
  }

  /** A node changed (its row and children); undefined: the whole result. Also fires when the state or summary changes. */
  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get state(): SearchState {
    return this.runState;
  }

  /** Why the search could not start (the AWS files do not read), if so. */
  get error(): ErrorDescription | undefined {
    return this.failure;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Starts the search (again, in place: the rows are rebuilt as the answers come). Resolves when it ends. */
  start(): Promise<void> {
    this.controller.abort();
    this.controller = newController();
    const run = ++this.runs;
    this.runState = 'running';
    this.failure = undefined;
    this.running = this.run(this.controller.signal, run);
    return this.running;
  }

  /** Resolves when the current run ends (done, cancelled or failed). */
  finished(): Promise<void> {
    return this.running;
  }

  /** Stops everything: queued requests never start, requests in flight are aborted. */
  cancel(): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort();
    if (this.runState === 'running') {
      this.runState = 'cancelled';
      this.changed(undefined);
    }
  }

  // Results ---------------------------------------------------------------------------------------

  /** The rows under a node (undefined: the root): only what holds sessions or an error. */
  children(node?: SearchNode): SearchNode[] {
    if (!node) return this.profiles.filter((p) => this.visible(p));
    switch (node.kind) {
      case 'searchProfile':
        return node.regions.filter((r) => this.visible(r));
      case 'searchRegion':
        return [...(node.error ? [node.error] : []), ...[...node.pools.values()].filter((p) => this.visible(p))];
      case 'searchPool':
        return [...node.sessions, ...(node.error ? [node.error] : [])];
      default:
        return [];
    }
  }

  parent(node: SearchNode): SearchNode | undefined {
    if (node.kind === 'session' || node.kind === 'error') return this.parentOf.get(node);
    return node.parent;
  }

  /** Every session found so far, with its profile, region and pool. */
  found(): FoundSession[] {
    const out: FoundSession[] = [];
    for (const pool of this.pools()) {
      for (const item of pool.sessions) {
        out.push({ profile: item.profile, region: item.region, poolId: item.poolId, poolName: pool.entry.name, session: item.session });
      }
    }
    return out;
  }

  /** The session rows, for the quick search. */
  sessionItems(): SessionItem[] {
    return this.pools().flatMap((p) => p.sessions);
  }

  /** The summary as the view's message shows it: summaryText() of summary() and state. */
  summaryText(): string {
    return summaryText(this.summary(), this.state);
  }

  summary(): SearchSummary {
    const pools = this.pools();
    const regions = this.profiles.flatMap((p) => p.regions);
    return {
      sessions: pools.reduce((n, p) => n + p.sessions.length, 0),
      poolsWithSessions: pools.filter((p) => p.sessions.length > 0).length,
      poolsSearched: pools.length,
      profiles: this.profiles.length,
      regions: regions.length,
      failures: regions.filter((r) => r.error).length + pools.filter((p) => p.error).length,
      pending: regions.filter((r) => r.state === 'queued' || r.state === 'listing').length + pools.filter((p) => p.state === 'queued' || p.state === 'searching').length,
    };
  }

  // The search ------------------------------------------------------------------------------------

  private async run(signal: AbortSignal, run: number): Promise<void> {
    const log = this.options.log ?? (() => undefined);
    try {
      const shown = await this.options.model.profileList();
      if (signal.aborted) return;
      const wanted = shown.filter((p) => this.scope.profile === undefined || p.name === this.scope.profile);
      this.profiles.length = 0;
      this.parentOf.clear();
      for (const entry of wanted) {
        const node = new SearchProfile(entry, this);
        const regions = this.options.model.regionsOf(entry).filter((r) => this.scope.region === undefined || r === this.scope.region);
        for (const region of new Set(regions)) node.regions.push(new SearchRegion(node, region));
        this.profiles.push(node);
      }
      this.changed(undefined);
      log(`search: started: ${this.profiles.length} profiles, ${this.profiles.reduce((n, p) => n + p.regions.length, 0)} regions`);
      await Promise.all(this.profiles.flatMap((p) => p.regions.map((r) => this.searchRegion(r, signal))));
    } catch (error) {
      if (!signal.aborted) {
        this.failure = this.options.gateway.describeError(error, this.scope.profile ?? '');
        this.runState = 'failed';
        this.changed(undefined);
      }
      return;
    }
    if (run !== this.runs) return;
    if (!signal.aborted) this.runState = 'done';
    const s = this.summary();
    log(`search: ${this.runState}: ${s.sessions} sessions in ${s.poolsWithSessions} of ${s.poolsSearched} pools, ${s.failures} failed`);
    this.changed(undefined);
  }

  private async searchRegion(node: SearchRegion, signal: AbortSignal): Promise<void> {
    const profile = node.parent.entry;
    node.state = 'listing';
    this.setError(node, undefined);
    let pools: PoolEntry[];
    try {
      pools = await this.scheduler.run(profile.name, signal, () => this.options.model.regionPools(profile, node.region, signal));
    } catch (error) {
      if (signal.aborted || isAbortError(error)) {
        node.state = 'cancelled';
        return;
      }
      node.state = 'failed';
      const entry = profile.regions.get(node.region) as RegionEntry;
      this.setError(node, new ErrorItem(entry ?? profile, this.describe(error, profile.name), profile.name, () => this.retryPart(() => this.searchRegion(node, this.liveSignal()))));
      return;
    }
    if (signal.aborted) return;
    node.state = 'listed';
    node.pools.clear();
    for (const pool of pools) node.pools.set(pool.poolId, new SearchPool(node, pool));
    this.changed(undefined); // the summary counts the pools
    await Promise.all([...node.pools.values()].map((p) => this.searchPool(p, signal)));
  }

  private async searchPool(node: SearchPool, signal: AbortSignal): Promise<void> {
    const { entry } = node;
    node.state = 'searching';
    const found: WorkspacesPoolSession[] = [];
    const seen = new Set<string>();
    let nextToken: string | undefined;
    try {
      do {
        const page = await this.scheduler.run(entry.profile, signal, () =>
          this.options.gateway.sessionsPage(entry.profile, entry.region, entry.poolId, { userId: this.userId, nextToken, limit: 50, signal }),
        );
        for (const s of page.sessions) {
          // The service filters by UserId; a session of another user would be its bug, not a result.
          if (s.UserId !== this.userId || seen.has(s.SessionId ?? '')) continue;
          seen.add(s.SessionId ?? '');
          found.push(s);
        }
        nextToken = page.nextToken;
      } while (nextToken && !signal.aborted);
    } catch (error) {
      if (signal.aborted || isAbortError(error)) {
        node.state = 'cancelled';
        return;
      }
      node.state = 'failed';
      this.setError(node, new ErrorItem(entry, this.describe(error, entry.profile), entry.profile, () => this.retryPart(() => this.searchPool(node, this.liveSignal()))));
      return;
    }
    if (signal.aborted) return;
    const hadRows = node.sessions.length > 0 || node.error !== undefined;
    node.state = 'done';
    node.error = undefined;
    node.sessions = found.map((s) => {
      const item = new SessionItem(entry, s);
      this.parentOf.set(item, node);
      return item;
    });
    if (found.length > 0 || hadRows) this.changed(undefined);
  }

  /** Runs one failed part again; the search counts as running meanwhile. */
  private async retryPart(part: () => Promise<void>): Promise<void> {
    const wasRunning = this.runState === 'running';
    this.runState = 'running';
    this.changed(undefined);
    const retried = part();
    if (!wasRunning) this.running = retried;
    await retried;
    if (!wasRunning && this.runState === 'running' && this.summary().pending === 0) {
      this.runState = 'done';
      this.changed(undefined);
    }
  }

  /** The signal of the current run; a new one after a cancel, for a retry. */
  private liveSignal(): AbortSignal {
    if (this.controller.signal.aborted) this.controller = newController();
    return this.controller.signal;
  }

  private setError(node: SearchRegion | SearchPool, error: ErrorItem | undefined): void {
    if (node.error) this.parentOf.delete(node.error);
    node.error = error;
    if (error) this.parentOf.set(error, node);
    this.changed(undefined);
  }

  private describe(error: unknown, profile: string): ErrorDescription {
    const info = this.options.gateway.describeError(error, profile);
    this.options.log?.(`search: error: profile ${profile}: ${info.kind}: ${info.message}`);
    return info;
  }

  private pools(): SearchPool[] {
    return this.profiles.flatMap((p) => p.regions.flatMap((r) => [...r.pools.values()]));
  }

  private visible(node: SearchProfile | SearchRegion | SearchPool): boolean {
    switch (node.kind) {
      case 'searchProfile':
        return node.regions.some((r) => this.visible(r));
      case 'searchRegion':
        return node.error !== undefined || [...node.pools.values()].some((p) => this.visible(p));
      case 'searchPool':
        return node.error !== undefined || node.sessions.length > 0;
    }
  }

  private changed(node: SearchNode | undefined): void {
    for (const listener of [...this.listeners]) listener(node);
  }
}

/** "3 sessions in 2 of 57 pools · 2 profiles · 3 regions" (+ failures, + "searching…"). */
export function summaryText(s: SearchSummary, state: SearchState): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [`${plural(s.sessions, 'session')} in ${s.poolsWithSessions} of ${plural(s.poolsSearched, 'pool')}`, plural(s.profiles, 'profile'), plural(s.regions, 'region')];
  if (s.failures) parts.push(`${s.failures} failed`);
  if (state === 'running') parts.push('searching…');
  else if (state === 'cancelled') parts.push('cancelled');
  return parts.join(' · ');
}

/** One signal for every request of a search: one listener per queued or running request is expected, not a leak. */
function newController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
