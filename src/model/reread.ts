// Merging a re-read of a pool's first pages into what is loaded (auto-refresh, src/model/autoRefresh.ts).
// No `vscode` import; PoolSessions calls it with its own state.
//
// The service lists a pool's sessions in a stable order (the emulator: by creation, new ones last),
// so the first N pages read again replace the first N pages loaded:
// - new: ids in the fresh pages that were not loaded at all;
// - ended: ids loaded in the pages read again that neither the fresh pages nor the pages not read
//   again hold. When every loaded page was read again this is exact for what is loaded: a session
//   that ended, or one that moved past the loaded pages (the same as Refresh would drop);
// - stale: loaded pages beyond those read again (the tick's request bound) stay as they were, each
//   of their sessions marked stale, and Load more continues from the old NextToken after them.
// A session whose data did not change keeps its object, so its tree item (and row) stays the same.
//
// Cost: a tick must cost what it reads, not what is loaded (bench/autoRefresh.ts: a tick with
// 10,000 sessions loaded against one with 100, per request). So the merge touches the sessions of
// the pages read (old and fresh) and never walks the stale tail one by one: the tail is copied as
// a block, the id index is updated in place (the head's ids out, the fresh ones in), `ended` is
// counted from sizes, and `stale` is a view (StaleRows) rather than a set of every stale id. Only
// a session found in the fresh pages that was loaded in the tail (it moved forward) makes the tail
// be filtered, once.

export interface RereadMarks {
  /** When the pages were read (ms since the epoch). */
  readAt: number;
  /** Sessions that were not loaded before this re-read. */
  added: ReadonlySet<string>;
  /** Sessions loaded before that this re-read no longer found. */
  ended: number;
  /** Sessions loaded in pages that were not read again (beyond the bound). */
  stale: StaleRows;
  /** Pages read again, and loaded pages not read again. */
  pagesRead: number;
  pagesStale: number;
}

/** The sessions a re-read left as they were (loaded pages beyond those read again). */
export interface StaleRows extends Iterable<string> {
  has(sessionId: string): boolean;
  readonly size: number;
  /** A page loaded after the re-read (Load more) is not stale: its ids leave the view. */
  loadedAfter(sessionIds: Iterable<string>): void;
}

const NO_STALE_ROWS: StaleRows = {
  has: () => false,
  size: 0,
  loadedAfter: () => undefined,
  [Symbol.iterator]: () => [][Symbol.iterator](),
};

/**
 * The stale rows as a view over the merged index: a session is stale when it is loaded, was not in
 * the fresh pages, and did not arrive by a later Load more. Built in O(1), asked per row shown.
 */
class StaleTail<S extends { SessionId?: string }> implements StaleRows {
  private readonly later = new Set<string>();
  constructor(
    private readonly index: ReadonlyMap<string, S>,
    private readonly fresh: ReadonlyMap<string, S>,
    private readonly tail: readonly S[],
    readonly size: number,
  ) {}

  has(sessionId: string): boolean {
    return this.index.has(sessionId) && !this.fresh.has(sessionId) && !this.later.has(sessionId);
  }

  loadedAfter(sessionIds: Iterable<string>): void {
    for (const id of sessionIds) this.later.add(id);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const s of this.tail) if (s.SessionId !== undefined && this.has(s.SessionId)) yield s.SessionId;
  }
}

interface Loaded<S> {
  list: readonly S[];
  pageEnds: readonly number[];
  token: string | undefined;
  /**
   * The index of `list` by id, when the caller keeps one: taken over (updated in place and
   * returned as the merged index), so that the stale tail is never indexed again. Else built here.
   */
  byId?: Map<string, S>;
}

export interface Merged<S> {
  list: S[];
  byId: Map<string, S>;
  pageEnds: number[];
  token: string | undefined;
  marks: RereadMarks;
  /**
   * The rows are as they were: the same sessions, each the same object, in the same order, and Load
   * more where it was. (Marks are compared by the caller, which holds the previous ones.)
   */
  sameRows: boolean;
}

export function mergeReread<S extends { SessionId?: string }>(
  old: Loaded<S>,
  pages: readonly (readonly S[])[],
  nextToken: string | undefined,
  readAt: number,
): Merged<S> {
  const oldById = old.byId ?? indexOf(old.list);
  const oldSize = oldById.size;

  // The fresh pages, each session keeping its old object when its data did not change.
  const fresh: S[] = [];
  const freshById = new Map<string, S>();
  const freshEnds: number[] = [];
  const added = new Set<string>();
  for (const page of pages) {
    for (const session of page) {
      const id = session.SessionId;
      if (id !== undefined) {
        if (freshById.has(id)) continue; // repeated across pages: once, as PoolSessions.append does
        const before = oldById.get(id);
        if (!before) added.add(id);
        const kept = before && sameData(before, session) ? before : session;
        freshById.set(id, kept);
        fresh.push(kept);
      } else {
        fresh.push(session);
      }
    }
    freshEnds.push(fresh.length);
  }

  // The list ended within the pages read (no token), or every loaded page was read: nothing stale.
  const complete = nextToken === undefined || pages.length >= old.pageEnds.length;
  if (complete) {
    // Every id the fresh pages hold that was loaded is one not ended.
    const ended = oldSize - (freshById.size - added.size);
    return {
      list: fresh,
      byId: freshById,
      pageEnds: freshEnds,
      token: nextToken,
      marks: { readAt, added, ended, stale: NO_STALE_ROWS, pagesRead: pages.length, pagesStale: 0 },
      sameRows: sameHead(old.list, fresh, old.list.length) && (nextToken === undefined) === (old.token === undefined),
    };
  }

  // Loaded pages beyond those read again: kept as they were, marked stale, their page ends shifted;
  // Load more goes on after the last loaded page, as before.
  const tailStart = old.pageEnds[pages.length - 1] ?? old.list.length;
  const byId = oldById;
  const head = new Set<string>();
  for (let i = 0; i < tailStart; i++) {
    const id = old.list[i].SessionId;
    if (id === undefined) continue;
    head.add(id);
    if (!freshById.has(id)) byId.delete(id); // ended (or moved past the loaded pages)
  }
  // A fresh session that was loaded, but not in the head, moved forward from the tail.
  let moved = false;
  for (const [id, session] of freshById) {
    if (!moved && !head.has(id) && byId.has(id)) moved = true;
    byId.set(id, session);
  }
  let tail: S[];
  let tailEnds: number[];
  if (!moved) {
    tail = old.list.slice(tailStart);
    const shift = fresh.length - tailStart;
    tailEnds = old.pageEnds.slice(pages.length).map((end) => end + shift);
  } else {
    // Rare (the service's order changed under the loaded pages): the tail without what moved, once.
    tail = [];
    tailEnds = [];
    let oldIndex = tailStart;
    for (let p = pages.length; p < old.pageEnds.length; p++) {
      for (; oldIndex < old.pageEnds[p]; oldIndex++) {
        const s = old.list[oldIndex];
        if (s.SessionId === undefined || !freshById.has(s.SessionId)) tail.push(s);
      }
      tailEnds.push(fresh.length + tail.length);
    }
  }
  const list = fresh.concat(tail);
  // The merged index holds the fresh ids and the tail's; the tail's are all old ones.
  const ended = oldSize - (byId.size - added.size);
  const staleSize = byId.size - freshById.size;
  return {
    list,
    byId,
    pageEnds: [...freshEnds, ...tailEnds],
    token: old.token,
    marks: {
      readAt,
      added,
      ended,
      stale: new StaleTail(byId, freshById, tail, staleSize),
      pagesRead: pages.length,
      pagesStale: old.pageEnds.length - pages.length,
    },
    // The tail is the old one (unless a session moved out of it): the head decides.
    sameRows: !moved && sameHead(old.list, fresh, tailStart),
  };
}

/** `fresh` is the first `n` sessions of `list`, object for object (O(n): the pages read). */
function sameHead<S>(list: readonly S[], fresh: readonly S[], n: number): boolean {
  if (fresh.length !== n) return false;
  for (let i = 0; i < n; i++) if (fresh[i] !== list[i]) return false;
  return true;
}

function indexOf<S extends { SessionId?: string }>(list: readonly S[]): Map<string, S> {
  const byId = new Map<string, S>();
  for (const s of list) if (s.SessionId !== undefined && !byId.has(s.SessionId)) byId.set(s.SessionId, s);
  return byId;
}

/** Same data: the SDK's sessions are plain objects of strings, numbers and Dates. */
function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
