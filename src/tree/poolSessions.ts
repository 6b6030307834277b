// Paging state of one pool's sessions. No `vscode` import: the tree renders it, the unit tests
// drive it in plain Node.
//
// Invariants the tree relies on:
// - at most one request in flight; a second "Load more" while it runs gets the same promise;
// - reset() (refresh, filter change) bumps a generation and aborts the request in flight, so a
//   stale answer that still arrives is dropped instead of mixed into the new list;
// - a failed "Load more" keeps the pages already loaded and remembers the error for a retry;
// - sessions are unique by SessionId even if the service repeats one across pages.

export interface SessionPage<S> {
  sessions: S[];
  nextToken?: string;
}

export interface PageRequest {
  userId?: string;
  nextToken?: string;
  signal: AbortSignal;
}

export type FetchPage<S> = (request: PageRequest) => Promise<SessionPage<S>>;

export type PoolSessionsState =
  | 'idle' // nothing requested yet (or reset)
  | 'loading' // first page in flight
  | 'loaded' // at least the first page is here; `hasMore` tells whether a token remains
  | 'loadingMore' // a further page in flight, loaded sessions still shown
  | 'failed'; // the last request failed; `error` holds why, loaded pages (if any) stay

export class PoolSessions<S extends { SessionId?: string }> {
  private list: S[] = [];
  private byId = new Map<string, S>();
  private token: string | undefined;
  private firstPageLoaded = false;
  private lastError: unknown;
  private inflight: { promise: Promise<void>; controller: AbortController } | undefined;
  private generation = 0;
  /** Requests sent, for tests and benchmarks. */
  requests = 0;

  constructor(
    private readonly fetchPage: FetchPage<S>,
    private filter: string | undefined,
    private readonly onChange: () => void = () => undefined,
  ) {}

  get sessions(): readonly S[] {
    return this.list;
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
    return this.inflight !== undefined;
  }

  get state(): PoolSessionsState {
    if (this.inflight) return this.firstPageLoaded ? 'loadingMore' : 'loading';
    if (this.lastError !== undefined) return 'failed';
    return this.firstPageLoaded ? 'loaded' : 'idle';
  }

  /**
   * Loads the first page unless it is loaded, loading or has failed (a failure waits for an
   * explicit retry: expanding a failed pool again must not hammer the service).
   */
  ensureFirstPage(): Promise<void> {
    if (this.inflight) return this.inflight.promise;
    if (this.firstPageLoaded || this.lastError !== undefined) return Promise.resolve();
    return this.load(undefined);
  }

  /** Appends the next page; a call while one loads returns the same promise. */
  loadMore(): Promise<void> {
    if (this.inflight) return this.inflight.promise;
    if (!this.hasMore) return Promise.resolve();
    return this.load(this.token);
  }

  /** Repeats what failed: the first page, or the next page after those loaded. */
  retry(): Promise<void> {
    if (this.inflight) return this.inflight.promise;
    this.lastError = undefined;
    return this.firstPageLoaded ? this.loadMore() : this.load(undefined);
  }

  /**
   * Forgets everything loaded and drops any answer still on its way: a refresh, or with
   * `{ userId }` a new filter (`{ userId: undefined }` clears it).
   */
  reset(filter?: { userId: string | undefined }): void {
    this.generation++;
    this.inflight?.controller.abort();
    this.inflight = undefined;
    if (filter) this.filter = filter.userId;
    this.list = [];
    this.byId = new Map();
    this.token = undefined;
    this.firstPageLoaded = false;
    this.lastError = undefined;
    this.onChange();
  }

  find(sessionId: string): S | undefined {
    return this.byId.get(sessionId);
  }

  private load(nextToken: string | undefined): Promise<void> {
    const generation = this.generation;
    const controller = new AbortController();
    this.lastError = undefined;
    this.requests++;
    const promise = (async () => {
      try {
        const page = await this.fetchPage({ userId: this.filter, nextToken, signal: controller.signal });
        if (generation !== this.generation) return;
        this.append(page.sessions);
        this.token = page.nextToken || undefined;
        this.firstPageLoaded = true;
      } catch (error) {
        if (generation !== this.generation) return;
        this.lastError = error ?? new Error('Unknown error');
      } finally {
        if (generation === this.generation) {
          this.inflight = undefined;
          this.onChange();
        }
      }
    })();
    this.inflight = { promise, controller };
    this.onChange();
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
