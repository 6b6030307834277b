// The explorer's items: profile → (region) → pool → session, plus the rows that say where the
// list ends (Load more), that it is empty (placeholder) or that it failed (error). No `vscode`
// import: src/tree renders each kind as a TreeItem. Ids are paths of encoded names (itemIds.ts), the
// same from one refresh to the next so VS Code keeps expansion, and never the same for two rows.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import type { ErrorDescription } from '../aws/errors';
import type { ProfileInfo } from '../aws/profiles';
import type { SessionRef } from '../core/session';
import { CachedLoad } from './cachedLoad';
import { childId, legacyPoolKey, syntheticId } from './itemIds';
import { PoolSessions } from './poolSessions';

/** Enough for the largest pools listed page by page; a bound so that memory does not grow without end. */
const MAX_SEEN_USER_IDS = 20_000;

export type Item = ProfileEntry | RegionEntry | PoolEntry | SessionRangeItem | SessionItem | LoadMoreItem | PlaceholderItem | ErrorItem;

/**
 * Past FLAT_LIMIT loaded sessions, a pool lists them in ranges of RANGE_SIZE ("Sessions 1–100"), as
 * VS Code's debugger groups a long array. Why: VS Code re-reads every child of a node that changed,
 * so a Load more under a flat list of 10,000 rows costs 10,000 rows; with ranges it re-reads one
 * range (or, when a page opens a new range, the list of ranges), whatever is loaded.
 */
export const RANGE_SIZE = 100;
export const FLAT_LIMIT = 2000;

export class ProfileEntry {
  readonly kind = 'profile';
  readonly parent = undefined;
  readonly id: string;
  /** One pool list per region, kept until a refresh. */
  readonly regions = new Map<string, RegionEntry>();

  constructor(public info: ProfileInfo) {
    this.id = childId(undefined, info.name);
  }

  get name(): string {
    return this.info.name;
  }

  get isSso(): boolean {
    return this.info.kind === 'sso' || this.info.kind === 'sso-legacy';
  }
}

/** A region's pools for one profile: the loaded list and the pool entries, reused across refreshes. */
export class RegionEntry {
  readonly kind = 'region';
  readonly id: string;
  readonly pools: CachedLoad<WorkspacesPool[]>;
  readonly poolEntries = new Map<string, PoolEntry>();

  constructor(
    readonly parent: ProfileEntry,
    readonly region: string,
    listPools: (signal: AbortSignal) => Promise<WorkspacesPool[]>,
  ) {
    this.id = childId(parent, region);
    this.pools = new CachedLoad(listPools);
  }

  get profile(): ProfileEntry {
    return this.parent;
  }
}

export class PoolEntry {
  readonly kind = 'pool';
  readonly id: string;
  readonly sessions: PoolSessions<WorkspacesPoolSession>;
  /** The one Load more row of this pool: the same object for as long as the pool is shown. */
  readonly loadMoreItem: LoadMoreItem;
  /** Ids of sessions terminated (or being terminated) that the service may still list: their rows say they are ending. */
  readonly ending = new Set<string>();
  private readonly sessionItems = new Map<string, SessionItem>();
  /**
   * Every user id shown under this pool (bounded): a filter that finds nothing can say that a
   * loaded id differs from it only by invisible characters or case (src/model/poolRows.ts).
   */
  readonly seenUserIds = new Set<string>();
  /** The rows last given to the view. */
  shownRows: Item[] | undefined;
  /**
   * While a new user filter's first page loads: the rows shown before, given to the view again, so
   * that the pool row can show the load (a change re-reads the children) and its rows stay usable.
   */
  rowsWhileLoading: Item[] | undefined;
  /** After "Load more…" from the tree: the first new session, focused, and what its accessible label adds. */
  addedNote: { item: SessionItem; text: string } | undefined;
  private readonly rangeItems = new Map<number, SessionRangeItem>();

  constructor(
    readonly regionEntry: RegionEntry,
    /** The profile when it has one region, else the region. */
    public parent: ProfileEntry | RegionEntry,
    public pool: WorkspacesPool,
    newSessions: (entry: PoolEntry) => PoolSessions<WorkspacesPoolSession>,
  ) {
    this.id = childId(regionEntry, pool.PoolId ?? '');
    this.loadMoreItem = new LoadMoreItem(this);
    this.sessions = newSessions(this);
  }

  get profile(): string {
    return this.regionEntry.profile.name;
  }
  get region(): string {
    return this.regionEntry.region;
  }
  get poolId(): string {
    return this.pool.PoolId ?? '';
  }
  get name(): string {
    return this.pool.PoolName ?? this.poolId;
  }
  get userFilter(): string | undefined {
    return this.sessions.userId;
  }
  /** What the row shows is from before a refresh that failed (its pool list or its sessions): the error row says why. */
  get stale(): boolean {
    return this.regionEntry.pools.stale !== undefined || this.sessions.stale;
  }
  /** The key its user filter was saved under before ids were encoded (choices.ts reads it once more). */
  get legacyFilterKey(): string {
    return legacyPoolKey(this.profile, this.region, this.poolId);
  }

  /** The loaded sessions as items, each the same object from one render to the next. */
  sessionItemList(): SessionItem[] {
    return this.sessionItemsIn(0, this.sessions.sessions.length);
  }

  /** The items of the loaded sessions [start, end). */
  sessionItemsIn(start: number, end: number): SessionItem[] {
    const sessions = this.sessions.sessions;
    if (sessions.length === 0) {
      this.sessionItems.clear();
      this.rangeItems.clear();
    }
    return sessions.slice(start, end).map((session) => {
      if (session.UserId && this.seenUserIds.size < MAX_SEEN_USER_IDS) this.seenUserIds.add(session.UserId);
      const key = session.SessionId ?? '';
      let item = this.sessionItems.get(key);
      if (!item || item.session !== session) {
        item = new SessionItem(this, session);
        this.sessionItems.set(key, item);
      }
      return item;
    });
  }

  /** Whether the sessions are listed in ranges (see RANGE_SIZE) rather than as the pool's own rows. */
  get ranged(): boolean {
    return this.sessions.sessions.length > FLAT_LIMIT;
  }

  /** The ranges that hold the loaded sessions, in order. */
  rangeList(): SessionRangeItem[] {
    const ranges: SessionRangeItem[] = [];
    for (let start = 0; start < this.sessions.sessions.length; start += RANGE_SIZE) ranges.push(this.rangeAt(start));
    return ranges;
  }

  /** The range that lists a loaded session, when the pool lists ranges. */
  rangeOf(sessionId: string): SessionRangeItem | undefined {
    if (!this.ranged) return undefined;
    const index = this.sessions.indexOf(sessionId);
    return index < 0 ? undefined : this.rangeAt(index - (index % RANGE_SIZE));
  }

  private rangeAt(start: number): SessionRangeItem {
    let range = this.rangeItems.get(start);
    if (!range) {
      range = new SessionRangeItem(this, start);
      this.rangeItems.set(start, range);
    }
    return range;
  }

  sessionRef(session: WorkspacesPoolSession): SessionRef {
    return { profile: this.profile, region: this.region, poolId: this.poolId, sessionId: session.SessionId ?? '', userId: session.UserId ?? '' };
  }
}

/** A row that groups RANGE_SIZE loaded sessions of a pool (see FLAT_LIMIT). */
export class SessionRangeItem {
  readonly kind = 'range';
  readonly id: string;

  constructor(
    readonly parent: PoolEntry,
    /** Index of its first session in the pool's loaded list. */
    readonly start: number,
  ) {
    this.id = syntheticId(parent, 'range', String(start));
  }

  /** One past its last loaded session: the last range grows as pages land. */
  get end(): number {
    return Math.min(this.start + RANGE_SIZE, this.parent.sessions.sessions.length);
  }

  /** Whether it is the pool's last range (the one Load more fills). */
  get isLast(): boolean {
    return this.start + RANGE_SIZE >= this.parent.sessions.sessions.length;
  }
}

export class SessionItem implements SessionRef {
  readonly kind = 'session';
  readonly id: string;
  readonly profile: string;
  readonly region: string;
  readonly poolId: string;
  readonly sessionId: string;
  readonly userId: string;

  constructor(
    readonly parent: PoolEntry,
    readonly session: WorkspacesPoolSession,
  ) {
    this.profile = parent.profile;
    this.region = parent.region;
    this.poolId = parent.poolId;
    this.sessionId = session.SessionId ?? '';
    this.userId = session.UserId ?? '';
    this.id = childId(parent, this.sessionId);
  }
}

export class LoadMoreItem {
  readonly kind = 'loadMore';
  readonly id: string;

  constructor(readonly parent: PoolEntry) {
    this.id = syntheticId(parent, 'more');
  }
}

/** What a placeholder row offers when clicked. */
export type PlaceholderAction = { kind: 'selectRegions'; profile: ProfileEntry };

export class PlaceholderItem {
  readonly kind = 'placeholder';
  readonly id: string;

  constructor(
    readonly parent: Item | undefined,
    /** A fixed word (`empty`, `noRegion`, `missing`), and the name it is about, if any. */
    word: string,
    readonly label: string,
    readonly action?: PlaceholderAction,
    name?: string,
    /** 'warning': a problem the user should see (a pool's own error), not just a note. */
    readonly tone?: 'warning',
  ) {
    this.id = syntheticId(parent, word, name);
  }
}

export class ErrorItem {
  readonly kind = 'error';
  readonly id: string;

  constructor(
    readonly parent: Item | undefined,
    readonly info: ErrorDescription,
    /** The profile to sign in with when the error is an SSO login one. */
    readonly profile: string | undefined,
    /** Loads again what failed (only that part). */
    readonly retry: () => Promise<void>,
  ) {
    this.id = syntheticId(parent, 'error');
  }
}
