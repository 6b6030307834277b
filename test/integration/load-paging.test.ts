// Load, in plain Node with the real SDK against the in-process emulator: a pool of 100,000 sessions
// paged 10,000 deep, one request per "Load more"; 20 profiles x 2 regions x 25 pools listed without a
// request, one profile expanded without touching the others, and pools of every profile
// expanded at once with the per-profile bound holding on the service side. Timings are not
// asserted here: bench/load.ts reports them as ratios.
import { strict as assert } from 'assert';
import { loadProfiles } from '../../src/aws/profiles';
import { buildScenario, poolId, profileName } from '../../emulator/scenarioBuilder';
import { ids, World } from './faults-world';

const SESSIONS_OP = 'DescribeWorkspacesPoolSessions';
const POOLS_OP = 'DescribeWorkspacesPools';

describe('load: a pool of 100,000 sessions', function () {
  this.timeout(90_000);
  const SIZE = 100_000;
  let world: World;

  before(async () => {
    world = await World.start({ scenario: buildScenario({ profiles: 1, regions: ['us-east-1'], poolsPerRegion: 1, sessions: SIZE }), pageSize: 50 });
  });
  after(async () => {
    await world.dispose();
  });

  it('one request per "Load more", each sending the previous NextToken, 10,000 sessions deep', async () => {
    const ref = { profile: profileName(0), region: 'us-east-1', poolId: poolId(0, 0, 0) };
    const model = world.pool(ref);
    world.emulator.clearLog();
    await model.ensureFirstPage();
    const CLICKS = 199; // 200 pages: bench/load.ts pages all 2,000 and compares the time of early and late ones
    for (let click = 1; click <= CLICKS; click++) {
      const before = model.sessions.length;
      await model.loadMore();
      assert.equal(model.sessions.length, before + 50, `Load more #${click} appended one page`);
    }
    assert.equal(model.error, undefined);
    assert.ok(model.hasMore, 'the pool goes on');
    const log = world.emulator.log.filter((e) => e.operation === SESSIONS_OP);
    assert.equal(log.length, 1 + CLICKS, 'one request for the expand, one per Load more');
    assert.equal(model.requests, log.length);
    assert.ok(log.every((e, i) => e.status === 200 && e.params.Limit === 50 && (i === 0) === (e.params.NextToken === undefined)));
    const loaded = ids(model.sessions);
    assert.equal(new Set(loaded).size, loaded.length, 'no session twice');
    assert.deepEqual(loaded, world.truth(ref).slice(0, 200 * 50), 'exactly the emulator\'s sessions, in its order');
  });
});

describe('load: 20 profiles x 2 regions x 25 pools', function () {
  this.timeout(60_000);
  const PROFILES = 20;
  const REGIONS = ['us-east-1', 'eu-west-1'];
  const POOLS = 25;
  const BOUND = 4;
  let world: World;

  before(async () => {
    world = await World.start({
      scenario: buildScenario({ profiles: PROFILES, regions: REGIONS, poolsPerRegion: POOLS, sessions: (_a, _r, p) => p % 4 }),
      gateway: { maxConcurrentPerProfile: BOUND },
    });
  });
  after(async () => {
    await world.dispose();
  });
  beforeEach(() => {
    world.emulator.clearLog();
    world.emulator.clearFaults();
  });

  it('lists all 20 profiles (regions, endpoints) from the files without a single request', async () => {
    const env = { HOME: world.files.dir, AWS_CONFIG_FILE: world.files.configFile, AWS_SHARED_CREDENTIALS_FILE: world.files.credentialsFile };
    const profiles = await loadProfiles(env);
    assert.deepEqual(profiles.map((p) => p.name), Array.from({ length: PROFILES }, (_, a) => profileName(a)));
    assert.ok(profiles.every((p) => p.region === REGIONS[0] && p.endpoint?.url === world.emulator.url && p.kind === 'static'));
    assert.equal((await world.gateway.profiles()).length, PROFILES);
    assert.equal(world.emulator.log.length, 0, 'no request to list profiles');
    assert.equal(world.gateway.clientCount, 0, 'no client made either');
  });

  it('the first expand of one profile asks only for that profile\'s pools: one request per region', async () => {
    const fresh = world.newGateway({ maxConcurrentPerProfile: BOUND });
    try {
      const target = profileName(7);
      const lists = await Promise.all(REGIONS.map((region) => fresh.listPools(target, region)));
      for (const pools of lists) assert.equal(pools.length, POOLS);
      const log = world.emulator.log;
      assert.equal(log.length, REGIONS.length, 'one DescribeWorkspacesPools per region (25 pools fit a page)');
      assert.ok(log.every((e) => e.operation === POOLS_OP && e.accountId === world.account(target).accountId));
      assert.equal(fresh.clientCount, REGIONS.length, 'clients only for this profile');
    } finally {
      fresh.dispose();
    }
  });

  it('expanding pools of every profile at once: at most 4 requests in flight per profile, profiles in parallel', async () => {
    // Long enough that requests of different profiles overlap even on a busy machine.
    const LATENCY = 100;
    world.emulator.setFaults('*', { latencyMs: LATENCY });
    let maxPerProfile = 0;
    const probe = setInterval(() => {
      for (let a = 0; a < PROFILES; a++) maxPerProfile = Math.max(maxPerProfile, world.gateway.load(profileName(a)).inFlight);
    }, 2);
    try {
      await Promise.all(
        Array.from({ length: PROFILES }, async (_, a) => {
          const profile = profileName(a);
          await Promise.all(
            REGIONS.map(async (region) => {
              const pools = await world.poolList(profile, region).get();
              assert.ok(pools.ok);
              // The first 6 pools of each region: more than the bound per profile, few enough to stay quick.
              await Promise.all(pools.value.slice(0, 6).map((p) => world.pool({ profile, region, poolId: p.PoolId! }).ensureFirstPage()));
            }),
          );
        }),
      );
    } finally {
      clearInterval(probe);
    }
    const log = world.emulator.log;
    assert.equal(log.filter((e) => e.operation === SESSIONS_OP).length, PROFILES * REGIONS.length * 6, 'one first page per pool');
    assert.ok(log.every((e) => e.status === 200));

    // The service's view: requests of one account overlapping in time never exceed the bound;
    // requests of all accounts together do (profiles are not serialised behind each other).
    const spans = log.map((e) => ({ account: e.accountId, from: Date.parse(e.time), to: Date.parse(e.time) + e.durationMs }));
    const overlapAt = (t: number, account?: string) => spans.filter((s) => (account === undefined || s.account === account) && s.from <= t && s.to > t).length;
    let maxAccount = 0;
    let maxAll = 0;
    for (const s of spans) {
      const t = s.from + 1; // just after it started
      maxAccount = Math.max(maxAccount, overlapAt(t, s.account));
      maxAll = Math.max(maxAll, overlapAt(t));
    }
    assert.ok(maxAccount <= BOUND, `at most ${BOUND} requests of one account at once (saw ${maxAccount})`);
    assert.equal(maxPerProfile, BOUND, 'the client side reached the bound, never more');
    assert.ok(maxAll > BOUND * 3, `requests of different profiles overlapped (${maxAll} at once)`);
  });
});
