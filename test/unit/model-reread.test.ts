// mergeReread (src/model/reread.ts) and the live view's row texts (src/tree/liveLabels.ts), in plain Node.
import { strict as assert } from 'assert';
import { mergeReread } from '../../src/model/reread';
import { lastReadTooltip, liveDescription, sessionLiveMark } from '../../src/tree/liveLabels';

type S = { SessionId?: string; State?: string };
const s = (id: string, state = 'CONNECTED'): S => ({ SessionId: id, State: state });
const ids = (list: readonly S[]) => list.map((x) => x.SessionId);

describe('reread: the first pages read again, merged into what is loaded', () => {
  const loaded = () => {
    const list = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => s(id));
    return { list, pageEnds: [2, 4, 6], token: 'after-f' };
  };

  it('every loaded page read again: the fresh list, with new and ended, the old object kept when its data did not change', () => {
    const old = loaded();
    const merged = mergeReread(old, [[s('a'), s('c', 'NOT_CONNECTED')], [s('d'), s('e')], [s('f'), s('g')]], 'after-g', 5);
    assert.deepEqual(ids(merged.list), ['a', 'c', 'd', 'e', 'f', 'g']);
    assert.equal(merged.list[0], old.list[0], 'unchanged: same object');
    assert.notEqual(merged.list[1], old.list[2], 'changed: the fresh one');
    assert.deepEqual([...merged.marks.added], ['g']);
    assert.equal(merged.marks.ended, 1);
    assert.equal(merged.marks.pagesStale, 0);
    assert.equal(merged.token, 'after-g');
    assert.deepEqual(merged.pageEnds, [2, 4, 6]);
  });

  it('the list ends earlier than what was loaded: everything not found ended', () => {
    const merged = mergeReread(loaded(), [[s('a'), s('f')]], undefined, 5);
    assert.deepEqual(ids(merged.list), ['a', 'f']);
    assert.equal(merged.marks.ended, 4);
    assert.equal(merged.token, undefined);
  });

  it('fewer pages read than loaded (the bound): the rest kept and marked stale, Load more after them, a session moved forward once', () => {
    const merged = mergeReread(loaded(), [[s('a'), s('c')]], 'after-c', 5);
    assert.deepEqual(ids(merged.list), ['a', 'c', 'd', 'e', 'f']);
    assert.deepEqual([...merged.marks.stale], ['d', 'e', 'f']);
    assert.equal(merged.marks.ended, 1, 'b, not found in the page read nor in those kept');
    assert.equal(merged.marks.pagesStale, 2);
    assert.equal(merged.token, 'after-f', 'the old token: Load more continues after the last loaded page');
    assert.deepEqual(merged.pageEnds, [2, 3, 5]);
  });

  it("takes over the caller's id index: the stale tail stays indexed, the head's ended ids leave it, a later Load more is not stale", () => {
    const old = loaded();
    const byId = new Map(old.list.map((x) => [x.SessionId ?? '', x]));
    const merged = mergeReread({ ...old, byId }, [[s('a'), s('n')], [s('c'), s('d')]], 'after-d', 5);
    assert.equal(merged.byId, byId, 'the same index, updated in place');
    assert.deepEqual([...merged.byId.keys()].sort(), ['a', 'c', 'd', 'e', 'f', 'n']);
    assert.deepEqual(ids(merged.list), ['a', 'n', 'c', 'd', 'e', 'f']);
    assert.deepEqual(merged.pageEnds, [2, 4, 6]);
    assert.equal(merged.marks.ended, 1, 'b');
    assert.deepEqual([...merged.marks.added], ['n']);
    assert.equal(merged.marks.stale.size, 2);
    assert.deepEqual([...merged.marks.stale], ['e', 'f']);
    assert.ok(!merged.marks.stale.has('a') && !merged.marks.stale.has('n') && !merged.marks.stale.has('b'));
    // The next page (Load more) after the re-read: its sessions are fresh, not stale.
    merged.byId.set('g', s('g'));
    merged.marks.stale.loadedAfter(['g']);
    assert.ok(!merged.marks.stale.has('g'));
    assert.ok(merged.marks.stale.has('e'));
  });

  it('says whether the rows are as they were: the same objects in the same order, Load more where it was', () => {
    const same = (pages: S[][], token: string | undefined, old = loaded()) => mergeReread(old, pages, token, 5).sameRows;
    // Every loaded page read again, the same data (new objects from the service, the old ones kept).
    assert.equal(same([[s('a'), s('b')], [s('c'), s('d')], [s('e'), s('f')]], 'after-f'), true);
    // The bound: the first page read, the same; the tail is the old one.
    assert.equal(same([[s('a'), s('b')]], 'after-b'), true);
    // Not the same: a session's data changed, one added, one ended, the order changed, one moved
    // forward from the tail, Load more gone.
    assert.equal(same([[s('a'), s('b', 'NOT_CONNECTED')], [s('c'), s('d')], [s('e'), s('f')]], 'after-f'), false);
    assert.equal(same([[s('a'), s('b')], [s('c'), s('d')], [s('e'), s('f')], [s('g')]], 'after-g'), false);
    assert.equal(same([[s('a'), s('b')], [s('c'), s('d')], [s('e')]], 'after-e'), false);
    assert.equal(same([[s('b'), s('a')]], 'after-a'), false);
    assert.equal(same([[s('a'), s('e')]], 'after-e'), false);
    assert.equal(same([[s('a'), s('b')], [s('c'), s('d')], [s('e'), s('f')]], undefined), false);
  });

  it('row texts: what changed, which rows are stale, when read', () => {
    const merged = mergeReread(loaded(), [[s('a'), s('x')]], 'after-x', Date.UTC(2026, 0, 1, 12));
    assert.equal(liveDescription(merged.marks), '+1 new · 1 ended · 2 pages stale');
    assert.equal(liveDescription(undefined), '');
    assert.equal(sessionLiveMark(merged.marks, 'x'), 'new');
    assert.equal(sessionLiveMark(merged.marks, 'e'), 'stale');
    assert.equal(sessionLiveMark(merged.marks, 'a'), undefined);
    const tooltip = lastReadTooltip(Date.UTC(2026, 0, 1, 12), merged.marks, Date.UTC(2026, 0, 1, 12, 3), 60);
    assert.match(tooltip, /Sessions read at 2026-01-01T12:00:00.000Z, and again every 60 s while the view is visible/);
    // The live view off: how long ago, too (the row changes at every read then).
    assert.match(lastReadTooltip(Date.UTC(2026, 0, 1, 12), merged.marks, Date.UTC(2026, 0, 1, 12, 3), 0), /Sessions read 3 minutes ago \(2026-01-01T12:00:00.000Z\)\./);
    assert.match(tooltip, /Since the read before: \+1 new · 1 ended · 2 pages stale\./);
    assert.equal(lastReadTooltip(undefined, undefined, 0, 0), '');
  });
});
