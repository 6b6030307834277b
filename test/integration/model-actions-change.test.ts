// The actions that change AWS, in plain Node: the model's SessionActions and PoolActions over the
// real AWS layer and the real SDK to the in-process emulator. One outcome per session, what the
// tree shows meanwhile, what the service is sent, and the refusals (AccessDenied from a read-only
// key, wrong state, running mode) with the service's reason.
import { strict as assert } from 'assert';
import { AwsGateway } from '../../src/aws/gateway';
import { lazyGateway } from '../../src/aws/lazyGateway';
import type { SessionRef } from '../../src/core/session';
import { Choices } from '../../src/model/choices';
import { MapStore } from '../support/mapStore';
import { ExplorerModel } from '../../src/model/explorerModel';
import type { Item, PoolEntry, ProfileEntry } from '../../src/model/items';
import { PoolActions, poolConfirmation } from '../../src/model/poolActions';
import { SessionActions, terminateConfirmation, terminateSummary } from '../../src/model/sessionActions';
import { DEMO_BIG_POOL_ID, startEmulator, type Emulator } from '../../emulator/index';
import { writeAwsFiles, type TempAwsFiles } from '../../emulator/awsFiles';

const PROD = 'acme-prod';
const REGION = 'us-east-1';
const ANALYSTS = 'wspool-analysts1';
const TRAINING = 'wspool-training1';

describe('model: actions that change AWS', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let files: TempAwsFiles;
  let model: ExplorerModel;
  let sessions: SessionActions;
  let pools: PoolActions;
  let lines: string[];
  let changes: (Item | undefined)[];

  const sent = (operation: string, mark: number) => emulator.requestLog.since(mark).filter((e) => e.operation === operation);

  async function pool(poolId: string): Promise<PoolEntry> {
    const prod = (await model.children()).find((i): i is ProfileEntry => i.kind === 'profile' && i.name === PROD);
    assert.ok(prod);
    const found = (await model.children(prod)).find((i): i is PoolEntry => i.kind === 'pool' && i.poolId === poolId);
    assert.ok(found, poolId);
    return found;
  }

  function newModel(aws: TempAwsFiles): void {
    const env = { HOME: aws.dir, AWS_CONFIG_FILE: aws.configFile, AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile };
    const gateway = lazyGateway({ log: () => undefined, requestTimeoutMs: () => 5_000, env, gatewayClass: AwsGateway });
    model = new ExplorerModel({ gateway, choices: new Choices(new MapStore()), settings: () => ({ profiles: [], regions: [], pageSize: 50 }), log: () => undefined });
    model.onDidChange((item) => changes.push(item));
    const deps = { gateway, model, log: (line: string) => lines.push(line), pollDelaysMs: [20, 40, 80] };
    sessions = new SessionActions(deps);
    pools = new PoolActions({ ...deps, maxPolls: 20 });
  }

  before(async () => {
    emulator = await startEmulator({ scenario: 'demo', transitionMs: 300 });
    files = writeAwsFiles(emulator.awsFiles());
  });
  after(async () => {
    await emulator.stop();
    files.cleanup();
  });
  beforeEach(() => {
    lines = [];
    changes = [];
    newModel(files);
  });

  it('terminates one session: the row says it is ending, then it leaves the listing; one log line', async () => {
    const entry = await pool(ANALYSTS);
    const rows = await model.children(entry);
    const victim = rows.find((i) => i.kind === 'session');
    assert.ok(victim?.kind === 'session');
    const mark = emulator.requestLog.next;
    let endingSeen = false;
    const sub = model.onDidChange((item) => {
      if (item === entry && entry.ending.has(victim.sessionId)) endingSeen = true;
    });
    const { outcomes, refreshed } = await sessions.terminate([victim]);
    sub.dispose();
    assert.deepEqual(outcomes.map((o) => o.result), ['ended']);
    assert.ok(endingSeen, 'the pool announced its row as ending');
    await refreshed;
    assert.equal(entry.ending.size, 0);
    assert.equal(entry.sessions.find(victim.sessionId), undefined, 'no longer listed');
    assert.ok(!(await model.children(entry)).some((i) => i.id === victim.id));
    assert.deepEqual(sent('TerminateWorkspacesPoolSession', mark).map((e) => [e.params.SessionId, e.status]), [[victim.sessionId, 200]]);
    assert.deepEqual(lines, [`action: TerminateWorkspacesPoolSession · ${PROD} · ${REGION} · pool ${ANALYSTS} · session ${victim.sessionId}: ended`]);
  });

  it('terminates several at once: one outcome each (ended, already gone), in order, and one summary', async () => {
    const entry = await pool(ANALYSTS);
    const [a, b, c] = (await model.children(entry)).filter((i): i is Extract<Item, { kind: 'session' }> => i.kind === 'session');
    // b ends behind the explorer's back: the service answers ResourceNotFound for it.
    emulator.endSession(b.sessionId);
    const mark = emulator.requestLog.next;
    const { outcomes, refreshed } = await sessions.terminate([a, b, c]);
    await refreshed;
    assert.deepEqual(outcomes.map((o) => [o.ref.sessionId, o.result]), [[a.sessionId, 'ended'], [b.sessionId, 'gone'], [c.sessionId, 'ended']]);
    assert.equal(sent('TerminateWorkspacesPoolSession', mark).length, 3);
    assert.deepEqual(emulator.sessions(emulator.accounts[0].accountId, REGION, ANALYSTS).filter((s) => [a, b, c].some((x) => x.sessionId === s.SessionId)), []);
    const summary = terminateSummary(outcomes);
    assert.equal(summary.level, 'info');
    assert.equal(summary.text, '2 of 3 sessions terminated, 1 had already ended.');
    assert.deepEqual(lines.filter((l) => l.startsWith('action:')).map((l) => l.replace(/.*: /, '')), ['ended', 'already gone', 'ended']);
  });

  it('refuses from a read-only key with AccessDenied naming the action and the profile; nothing changes', async () => {
    const entry = await pool(ANALYSTS);
    const victim = (await model.children(entry)).find((i) => i.kind === 'session');
    assert.ok(victim?.kind === 'session');
    const key = emulator.accounts[0].accessKeyId;
    emulator.setKeyReadOnly(key);
    try {
      const before = entry.sessions.sessions.length;
      const { outcomes, refreshed } = await sessions.terminate([victim]);
      await refreshed;
      assert.equal(outcomes[0].result, 'refused');
      assert.match(outcomes[0].reason ?? '', /^Profile "acme-prod" .*lacks workspaces:TerminateWorkspacesPoolSession/);
      assert.equal(entry.ending.size, 0, 'no longer marked as ending');
      assert.equal(entry.sessions.sessions.length, before);
      assert.ok(entry.sessions.find(victim.sessionId), 'still listed');
      assert.ok(emulator.sessions(emulator.accounts[0].accountId, REGION, ANALYSTS).some((s) => s.SessionId === victim.sessionId));
      assert.match(terminateSummary(outcomes).text, /was not terminated: .*workspaces:TerminateWorkspacesPoolSession/);
      const refusedStart = await pools.run('start', await pool(TRAINING));
      assert.ok(!refusedStart.ok && /workspaces:StartWorkspacesPool/.test(refusedStart.reason));
    } finally {
      emulator.setKeyReadOnly(key, false);
    }
  });

  it('starts a stopped pool: STARTING at once, read with backoff until RUNNING, then its sessions again', async () => {
    const entry = await pool(TRAINING);
    assert.equal(entry.pool.State, 'STOPPED');
    const mark = emulator.requestLog.next;
    const outcome = await pools.run('start', entry);
    assert.ok(outcome.ok);
    assert.equal(entry.pool.State, 'STARTING');
    assert.ok(changes.includes(entry));
    assert.equal(await outcome.settled, 'RUNNING');
    assert.equal(entry.pool.State, 'RUNNING');
    const reads = sent('DescribeWorkspacesPools', mark);
    assert.ok(reads.length >= 2 && reads.length <= 20, `${reads.length} reads`);
    assert.ok(lines.some((l) => /StartWorkspacesPool · acme-prod · us-east-1 · pool wspool-training1: accepted, STARTING/.test(l)));
    assert.ok(lines.some((l) => /settled RUNNING after \d+ read/.test(l)));
    // And back: stop, through STOPPING.
    const stop = await pools.run('stop', entry);
    assert.ok(stop.ok);
    assert.equal(entry.pool.State, 'STOPPING');
    assert.equal(await stop.settled, 'STOPPED');
  });

  it("shows the service's reason when it refuses a start or stop, and sends no read after it", async () => {
    const big = await pool(DEMO_BIG_POOL_ID);
    const mark = emulator.requestLog.next;
    const start = await pools.run('start', big);
    assert.ok(!start.ok);
    assert.match(start.reason, /OperationNotSupportedException: .*running mode ALWAYS_ON/);
    const running = await pool(ANALYSTS);
    const startRunning = await pools.run('start', running);
    assert.ok(!startRunning.ok);
    assert.match(startRunning.reason, /InvalidResourceStateException: .*only a STOPPED pool can be started/);
    assert.equal(running.pool.State, 'RUNNING', 'the row keeps its state');
    assert.deepEqual(emulator.requestLog.since(mark).map((e) => e.operation), ['StartWorkspacesPool', 'StartWorkspacesPool']);
  });

  it('writes confirmations that name user, session, pool, profile and region; many as a count and a list', () => {
    const ref = (n: number): SessionRef => ({ profile: PROD, region: REGION, poolId: ANALYSTS, sessionId: `0000000${n}-0000-4000-8000-000000000000`, userId: `user${n}@acme.example` });
    const one = terminateConfirmation([ref(1)], () => 'prod-analysts');
    assert.equal(one.message, 'Terminate the session of user1@acme.example?');
    for (const fact of ['User: user1@acme.example', `Session ID: ${ref(1).sessionId}`, `Pool: prod-analysts (${ANALYSTS})`, `Profile: ${PROD}`, `Region: ${REGION}`]) {
      assert.ok(one.detail.includes(fact), fact);
    }
    const many = terminateConfirmation(Array.from({ length: 17 }, (_, i) => ref(i)), () => undefined);
    assert.equal(many.message, 'Terminate 17 sessions?');
    assert.equal(many.button, 'Terminate 17 Sessions');
    assert.equal(many.detail.split('\n').filter((l) => l.startsWith('• ')).length, 15);
    assert.ok(many.detail.includes('…and 2 more'));
    // Outside strings stay on one line each.
    const hostile = terminateConfirmation([{ ...ref(1), userId: 'evil\nUser: admin' }], () => undefined);
    assert.ok(!hostile.detail.includes('\nUser: admin'));
  });

  it('confirms a pool action with its name, id, state, profile and region', async () => {
    const c = poolConfirmation('stop', await pool(ANALYSTS));
    assert.equal(c.message, 'Stop pool prod-analysts?');
    assert.equal(c.button, 'Stop Pool');
    assert.match(c.detail, /Pool: prod-analysts \(wspool-analysts1\)\nState now: RUNNING\nProfile: acme-prod\nRegion: us-east-1/);
  });
});
