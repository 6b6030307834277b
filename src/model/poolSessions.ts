// Paging state of one pool's sessions. No `vscode` import: the tree renders it, the unit tests
// drive it in plain Node.
//
// Invariants the tree relies on:
// - at most one request in flight; a second "Load more" while it runs gets the same promise;
// - reset() (refresh, filter change) cancels the request in flight, so a stale answer that still
//   arrives is dropped instead of mixed into the new list;
// - a failed "Load more" keeps the pages already loaded and remembers the error for a retry;
// - sessions are unique by SessionId even if the service repeats one across pages;
// - a refresh that fails keeps the sessions loaded before, marked stale, until a first page lands;
// - a refresh while the first page is in flight joins it (joinsRunningRead, latestRequest.ts).
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import type { SessionsPage } from '../aws/pager';
import { joinsRunningRead, LatestRequest } from './latestRequest';
import { mergeReread, type RereadMarks } from './reread';

export interface PageRequest {
  userId?: string;
  nextToken?: string;
  signal: AbortSignal;
}

export type FetchPage<S> = (request: PageRequest) => Promise<SessionsPage<S>>;

/**
 * A re-read's outcome. `changed`: whether anything shown changed (a row under the pool, or the
 * marks on it): a re-read that found nothing new leaves the tree alone, so the rows are not drawn
 * again and a tooltip open on one stays.
 */
export type RereadResult = { ok: true; marks: RereadMarks; changed: boolean; requests: number } | { ok: false; error: unknown; requests: number };

export type PoolSessionsState =
  | 'idle' // nothing requested yet (or reset)
  | 'loading' // first page in flight
  | 'loaded' // at least the first page is here; `hasMore` tells whether a token remains
  | 'loadingMore' // a further page in flight, loaded sessions still shown
  | 'failed'; // the last request failed; `error` holds why, loaded pages (if any) stay

export class PoolSessions<S extends { SessionId?: string } = WorkspacesPoolSession> {
  private list: S[] = [];
  private byId = new Map<string, S>();
  private token: string | undefined;
  private firstPageLoaded = false;
  private lastError: unknown;
  private readonly request = new LatestRequest();
  private resets = 0;
  /** The sessions loaded before the last refresh, shown (stale) while its first page has failed. */
  private kept: { list: S[]; byId: Map<string, S> } | undefined;
  /** list.length after each loaded page: where a page ends, for a re-read of the first pages. */
  private pageEnds: number[] = [];
  /** What the last auto-refresh re-read found (src/model/autoRefresh.ts); cleared by reset(). */
  private marks: RereadMarks | undefined;
  private lastReadAt: number | undefined;
  private rereading = false;

  constructor(
    private readonly fetchPage: FetchPage<S>,
    private filter: string | undefined,
  ) {}

  /** Bumped by every reset(): an answer to an older generation is stale. */
  get generation(): number {
    return this.resets;
  }

  /** Requests sent, for tests and benchmarks. */
  get requests(): number {
    return this.request.requests;
  }

  get sessions(): readonly S[] {
    return this.stale && this.kept ? this.kept.list : this.list;
  }

  /** True while the sessions shown are those loaded before a refresh whose first page failed. */
  get stale(): boolean {
    return !this.firstPageLoaded && this.lastError !== undefined && this.kept !== undefined;
  }

  get userId(): string | undefined {
    return this.filter;
  }

  get error(): unknown {
    return this.lastError;
  }

  get loaded(): boolean {
    return this.firstPageLoaded;
  }

  /** True while a token remains after the last loaded page. */
  get hasMore(): boolean {
    return this.firstPageLoaded && this.token !== undefined;
  }

  get loading(): boolean {
    return this.request.running;
  }

  get state(): PoolSessionsState {
    // A re-read (auto-refresh) keeps showing what is loaded: no Load more row for it.
    if (this.request.running && !this.rereading) return this.firstPageLoaded ? 'loadingMore' : 'loading';
    if (this.lastError !== undefined) return 'failed';
    return this.firstPageLoaded ? 'loaded' : 'idle';
  }

  /**
   * Resolves once the first page is loaded or has failed, loading it if needed. A failure waits
   * for an explicit retry: expanding a failed pool again must not hammer the service. A reset
   * while waiting (refresh, new filter) starts a new first page, and this waits for that one.
   */
  async ensureFirstPage(): Promise<void> {
    while (!this.firstPageLoaded && this.lastError === undefined) {
      await (this.request.promise ?? this.load(undefined));
    }
  }

  /** Appends the next page; a call while one loads returns the same promise. */
  loadMore(): Promise<void> {
    if (this.request.promise) return this.request.promise;
    if (!this.hasMore) return Promise.resolve();
    return this.load(this.token);
  }

  /** Repeats what failed: the first page, or the next page after those loaded. */
  retry(): Promise<void> {
    if (this.request.promise) return this.request.promise;
    this.lastError = undefined;
    return this.firstPageLoaded ? this.loadMore() : this.load(undefined);
  }

  /**
   * Forgets everything loaded and drops any answer still on its way: a refresh, or with
   * `{ userId }` a new filter (`{ userId: undefined }` clears it).
   */
  reset(filter?: { userId: string | undefined }): void {
    // A refresh keeps what it replaces until it succeeds; a new filter asks another question.
    if (filter) this.kept = undefined;
    else if (this.firstPageLoaded) this.kept = { list: this.list, byId: this.byId };
    this.request.cancel();
    this.resets++;
    if (filter) this.filter = filter.userId;
    this.list = [];
    this.byId = new Map();
    this.token = undefined;
    this.firstPageLoaded = false;
    this.lastError = undefined;
    this.pageEnds = [];
    this.marks = undefined;
    this.lastReadAt = undefined;
    this.rereading = false;
  }

  /** Pages loaded (first page and each Load more that landed). */
  get pages(): number {
    return this.pageEnds.length;
  }

  /** When a page was last read (a load or a re-read; ms since the epoch), while anything is loaded. */
  get readAt(): number | undefined {
    return this.lastReadAt;
  }

  /** What the last re-read found: sessions new since the one before, sessions ended, rows not re-read. */
  get lastReread(): RereadMarks | undefined {
    return this.marks;
  }

  /**
   * Auto-refresh: reads the first `maxPages` of the loaded pages again, from the first page, as
   * one request of this pool (a Load more or Retry meanwhile joins it; a reset drops its answer).
   * What it read replaces those pages; loaded pages beyond them stay, marked stale. A failure
   * keeps everything loaded. Resolves with the re-read's outcome, or undefined when it did not
   * run (nothing loaded, a request in flight, a failed load waiting for Retry) or was dropped.
   */
  reread(maxPages: number, now: number): Promise<RereadResult | undefined> {
    const wanted = Math.min(maxPages, this.pageEnds.length);
    if (wanted < 1 || this.request.running || this.lastError !== undefined || !this.firstPageLoaded) return Promise.resolve(undefined);
    const userId = this.filter;
    let result: RereadResult | undefined;
    let sent = 0;
    const promise = this.request.start(
      async (signal) => {
        const pages: (readonly S[])[] = [];
        let nextToken: string | undefined;
        do {
          sent++;
          const page = await this.fetchPage({ userId, nextToken, signal });
          pages.push(page.sessions);
          nextToken = page.nextToken || undefined;
        } while (nextToken !== undefined && pages.length < wanted);
        return { pages, nextToken };
      },
      (outcome) => {
        this.rereading = false;
        if (!outcome.ok) {
          result = { ok: false, error: outcome.error, requests: sent };
          return;
        }
        const { pages, nextToken } = outcome.value;
        // The id index is handed over (updated in place): the stale tail is not indexed again.
        const merged = mergeReread({ list: this.list, pageEnds: this.pageEnds, token: this.token, byId: this.byId }, pages, nextToken, now);
        this.list = merged.list;
        this.byId = merged.byId;
        this.pageEnds = merged.pageEnds;
        this.token = merged.token;
        const before = this.marks;
        this.marks = merged.marks;
        this.lastReadAt = now;
        result = { ok: true, marks: merged.marks, changed: !merged.sameRows || marksChanged(before, merged.marks), requests: sent };
      },
    );
    this.rereading = true;
    return promise.then(() => result);
  }

  /**
   * A refresh: the sessions again from the first page, keeping those loaded as stale should it fail.
   * While the first page is in flight it joins that read instead (joinsRunningRead): two Refresh
   * clicks during a first load send one request. Returns whether it started a new read.
   */
  refresh(): boolean {
    if (!this.firstPageLoaded && joinsRunningRead(this.request)) return false;
    this.reset();
    return true;
  }

  find(sessionId: string): S | undefined {
    return this.byId.get(sessionId) ?? (this.stale ? this.kept?.byId.get(sessionId) : undefined);
  }

  /**
   * What another view learned about one session (the details page read it again): its new data, or
   * `undefined` when it no longer exists. Returns whether a loaded session changed.
   */
  learn(sessionId: string, session: S | undefined): boolean {
    let changed = false;
    for (const held of [{ list: this.list, byId: this.byId }, this.kept]) {
      if (!held?.byId.has(sessionId)) continue;
      const index = held.list.findIndex((s) => s.SessionId === sessionId);
      if (session) {
        held.byId.set(sessionId, session);
        if (index >= 0) held.list[index] = session;
      } else {
        held.byId.delete(sessionId);
        if (index >= 0) held.list.splice(index, 1);
      }
      changed = true;
    }
    return changed;
  }

  /** The session's position in `sessions`, or -1 (a scan: asked when a row is revealed or a page lands, not per row). */
  indexOf(sessionId: string): number {
    return this.list.findIndex((s) => s.SessionId === sessionId);
  }

  private load(nextToken: string | undefined): Promise<void> {
    this.lastError = undefined;
    const userId = this.filter;
    const promise = this.request.start(
      (signal) => this.fetchPage({ userId, nextToken, signal }),
      (outcome) => {
        if (outcome.ok) {
          if (nextToken === undefined) this.kept = undefined;
          this.append(outcome.value.sessions);
          // A page loaded after a re-read is fresh: its rows are not the re-read's stale ones.
          this.marks?.stale.loadedAfter(outcome.value.sessions.flatMap((s) => (s.SessionId === undefined ? [] : [s.SessionId])));
          this.pageEnds.push(this.list.length);
          this.lastReadAt = Date.now();
          this.token = outcome.value.nextToken || undefined;
          this.firstPageLoaded = true;
        } else {
          this.lastError = outcome.error;
        }
      },
    );
    return promise;
  }

  private append(sessions: readonly S[]): void {
    for (const session of sessions) {
      const id = session.SessionId;
      if (id !== undefined) {
        if (this.byId.has(id)) continue;
        this.byId.set(id, session);
      }
      this.list.push(session);
    }
  }
}

/**
 * Whether the marks a re-read leaves differ from those before it, as rows show them: the pool's
 * counts ("+2 new · 1 ended · 3 pages stale") and the sessions marked new (the last re-read's new
 * ones lose the mark). Stale rows are the same ones while the rows and the stale page count are.
 */
function marksChanged(before: RereadMarks | undefined, after: RereadMarks): boolean {
  return (before?.added.size ?? 0) > 0 || after.added.size > 0 || (before?.ended ?? 0) !== after.ended || (before?.pagesStale ?? 0) !== after.pagesStale;
}
