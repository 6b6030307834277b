// The overall deadline of one AWS call, against an endpoint that takes every request and never
// answers (the emulator's timeout fault: the real SDK over real HTTP, the socket left open).
// Without it a dead endpoint cost every attempt in full (3 x 1 s here, 3 x 10 s by default) and the
// profile's 4 slots stayed held meanwhile, so calls 5 and 6 only started after 3 s.
import { strict as assert } from 'assert';
import { Emulator, startEmulator } from '../../emulator/index';
import { writeAwsFiles, TempAwsFiles } from '../../emulator/awsFiles';
import { AwsGateway, describeError } from '../../src/aws/index';
import { lazyGateway } from '../../src/aws/lazyGateway';
import { buildScenario, poolId, profileName } from '../../emulator/scenarioBuilder';
import { ids, World } from './faults-world';

const PROD = 'acme-prod';
const OP = 'DescribeWorkspacesPools';
/** Per attempt, with 3 attempts: 3 s and more to give up without a deadline. */
const ATTEMPT_MS = 1_000;
const DEADLINE_MS = 1_500;

describe('AWS layer: one deadline per call', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let files: TempAwsFiles;
  let env: NodeJS.ProcessEnv;
  let lines: string[];
  let gateway: AwsGateway;

  before(async () => {
    emulator = await startEmulator({ scenario: 'demo' });
    files = writeAwsFiles(emulator.awsFiles());
    env = { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
  });
  after(async () => {
    await emulator.stop();
    files.cleanup();
  });
  beforeEach(() => {
    lines = [];
    emulator.clearLog();
    emulator.clearFaults();
    gateway = new AwsGateway({ log: (l) => lines.push(l), env, requestTimeoutMs: ATTEMPT_MS, maxAttempts: 3, callDeadlineMs: DEADLINE_MS });
  });
  afterEach(() => gateway.dispose());

  /** Times a call from before it starts: the call arms its deadline synchronously, before it returns its promise. */
  async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; error: unknown }> {
    const started = performance.now();
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    return { ms: performance.now() - started, error };
  }

  it('a dead endpoint: a "timeout" error when the deadline passes, not after every attempt, and the slot is free again', async () => {
    emulator.setFaults(OP, { timeoutRate: 1 });
    const { ms, error } = await timed(() => gateway.listPools(PROD, 'us-east-1'));
    assert.ok(error, 'the call failed');
    assert.equal((error as Error).name, 'CallDeadlineError');
    const info = describeError(error, PROD);
    assert.equal(info.kind, 'timeout');
    assert.equal(info.retryable, true);
    assert.equal(info.message, 'AWS did not answer within 1.5 s. Retry, or check your network.');
    assert.ok(ms >= DEADLINE_MS - 50, `not before the deadline (${Math.round(ms)} ms)`);
    assert.ok(ms < DEADLINE_MS + 1_000, `at the deadline, not after 3 attempts of ${ATTEMPT_MS} ms (${Math.round(ms)} ms)`);
    assert.deepEqual(gateway.load(PROD), { inFlight: 0, queued: 0 }, 'the slot is released');
    assert.match(lines.at(-1)!, new RegExp(`^${OP} · ${PROD} · us-east-1 · \\d+ ms · error CallDeadlineError`));
    emulator.clearFaults();
    assert.ok((await gateway.listPools(PROD, 'us-east-1')).length > 0, 'the next call goes through');
  });

  it('6 calls on one profile (4 slots): the 2 that wait for a slot end by the same deadline, which covers the wait', async () => {
    emulator.setFaults(OP, { timeoutRate: 1 });
    const started = performance.now();
    const ends = await Promise.all(
      Array.from({ length: 6 }, () =>
        gateway.listPools(PROD, 'us-east-1').then(
          () => assert.fail('answered'),
          (e: unknown) => ({ ms: performance.now() - started, name: (e as Error).name }),
        ),
      ),
    );
    for (const end of ends) {
      assert.equal(end.name, 'CallDeadlineError');
      assert.ok(end.ms < DEADLINE_MS + 1_000, `every call ended at the deadline: ${ends.map((e) => Math.round(e.ms)).join(', ')} ms`);
    }
    // Calls 5 and 6 either still waited for a slot at their deadline or got one an instant before it.
    assert.equal(lines.filter((l) => / · error CallDeadlineError · |not sent: no free slot within the call/.test(l)).length, 6, lines.join('\n'));
    assert.deepEqual(gateway.load(PROD), { inFlight: 0, queued: 0 }, 'every slot is released');
  });

  it("the caller's cancel stays a cancel (not a timeout), and a call that answers in time is untouched by the deadline", async () => {
    emulator.setFaults(OP, { timeoutRate: 1 });
    const controller = new AbortController();
    const call = timed(() => gateway.listPools(PROD, 'us-east-1', controller.signal));
    setTimeout(() => controller.abort(), 200);
    const { ms, error } = await call;
    assert.equal(describeError(error, PROD).kind, 'cancelled');
    assert.ok(ms < DEADLINE_MS, `ended on the cancel (${Math.round(ms)} ms)`);

    emulator.setFaults(OP, { latencyMs: 300 });
    const slow = new AwsGateway({ log: () => undefined, env, callDeadlineMs: 5_000 });
    try {
      assert.ok((await slow.listPools(PROD, 'us-east-1')).length > 0);
    } finally {
      slow.dispose();
    }
  });

  it('the extension door (lazyGateway) passes the deadline setting, and a changed setting applies to the next call', async () => {
    emulator.setFaults(OP, { timeoutRate: 1 });
    let deadline = 1_000;
    const door = lazyGateway({
      log: () => undefined,
      requestTimeoutMs: () => 10_000,
      callDeadlineMs: () => deadline,
      env,
      gatewayClass: AwsGateway,
    });
    let { ms, error } = await timed(() => door.listPools(PROD, 'us-east-1'));
    assert.equal(door.describeError(error, PROD).message, 'AWS did not answer within 1 s. Retry, or check your network.');
    assert.ok(ms < 1_000 + 1_000, `at the 1 s deadline, not the 10 s attempt (${Math.round(ms)} ms)`);
    deadline = 2_000;
    ({ ms, error } = await timed(() => door.listPools(PROD, 'us-east-1')));
    assert.equal(door.describeError(error, PROD).message, 'AWS did not answer within 2 s. Retry, or check your network.');
    assert.ok(ms >= 2_000 - 50, `the new deadline (${Math.round(ms)} ms)`);
    door.reset();
  });

  it("the explorer's pool: the error row (a Retry-able timeout) when the deadline passes, loaded pages kept, then Retry loads", async () => {
    const world = await World.start({ scenario: buildScenario({ profiles: 1, regions: ['us-east-1'], poolsPerRegion: 1, sessions: 120 }), pageSize: 50 });
    try {
      world.gateway.dispose();
      world.gateway = world.newGateway({ requestTimeoutMs: ATTEMPT_MS, maxAttempts: 3, callDeadlineMs: DEADLINE_MS });
      const ref = { profile: profileName(0), region: 'us-east-1', poolId: poolId(0, 0, 0) };
      const pool = world.pool(ref);
      await pool.ensureFirstPage();
      const first = ids(pool.sessions);
      world.emulator.setFaults('DescribeWorkspacesPoolSessions', { timeoutRate: 1 });
      const started = performance.now();
      await pool.loadMore();
      const ms = performance.now() - started;
      const info = describeError(pool.error, ref.profile);
      assert.equal(info.kind, 'timeout', info.message);
      assert.equal(info.retryable, true);
      assert.ok(ms < DEADLINE_MS + 1_000, `the error row at the deadline (${Math.round(ms)} ms), not after 3 attempts of ${ATTEMPT_MS} ms`);
      assert.deepEqual(ids(pool.sessions), first, 'the loaded page stays');
      world.emulator.clearFaults();
      await pool.loadMore();
      assert.equal(pool.error, undefined);
      assert.equal(pool.sessions.length, 100);
    } finally {
      await world.dispose();
    }
  });
});
