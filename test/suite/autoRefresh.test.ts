// The live view in the real extension host (code-server), against the emulator: with
// workspacesPools.autoRefreshSeconds set, a session added and one ended in the emulator show in the
// tree without a click, and nothing is sent while the view is hidden. Ticks come from the
// extension's own timer; the test awaits them (api.autoRefresh.onDidTick) and reads the tree as VS
// Code does (getChildren / getTreeItem).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TickReport } from '../../src/model/autoRefresh';
import type { Item as Node, PoolEntry as PoolNode } from '../../src/model/items';
import type { EmulatorAccount } from '../../emulator';
import { EmulatorClient } from '../support/emulatorClient';
import { activateExtension } from './extension';
import { treeAccess } from './treeAccess';

const SECONDS = 10; // the setting's minimum
const CONTAINER = 'workbench.view.extension.workspacesPools';

let api: ExtensionApi;
let emulator: EmulatorClient;
const { children, item } = treeAccess(() => api);

function setSeconds(value: number | undefined): Thenable<void> {
  return vscode.workspace.getConfiguration('workspacesPools').update('autoRefreshSeconds', value, vscode.ConfigurationTarget.Global);
}

/** Shows the view (or another container) and waits until the view says it is (or is not) visible. */
async function showView(visible: boolean): Promise<void> {
  if (api.view.visible === visible) return;
  const changed = new Promise<void>((resolve) => {
    const sub = api.view.onDidChangeVisibility((e) => {
      if (e.visible !== visible) return;
      sub.dispose();
      resolve();
    });
  });
  await vscode.commands.executeCommand(visible ? CONTAINER : 'workbench.view.explorer');
  await changed;
}

/** The next tick (by the extension's own timer) that announced `node` as changed. */
function tickChanging(node: Node, timeoutMs = SECONDS * 1000 * 3): Promise<TickReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (sub.dispose(), reject(new Error(`no auto-refresh tick changed ${node.id} in ${timeoutMs} ms`))), timeoutMs);
    const sub = api.autoRefresh.onDidTick((report) => {
      if (!report.changed.includes(node)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(report);
    });
  });
}

/** A pool of one account with a single page of sessions (at least 2), expanded in the real tree. */
async function expandedSmallPool(): Promise<{ pool: PoolNode; account: EmulatorAccount }> {
  for (const account of (await emulator.info()).accounts) {
    for (const p of await emulator.pools(account.accountId, account.region)) {
      const count = (await emulator.sessions(account.accountId, account.region, p.PoolId!)).length;
      if (count < 2 || count > 40) continue;
      const profile = (await children()).find((n) => n.id === account.profileName);
      assert.ok(profile, account.profileName);
      const pool = (await children(profile)).find((n) => n.id === `${account.profileName}/${account.region}/${p.PoolId}`) as PoolNode | undefined;
      assert.ok(pool);
      // Expanded in VS Code's own tree: the rows are registered, and the view asks for the pool's children.
      await api.view.reveal(pool, { select: false, focus: false, expand: true });
      await children(pool);
      return { pool, account };
    }
  }
  throw new Error('no pool with 2-40 sessions in the emulator');
}

describe('live view: auto-refresh', function () {
  this.timeout(90_000);

  before(async () => {
    api = await activateExtension();
    emulator = EmulatorClient.fromEnv();
  });

  beforeEach(async () => {
    await emulator.clearFaults();
    api.model.refreshAll();
    await showView(true);
  });

  afterEach(async () => {
    await setSeconds(undefined);
  });

  it('shows a session added and one ended in the emulator without a click', async () => {
    const { pool, account } = await expandedSmallPool();
    assert.ok(vscode.window.state.focused, 'the window is focused (auto-refresh pauses otherwise)');
    const before = (await children(pool)).map((n) => n.id);
    const [ending] = await emulator.sessions(account.accountId, account.region, pool.poolId);
    await setSeconds(SECONDS);
    assert.ok(api.autoRefresh.active && api.autoRefresh.scheduled, 'a tick is scheduled');
    await emulator.endSession(ending.SessionId!);
    const added = await emulator.addSession(account.accountId, account.region, pool.poolId, { UserId: 'live.view@acme.example' });
    const mark = await emulator.mark();

    const report = await tickChanging(pool);

    const sent = await emulator.log({ since: mark, settle: true });
    assert.ok(
      sent.some((e) => e.operation === 'DescribeWorkspacesPoolSessions' && e.params.PoolId === pool.poolId),
      'the tick read the pool',
    );
    assert.ok(report.requests <= 20 && report.requests >= 2, `one bounded tick: ${report.requests} requests`);
    const rows = await children(pool);
    const ids = rows.map((n) => n.id);
    assert.ok(!ids.includes(`${pool.id}/${ending.SessionId}`), 'the ended session left the tree');
    assert.ok(ids.includes(`${pool.id}/${added.SessionId}`), 'the new session is in the tree');
    assert.deepStrictEqual(
      ids.filter((id) => id !== `${pool.id}/${added.SessionId}`),
      before.filter((id) => id !== `${pool.id}/${ending.SessionId}`),
      'the other rows stay, in their order, with their ids',
    );
    const newRow = item(rows[ids.indexOf(`${pool.id}/${added.SessionId}`)]);
    assert.match(String(newRow.description), /^new · /);
    const poolRow = item(pool);
    assert.match(String(poolRow.description), /\+1 new · 1 ended$/);
    const tooltip = (api.provider.resolveTreeItem(poolRow, pool) as vscode.TreeItem).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /Sessions read at \d{4}-\d\d-\d\dT[\d:.]+Z, and again every 10 s while the view is visible/);
  });

  it('sends nothing while the view is hidden, and reads again once it is shown', async () => {
    await expandedSmallPool();
    await setSeconds(SECONDS);
    assert.ok(api.autoRefresh.scheduled);
    await showView(false);
    assert.strictEqual(api.autoRefresh.active, false, 'paused while hidden');
    assert.strictEqual(api.autoRefresh.scheduled, false, 'no tick waits on the timer');
    // A tick that started before the view was hidden (due at once after an earlier test) ends first.
    await api.autoRefresh.whenIdle();
    const mark = await emulator.mark();
    // The observation window: longer than one interval, so that a tick would have fallen in it.
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000 + 2_000));
    const sent = await emulator.log({ since: mark, settle: true });
    assert.deepStrictEqual(
      sent.map((e) => e.operation),
      [],
      'nothing sent while hidden',
    );
    // Shown again: a tick within one interval (at once when the last one is more than an interval old).
    const ticked = new Promise<TickReport>((resolve) => {
      const sub = api.autoRefresh.onDidTick((r) => (sub.dispose(), resolve(r)));
    });
    await showView(true);
    const report = await ticked;
    assert.ok(report.requests > 0, 'the tick read what is expanded');
    assert.strictEqual((await emulator.log({ since: mark, settle: true })).length, report.requests);
  });
});
