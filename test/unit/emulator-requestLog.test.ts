// The request log's positions: sequence numbers from arrival, a bound that says when it dropped what
// a question needs, and requests in flight counted until they land.
import { strict as assert } from 'node:assert';
import { LogTruncatedError, RequestLog, type RequestLogEntry } from '../../emulator/requestLog';

const entry = (seq: number, operation = 'Op'): RequestLogEntry =>
  ({ seq, time: '', operation, params: {}, status: 200, durationMs: 0, requestId: String(seq) });

/** A request that arrives and is answered at once. */
function request(log: RequestLog, operation?: string): number {
  const seq = log.begin();
  log.add(entry(seq, operation));
  log.end(seq);
  return seq;
}

describe('emulator request log', () => {
  it('numbers requests in arrival order; `since` a mark answers what came after it', () => {
    const log = new RequestLog(100);
    request(log);
    const mark = log.next;
    assert.deepEqual(log.since(mark), []);
    request(log, 'A');
    request(log, 'B');
    assert.deepEqual(log.since(mark).map((e) => [e.seq, e.operation]), [[1, 'A'], [2, 'B']]);
    log.clear();
    assert.equal(log.next, 3);
    request(log, 'C');
    assert.deepEqual(log.since(mark).map((e) => e.seq), [3], 'a mark taken before a clear stays valid');
  });

  it('refuses a question about entries the bound dropped, even far past the bound', () => {
    const log = new RequestLog(5);
    const mark = log.next;
    // Past the bound, the old index-based `since` answered [] here whatever had been sent.
    for (let i = 0; i < 12; i++) request(log);
    assert.throws(() => log.since(mark), (e: unknown) => e instanceof LogTruncatedError && /dropped entries from 0 on \(up to 6\)/.test(e.message));
    assert.throws(() => log.since(6), LogTruncatedError);
    assert.deepEqual(log.since(7).map((e) => e.seq), [7, 8, 9, 10, 11]);
    const late = log.next;
    assert.deepEqual(log.since(late), []);
    request(log);
    assert.deepEqual(log.since(late).map((e) => e.seq), [late], 'a mark taken at the bound still sees what follows');
    assert.equal(log.dropped, 8);
  });

  it('counts requests in flight from their arrival and resolves `settled` when they land', async () => {
    const log = new RequestLog(100);
    request(log);
    const mark = log.next;
    const seq = log.begin();
    assert.deepEqual([log.since(mark).length, log.inFlightSince(mark), log.inFlightSince(seq + 1)], [0, 1, 0]);
    assert.equal(await log.settled(mark, 1), false, 'still in flight after the wait');
    const settled = log.settled(mark, 10_000);
    log.add(entry(seq));
    log.end(seq);
    assert.equal(await settled, true);
    assert.deepEqual(log.since(mark).map((e) => e.seq), [seq]);
    assert.equal(await log.settled(0, 1), true, 'nothing in flight: at once');
  });
});
