import { strict as assert } from 'assert';
import { Limiter } from '../../src/aws/limiter';

describe('AWS layer: per-profile concurrency limiter', () => {
  it('grants at most max slots, then in FIFO order as slots are released', async () => {
    const limiter = new Limiter(2);
    const order: number[] = [];
    const releases = await Promise.all([limiter.acquire(), limiter.acquire()]);
    const waiting = [3, 4, 5].map((n) => limiter.acquire().then((release) => (order.push(n), release)));
    assert.equal(limiter.inFlight, 2);
    assert.equal(limiter.queued, 3);
    releases[0]();
    releases[0](); // releasing twice frees one slot only
    const r3 = await waiting[0];
    assert.deepEqual(order, [3]);
    assert.equal(limiter.inFlight, 2);
    releases[1]();
    r3();
    const [r4, r5] = await Promise.all([waiting[1], waiting[2]]);
    assert.deepEqual(order, [3, 4, 5]);
    r4();
    r5();
    assert.equal(limiter.inFlight, 0);
    assert.equal(limiter.queued, 0);
  });

  it('an aborted waiter leaves the queue and does not take a slot', async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort();
    await assert.rejects(aborted, (e: Error) => e.name === 'AbortError');
    assert.equal(limiter.queued, 1);
    release();
    (await next)();
    assert.equal(limiter.inFlight, 0);
    await assert.rejects(limiter.acquire(controller.signal), (e: Error) => e.name === 'AbortError');
    assert.equal(limiter.inFlight, 0);
  });
});
