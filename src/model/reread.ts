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

export interface RereadMarks {
  /** When the pages were read (ms since the epoch). */
  readAt: number;
  /** Sessions that were not loaded before this re-read. */
  added: ReadonlySet<string>;
  /** Sessions loaded before that this re-read no longer found. */
  ended: number;
  /** Sessions loaded in pages that were not read again (beyond the bound). */
  stale: ReadonlySet<string>;
  /** Pages read again, and loaded pages not read again. */
  pagesRead: number;
  pagesStale: number;
}

interface Loaded<S> {
  list: readonly S[];
  pageEnds: readonly number[];
  token: string | undefined;
}

export interface Merged<S> {
  list: S[];
  byId: Map<string, S>;
  pageEnds: number[];
  token: string | undefined;
  marks: RereadMarks;
}

export function mergeReread<S extends { SessionId?: string }>(
  old: Loaded<S>,
  pages: readonly (readonly S[])[],
  nextToken: string | undefined,
  readAt: number,
): Merged<S> {
  const oldById = new Map<string, S>();
  for (const s of old.list) if (s.SessionId !== undefined) oldById.set(s.SessionId, s);

  const list: S[] = [];
  const byId = new Map<string, S>();
  const pageEnds: number[] = [];
  const added = new Set<string>();
  for (const page of pages) {
    for (const fresh of page) {
      const id = fresh.SessionId;
      if (id !== undefined) {
        if (byId.has(id)) continue; // repeated across pages: once, as PoolSessions.append does
        const before = oldById.get(id);
        if (!before) added.add(id);
        const kept = before && sameData(before, fresh) ? before : fresh;
        byId.set(id, kept);
        list.push(kept);
      } else {
        list.push(fresh);
      }
    }
    pageEnds.push(list.length);
  }

  // The list ended within the pages read (no token), or every loaded page was read: nothing stale.
  const complete = nextToken === undefined || pages.length >= old.pageEnds.length;
  const stale = new Set<string>();
  let token = nextToken;
  if (!complete) {
    // Loaded pages beyond those read again: kept, marked stale, their page ends shifted.
    const tailStart = old.pageEnds[pages.length - 1] ?? old.list.length;
    let oldIndex = tailStart;
    for (let p = pages.length; p < old.pageEnds.length; p++) {
      for (; oldIndex < old.pageEnds[p]; oldIndex++) {
        const s = old.list[oldIndex];
        const id = s.SessionId;
        if (id !== undefined) {
          if (byId.has(id)) continue; // moved into the pages read again
          byId.set(id, s);
          stale.add(id);
        }
        list.push(s);
      }
      pageEnds.push(list.length);
    }
    token = old.token; // Load more goes on after the last loaded page, as before
  }

  let ended = 0;
  for (const id of oldById.keys()) if (!byId.has(id)) ended++;
  return {
    list,
    byId,
    pageEnds,
    token,
    marks: { readAt, added, ended, stale, pagesRead: pages.length, pagesStale: complete ? 0 : old.pageEnds.length - pages.length },
  };
}

/** Same data: the SDK's sessions are plain objects of strings, numbers and Dates. */
function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
