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

export type Item = ProfileEntry | RegionEntry | PoolEntry | SessionItem | LoadMoreItem | PlaceholderItem | ErrorItem;

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
  /** The key its user filter was saved under before ids were encoded (choices.ts reads it once more). */
  get legacyFilterKey(): string {
    return legacyPoolKey(this.profile, this.region, this.poolId);
  }

  /** The loaded sessions as items, each the same object from one render to the next. */
  sessionItemList(): SessionItem[] {
    const sessions = this.sessions.sessions;
    if (sessions.length === 0) this.sessionItems.clear();
    return sessions.map((session) => {
      const key = session.SessionId ?? '';
      let item = this.sessionItems.get(key);
      if (!item || item.session !== session) {
        item = new SessionItem(this, session);
        this.sessionItems.set(key, item);
      }
      return item;
    });
  }

  sessionRef(session: WorkspacesPoolSession): SessionRef {
    return { profile: this.profile, region: this.region, poolId: this.poolId, sessionId: session.SessionId ?? '', userId: session.UserId ?? '' };
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
