// Races, property-based: random sequences of what a user does to several pools at once (expand,
// "Load more", double clicks, refresh, filter changes, collapse and expand, retry, the service
// failing and recovering), with the answers of the real SDK over real HTTP delivered in an order
// fast-check's scheduler picks, interleaved with the user's actions. After every step each pool
// shows a prefix of the emulator's truth for its current filter (no stale page mixed in, nothing
// twice, no second request for a page already loading); at the end, once the user has loaded
// everything, each pool holds exactly the emulator's sessions.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { describeError } from '../../src/aws/index';
import { PoolSessions, type PageRequest } from '../../src/model/poolSessions';
import { buildScenario, poolId, profileName, userId } from '../../emulator/scenarioBuilder';
import { browseToEnd, ids, kinds, World, type PoolRef, type Session } from './faults-world';

const REGION = 'us-east-1';
const PAGE = 10;
const POOLS: PoolRef[] = [
  { profile: profileName(0), region: REGION, poolId: poolId(0, 0, 0) },
  { profile: profileName(0), region: REGION, poolId: poolId(0, 0, 1) },
  { profile: profileName(1), region: REGION, poolId: poolId(1, 0, 0) },
];
const FILTERS = (p: number): (string | undefined)[] => [undefined, userId(p, 1), userId(p, 3), 'nobody@load.example'];
const SESSIONS_OP = 'DescribeWorkspacesPoolSessions';

type Action =
  | { kind: 'expand' | 'loadMore' | 'doubleLoadMore' | 'refresh' | 'collapseExpand' | 'retry'; pool: number }
  | { kind: 'filter'; pool: number; filter: number }
  | { kind: 'refreshAll' }
  | { kind: 'outage'; on: boolean }
  | { kind: 'deliver'; count: number };

const pool = fc.integer({ min: 0, max: POOLS.length - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('expand' as const), pool }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('loadMore' as const), pool }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('doubleLoadMore' as const), pool }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refresh' as const), pool }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('collapseExpand' as const), pool }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retry' as const), pool }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('filter' as const), pool, filter: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refreshAll' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('outage' as const), on: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('deliver' as const), count: fc.integer({ min: 1, max: 3 }) }) },
);

describe('races: random interleavings of user actions and answers end in the emulator\'s truth', function () {
  this.timeout(60_000);
  let world: World;

  before(async () => {
    world = await World.start({
      scenario: buildScenario({ profiles: 2, regions: [REGION], poolsPerRegion: 2, sessions: 45 }),
      // Jitter so that the real answers come back in varying order under the scheduler too.
      latencyMs: 1,
      faultSeed: 42,
      pageSize: PAGE,
      // One attempt: an injected outage reaches the model instead of being retried away.
      gateway: { maxAttempts: 1, requestTimeoutMs: 5_000 },
    });
    world.emulator.setFaults('*', { jitterMs: 6 });
  });
  after(async () => {
    await world.dispose();
  });

  it('refresh, filter, collapse, double clicks and several pools loading at once (property, 30 runs)', async () => {
    let runs = 0;
    let maxInFlight = 0;
    let staleDropped = 0;
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(action, { minLength: 5, maxLength: 25 }), async (s, actions) => {
        runs++;
        world.emulator.setFaults(SESSIONS_OP, undefined);
        world.emulator.setFaults('*', { jitterMs: 6 });
        let scheduled = true;
        // Requests whose answer is still on its way and not aborted, per pool: never more than one.
        const live = POOLS.map(() => new Set<AbortSignal>());
        const models = POOLS.map((ref, p) => {
          const fetch = (request: PageRequest) => {
            const answer = world.gateway.sessionsPage(ref.profile, ref.region, ref.poolId, { ...request, limit: PAGE });
            if (!scheduled) return answer;
            live[p].add(request.signal);
            request.signal.addEventListener('abort', () => staleDropped++, { once: true });
            const settled = answer.finally(() => live[p].delete(request.signal));
            settled.catch(() => undefined); // handled by the scheduler when it delivers it
            return s.schedule(settled, `${ref.poolId} ${request.nextToken ? 'next' : 'first'} page`);
          };
          return new PoolSessions<Session>(fetch, undefined);
        });
        const truth = POOLS.map((ref) => new Map(FILTERS(POOLS.indexOf(ref)).map((f) => [f, world.truth(ref, f)])));
        const pending: Promise<void>[] = [];

        const check = (when: string) => {
          models.forEach((model, p) => {
            const loaded = ids(model.sessions);
            const expected = truth[p].get(model.userId)!;
            assert.deepEqual(loaded, expected.slice(0, loaded.length), `${when}: pool ${p} shows a prefix of its truth (filter ${model.userId ?? 'none'})`);
            const inFlight = [...live[p]].filter((signal) => !signal.aborted).length;
            maxInFlight = Math.max(maxInFlight, inFlight);
            assert.ok(inFlight <= 1, `${when}: pool ${p} has ${inFlight} live requests`);
          });
        };

        for (const a of actions) {
          if (a.kind === 'deliver') {
            const count = Math.min(a.count, s.count());
            if (count > 0) await s.waitNext(count);
          } else if (a.kind === 'outage') {
            world.emulator.setFaults(SESSIONS_OP, a.on ? { serverErrorRate: 1, jitterMs: 6 } : undefined);
          } else if (a.kind === 'refreshAll') {
            for (const m of models) m.reset();
          } else {
            const model = models[a.pool];
            const before = model.requests;
            const wasBusy = model.loading;
            switch (a.kind) {
              case 'expand':
                pending.push(model.ensureFirstPage());
                break;
              case 'loadMore':
                pending.push(model.loadMore());
                break;
              case 'doubleLoadMore': {
                const first = model.loadMore();
                const second = model.loadMore();
                if (model.loading) assert.equal(second, first, 'a second click gets the page already loading');
                assert.ok(model.requests - before <= 1, 'two clicks, at most one request');
                pending.push(first, second);
                break;
              }
              case 'collapseExpand':
                // Collapsing does nothing to the model; expanding again asks for the first page.
                pending.push(model.ensureFirstPage());
                if (wasBusy || model.loaded || model.error !== undefined) assert.equal(model.requests, before, 'no request for collapse/expand');
                break;
              case 'refresh':
                model.reset();
                break;
              case 'filter':
                model.reset({ userId: FILTERS(a.pool)[a.filter] });
                break;
              case 'retry':
                pending.push(model.retry());
                break;
            }
          }
          check(a.kind);
        }

        // The user stops clicking: every answer arrives, then the user loads each pool to its end.
        world.emulator.setFaults(SESSIONS_OP, undefined);
        while (s.count() > 0) await s.waitNext(s.count());
        await Promise.all(pending);
        check('all answers delivered');
        scheduled = false;
        await Promise.all(models.map((model, p) => browseToEnd(model, POOLS[p].profile, kinds('service'))));
        for (const [p, model] of models.entries()) {
          if (model.error !== undefined) assert.fail(describeError(model.error, POOLS[p].profile).message);
          assert.deepEqual(ids(model.sessions), truth[p].get(model.userId), `pool ${p} ends in the emulator's truth`);
        }
      }),
      { numRuns: 30, seed: 20261128, endOnFailure: true },
    );
    assert.equal(runs, 30);
    assert.equal(maxInFlight, 1, 'requests were in flight while the user acted');
    assert.ok(staleDropped > 0, 'some answers were made stale by a refresh or a filter change and dropped');
  });
});
