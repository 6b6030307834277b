// The paging model of one pool, in plain Node: no VS Code, no network. The fetcher is a real
// in-memory pager whose answers the test releases one by one, so every interleaving is explicit.
import * as assert from 'assert';
import { PageRequest, PoolSessions } from '../../src/model/poolSessions';
import type { SessionsPage } from '../../src/aws/pager';

interface S {
  SessionId: string;
  UserId: string;
}

function sessions(n: number, prefix = 's'): S[] {
  return Array.from({ length: n }, (_, i) => ({ SessionId: `${prefix}${i}`, UserId: `u${i % 7}` }));
}

/** Serves `data` in pages of `size`; each request waits until the test calls release(). */
class ControlledPager {
  readonly requests: PageRequest[] = [];
  private waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  failNext: unknown;

  constructor(
    public data: S[],
    readonly size: number,
  ) {}

  fetch = async (req: PageRequest): Promise<SessionsPage<S>> => {
    this.requests.push(req);
    await new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    if (this.failNext !== undefined) {
      const e = this.failNext;
      this.failNext = undefined;
      throw e;
    }
    const list = req.userId ? this.data.filter((s) => s.UserId === req.userId) : this.data;
    const start = req.nextToken ? Number(req.nextToken) : 0;
    const end = start + this.size;
    return { sessions: list.slice(start, end), nextToken: end < list.length ? String(end) : undefined };
  };

  get pending(): number {
    return this.waiting.length;
  }

  /** Lets the oldest request answer and waits until the model has taken the answer. */
  async release(): Promise<void> {
    const next = this.waiting.shift();
    assert.ok(next, 'no request is waiting');
    next.resolve();
    await new Promise((r) => setImmediate(r));
  }
}

describe('tree: PoolSessions paging model', () => {
  it('loads the first page once, then one page per loadMore, until the token runs out', async () => {
    const pager = new ControlledPager(sessions(5), 2);
    const model = new PoolSessions(pager.fetch, undefined);
    assert.strictEqual(model.state, 'idle');
    const first = model.ensureFirstPage();
    assert.strictEqual(model.state, 'loading');
    await pager.release();
    await first;
    assert.deepStrictEqual(model.sessions.map((s) => s.SessionId), ['s0', 's1']);
    assert.strictEqual(model.hasMore, true);
    // Expanding again (collapse/expand) makes no request.
    await model.ensureFirstPage();
    assert.strictEqual(pager.requests.length, 1);

    const more = model.loadMore();
    assert.strictEqual(model.state, 'loadingMore');
    await pager.release();
    await more;
    const last = model.loadMore();
    await pager.release();
    await last;
    assert.deepStrictEqual(model.sessions.map((s) => s.SessionId), ['s0', 's1', 's2', 's3', 's4']);
    assert.strictEqual(model.hasMore, false);
    await model.loadMore(); // no token left: nothing to do
    assert.strictEqual(pager.requests.length, 3);
    assert.deepStrictEqual(pager.requests.map((r) => r.nextToken), [undefined, '2', '4']);
  });

  it('a second "Load more" while a page loads returns the same promise and sends no request', async () => {
    const pager = new ControlledPager(sessions(6), 2);
    const model = new PoolSessions(pager.fetch, undefined);
    const first = model.ensureFirstPage();
    await pager.release();
    await first;
    const a = model.loadMore();
    const b = model.loadMore();
    assert.strictEqual(a, b);
    assert.strictEqual(pager.pending, 1);
    await pager.release();
    await a;
    assert.strictEqual(pager.requests.length, 2);
    assert.strictEqual(model.sessions.length, 4);
  });

  it('drops the answer of a page that was loading when the pool was refreshed or re-filtered', async () => {
    const pager = new ControlledPager(sessions(6), 2);
    const model = new PoolSessions(pager.fetch, undefined);
    const first = model.ensureFirstPage();
    await pager.release();
    await first;
    const stale = model.loadMore();
    const staleSignal = pager.requests[1].signal;
    model.reset({ userId: 'u1' }); // filter change while page 2 is in flight
    assert.strictEqual(staleSignal.aborted, true, 'the stale request is aborted');
    const fresh = model.ensureFirstPage();
    await pager.release(); // the stale answer arrives now...
    await stale;
    assert.strictEqual(model.sessions.length, 0, '...and is not appended');
    await pager.release();
    await fresh;
    assert.deepStrictEqual(model.sessions.map((s) => s.SessionId), ['s1']);
    assert.strictEqual(pager.requests[2].userId, 'u1');
    assert.strictEqual(model.userId, 'u1');
    model.reset(); // a refresh keeps the filter...
    assert.strictEqual(model.userId, 'u1');
    model.reset({ userId: undefined }); // ...clearing it is explicit
    assert.strictEqual(model.userId, undefined);
  });

  it('a failed "Load more" keeps the loaded pages; retry loads the same page again', async () => {
    const pager = new ControlledPager(sessions(5), 2);
    const model = new PoolSessions(pager.fetch, undefined);
    const first = model.ensureFirstPage();
    await pager.release();
    await first;
    pager.failNext = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const more = model.loadMore();
    await pager.release();
    await more;
    assert.strictEqual(model.state, 'failed');
    assert.strictEqual((model.error as Error).name, 'ThrottlingException');
    assert.deepStrictEqual(model.sessions.map((s) => s.SessionId), ['s0', 's1'], 'loaded pages survive');
    // Expanding again does not retry behind the user's back.
    await model.ensureFirstPage();
    assert.strictEqual(pager.requests.length, 2);
    const retry = model.retry();
    await pager.release();
    await retry;
    assert.strictEqual(model.error, undefined);
    assert.deepStrictEqual(pager.requests.map((r) => r.nextToken), [undefined, '2', '2']);
    assert.deepStrictEqual(model.sessions.map((s) => s.SessionId), ['s0', 's1', 's2', 's3']);
  });

  it('a failed first page shows no sessions and retries the first page', async () => {
    const pager = new ControlledPager(sessions(3), 2);
    const model = new PoolSessions(pager.fetch, undefined);
    pager.failNext = new Error('boom');
    const first = model.ensureFirstPage();
    await pager.release();
    await first;
    assert.strictEqual(model.state, 'failed');
    assert.strictEqual(model.loaded, false);
    const retry = model.retry();
    await pager.release();
    await retry;
    assert.strictEqual(model.state, 'loaded');
    assert.deepStrictEqual(pager.requests.map((r) => r.nextToken), [undefined, undefined]);
  });

  it('never lists a session twice, even when the service repeats one on the next page', async () => {
    const pager = new ControlledPager(sessions(4), 2);
    const model = new PoolSessions(pager.fetch, undefined);
    const first = model.ensureFirstPage();
    await pager.release();
    await first;
    // A session ends between the two pages: offsets shift and s2 would come back... simulate the
    // opposite (a new one inserted at the front), which makes s1 reappear on page 2.
    pager.data = [{ SessionId: 'new', UserId: 'u9' }, ...pager.data];
    const more = model.loadMore();
    await pager.release();
    await more;
    assert.deepStrictEqual(model.sessions.map((s) => s.SessionId), ['s0', 's1', 's2']);
    assert.strictEqual(model.find('s2')?.UserId, 'u2');
    assert.strictEqual(new Set(model.sessions.map((s) => s.SessionId)).size, model.sessions.length);
  });
});
