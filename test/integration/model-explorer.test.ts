// The explorer's model in plain Node: no VS Code, the real AWS layer over real HTTP to the in-process
// emulator. What the tree shows, how many requests each action sends, and when the model announces
// a change (the tree re-renders a row for each announcement, and a click that spans one is lost).
import { strict as assert } from 'assert';
import { writeFileSync } from 'fs';
import { AwsGateway } from '../../src/aws/gateway';
import { lazyGateway } from '../../src/aws/lazyGateway';
import { STATE } from '../../src/ids';
import { Choices } from '../../src/model/choices';
import { MapStore } from '../support/mapStore';
import { ExplorerModel, type ExplorerSettings, type RootState } from '../../src/model/explorerModel';
import { FLAT_LIMIT, RANGE_SIZE, type Item, type PoolEntry, type ProfileEntry, type RegionEntry, type SessionRangeItem } from '../../src/model/items';
import { DEMO_BIG_POOL_ID, DEMO_SHARED_USER_ID, startEmulator, type Emulator } from '../../emulator/index';
import { awsFilesText, writeAwsFiles, type TempAwsFiles } from '../../emulator/awsFiles';

const PROD = 'acme-prod';

describe('model: the explorer without VS Code', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let files: TempAwsFiles;
  let settings: ExplorerSettings;
  let store: MapStore;
  let model: ExplorerModel;
  let changes: (Item | undefined)[];
  let rootStates: RootState[];

  const requests = (operation?: string) => emulator.log.filter((e) => !operation || e.operation === operation).length;

  function newModel(aws: TempAwsFiles = files): ExplorerModel {
    const env = { HOME: aws.dir, AWS_CONFIG_FILE: aws.configFile, AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile };
    const m = new ExplorerModel({
      gateway: lazyGateway({ log: () => undefined, requestTimeoutMs: () => 5_000, env, gatewayClass: AwsGateway }),
      choices: new Choices(store),
      settings: () => settings,
      log: () => undefined,
      rootState: (state) => rootStates.push(state),
    });
    m.onDidChange((item) => changes.push(item));
    return m;
  }

  async function profile(name: string): Promise<ProfileEntry> {
    const found = (await model.children()).find((i): i is ProfileEntry => i.kind === 'profile' && i.name === name);
    assert.ok(found, `profile ${name}`);
    return found;
  }

  async function pool(poolId: string, under?: ProfileEntry | RegionEntry): Promise<PoolEntry> {
    const found = (await model.children(under ?? (await profile(PROD)))).find((i): i is PoolEntry => i.kind === 'pool' && i.poolId === poolId);
    assert.ok(found, `pool ${poolId}`);
    return found;
  }

  /** Every row the tree can show, each pool expanded to its first page. */
  async function walk(under?: Item): Promise<Item[]> {
    const rows: Item[] = [];
    for (const child of await model.children(under)) rows.push(child, ...(await walk(child)));
    return rows;
  }

  /** The demo's accounts under other profile names (`/` and `%` in them): [name, account][]. */
  function renamedProfiles(names: string[]): { aws: TempAwsFiles; accounts: [string, Emulator['accounts'][number]][] } {
    const accounts = names.map((name, i): [string, Emulator['accounts'][number]] => [name, emulator.accounts[i % emulator.accounts.length]]);
    return { aws: writeAwsFiles(awsFilesText(emulator.url, accounts.map(([name, a]) => ({ ...a, profileName: name })))), accounts };
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
    store = new MapStore();
    changes = [];
    rootStates = [];
    model = newModel();
    emulator.clearLog();
    emulator.clearFaults();
  });

  it('lists the profiles of the files, those the settings select, and names selected ones that do not exist, with no request', async () => {
    const names = (await model.children()).map((i) => (i.kind === 'profile' ? i.name : i.kind));
    assert.deepEqual(names, emulator.accounts.map((a) => a.profileName).sort((a, b) => (a === 'default' ? -1 : a.localeCompare(b))));
    assert.deepEqual(rootStates, ['ok']);
    settings.profiles = [PROD, 'nobody'];
    model.refreshAll();
    const items = await model.children();
    assert.deepEqual(
      items.map((i) => (i.kind === 'profile' ? i.name : i.kind === 'placeholder' ? i.label : i.kind)),
      [PROD, 'Profile nobody (in settings) is not in the AWS config files'],
    );
    assert.equal(requests(), 0, 'listing profiles reads files only');
  });

  it("lists a profile's pools under it for one region, region rows for several, and offers Select Regions for none", async () => {
    const prod = await profile(PROD);
    const pools = await model.children(prod);
    assert.ok(pools.length > 1 && pools.every((i) => i.kind === 'pool'), 'pools directly under the profile');
    const poolCount = emulator.pools(emulator.accounts.find((a) => a.profileName === PROD)!.accountId, 'us-east-1').length;
    assert.equal(pools.length, poolCount);
    assert.equal(requests('DescribeWorkspacesPools'), Math.ceil(poolCount / 25), 'the pool list, 25 per page');
    await model.setRegions(prod, ['us-east-1', 'eu-west-1']);
    assert.deepEqual(changes, [prod], 'choosing regions changes the profile row and its children');
    const regions = await model.children(prod);
    assert.deepEqual(regions.map((r) => (r.kind === 'region' ? r.region : r.kind)), ['us-east-1', 'eu-west-1']);
    assert.deepEqual(store.get(STATE.regionsByProfile, {}), { [PROD]: ['us-east-1', 'eu-west-1'] }, 'remembered');
    const eu = await model.children(regions[1]);
    assert.ok(eu.every((i) => i.kind === 'pool' && i.region === 'eu-west-1'));
    // No region at all: the profile offers the command that fixes it.
    await model.setRegions(prod, []);
    settings.regions = [];
    const bare = new ExplorerModel({
      gateway: lazyGateway({ log: () => undefined, requestTimeoutMs: () => 5_000, env: { HOME: files.dir, AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, gatewayClass: AwsGateway }),
      choices: new Choices(new MapStore()),
      settings: () => settings,
      log: () => undefined,
    });
    const [first] = await bare.children();
    assert.equal(first.kind, 'profile');
    const [placeholder] = await bare.children(first);
    assert.ok(placeholder.kind === 'placeholder' && placeholder.action?.kind === 'selectRegions' && placeholder.action.profile === first);
  });

  it('Load more: one request per page, a second click joins it, and one change per page, when it lands', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    emulator.clearLog();
    changes = [];
    let children = await model.children(big);
    assert.equal(children.filter((i) => i.kind === 'session').length, 50);
    assert.equal(children.at(-1), big.loadMoreItem, 'the Load more row ends the list');
    assert.deepEqual(changes, [], 'the first page loads while the tree waits for it: nothing to announce');
    for (let page = 2; page <= 4; page++) {
      const click = model.loadMore(big);
      const doubleClick = model.loadMore(big);
      assert.deepEqual(changes, [], 'nothing re-renders while the page loads');
      await Promise.all([click, doubleClick]);
      assert.deepEqual(changes, [big], `page ${page}: exactly one change, naming the pool`);
      changes = [];
      children = await model.children(big);
      assert.equal(children.filter((i) => i.kind === 'session').length, 50 * page);
    }
    assert.equal(requests('DescribeWorkspacesPoolSessions'), 4, 'one request per page, none for the double clicks');
    const again = await model.children(big);
    assert.equal(again.at(-1), children.at(-1), 'the Load more row is the same item from one render to the next');
    assert.equal(again[0], children[0], 'so are the session rows');
  });

  it('past FLAT_LIMIT (2,000) loaded sessions lists ranges of 100, and a Load more that grows the last range announces only it and the Load more row', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    await model.children(big);
    while (big.sessions.sessions.length < FLAT_LIMIT) await model.loadMore(big);
    let children = await model.children(big);
    assert.equal(children.filter((i) => i.kind === 'session').length, FLAT_LIMIT, 'flat up to the limit');
    changes = [];
    await model.loadMore(big); // FLAT_LIMIT + 50: past the limit, the pool's rows become ranges
    assert.deepEqual(changes, [big]);
    children = await model.children(big);
    const ranges = children.filter((i): i is SessionRangeItem => i.kind === 'range');
    const count = FLAT_LIMIT / RANGE_SIZE + 1;
    assert.deepEqual(
      ranges.map((r) => [r.start, r.end]),
      [...Array(count).keys()].map((i) => [i * RANGE_SIZE, Math.min((i + 1) * RANGE_SIZE, FLAT_LIMIT + 50)]),
    );
    assert.equal(children.length, count + 1, 'the ranges, then the Load more row');
    assert.equal(children.at(-1), big.loadMoreItem);
    const last = ranges.at(-1)!;
    assert.equal(last.isLast, true);
    changes = [];
    await model.loadMore(big); // FLAT_LIMIT + 100: fills the last range
    assert.deepEqual(changes, [last, big.loadMoreItem], 'only the grown range and the Load more row');
    const inLast = await model.children(last);
    assert.equal(inLast.length, RANGE_SIZE);
    assert.equal(inLast[0].kind === 'session' && inLast[0].sessionId, big.sessions.sessions[FLAT_LIMIT].SessionId);
    assert.equal(model.treeParent(inLast[0]), last, "a session's tree parent is its range");
    assert.equal(model.treeParent(last), big);
    changes = [];
    await model.loadMore(big); // FLAT_LIMIT + 150: opens a new range, so the pool's list of ranges changes
    assert.deepEqual(changes, [big]);
    assert.equal((await model.children(big)).filter((i) => i.kind === 'range').length, count + 1);
    assert.equal(last.isLast, false);
  });

  it('a user filter is sent as UserId, announced as it starts and when it lands, remembered by pool, and cleared the same way', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    const before = await model.children(big);
    emulator.clearLog();
    changes = [];
    // The first change lets the pool row show the load; meanwhile the rows shown before stay.
    let whileLoading: Promise<Item[]> | undefined;
    const sub = model.onDidChange((item) => {
      if (item === big && !whileLoading) {
        assert.equal(big.sessions.state, 'loading', 'the first change comes while the new filter loads');
        whileLoading = model.children(big);
      }
    });
    await model.setUserFilter(big, DEMO_SHARED_USER_ID);
    sub.dispose();
    assert.deepEqual(changes, [big, big], 'once as the load starts, once when it lands');
    assert.deepEqual(await whileLoading, before, 'the rows shown before stay while the new filter loads');
    const filtered = await model.children(big);
    const truth = emulator.sessions(emulator.accounts.find((a) => a.profileName === PROD)!.accountId, 'us-east-1', DEMO_BIG_POOL_ID).filter((s) => s.UserId === DEMO_SHARED_USER_ID);
    assert.deepEqual(filtered.filter((i) => i.kind === 'session').map((i) => (i.kind === 'session' ? i.sessionId : '')), truth.map((s) => s.SessionId).slice(0, 50));
    const sent = emulator.log.filter((e) => e.operation === 'DescribeWorkspacesPoolSessions');
    assert.equal(sent.length, 1);
    assert.equal((sent[0].params as { UserId?: string }).UserId, DEMO_SHARED_USER_ID);
    // A new model over the same saved state starts with the filter.
    model = newModel();
    assert.equal((await pool(DEMO_BIG_POOL_ID)).userFilter, DEMO_SHARED_USER_ID);
    await model.setUserFilter(await pool(DEMO_BIG_POOL_ID), undefined);
    assert.deepEqual(store.get(STATE.userFilters, {}), {});
  });

  it('a failed page keeps what is loaded under an error row whose Retry loads only that page', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    await model.children(big);
    emulator.setFaults('DescribeWorkspacesPoolSessions', { serverErrorRate: 1 });
    await model.loadMore(big);
    const failed = await model.children(big);
    assert.equal(failed.filter((i) => i.kind === 'session').length, 50, 'loaded sessions stay');
    const error = failed.at(-1)!;
    assert.ok(error.kind === 'error' && error.info.kind === 'service' && error.info.retryable, `${error.kind}: ${error.kind === 'error' ? JSON.stringify(error.info) : ''}`);
    emulator.clearFaults();
    emulator.clearLog();
    changes = [];
    await error.retry();
    assert.deepEqual(changes, [big], 'one change when the retried page lands');
    assert.equal((await model.children(big)).filter((i) => i.kind === 'session').length, 100);
    const sent = emulator.log.filter((e) => e.operation === 'DescribeWorkspacesPoolSessions');
    assert.equal(sent.length, 1);
    assert.ok((sent[0].params as { NextToken?: string }).NextToken, 'the retry asks for the page after those loaded');
  });

  it('Refresh Pool reads its first page and its pool list again; Refresh drops everything', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    await model.children(big);
    await model.loadMore(big);
    emulator.clearLog();
    changes = [];
    const refreshing = model.refreshPool(big);
    assert.deepEqual(changes, [], 'the rows on screen stay (and keep working) while the pool is read again');
    await refreshing;
    assert.deepEqual(changes, [big], 'one change, once the first page and the pool list are both here');
    const fresh = await model.children(big);
    assert.equal(fresh.filter((i) => i.kind === 'session').length, 50, 'back to the first page');
    assert.equal(requests('DescribeWorkspacesPoolSessions'), 1);
    assert.ok(requests('DescribeWorkspacesPools') >= 1);
    model.refreshAll();
    assert.equal(changes.at(-1), undefined, 'a whole-view change');
    assert.equal(big.sessions.loaded, false);
  });

  it('a config file that breaks keeps what is loaded under an error row, until a good file reloads it', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    await model.children(big);
    const good = emulator.awsFiles().config;
    try {
      writeFileSync(files.configFile, '[profile broken\nregion = us-east-1\n');
      await model.reloadConfig();
      const root = await model.children();
      assert.equal(root[0].kind, 'error');
      assert.match(root[0].kind === 'error' ? root[0].info.message : '', /config/);
      assert.ok(root.some((i) => i.kind === 'profile' && i.name === PROD), 'the profiles stay');
      assert.equal(big.sessions.sessions.length, 50, 'and so do the sessions');
    } finally {
      writeFileSync(files.configFile, good);
    }
    await model.reloadConfig();
    const root = await model.children();
    assert.ok(root.every((i) => i.kind === 'profile'));
    assert.equal(big.sessions.loaded, false, 'a good file reloads everything');
  });

  it('Refresh while a config file is broken keeps what is loaded under the error row, as an edit does, until a good file', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    await model.children(big);
    const good = emulator.awsFiles().config;
    try {
      writeFileSync(files.configFile, '[profile broken\nregion = us-east-1\n');
      emulator.clearLog();
      changes = [];
      await model.refresh();
      assert.deepEqual(changes, [undefined], 'one whole-view change');
      const root = await model.children();
      assert.equal(root[0].kind, 'error');
      assert.match(root[0].kind === 'error' ? root[0].info.message : '', new RegExp(`${files.configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*line \\d+`));
      assert.deepEqual(
        root.slice(1).map((i) => (i.kind === 'profile' ? i.name : i.kind)),
        emulator.accounts.map((a) => a.profileName).sort((a, b) => (a === 'default' ? -1 : a.localeCompare(b))),
        'the profiles stay',
      );
      assert.equal(big.sessions.sessions.length, 50, 'and so do the sessions');
      assert.equal(await model.children(big).then((c) => c.filter((i) => i.kind === 'session').length), 50);
      await model.refresh();
      assert.equal((await model.children()).filter((i) => i.kind === 'profile').length, emulator.accounts.length, 'a second Refresh keeps them too');
      assert.equal(requests(), 0, 'nothing is asked of the service while the file is broken');
    } finally {
      writeFileSync(files.configFile, good);
    }
    await model.refresh();
    const root = await model.children();
    assert.ok(root.every((i) => i.kind === 'profile'), 'the error row goes with a good file');
    assert.equal(big.sessions.loaded, false, 'and everything loads again');
  });

  it('gives every row its own id when profile names hold `/` and `%` (`a` with two regions, `a/us-east-1`, `100%`)', async () => {
    const { aws, accounts } = renamedProfiles(['a', 'a/us-east-1', '100%']);
    try {
      model = newModel(aws);
      await model.setRegions(await profile('a'), ['us-east-1', 'eu-west-1']);
      const rows = await walk();
      const ids = rows.map((i) => i.id);
      assert.deepEqual(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        [],
        'VS Code throws "Element with id … is already registered" on a repeated id and drops that subtree',
      );
      for (const [name, account] of accounts) {
        const regions = name === 'a' ? ['us-east-1', 'eu-west-1'] : [account.region];
        const shown = rows.filter((i): i is PoolEntry => i.kind === 'pool' && i.profile === name).map((p) => `${p.region} ${p.poolId}`);
        const truth = regions.flatMap((r) => emulator.pools(account.accountId, r).map((p) => `${r} ${p.PoolId}`));
        assert.deepEqual(shown.sort(), truth.sort(), `every pool of ${name}`);
      }
      assert.ok(rows.some((i) => i.kind === 'session' && i.profile === 'a/us-east-1'), 'sessions of a/us-east-1 listed');
    } finally {
      aws.cleanup();
    }
  });

  it('a user filter saved before ids were encoded still applies, to plain names and to names with `/`', async () => {
    const { aws } = renamedProfiles(['acme-prod', 'a/us-east-1']);
    try {
      // The old ids joined the names as they are; acme-dev's pools are under `a/us-east-1` here.
      store.data.set(STATE.legacyUserFilters, {
        [`acme-prod/us-east-1/${DEMO_BIG_POOL_ID}`]: DEMO_SHARED_USER_ID,
        'a/us-east-1/us-east-1/wspool-devfeat01': 'someone@acme.example',
      });
      model = newModel(aws);
      const big = await pool(DEMO_BIG_POOL_ID, await profile('acme-prod'));
      const feat = await pool('wspool-devfeat01', await profile('a/us-east-1'));
      assert.equal(big.userFilter, DEMO_SHARED_USER_ID);
      assert.equal(feat.userFilter, 'someone@acme.example');
      emulator.clearLog();
      await model.children(big);
      await model.children(feat);
      const sent = emulator.log.filter((e) => e.operation === 'DescribeWorkspacesPoolSessions').map((e) => (e.params as { UserId?: string }).UserId);
      assert.deepEqual(sent.sort(), [DEMO_SHARED_USER_ID, 'someone@acme.example'].sort(), 'sent as UserId');
      // Cleared once, it stays cleared (the old key goes with it).
      await model.setUserFilter(feat, undefined);
      model = newModel(aws);
      assert.equal((await pool('wspool-devfeat01', await profile('a/us-east-1'))).userFilter, undefined);
      assert.equal((await pool(DEMO_BIG_POOL_ID, await profile('acme-prod'))).userFilter, DEMO_SHARED_USER_ID);
    } finally {
      aws.cleanup();
    }
  });

  it("offers the palette's loaded sessions of shown profiles and selected regions only", async () => {
    const prod = await profile(PROD);
    await model.setRegions(prod, ['us-east-1', 'eu-west-1']);
    const [us, eu] = (await model.children(prod)) as RegionEntry[];
    const big = await pool(DEMO_BIG_POOL_ID, us);
    const euSupport = await pool('wspool-eusupport', eu);
    const feat = await pool('wspool-devfeat01', await profile('acme-dev'));
    for (const p of [big, euSupport, feat]) await model.children(p);
    const loaded = () => model.shownPools().filter((p) => p.sessions.sessions.length > 0).map((p) => p.id).sort();
    const ids = (...pools: PoolEntry[]) => pools.map((p) => p.id).sort();
    assert.deepEqual(loaded(), ids(big, euSupport, feat));
    await model.setRegions(prod, ['us-east-1']);
    assert.deepEqual(loaded(), ids(big, feat), 'a deselected region leaves');
    settings.profiles = ['acme-dev'];
    assert.deepEqual(loaded(), ids(feat), 'a profile no longer shown leaves');
    settings.profiles = [];
    await model.setRegions(prod, ['eu-west-1', 'us-east-1']);
    assert.deepEqual(loaded(), ids(big, euSupport, feat), 'selected again, its loaded sessions are back');
    assert.ok([big, euSupport, feat].every((p) => model.knownPools().includes(p)), 'all of them stay known');
  });

  it('finds a loaded session without a request, and knows the pools it has listed', async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    const [first] = await model.children(big);
    assert.equal(first.kind, 'session');
    emulator.clearLog();
    const found = model.findLoaded(first);
    assert.equal(found?.entry, big);
    assert.equal(found?.session.SessionId, first.sessionId);
    assert.ok(model.knownPools().includes(big));
    assert.equal(requests(), 0);
  });
});
