// The explorer tree in the real extension host, against the emulator over real HTTP with the real
// SDK. Truth comes from the emulator's control API (WSP_EMULATOR_URL); requests are counted in its
// request log. Nodes come from the extension's own bundle, so they are inspected through their
// tree items and properties, never with `instanceof` (this suite is a separate bundle).
import * as assert from 'assert';
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Item as Node, PoolEntry as PoolNode, ProfileEntry as ProfileNode } from '../../src/model/items';
import { poolDescription } from '../../src/tree/labels';
import type { EmulatorAccount } from '../../emulator';
import { EmulatorClient } from '../support/emulatorClient';
import { treeAccess } from './treeAccess';
import { activateExtension, freshTree } from './extension';

const SESSIONS_OP = 'DescribeWorkspacesPoolSessions';
const BIG_POOL = 'wspool-bigpool50';
const SHARED_USER = 'kiosk.shared@acme.example';

let api: ExtensionApi;
let emulator: EmulatorClient;
let accounts: EmulatorAccount[];

const { children, item, kind } = treeAccess(() => api);

async function profileNode(name: string): Promise<ProfileNode> {
  const found = (await children()).find((n) => n.id === name);
  assert.ok(found, `profile ${name} is not in the tree`);
  return found as ProfileNode;
}

/** The pool node, found by walking the tree from the account's profile. */
async function poolNode(poolId: string): Promise<{ pool: PoolNode; account: EmulatorAccount }> {
  for (const account of accounts) {
    const pools = await emulator.pools(account.accountId, account.region);
    if (!pools.some((p) => p.PoolId === poolId)) continue;
    const profile = await profileNode(account.profileName);
    const found = (await children(profile)).find((n) => n.id === `${account.profileName}/${account.region}/${poolId}`);
    assert.ok(found, `pool ${poolId} is not under ${account.profileName}`);
    return { pool: found as PoolNode, account };
  }
  throw new Error(`no emulator account holds ${poolId}`);
}

async function sessionRequests(since: number): Promise<{ count: number; params: Record<string, unknown>[] }> {
  // Requests still in flight land first: a count of 0 must not mean "not answered yet".
  const entries = await emulator.log({ operation: SESSIONS_OP, since, settle: true });
  return { count: entries.length, params: entries.map((e) => e.params) };
}

/** How many requests the emulator has seen (its next sequence number, in flight ones included): a mark for `since`. */
async function logLength(): Promise<number> {
  return emulator.mark();
}

/** Every request (any operation) that arrived at `since` or later, once those in flight have landed. */
async function allRequests(since: number): Promise<string[]> {
  return (await emulator.log({ since, settle: true })).map((e) => e.operation);
}

function sessionIds(nodes: Node[]): string[] {
  return nodes.filter((n) => kind(n) === 'session').map((n) => (n as unknown as { sessionId: string }).sessionId);
}

describe('explorer tree', function () {
  this.timeout(60_000);

  before(async () => {
    api = await activateExtension();
    await freshTree(api);
    emulator = EmulatorClient.fromEnv();
    accounts = (await emulator.info()).accounts;
    assert.ok(accounts.length > 0, 'the emulator has no account');
  });

  beforeEach(async () => {
    await emulator.clearFaults();
    await vscode.workspace.getConfiguration('workspacesPools').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    // A test that failed half-way must not leave a filter for the next one (filters persist).
    for (const pool of api.model.knownPools()) if (pool.userFilter) await api.model.setUserFilter(pool, undefined);
    // Collapsed in the view too: Load more reveals the first new session, which expands its pool and
    // profile in the view, and the view reads what it shows expanded again after refreshAll, which
    // would add its requests to the next test's counts.
    await freshTree(api);
    api.model.refreshAll();
  });

  after(async () => {
    await emulator.clearFaults();
  });

  it('shows every profile, and under each the pools of its region as the emulator holds them', async () => {
    const roots = await children();
    const names = roots.map((n) => n.id);
    for (const account of accounts) assert.ok(names.includes(account.profileName), `${account.profileName} missing from ${names}`);
    for (const root of roots) {
      assert.strictEqual(item(root).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'profiles start collapsed');
      assert.ok(item(root).accessibilityInformation?.label, 'profile has an accessible label');
    }
    for (const account of accounts) {
      const truth = await emulator.pools(account.accountId, account.region);
      const nodes = await children(await profileNode(account.profileName));
      if (truth.length === 0) {
        assert.deepStrictEqual(nodes.map((n) => item(n).label), [`No pools in ${account.region}`]);
        continue;
      }
      assert.deepStrictEqual(
        nodes.map((n) => n.id).sort(),
        truth.map((p) => `${account.profileName}/${account.region}/${p.PoolId}`).sort(),
      );
      for (const node of nodes) {
        const pool = truth.find((p) => node.id.endsWith(`/${p.PoolId}`))!;
        const t = item(node);
        assert.strictEqual(t.label, pool.PoolName);
        assert.strictEqual(t.description, poolDescription(pool));
        assert.match(t.contextValue ?? '', /^pool(\.filtered)?$/);
        assert.ok(t.iconPath instanceof vscode.ThemeIcon, 'pool has a state icon');
        const resolved = api.provider.resolveTreeItem(t, node);
        const tooltip = (resolved?.tooltip ?? t.tooltip) as vscode.MarkdownString;
        assert.ok(tooltip.value.includes(pool.PoolId!.replace(/-/g, '\\-')), 'tooltip names the pool id');
      }
    }
  });

  it('loads one page per expand and per "Load more", none on collapse/expand, sessions as the emulator orders them', async () => {
    const { pool, account } = await poolNode(BIG_POOL);
    const truth = await emulator.sessions(account.accountId, account.region, BIG_POOL);
    assert.ok(truth.length > 100, 'the big pool has more than two pages');

    let since = await logLength();
    const first = await children(pool);
    assert.strictEqual((await sessionRequests(since)).count, 1, 'one request for the expand');
    assert.deepStrictEqual(sessionIds(first), truth.slice(0, 50).map((s) => s.SessionId));
    const more = first[first.length - 1];
    assert.strictEqual(kind(more), 'loadMore');
    assert.strictEqual(item(more).command?.command, 'workspacesPools.loadMore');

    since = await logLength();
    await children(pool); // collapse and expand again: served from the cache
    await children(pool);
    assert.strictEqual((await sessionRequests(since)).count, 0, 'no request for collapse/expand');

    since = await logLength();
    // Two clicks on "Load more" while the page loads: one request.
    await Promise.all([
      vscode.commands.executeCommand('workspacesPools.loadMore', more),
      vscode.commands.executeCommand('workspacesPools.loadMore', more),
    ]);
    const requests = await sessionRequests(since);
    assert.strictEqual(requests.count, 1, 'one request for two clicks');
    assert.ok(typeof requests.params[0].NextToken === 'string', 'Load more sends the NextToken');
    const second = await children(pool);
    assert.deepStrictEqual(sessionIds(second), truth.slice(0, 100).map((s) => s.SessionId));
    assert.strictEqual(kind(second[second.length - 1]), 'loadMore');
    assert.strictEqual(new Set(second.map((n) => n.id)).size, second.length, 'ids are unique');
  });

  it('sends the requests per action the bench reports', async () => {
    // `npm run bench` counts the same actions with the same model in plain Node (bench/requests.ts);
    // here they hold in the real extension host. Each counts every operation, from before the action.
    const { account: owner } = await poolNode(BIG_POOL);
    const truthPools = await emulator.pools(owner.accountId, owner.region);
    assert.strictEqual(truthPools.length, 28, 'the profile of the big pool shows 28 pools (two pages of 25)');
    api.model.refreshAll(); // poolNode above loaded the profile: start from a collapsed, unloaded one
    const actions: Record<string, number> = {};
    const measure = async (name: string, expected: string[], action: () => Promise<unknown>): Promise<void> => {
      const since = await logLength();
      await action();
      const ops = await allRequests(since);
      assert.deepStrictEqual(ops.slice().sort(), expected.slice().sort(), `requests for "${name}"`);
      actions[name] = ops.length;
    };
    const POOLS_OP = 'DescribeWorkspacesPools';
    let profile: ProfileNode | undefined;
    let pool: PoolNode | undefined;
    await measure(`expand profile (one region, ${truthPools.length} pools, 25 per page)`, [POOLS_OP, POOLS_OP], async () => {
      profile = await profileNode(owner.profileName);
      pool = (await children(profile)).find((n) => n.id === `${owner.profileName}/${owner.region}/${BIG_POOL}`) as PoolNode | undefined;
    });
    assert.ok(profile && pool, `${BIG_POOL} is not under ${owner.profileName}`);
    const big = pool;
    let page: Node[] = [];
    await measure('expand pool (first page, 50 sessions)', [SESSIONS_OP], async () => {
      page = await children(big);
    });
    await measure('Load more', [SESSIONS_OP], async () => {
      await vscode.commands.executeCommand('workspacesPools.loadMore', page[page.length - 1]);
      page = await children(big);
    });
    await measure('Load more, double click (the second joins the first)', [SESSIONS_OP], async () => {
      const more = page[page.length - 1];
      await Promise.all([
        vscode.commands.executeCommand('workspacesPools.loadMore', more),
        vscode.commands.executeCommand('workspacesPools.loadMore', more),
      ]);
      page = await children(big);
    });
    assert.strictEqual(sessionIds(page).length, 150, 'three pages are loaded');
    await measure('collapse + expand pool (served from what is loaded)', [], async () => {
      await children(profile);
      await children(big);
    });
    // A new filter, and Refresh Pool, on a shown pool read the first page within the command.
    await measure('filter by user (server-side UserId)', [SESSIONS_OP], async () => {
      await api.model.setUserFilter(big, SHARED_USER);
      await children(big);
    });
    await measure('clear the filter', [SESSIONS_OP], async () => {
      await vscode.commands.executeCommand('workspacesPools.clearUserFilter', big);
      await children(big);
    });
    await measure('refresh pool (pool list, 2 pages, + first page)', [POOLS_OP, POOLS_OP, SESSIONS_OP], async () => {
      await vscode.commands.executeCommand('workspacesPools.refreshPool', big);
      assert.strictEqual(sessionIds(await children(big)).length, 50);
    });
  });

  it('honours workspacesPools.pageSize and ends the list when the token runs out', async () => {
    await vscode.workspace.getConfiguration('workspacesPools').update('pageSize', 7, vscode.ConfigurationTarget.Global);
    const { pool, account } = await poolNode(BIG_POOL);
    const truth = (await emulator.sessions(account.accountId, account.region, BIG_POOL)).filter((s) => s.UserId === SHARED_USER);
    // From before the filter: a pool already loaded reads the filter's first page as the filter is set.
    const since = await logLength();
    await api.model.setUserFilter(pool, SHARED_USER);
    try {
      let nodes = await children(pool);
      while (kind(nodes[nodes.length - 1]) === 'loadMore') {
        await vscode.commands.executeCommand('workspacesPools.loadMore', nodes[nodes.length - 1]);
        nodes = await children(pool);
      }
      const requests = await sessionRequests(since);
      assert.strictEqual(requests.count, Math.max(1, Math.ceil(truth.length / 7)), 'one request per page of 7');
      assert.ok(requests.params.every((p) => p.Limit === 7 && p.UserId === SHARED_USER));
      assert.deepStrictEqual(sessionIds(nodes), truth.map((s) => s.SessionId));
    } finally {
      await api.model.setUserFilter(pool, undefined);
    }
  });

  it('filters a pool by user on the service, shows it, remembers it across refresh, and clears it', async () => {
    const { pool, account } = await poolNode(BIG_POOL);
    const truth = (await emulator.sessions(account.accountId, account.region, BIG_POOL)).filter((s) => s.UserId === SHARED_USER);
    assert.ok(truth.length > 1, 'the shared user has several sessions');

    let since = await logLength();
    await api.model.setUserFilter(pool, SHARED_USER);
    const filtered = await children(pool);
    assert.deepStrictEqual(sessionIds(filtered), truth.map((s) => s.SessionId).slice(0, 50));
    const sent = await sessionRequests(since);
    assert.strictEqual(sent.count, 1);
    assert.strictEqual(sent.params[0].UserId, SHARED_USER, 'the filter goes to the service');
    assert.strictEqual(kind(pool), 'pool.filtered');
    assert.match(String(item(pool).description), /user: kiosk\.shared@acme\.example/);

    // A refresh of everything keeps the filter (it lives in globalState, keyed by the pool's path).
    api.model.refreshAll();
    const again = (await children(await profileNode(account.profileName))).find((n) => n.id === pool.id)!;
    assert.strictEqual(kind(again), 'pool.filtered');
    since = await logLength();
    assert.deepStrictEqual(sessionIds(await children(again)), truth.map((s) => s.SessionId).slice(0, 50));
    assert.strictEqual((await sessionRequests(since)).params[0].UserId, SHARED_USER);

    // No match: a placeholder says so.
    await api.model.setUserFilter(pool, 'nobody.here@acme.example');
    const none = await children(pool);
    assert.deepStrictEqual(none.map((n) => item(n).label), ['No sessions for user nobody.here@acme.example']);

    // A shown pool reads its first page as part of the command, then changes once.
    since = await logLength();
    await vscode.commands.executeCommand('workspacesPools.clearUserFilter', pool);
    assert.strictEqual(kind(pool), 'pool');
    assert.ok(!String(item(pool).description).includes('user:'));
    const all = await children(pool);
    assert.strictEqual(sessionIds(all).length, 50);
    assert.strictEqual((await sessionRequests(since)).params[0].UserId, undefined);
  });

  it('copies a session id and a session as JSON to the clipboard', async () => {
    const { pool } = await poolNode(BIG_POOL);
    const session = (await children(pool)).find((n) => kind(n) === 'session')!;
    const data = (session as unknown as { session: WorkspacesPoolSession }).session;
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('workspacesPools.copySessionId', session);
    assert.strictEqual(await vscode.env.clipboard.readText(), data.SessionId);
    await vscode.commands.executeCommand('workspacesPools.copySessionJson', session);
    const json = JSON.parse(await vscode.env.clipboard.readText()) as Record<string, unknown>;
    assert.strictEqual(json.SessionId, data.SessionId);
    assert.strictEqual(json.UserId, data.UserId);
    assert.strictEqual(json.StartTime, data.StartTime?.toISOString());
  });

  it('puts a failing first page into an error node with retry, siblings unaffected', async () => {
    const { pool, account } = await poolNode(BIG_POOL);
    const before = sessionIds(await children(pool));
    await emulator.setFaults(SESSIONS_OP, { serverErrorRate: 1 });
    // The first page read again (Refresh Pool), failing: an error row, and what was loaded stays beside it (issue 17, item 2).
    await vscode.commands.executeCommand('workspacesPools.refreshPool', pool);
    const failed = (await children(pool)).filter((n) => kind(n) === 'error');
    assert.strictEqual(failed.length, 1);
    assert.deepStrictEqual(sessionIds(await children(pool)), before, 'the sessions loaded before stay');
    const t = item(failed[0]);
    assert.ok(t.iconPath instanceof vscode.ThemeIcon && t.iconPath.id === 'error');
    assert.match(String(t.label), /internal problem|retry/i);
    // Siblings still work: the pool list of the same profile is unaffected.
    const siblings = await children(await profileNode(account.profileName));
    assert.ok(siblings.some((n) => n.id === pool.id));
    // Expanding again does not retry behind the user's back.
    const since = await logLength();
    await children(pool);
    assert.strictEqual((await sessionRequests(since)).count, 0);

    await emulator.clearFaults();
    await vscode.commands.executeCommand('workspacesPools.retry', failed[0]);
    const recovered = await children(pool);
    assert.strictEqual(sessionIds(recovered).length, 50);
    assert.strictEqual(kind(recovered[recovered.length - 1]), 'loadMore');
  });

  it('keeps loaded pages when "Load more" fails, and appends the page on retry', async () => {
    const { pool, account } = await poolNode(BIG_POOL);
    const truth = await emulator.sessions(account.accountId, account.region, BIG_POOL);
    const first = await children(pool);
    await emulator.setFaults(SESSIONS_OP, { throttleRate: 1 });
    await vscode.commands.executeCommand('workspacesPools.loadMore', first[first.length - 1]);
    const afterFailure = await children(pool);
    assert.deepStrictEqual(sessionIds(afterFailure), truth.slice(0, 50).map((s) => s.SessionId), 'loaded page kept');
    const error = afterFailure[afterFailure.length - 1];
    assert.strictEqual(kind(error), 'error');
    assert.match(String(item(error).label), /throttl/i);

    await emulator.clearFaults();
    await vscode.commands.executeCommand('workspacesPools.retry', error);
    const after = await children(pool);
    assert.deepStrictEqual(sessionIds(after), truth.slice(0, 100).map((s) => s.SessionId), 'nothing lost, nothing twice');
  });

  it('changes the pool once per landed page (none for a joined click), once per retry, once per Refresh Pool', async () => {
    // Each change of a pool makes VS Code fetch all its children again, and the rows on screen
    // keep commands the extension host has dropped until the new rows arrive: a click there is
    // lost ("Actual command not found"). A second change after the rows appeared lost the next click.
    const { pool } = await poolNode(BIG_POOL);
    const first = await children(pool);
    const changes: (Node | undefined)[] = [];
    const listener = api.provider.onDidChangeTreeData((node) => changes.push(node));
    const changed = () => changes.splice(0).map((n) => n?.id);
    try {
      const more = first[first.length - 1];
      await Promise.all([
        vscode.commands.executeCommand('workspacesPools.loadMore', more),
        vscode.commands.executeCommand('workspacesPools.loadMore', more),
      ]);
      assert.deepStrictEqual(changed(), [pool.id], 'one change for a page asked for twice, when it has landed');

      await emulator.setFaults(SESSIONS_OP, { throttleRate: 1 });
      const second = await children(pool);
      await vscode.commands.executeCommand('workspacesPools.loadMore', second[second.length - 1]);
      assert.deepStrictEqual(changed(), [pool.id], 'one change for a page that failed');
      const error = (await children(pool)).slice(-1)[0];
      assert.strictEqual(kind(error), 'error');
      await emulator.clearFaults();
      await vscode.commands.executeCommand('workspacesPools.retry', error);
      assert.deepStrictEqual(changed(), [pool.id], 'one change for the retry');

      const refreshed = new Promise<void>((resolve) => {
        const once = api.provider.onDidChangeTreeData(() => {
          once.dispose();
          resolve();
        });
      });
      await vscode.commands.executeCommand('workspacesPools.refreshPool', pool);
      await refreshed;
      // The change comes when the pool list and the first page are both here: nothing is left
      // that could change the pool a second time.
      assert.ok(pool.sessions.loaded && !pool.sessions.loading, 'the first page is here when the pool changes');
      assert.strictEqual(sessionIds(await children(pool)).length, 50);
      assert.deepStrictEqual(changed(), [pool.id], 'one change for Refresh Pool');
    } finally {
      listener.dispose();
    }
  });

  it('finds a loaded session by its reference without a request', async () => {
    const { pool } = await poolNode(BIG_POOL);
    const node = (await children(pool)).find((n) => kind(n) === 'session')!;
    const ref = node as unknown as { profile: string; region: string; poolId: string; sessionId: string; userId: string };
    const since = await logLength();
    const found = api.model.findLoaded({ profile: ref.profile, region: ref.region, poolId: ref.poolId, sessionId: ref.sessionId, userId: ref.userId });
    assert.strictEqual(found?.session.SessionId, ref.sessionId);
    assert.strictEqual(found?.pool.PoolId, BIG_POOL);
    assert.strictEqual(await logLength(), since);
  });
});
