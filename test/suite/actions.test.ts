// The actions that change AWS in the real extension host, against the emulator over real HTTP:
// - terminate one and several sessions (one already gone) through the extension's actions: the rows
//   say they are ending, leave the tree once the service no longer lists them, an open details page
//   says the session ended, the log has one line per session;
// - AccessDenied from a read-only key names the IAM action and the profile, and the tree is unchanged;
// - start and stop a pool through STARTING and STOPPING, read with backoff until settled;
// - the commands send nothing without a confirmation (VS Code refuses every modal dialog in an
//   extension-host test run, so the command cannot go past its confirmation here: the UI tests in
//   Chromium click the real dialog), and nothing in read-only mode, with a clear message.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { EmulatorAccount } from '../../emulator';
import type { ExtensionApi } from '../../src/extension';
import type { Item as Node, PoolEntry as PoolNode, SessionItem as SessionNode } from '../../src/model/items';
import { EmulatorClient } from '../support/emulatorClient';
import { activateExtension } from './extension';
import { logHolding } from './logFile';
import { treeAccess } from './treeAccess';

const POOL = 'wspool-empty0001'; // acme-prod, us-east-1, RUNNING, no sessions of its own
const STOPPED_POOL = 'wspool-training1'; // acme-prod, us-east-1, STOPPED, AUTO_STOP
const TERMINATE = 'TerminateWorkspacesPoolSession';

let api: ExtensionApi;
const emulator = EmulatorClient.fromEnv();
let account: EmulatorAccount;
const { children, item } = treeAccess(() => api);

async function poolNode(poolId: string): Promise<PoolNode> {
  const profile = (await children()).find((n) => n.id === account.profileName);
  assert.ok(profile, `profile ${account.profileName}`);
  const found = (await children(profile)).find((n) => n.id === `${account.profileName}/${account.region}/${poolId}`);
  assert.ok(found, `pool ${poolId}`);
  return found as PoolNode;
}

const sessionsOf = async (pool: Node): Promise<SessionNode[]> => (await children(pool)).filter((n): n is SessionNode => n.kind === 'session');

/** Starts `n` sessions in the test pool and returns their rows, the pool read afresh. */
async function newSessions(n: number, tag: string): Promise<{ pool: PoolNode; rows: SessionNode[] }> {
  const users = Array.from({ length: n }, (_, i) => `${tag}-${i}@acme.example`);
  for (const UserId of users) await emulator.addSession(account.accountId, account.region, POOL, { UserId });
  const pool = await poolNode(POOL);
  await api.model.refreshPool(pool);
  const rows = (await sessionsOf(pool)).filter((r) => users.includes(r.userId));
  assert.equal(rows.length, n, 'the new sessions are in the tree');
  return { pool, rows };
}

describe('actions that change AWS', function () {
  this.timeout(90_000);
  const config = () => vscode.workspace.getConfiguration('workspacesPools');

  before(async () => {
    api = await activateExtension();
    account = (await emulator.info()).accounts.find((a) => a.profileName === 'acme-prod') as EmulatorAccount;
    assert.ok(account, 'the acme-prod account');
  });

  afterEach(async () => {
    await emulator.setKeyReadOnly(account.accessKeyId, false);
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Global);
    // Leave the pool as the scenario made it: no session of ours left.
    for (const s of await emulator.sessions(account.accountId, account.region, POOL)) await emulator.endSession(s.SessionId ?? '');
  });

  it('terminates one session: the row says it is ending, leaves the tree, the open details page says it ended', async () => {
    const { pool, rows } = await newSessions(1, 'term-one');
    const [row] = rows;
    api.details.show(row, { session: row.session, pool: pool.pool });
    assert.ok(api.details.page(row), 'the details page is open');
    const mark = await emulator.mark();
    let endingDescription: string | undefined;
    const sub = api.provider.onDidChangeTreeData(async (changed) => {
      if (changed === pool && pool.ending.has(row.sessionId)) endingDescription = String(item(row).description);
    });
    const { outcomes, refreshed } = await api.actions.sessions.terminate([row]);
    assert.deepStrictEqual(outcomes.map((o) => o.result), ['ended']);
    api.details.sessionEnded(row);
    await refreshed;
    sub.dispose();
    assert.match(endingDescription ?? '', /ending…/);
    assert.ok(!(await children(pool)).some((n) => n.id === row.id), 'the row left the tree');
    assert.equal(api.details.page(row)?.status.kind, 'gone');
    const sent = await emulator.log({ operation: TERMINATE, since: mark, settle: true });
    assert.deepStrictEqual(sent.map((e) => [e.params.SessionId, e.status]), [[row.sessionId, 200]]);
    await logHolding(`action: ${TERMINATE} · acme-prod · ${account.region} · pool ${POOL} · session ${row.sessionId}: ended`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('terminates several, one already gone: one outcome each, all rows leave the tree', async () => {
    const { pool, rows } = await newSessions(3, 'term-many');
    await emulator.endSession(rows[1].sessionId);
    const mark = await emulator.mark();
    const { outcomes, refreshed } = await api.actions.sessions.terminate(rows);
    await refreshed;
    assert.deepStrictEqual(outcomes.map((o) => o.result), ['ended', 'gone', 'ended']);
    const left = (await sessionsOf(pool)).map((r) => r.sessionId);
    for (const r of rows) assert.ok(!left.includes(r.sessionId), `${r.userId} left the tree`);
    assert.equal((await emulator.log({ operation: TERMINATE, since: mark, settle: true })).length, 3);
    await logHolding(`session ${rows[1].sessionId}: already gone`);
  });

  it('AccessDenied from a read-only key names the action and the profile; the tree is unchanged', async () => {
    const { pool, rows } = await newSessions(1, 'term-denied');
    await emulator.setKeyReadOnly(account.accessKeyId);
    const before = (await sessionsOf(pool)).map((r) => r.id);
    const { outcomes, refreshed } = await api.actions.sessions.terminate(rows);
    await refreshed;
    assert.equal(outcomes[0].result, 'refused');
    assert.match(outcomes[0].reason ?? '', /^Profile "acme-prod" .*workspaces:TerminateWorkspacesPoolSession/);
    assert.deepStrictEqual((await sessionsOf(pool)).map((r) => r.id), before);
    assert.equal(pool.ending.size, 0);
    assert.doesNotMatch(String(item(rows[0]).description), /ending/);
    await logHolding(`session ${rows[0].sessionId}: refused: Profile "acme-prod" is not allowed to do this (access denied): its IAM policy lacks workspaces:TerminateWorkspacesPoolSession`);
  });

  it('starts and stops a pool through STARTING and STOPPING, the row following until it settles', async () => {
    const pool = await poolNode(STOPPED_POOL);
    assert.equal(pool.pool.State, 'STOPPED');
    const states: string[] = [];
    const sub = api.provider.onDidChangeTreeData((changed) => {
      if (changed === pool) states.push(String(item(pool).description).split(' · ')[0]);
    });
    try {
      const started = await api.actions.pools.run('start', pool);
      assert.ok(started.ok, 'started');
      assert.equal(await started.settled, 'RUNNING');
      const stopped = await api.actions.pools.run('stop', pool);
      assert.ok(stopped.ok, 'stopped');
      assert.equal(await stopped.settled, 'STOPPED');
    } finally {
      sub.dispose();
    }
    // Each transition shown, then its end (a state may be announced more than once).
    const distinct = states.filter((s, i) => s !== states[i - 1]);
    assert.deepStrictEqual(distinct, ['STARTING', 'RUNNING', 'STOPPING', 'STOPPED']);
    assert.equal((await emulator.pools(account.accountId, account.region)).find((p) => p.PoolId === STOPPED_POOL)?.State, 'STOPPED');
  });

  it('sends nothing when the confirmation is not given (the command stops at its modal dialog)', async () => {
    const { pool, rows } = await newSessions(1, 'term-unconfirmed');
    const mark = await emulator.mark();
    await vscode.commands.executeCommand('workspacesPools.terminateSession', rows[0], [rows[0]]);
    await vscode.commands.executeCommand('workspacesPools.stopPool', pool);
    const sent = (await emulator.log({ since: mark, settle: true })).map((e) => e.operation);
    assert.deepStrictEqual(sent.filter((op) => !op.startsWith('Describe')), []);
    assert.ok((await sessionsOf(pool)).some((r) => r.id === rows[0].id), 'still in the tree');
  });

  it("the details page's Terminate Session…: offered unless read-only or ended; from the page it runs the explorer's command, refused in read-only mode", async () => {
    const { pool, rows } = await newSessions(1, 'term-page');
    const [row] = rows;
    const ref = { profile: row.profile, region: row.region, poolId: row.poolId, sessionId: row.sessionId, userId: row.userId };
    /** The page's Terminate once the host says `state` (it draws the page from the same value). */
    const terminateShows = (state: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (api.details.page(ref)?.actions.terminate !== state) return false;
          sub.dispose();
          resolve();
          return true;
        };
        const sub = api.details.onDidChange(check);
        check();
      });
    api.details.show(ref, { session: row.session, pool: pool.pool });
    try {
      assert.deepStrictEqual(api.details.page(ref)?.actions, { terminate: 'offered' });

      // Read-only mode hides it, and a Terminate that arrives anyway is refused before anything is asked or sent.
      await config().update('readOnly', true, vscode.ConfigurationTarget.Global);
      await terminateShows('hidden');
      let mark = await emulator.mark();
      await api.details.fromPage(ref, { type: 'terminate' });
      assert.deepStrictEqual(await emulator.log({ since: mark, settle: true }), [], 'sent in read-only mode');
      await logHolding(`Session details: Terminate Session on ${row.sessionId} refused: read-only mode is on (setting workspacesPools.readOnly)`);
      assert.equal(api.details.page(ref)?.status.kind, 'fresh');

      // Read-only off: the page's Terminate is the explorer's command on this session, which stops
      // at its modal confirmation here (see the top of this file), so nothing is sent.
      await config().update('readOnly', undefined, vscode.ConfigurationTarget.Global);
      await terminateShows('offered');
      mark = await emulator.mark();
      const running = terminateShows('running');
      const handled = api.details.fromPage(ref, { type: 'terminate', sessionId: 'not-this-one' });
      await running;
      await handled;
      // The command's own confirmation, about this page's session (a test run refuses the dialog).
      await logHolding(`refused to show dialog in tests. Contents: Terminate the session of ${row.userId}?`);
      assert.deepStrictEqual((await emulator.log({ since: mark, settle: true })).filter((e) => e.operation === TERMINATE), []);
      assert.deepStrictEqual(api.details.page(ref)?.actions, { terminate: 'offered' });
      assert.ok((await sessionsOf(pool)).some((r) => r.id === row.id), 'still in the tree');

      // Once the session has ended, the page no longer offers it, nor acts on one asked for.
      api.details.sessionEnded(ref);
      assert.equal(api.details.page(ref)?.status.kind, 'gone');
      assert.deepStrictEqual(api.details.page(ref)?.actions, { terminate: 'hidden' });
      mark = await emulator.mark();
      await api.details.fromPage(ref, { type: 'terminate' });
      await logHolding(`Session details: Terminate Session on ${row.sessionId} refused: the session has already ended`);
      assert.deepStrictEqual(await emulator.log({ since: mark, settle: true }), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('read-only mode refuses every action run as a command, before asking or sending anything', async () => {
    const { pool, rows } = await newSessions(1, 'term-readonly');
    await config().update('readOnly', true, vscode.ConfigurationTarget.Global);
    const mark = await emulator.mark();
    await vscode.commands.executeCommand('workspacesPools.terminateSession', rows[0]);
    await vscode.commands.executeCommand('workspacesPools.startPool', pool);
    await vscode.commands.executeCommand('workspacesPools.stopPool', pool);
    assert.deepStrictEqual(await emulator.log({ since: mark, settle: true }), []);
    for (const title of ['Terminate Session', 'Start Pool', 'Stop Pool']) {
      await logHolding(`${title} changes AWS, and read-only mode is on (setting workspacesPools.readOnly): nothing was sent.`);
    }
    // A folder's settings cannot turn the actions back on: the setting is the user's only.
    assert.equal(config().inspect('readOnly')?.globalValue, true);
    await assert.rejects(Promise.resolve(config().update('readOnly', false, vscode.ConfigurationTarget.Workspace)));
  });
});
