// The model's refresh rules in plain Node, against the emulator through the real AWS layer (issue 17):
// a refresh that fails keeps what was loaded (stale, beside the error row) until one succeeds; a
// second read of the same pool joins the running one (two Refreshes during a first load send one
// session request); what the details page learns about a session the tree shows; which profiles
// have a user filter (Clear User Filter offers only those).
import { strict as assert } from 'assert';
import { AwsGateway } from '../../src/aws/gateway';
import { lazyGateway } from '../../src/aws/lazyGateway';
import { Choices } from '../../src/model/choices';
import { MapStore } from '../support/mapStore';
import { ExplorerModel, type ExplorerSettings } from '../../src/model/explorerModel';
import type { Item, PoolEntry, ProfileEntry } from '../../src/model/items';
import { DEMO_BIG_POOL_ID, startEmulator, type Emulator } from '../../emulator/index';
import { writeAwsFiles, type TempAwsFiles } from '../../emulator/awsFiles';

const PROD = 'acme-prod';
const SESSIONS = 'DescribeWorkspacesPoolSessions';

describe('model: refresh rules (stale data, joined reads, what the details page learns)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let files: TempAwsFiles;
  let settings: ExplorerSettings;
  let model: ExplorerModel;
  let changes: (Item | undefined)[];

  const requests = (operation: string) => emulator.log.filter((e) => e.operation === operation).length;
  const kinds = (items: Item[]) => items.map((i) => i.kind);

  async function profile(name: string): Promise<ProfileEntry> {
    const found = (await model.children()).find((i): i is ProfileEntry => i.kind === 'profile' && i.name === name);
    assert.ok(found, `profile ${name}`);
    return found;
  }

  async function pool(poolId: string): Promise<PoolEntry> {
    const found = (await model.children(await profile(PROD))).find((i): i is PoolEntry => i.kind === 'pool' && i.poolId === poolId);
    assert.ok(found, `pool ${poolId}`);
    return found;
  }

  /** Resolves once a request sent since `since` is at the emulator (it announces no arrival: asked until then). */
  async function untilArrived(since: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (emulator.requestLog.inFlightSince(since) === 0) {
      assert.ok(Date.now() < deadline, 'no request reached the emulator');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  before(async () => {
    emulator = await startEmulator({ scenario: 'demo' });
    files = writeAwsFiles(emulator.awsFiles());
  });
  after(async () => {
    await emulator.stop();
    files.cleanup();
  });
  beforeEach(() => {
    settings = { profiles: [], regions: [], pageSize: 50 };
    const env = { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    model = new ExplorerModel({
      gateway: lazyGateway({ log: () => undefined, requestTimeoutMs: () => 5_000, env, gatewayClass: AwsGateway }),
      choices: new Choices(new MapStore()),
      settings: () => settings,
      log: () => undefined,
    });
    changes = [];
    model.onDidChange((item) => changes.push(item));
    emulator.clearLog();
    emulator.clearFaults();
  });

  it('Refresh Profile that fails keeps the pools and sessions loaded, marked stale beside the error row, until a refresh succeeds', async () => {
    const prod = await profile(PROD);
    const before = await model.children(prod);
    const big = await pool(DEMO_BIG_POOL_ID);
    const sessionsBefore = (await model.children(big)).filter((i) => i.kind === 'session');
    assert.equal(sessionsBefore.length, 50);
    assert.equal(big.stale, false);

    // The key is refused from now on (as when it is revoked).
    emulator.setFaults('*', { accessDeniedRate: 1 });
    model.refreshProfile(prod);
    const after = await model.children(prod);
    assert.deepEqual(kinds(after), ['error', ...kinds(before)], 'the error row first, then every pool loaded before');
    assert.deepEqual(after.slice(1), before, 'the same pool entries');
    assert.ok(after.slice(1).every((p) => p.kind === 'pool' && p.stale), 'each pool is marked stale');
    const poolRows = await model.children(big);
    assert.deepEqual(
      poolRows.filter((i) => i.kind === 'session').map((i) => i.id),
      sessionsBefore.map((i) => i.id),
      'the sessions loaded before stay',
    );
    assert.equal(poolRows.at(-1)?.kind, 'error', 'with the error row of their own failed read');
    assert.ok(big.sessions.stale);
    assert.ok(model.findLoaded(big.sessionRef(big.sessions.sessions[0])), 'a stale session still opens its details');

    // A second failing refresh still keeps them; a good one replaces them.
    model.refreshProfile(prod);
    assert.equal((await model.children(prod)).length, before.length + 1);
    emulator.clearFaults();
    model.refreshProfile(prod);
    const fresh = await model.children(prod);
    assert.deepEqual(kinds(fresh), kinds(before), 'no error row once a refresh succeeds');
    assert.ok(fresh.every((p) => p.kind === 'pool' && !p.stale));
    assert.deepEqual(kinds(await model.children(big)).filter((k) => k === 'error'), []);
    assert.equal(big.stale, false);
  });

  it('Refresh Pool that fails keeps its sessions (stale) beside the error row; its Retry brings fresh ones', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    await model.children(big);
    await model.loadMore(big);
    emulator.setFaults(SESSIONS, { accessDeniedRate: 1 });
    await model.refreshPool(big);
    const rows = await model.children(big);
    assert.equal(rows.filter((i) => i.kind === 'session').length, 100, 'both loaded pages stay');
    const error = rows.at(-1);
    assert.ok(error?.kind === 'error', kinds(rows).slice(-2).join());
    assert.ok(big.stale);
    emulator.clearFaults();
    await error.retry();
    assert.equal((await model.children(big)).filter((i) => i.kind === 'session').length, 50, 'the first page, fresh');
    assert.equal(big.stale, false);
  });

  it('a new user filter does not show the old results as stale when it fails', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    await model.children(big);
    emulator.setFaults(SESSIONS, { accessDeniedRate: 1 });
    await model.setUserFilter(big, 'nobody@example.com');
    assert.deepEqual(kinds(await model.children(big)), ['error'], 'another question: no answer to the old one beside its error');
  });

  it('two view Refreshes and a Refresh Pool during a pool\'s first load send no extra session request: they join it', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    emulator.setFaults(SESSIONS, { latencyMs: 1000 });
    const since = emulator.requestLog.next;
    const firstLoad = model.children(big);
    // Each refresh comes once the read is at the service: cancelling a read never sent proves nothing.
    await untilArrived(since);
    await model.refresh();
    await untilArrived(since);
    await model.refresh();
    await untilArrived(since);
    const refreshPool = model.refreshPool(big);
    // What the tree does after each whole-view change: it reads the expanded pool again.
    const reread = model.children(await pool(DEMO_BIG_POOL_ID));
    const [first, again] = await Promise.all([firstLoad, reread, refreshPool]);
    assert.equal(requests(SESSIONS), 1, 'one session request for the first load and everything that joined it');
    assert.equal(first.filter((i) => i.kind === 'session').length, 50);
    assert.deepEqual(again, first);
    // Once loaded, a refresh reads again.
    await model.refreshPool(big);
    assert.equal(requests(SESSIONS), 2);
  });

  it('what the details page learns (a session ended, a session changed, the pool\'s counts) the tree shows', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    const rows = (await model.children(big)).filter((i) => i.kind === 'session');
    const [gone, changedOne] = rows;
    assert.ok(gone.kind === 'session' && changedOne.kind === 'session');
    const accountId = emulator.accounts.find((a) => a.profileName === PROD)!.accountId;
    const activeBefore = big.pool.CapacityStatus?.ActiveUserSessions ?? 0;
    emulator.endSession(gone.sessionId);
    const freshPool = emulator.pools(accountId, 'us-east-1').find((p) => p.PoolId === DEMO_BIG_POOL_ID);
    changes = [];
    model.learnSession(gone, undefined, freshPool);
    assert.deepEqual(changes, [big], 'one change of the pool (its row and its sessions)');
    const after = await model.children(big);
    assert.ok(!after.some((i) => i.id === gone.id), 'the ended session is gone from the tree');
    assert.equal(big.pool.CapacityStatus?.ActiveUserSessions, activeBefore - 1, "the pool's counts are the fresh ones");
    assert.equal(model.findLoaded(gone), undefined);

    const updated = { ...changedOne.session, ConnectionState: changedOne.session.ConnectionState === 'CONNECTED' ? 'NOT_CONNECTED' : 'CONNECTED' } as const;
    model.learnSession(changedOne, updated);
    const row = (await model.children(big)).find((i) => i.id === changedOne.id);
    assert.ok(row?.kind === 'session' && row.session.ConnectionState === updated.ConnectionState, 'the row shows the new data');
    changes = [];
    model.learnSession({ ...changedOne, sessionId: 'never-loaded' }, undefined);
    assert.deepEqual(changes, [], 'nothing loaded changed: no change announced');
  });

  it('knows which profiles have a user filter before their pools are listed again', async () => {
    const prod = await profile(PROD);
    const others = (await model.children()).filter((i): i is ProfileEntry => i.kind === 'profile' && i.name !== PROD);
    assert.equal(model.hasUserFilter(prod), false);
    await model.setUserFilter(await pool(DEMO_BIG_POOL_ID), 'someone@example.com');
    assert.equal(model.hasUserFilter(prod), true);
    assert.ok(others.every((p) => !model.hasUserFilter(p)), 'only the profile of the filtered pool');
    await model.setUserFilter(await pool(DEMO_BIG_POOL_ID), undefined);
    assert.equal(model.hasUserFilter(prod), false);
  });
});
