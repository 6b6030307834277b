// Faults while a user expands pools and loads pages: the real AwsGateway (real SDK over real HTTP)
// and the tree's own paging state against the in-process emulator with fault injection. Each case
// ends with clear errors and successful retries, and then every pool holds exactly the emulator's
// sessions: none missing, none twice, nothing already loaded lost (browseToEnd checks the last two
// at every step). Fault dice are seeded, so a failure can be replayed.
import { strict as assert } from 'assert';
import { writeFileSync } from 'fs';
import { describeError } from '../../src/aws/index';
import { buildScenario, poolId, profileName } from '../../emulator/scenarioBuilder';
import { browseToEnd, CuttingProxy, ids, kinds, listToEnd, World, type PoolRef } from './faults-world';

const REGION = 'us-east-1';
const PROFILES = 2;
const POOLS = 3;
const SESSIONS = 90;
const PAGE = 20;
const scenario = buildScenario({ profiles: PROFILES, regions: [REGION], poolsPerRegion: POOLS, sessions: SESSIONS });
const refs: PoolRef[] = [];
for (let a = 0; a < PROFILES; a++) for (let p = 0; p < POOLS; p++) refs.push({ profile: profileName(a), region: REGION, poolId: poolId(a, 0, p) });
const SESSIONS_OP = 'DescribeWorkspacesPoolSessions';

describe('faults: paging ends in the emulator\'s truth', function () {
  this.timeout(60_000);
  let world: World;

  beforeEach(async function () {
    // The seed differs per test (its title), so the cases do not all roll the same dice.
    const seed = [...this.currentTest!.title].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    world = await World.start({ scenario, faultSeed: seed, pageSize: PAGE, gateway: { requestTimeoutMs: 2_000 } });
  });
  afterEach(async () => {
    await world.dispose();
  });

  /** Expands every profile and every pool (all at once, as a user clicking around) and loads every page. */
  async function browseEverything(expectKind: Parameters<typeof browseToEnd>[2]) {
    const errors = [];
    for (let a = 0; a < PROFILES; a++) {
      const listed = await listToEnd(world.poolList(profileName(a), REGION), profileName(a), expectKind);
      errors.push(...listed.errors);
      assert.deepEqual(listed.pools.map((p) => p.PoolId).sort(), refs.filter((r) => r.profile === profileName(a)).map((r) => r.poolId).sort());
    }
    const reports = await Promise.all(refs.map((ref) => browseToEnd(world.pool(ref), ref.profile, expectKind)));
    for (const r of reports) errors.push(...r.errors);
    assertTruth();
    return errors;
  }

  function assertTruth(): void {
    for (const ref of refs) {
      const loaded = ids(world.pool(ref).sessions);
      assert.equal(new Set(loaded).size, loaded.length, `${ref.poolId}: no session twice`);
      assert.deepEqual(loaded, world.truth(ref), `${ref.poolId}: exactly the emulator's sessions, in its order`);
    }
  }

  const faulted = (fault: string) => world.emulator.log.filter((e) => e.fault === fault).length;

  /**
   * At 20-30% a call fails all 3 of its attempts only about 1 time in 37 (30%) or 125 (20%), and which call gets which
   * die depends on how the pools loading at once interleave: a run may show no error at all. So one
   * pool's first page gets the fault on every attempt first: the SDK tries 3 times, then that pool
   * holds the error the title names, and browseEverything starts from it (its Retry).
   */
  async function retriesRunOut(faults: { throttleRate: 1 } | { serverErrorRate: 1 }, fault: string): Promise<void> {
    world.emulator.setFaults(SESSIONS_OP, faults);
    await world.pool(refs[0]).ensureFirstPage();
    world.emulator.setFaults(SESSIONS_OP);
    assert.equal(faulted(fault), 3, 'the SDK tried 3 times, each attempt faulted');
    assert.notEqual(world.pool(refs[0]).error, undefined, 'the first page failed once its retries ran out');
  }

  it('30% of calls throttled: the SDK retries, the rest become "throttled" errors and a Retry', async () => {
    await retriesRunOut({ throttleRate: 1 }, 'throttle');
    world.emulator.setFaults('*', { throttleRate: 0.3 });
    const errors = await browseEverything(kinds('throttled'));
    assert.ok(faulted('throttle') >= 6, `throttling was injected (${faulted('throttle')} times)`);
    assert.ok(errors.length >= 1, 'a "throttled" error was shown');
    for (const e of errors) assert.equal(e.retryable, true);
  });

  it('20% of calls answered 500/503: retried, and shown as a retryable service error when retries run out', async () => {
    await retriesRunOut({ serverErrorRate: 1 }, 'server-error');
    world.emulator.setFaults('*', { serverErrorRate: 0.2 });
    const errors = await browseEverything(kinds('service'));
    const statuses = new Set(world.emulator.log.filter((e) => e.fault === 'server-error').map((e) => e.status));
    assert.ok(statuses.size >= 1 && [...statuses].every((s) => s === 500 || s === 503), `5xx injected: ${[...statuses]}`);
    assert.ok(errors.length >= 1, 'a service error was shown');
    for (const e of errors) assert.equal(e.retryable, true);
  });

  it('connections dropped before the answer: retried, and shown as a network error when retries run out', async () => {
    world.emulator.setFaults('*', { dropRate: 0.3 });
    await browseEverything(kinds('network'));
    assert.ok(faulted('drop') >= 3, `connections were dropped (${faulted('drop')} times)`);
  });

  it('connections cut mid-response (half an answer, then closed): retried, else a network error, then the truth', async () => {
    const proxy = await new CuttingProxy(() => world.emulator.url, 99).listen();
    try {
      // Every profile now talks to the emulator through the proxy.
      writeFileSync(world.files.configFile, world.emulator.awsFiles().config.split(world.emulator.url).join(proxy.url));
      world.filesChanged();
      proxy.rate = 0.25;
      await browseEverything(kinds('network'));
      assert.ok(proxy.cuts >= 3, `answers were cut (${proxy.cuts} of ${proxy.chunks} chunks)`);
    } finally {
      await proxy.close();
    }
  });

  it('every attempt slower than the request timeout: a "timeout" error, loaded pages kept, then a Retry loads the page', async () => {
    world.gateway.dispose();
    world.gateway = world.newGateway({ requestTimeoutMs: 300 });
    const ref = refs[0];
    const model = world.pool(ref);
    await model.ensureFirstPage();
    const first = ids(model.sessions);
    assert.equal(first.length, PAGE);

    world.emulator.setFaults(SESSIONS_OP, { latencyMs: 4_000 });
    const started = performance.now();
    await model.loadMore();
    const elapsed = performance.now() - started;
    const info = describeError(model.error, ref.profile);
    assert.equal(info.kind, 'timeout', info.message);
    assert.equal(info.retryable, true);
    assert.deepEqual(ids(model.sessions), first, 'the loaded page stays');
    assert.ok(elapsed < 4_000, `gave up on the timeout, not the answer (${Math.round(elapsed)} ms for 3 attempts)`);

    // Unanswered requests at random, on top: the same story, and the end is still the truth.
    world.emulator.setFaults(SESSIONS_OP, { timeoutRate: 0.2 });
    await browseEverything(kinds('timeout'));
    assert.ok(faulted('timeout') >= 1);
  });

  it('a NextToken that expires between two "Load more" clicks: the user is told to start over, and can', async () => {
    const ref = refs[1];
    const model = world.pool(ref);
    await model.ensureFirstPage();
    await model.loadMore();
    const loaded = ids(model.sessions);
    assert.equal(loaded.length, 2 * PAGE);

    world.emulator.setTokenTtl(0); // the user went for coffee
    await model.loadMore();
    const info = describeError(model.error, ref.profile);
    assert.equal(info.kind, 'token-expired');
    assert.equal(info.retryable, false, 'a plain retry cannot help; the error node starts over');
    assert.match(info.message, /start over/i);
    assert.deepEqual(ids(model.sessions), loaded, 'what was loaded is still shown');
    assert.equal(world.emulator.log.at(-1)?.errorType, 'InvalidParameterValuesException');

    world.emulator.setTokenTtl(15 * 60_000);
    model.reset(); // the error node's action for token-expired (PoolNode.refresh)
    const report = await browseToEnd(model, ref.profile, kinds());
    assert.equal(report.errors.length, 0);
    assert.deepEqual(ids(model.sessions), world.truth(ref));
  });

  it('credentials revoked mid-session: a credentials error, no silent success, then a new key in the file works', async () => {
    const profile = profileName(0);
    const { accountId, accessKeyId } = world.account(profile);
    const mine = refs.filter((r) => r.profile === profile);
    for (const ref of mine) await world.pool(ref).ensureFirstPage();

    world.emulator.revokeAccessKey(accessKeyId);
    await Promise.all(mine.map((ref) => world.pool(ref).loadMore()));
    for (const ref of mine) {
      const model = world.pool(ref);
      const info = describeError(model.error, profile);
      assert.equal(info.kind, 'credentials', info.message);
      assert.match(info.message, new RegExp(`profile "${profile}"`));
      assert.equal(model.sessions.length, PAGE, 'the loaded page stays');
      await model.retry();
      assert.equal(describeError(model.error, profile).kind, 'credentials', 'still refused: a retry does not pretend');
    }
    // The other profile is unaffected.
    await browseToEnd(world.pool(refs[POOLS]), profileName(1), kinds());

    // The administrator rotates the key in the credentials file; the watcher resets the gateway.
    const fresh = world.emulator.issueSessionCredentials(accountId, 3600);
    const credentials = world.emulator.awsFiles().credentials.replace(
      new RegExp(`\\[${profile}\\]\\naws_access_key_id = .*\\naws_secret_access_key = .*\\n`),
      `[${profile}]\naws_access_key_id = ${fresh.accessKeyId}\naws_secret_access_key = ${fresh.secretAccessKey}\naws_session_token = ${fresh.sessionToken}\n`,
    );
    assert.ok(credentials.includes(fresh.accessKeyId));
    writeFileSync(world.files.credentialsFile, credentials);
    world.filesChanged();
    for (const ref of mine) {
      await world.pool(ref).retry(); // the error node's Retry
      assert.equal(world.pool(ref).error, undefined, 'the new key is used at once');
      await browseToEnd(world.pool(ref), profile, kinds());
    }
    assertTruthFor(mine);
    const text = world.lines.join('\n');
    assert.ok(!text.includes(fresh.secretAccessKey) && !text.includes(fresh.sessionToken), 'no secret in the log');
  });

  it('an expired session token: "credentials have expired", then refreshed credentials work', async () => {
    const profile = profileName(1);
    const { accountId } = world.account(profile);
    const writeSessionCredentials = (ttlSeconds: number) => {
      const c = world.emulator.issueSessionCredentials(accountId, ttlSeconds);
      writeFileSync(
        world.files.credentialsFile,
        world.emulator.awsFiles().credentials.replace(
          new RegExp(`\\[${profile}\\]\\naws_access_key_id = .*\\naws_secret_access_key = .*\\n`),
          `[${profile}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\naws_session_token = ${c.sessionToken}\n`,
        ),
      );
      world.filesChanged();
    };
    writeSessionCredentials(3600);
    const ref = refs.find((r) => r.profile === profile)!;
    const model = world.pool(ref);
    await model.ensureFirstPage();
    assert.equal(model.sessions.length, PAGE);

    // Two hours later (the service's clock moves; the SDK corrects its own clock from the answer).
    world.emulator.setClockOffset(2 * 3600_000);
    await model.loadMore();
    const info = describeError(model.error, profile);
    assert.equal(info.kind, 'credentials', info.message);
    assert.match(info.message, /expired/);
    assert.equal(model.sessions.length, PAGE, 'the loaded page stays');
    assert.ok(world.emulator.log.some((e) => e.errorType === 'ExpiredTokenException'), 'the service said the token expired');

    writeSessionCredentials(4 * 3600); // `aws sso login` / a new STS session, written by the user's tooling
    await model.retry();
    assert.equal(model.error, undefined, 'the refreshed credentials are used at once');
    await browseToEnd(model, profile, kinds());
    assert.deepEqual(ids(model.sessions), world.truth(ref));
  });

  it('the AWS config file becomes malformed while running: a config error naming the file and line, nothing sent, then fixed', async () => {
    const ref = refs[2];
    const model = world.pool(ref);
    await model.ensureFirstPage();
    const good = world.emulator.awsFiles().config;

    writeFileSync(world.files.configFile, `[profile half-typed\n${good}`);
    world.filesChanged();
    const sent = world.emulator.log.length;
    await model.loadMore();
    const info = describeError(model.error, ref.profile);
    assert.equal(info.kind, 'config', info.message);
    assert.ok(info.message.includes(world.files.configFile) && /line 1\b/.test(info.message), info.message);
    assert.equal(model.sessions.length, PAGE, 'the loaded page stays');
    const listed = await world.poolList(ref.profile, REGION).get();
    assert.ok(!listed.ok && describeError(listed.error, ref.profile).kind === 'config', 'the pool list says the same');
    await model.retry();
    assert.equal(describeError(model.error, ref.profile).kind, 'config', 'a retry before the fix reads the file again and fails again');
    assert.equal(world.emulator.log.length, sent, 'nothing was sent with a broken config');

    writeFileSync(world.files.configFile, good);
    world.filesChanged();
    await model.retry();
    assert.equal(model.error, undefined, 'the fixed file is read at once');
    await browseToEnd(model, ref.profile, kinds());
    assert.deepEqual(ids(model.sessions), world.truth(ref));
    assert.ok((await listToEnd(world.poolList(ref.profile, REGION), ref.profile, kinds())).pools.length === POOLS);
  });

  it('the emulator stopped (a page in flight) and started again on the same port: network error, then Retry or start over', async () => {
    for (const ref of refs) await world.pool(ref).ensureFirstPage();
    world.emulator.setFaults(SESSIONS_OP, { latencyMs: 200 });
    const inFlight = refs.map((ref) => world.pool(ref).loadMore());
    assert.ok(refs.every((ref) => world.pool(ref).state === 'loadingMore'));
    await world.restartEmulator(async () => {
      await Promise.all(inFlight);
      for (const ref of refs) {
        const model = world.pool(ref);
        const info = describeError(model.error, ref.profile);
        assert.equal(info.kind, 'network', info.message);
        assert.equal(info.retryable, true);
        assert.equal(model.sessions.length, PAGE, 'the loaded page stays');
        await model.retry(); // while it is down
        assert.equal(describeError(model.error, ref.profile).kind, 'network');
      }
    });
    // Back up. Its page tokens were signed by the old instance: Retry may have to start over.
    const errors = (await Promise.all(refs.map((ref) => browseToEnd(world.pool(ref), ref.profile, kinds('network', 'token-expired'))))).flatMap((r) => r.errors);
    assert.ok(errors.length >= refs.length, 'each pool surfaced its failure to the user');
    assertTruth();
  });

  function assertTruthFor(list: PoolRef[]): void {
    for (const ref of list) assert.deepEqual(ids(world.pool(ref).sessions), world.truth(ref), ref.poolId);
  }
});
