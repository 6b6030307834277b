// The live view (src/model/autoRefresh.ts) in plain Node: the real explorer model and AWS layer over
// HTTP to the in-process emulator; only the clock and timer are driven by hand (HandScheduler).
// What a tick reads, its bound, the marks it leaves, backoff, and nothing while hidden.
import { strict as assert } from 'assert';
import { AwsGateway } from '../../src/aws/gateway';
import { lazyGateway } from '../../src/aws/lazyGateway';
import { AutoRefresh, MAX_BACKOFF_MS, type TickReport } from '../../src/model/autoRefresh';
import { ExpandedItems } from '../../src/model/expandedItems';
import { Choices } from '../../src/model/choices';
import { MapStore } from '../support/mapStore';
import { ExplorerModel, type ExplorerSettings } from '../../src/model/explorerModel';
import type { Item, PoolEntry, ProfileEntry } from '../../src/model/items';
import { startEmulator, type Emulator } from '../../emulator/index';
import { writeAwsFiles, type TempAwsFiles } from '../../emulator/awsFiles';
import { accountId, buildScenario, poolId } from '../../emulator/scenarioBuilder';
import { HandScheduler } from '../support/handScheduler';

const REGION = 'us-east-1';
const SMALL = poolId(0, 0, 0); // 3 sessions: one page
const MID = poolId(0, 0, 1); // 120 sessions: 3 pages of 50
const BIG = poolId(0, 0, 2); // 2,000 sessions: 40 pages
const SIZES = [3, 120, 2000];

describe('auto-refresh: what a tick reads, against the real model and the emulator', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let files: TempAwsFiles;
  let model: ExplorerModel;
  let auto: AutoRefresh;
  let clock: HandScheduler;
  let changes: (Item | undefined)[];
  let seconds: number;
  const settings: ExplorerSettings = { profiles: [], regions: [], pageSize: 50 };

  const sent = (since: number) => emulator.requestLog.since(since).length;

  async function profile(): Promise<ProfileEntry> {
    const found = (await model.children()).find((i): i is ProfileEntry => i.kind === 'profile');
    assert.ok(found);
    return found;
  }

  /** Expands the profile and the pool, as the tree would, with `pages` pages loaded. */
  async function expandPool(id: string, pages = 1): Promise<PoolEntry> {
    const prof = await profile();
    auto.expanded(prof);
    const found = (await model.children(prof)).find((i): i is PoolEntry => i.kind === 'pool' && i.poolId === id);
    assert.ok(found, id);
    auto.expanded(found);
    await model.children(found);
    while (found.sessions.pages < pages) await model.loadMore(found);
    return found;
  }

  before(async () => {
    emulator = await startEmulator({ scenario: buildScenario({ profiles: 1, regions: [REGION], poolsPerRegion: 3, sessions: (_a, _r, p) => SIZES[p] }) });
    files = writeAwsFiles(emulator.awsFiles());
  });
  after(async () => {
    await emulator.stop();
    files.cleanup();
  });
  beforeEach(() => {
    emulator.clearFaults();
    const env = { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    const gateway = lazyGateway({ log: () => undefined, requestTimeoutMs: () => 5_000, env, gatewayClass: AwsGateway });
    model = new ExplorerModel({ gateway, choices: new Choices(new MapStore()), settings: () => settings, log: () => undefined });
    changes = [];
    model.onDidChange((item) => changes.push(item));
    clock = new HandScheduler();
    seconds = 60;
    auto = new AutoRefresh({ model, seconds: () => seconds, describeError: (e) => gateway.describeError(e), log: () => undefined, scheduler: clock });
  });
  afterEach(() => auto.dispose());

  it('reads the pool list and the loaded page of an expanded pool: a session added and one ended are marked, unchanged rows keep their items', async () => {
    const pool = await expandPool(SMALL);
    const before = pool.sessionItemList();
    const [gone, ...kept] = before;
    emulator.endSession(gone.sessionId);
    const added = emulator.addSession(accountId(0), REGION, SMALL, { UserId: 'new.user@load.example' });
    const mark = emulator.requestLog.next;
    changes = [];

    const report = await auto.tick();

    assert.deepEqual(emulator.requestLog.since(mark).map((e) => e.operation).sort(), ['DescribeWorkspacesPoolSessions', 'DescribeWorkspacesPools']);
    assert.equal(report.requests, 2, 'the report counts what the emulator saw');
    assert.equal(report.plan.requests, 2);
    const marks = pool.sessions.lastReread;
    assert.ok(marks);
    assert.deepEqual([...marks.added], [added.SessionId]);
    assert.equal(marks.ended, 1);
    assert.equal(marks.pagesStale, 0);
    const after = pool.sessionItemList();
    assert.deepEqual(after.map((i) => i.sessionId), [...kept.map((i) => i.sessionId), added.SessionId]);
    kept.forEach((item, i) => assert.equal(after[i], item, 'an unchanged session keeps its tree item'));
    // One change: the pool (its data changed in the list too, and its sessions), not the profile.
    assert.deepEqual(changes, [pool]);
    assert.deepEqual(report.changed, [pool]);

    // The next tick with nothing changed: no marks left, the pool announced once (its marks go).
    changes = [];
    const again = await auto.tick();
    assert.equal(again.requests, 2);
    assert.equal(pool.sessions.lastReread?.added.size, 0);
    assert.equal(pool.sessions.lastReread?.ended, 0);
    assert.deepEqual(changes, [pool]);
    assert.deepEqual(
      pool.sessionItemList().map((i) => i.sessionId),
      after.map((i) => i.sessionId),
    );

    // And the one after: read, found nothing new, announced nothing (no row drawn again), items kept.
    changes = [];
    const quiet = await auto.tick();
    assert.equal(quiet.requests, 2, 'the quiet tick still reads');
    assert.deepEqual(changes, [], 'a tick that found nothing new announces nothing');
    assert.deepEqual(quiet.changed, []);
    pool.sessionItemList().forEach((item, i) => assert.equal(item, after[i], 'the quiet tick keeps every tree item'));

    // A session whose data changed (and nothing else) is a change again.
    const state = pool.sessions.find(kept[0].sessionId)?.ConnectionState === 'CONNECTED' ? 'NOT_CONNECTED' : 'CONNECTED';
    assert.ok(emulator.setConnectionState(kept[0].sessionId, state));
    changes = [];
    await auto.tick();
    assert.deepEqual(changes, [pool], 'a changed session is announced');
  });

  it('reads nothing collapsed: a collapsed pool keeps its pages, a collapsed profile hides its pools, nothing expanded sends 0', async () => {
    const prof = await profile();
    const pool = await expandPool(SMALL);
    auto.collapsed(pool);
    let mark = emulator.requestLog.next;
    let report = await auto.tick();
    assert.deepEqual(emulator.requestLog.since(mark).map((e) => e.operation), ['DescribeWorkspacesPools']);
    assert.deepEqual(report.plan.pools, []);
    auto.expanded(pool);
    auto.collapsed(prof);
    mark = emulator.requestLog.next;
    report = await auto.tick();
    assert.equal(sent(mark), 0);
    assert.equal(report.requests, 0);
    assert.equal(report.plan.requests, 0);
  });

  it('started late (its setting turned on), reads what was expanded before it started: the ExpandedItems kept since activation', async () => {
    // The explorer view keeps ExpandedItems from activation on; the live view (dist/live.js) loads
    // only once its setting is on, and is given them.
    const expanded = new ExpandedItems();
    const prof = await profile();
    expanded.expanded(prof);
    const pool = (await model.children(prof)).find((i): i is PoolEntry => i.kind === 'pool' && i.poolId === SMALL);
    assert.ok(pool);
    expanded.expanded(pool);
    await model.children(pool);
    const gateway = lazyGateway({ log: () => undefined, requestTimeoutMs: () => 5_000, env: { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, gatewayClass: AwsGateway });
    const late = new AutoRefresh({ model, seconds: () => seconds, describeError: (e) => gateway.describeError(e), log: () => undefined, scheduler: clock, expanded });
    try {
      assert.ok(late.isExpanded(pool), 'the live view does not know the pool expanded before it started');
      const mark = emulator.requestLog.next;
      const report = await late.tick();
      assert.deepEqual(emulator.requestLog.since(mark).map((e) => e.operation).sort(), ['DescribeWorkspacesPoolSessions', 'DescribeWorkspacesPools']);
      assert.deepEqual(report.plan.pools.map((p) => p.pool), [pool]);
      // A collapse seen by the explorer view after the start reaches it too.
      expanded.collapsed(pool);
      assert.deepEqual(late.plan().pools, []);
    } finally {
      late.dispose();
    }
  });

  it(`bounds a tick: pages beyond the bound are not read, their rows are kept and marked stale, Load more goes on after them`, async () => {
    const big = await expandPool(BIG, 40);
    const mid = await expandPool(MID, 3);
    assert.equal(big.sessions.sessions.length, 2000);
    const plan = auto.plan();
    assert.equal(plan.requests, 20, 'the bound');
    // 1 pool list; then round by round: mid gets its 3 pages, big the rest of the bound.
    assert.deepEqual(new Map(plan.pools.map((p) => [p.pool.poolId, p.pages])), new Map([[BIG, 16], [MID, 3]]));
    assert.deepEqual(plan.stale.map((p) => [p.pool.poolId, p.pages]), [[BIG, 24]]);
    const oldLast = big.sessions.sessions[1999];
    const mark = emulator.requestLog.next;
    const report = await auto.tick();
    assert.equal(sent(mark), 20, 'the bound holds on the wire');
    assert.equal(report.requests, 20);
    const marks = big.sessions.lastReread;
    assert.ok(marks);
    assert.equal(marks.pagesRead, 16);
    assert.equal(marks.pagesStale, 24);
    assert.equal(marks.stale.size, 24 * 50);
    assert.ok(marks.stale.has(oldLast.SessionId ?? ''));
    assert.equal(big.sessions.sessions.length, 2000, 'nothing loaded is lost');
    assert.equal(big.sessions.pages, 40);
    assert.equal(mid.sessions.lastReread?.pagesStale, 0);
    // Load more continues after the last loaded page: nothing left, as before the tick.
    assert.equal(big.sessions.hasMore, false);

    // The next tick starts one pool further: the other pool gets its pages first.
    const next = auto.plan();
    assert.equal(next.requests, 20);
    assert.notEqual(next.pools[0].pool, report.plan.pools[0].pool);
  });

  it('never reads a pool twice at once: a pool with a Load more in flight is skipped, and a second tick joins the first', async () => {
    const pool = await expandPool(MID, 1);
    const loading = model.loadMore(pool);
    const plan = auto.plan();
    assert.deepEqual(plan.skipped, [pool]);
    assert.deepEqual(plan.pools, []);
    await loading;
    const mark = emulator.requestLog.next;
    const ticking = auto.tick();
    // While the tick reads, the pool shows what is loaded as it was: no extra Load more row.
    assert.equal(pool.sessions.state, 'loaded');
    assert.deepEqual(
      (await model.children(pool)).filter((i) => i.kind === 'loadMore'),
      [pool.loadMoreItem],
      'the one Load more row (more pages remain)',
    );
    const [a, b] = await Promise.all([ticking, auto.tick()]);
    assert.equal(a, b, 'one tick');
    assert.equal(sent(mark), 1 + 2, 'the pool list and the 2 loaded pages, once');
  });

  it('a Refresh Pool during a tick wins: the tick\'s answer is dropped, its marks never shown', async () => {
    const pool = await expandPool(SMALL);
    const added = emulator.addSession(accountId(0), REGION, SMALL, { UserId: 'race.user@load.example' });
    const ticking = auto.tick();
    const refreshing = model.refreshPool(pool);
    const [report] = await Promise.all([ticking, refreshing]);
    assert.deepEqual(report.plan.pools.map((p) => p.pool), [pool], 'the tick had started reading the pool');
    assert.equal(pool.sessions.lastReread, undefined, 'no marks from a dropped read');
    assert.ok(pool.sessions.find(added.SessionId ?? ''), 'the refresh read the pool');
  });

  it('backs off on throttling (doubling, capped), keeps what is loaded, and resets after a tick that was not throttled', async () => {
    const pool = await expandPool(SMALL);
    const ids = pool.sessions.sessions.map((s) => s.SessionId);
    auto.setVisible(true);
    auto.setFocused(true);
    emulator.setFaults('DescribeWorkspacesPoolSessions', { throttleRate: 1 });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const report = await auto.tick();
      assert.equal(report.throttled, 1);
      delays.push(report.nextDelayMs);
    }
    assert.deepEqual(delays, [120_000, 240_000, 480_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    assert.deepEqual(clock.pending(), [MAX_BACKOFF_MS], 'the timer waits the backed-off delay');
    assert.deepEqual(pool.sessions.sessions.map((s) => s.SessionId), ids, 'a failed tick keeps what is loaded');
    assert.equal(pool.sessions.error, undefined, 'and shows no error row: the user did not ask');
    emulator.clearFaults();
    const report = await auto.tick();
    assert.equal(report.throttled, 0);
    assert.equal(report.nextDelayMs, 60_000);
    assert.equal(auto.backoffLevel, 0);
  });

  it('ticks by the timer only while visible, focused and on: 0 requests otherwise', async () => {
    await expandPool(SMALL);
    const ticks: TickReport[] = [];
    auto.onDidTick((r) => ticks.push(r));
    let mark = emulator.requestLog.next;
    // Visible but not focused, focused but hidden, and both with the setting off: no timer at all.
    auto.setVisible(true);
    assert.deepEqual(clock.pending(), []);
    auto.setVisible(false);
    auto.setFocused(true);
    assert.deepEqual(clock.pending(), []);
    seconds = 0;
    auto.setVisible(true);
    assert.deepEqual(clock.pending(), []);
    clock.advance(3_600_000);
    assert.equal(sent(mark), 0);
    assert.equal(ticks.length, 0);

    seconds = 60;
    auto.settingsChanged();
    assert.deepEqual(clock.pending(), [60_000]);
    const ticked = new Promise<TickReport>((resolve) => auto.onDidTick(resolve));
    clock.advance(60_000);
    const report = await ticked;
    assert.equal(report.requests, 2);
    assert.equal(sent(mark), 2);
    assert.deepEqual(clock.pending(), [60_000], 'the next tick is due one interval after this one');

    // Hidden: the timer goes; an hour later nothing was sent.
    auto.setVisible(false);
    assert.deepEqual(clock.pending(), []);
    mark = emulator.requestLog.next;
    clock.advance(3_600_000);
    assert.equal(sent(mark), 0);
    // Shown again after more than an interval: due at once.
    auto.setVisible(true);
    assert.deepEqual(clock.pending(), [0]);
  });
});
