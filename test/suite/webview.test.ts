// The session details pages in the real extension host, against the emulator, observed through the
// extension's public API (`details`: which pages are open and how fresh their data is), VS Code's tab
// model and the emulator's request log: a page opens and reads its session once, opening it again
// reveals it, and data the explorer already holds is shown without a request. What the page shows,
// its buttons (copy, refresh, retry, console) and the open → filled page figure are read in the page
// itself, in Chromium (test/e2e/webview.e2e.ts).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DetailsApi, DetailsPage } from '../../src/details/sessionDetails';
import type { SessionRef } from '../../src/details/protocol';
import type { EmulatorAccount } from '../../emulator';
import { EmulatorClient } from '../support/emulatorClient';
import { activateExtension } from './extension';

const COMMAND = 'workspacesPools.showSessionDetails';
const VIEW_TYPE = 'workspacesPools.sessionDetails';

let details: DetailsApi;

/** Resolves when the page of `ref` satisfies `accept`, re-checked on every change the API reports. */
function untilPage(ref: SessionRef, accept: (page: DetailsPage) => boolean, what: string, timeoutMs = 30_000): Promise<DetailsPage> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const page = details.page(ref);
      if (!page || !accept(page)) return false;
      done();
      resolve(page);
      return true;
    };
    const sub = details.onDidChange(check);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (page: ${JSON.stringify(details.page(ref))})`));
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      sub.dispose();
    }
    check();
  });
}

function detailTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

function activeTab(): vscode.Tab | undefined {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return tab?.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE) ? tab : undefined;
}

/** The details tab labelled `label` once VS Code's tab model has it (it follows the panel asynchronously). */
async function untilTab(label: string, active = true): Promise<vscode.Tab> {
  let found: vscode.Tab | undefined;
  await waitFor(async () => !!(found = (active ? [activeTab()] : detailTabs()).find((t) => t?.label === label)), `${active ? 'the active' : 'a'} details tab "${label}"`);
  return found as vscode.Tab;
}

async function closeAllDetails(): Promise<void> {
  // Every page has its tab in the model before the tabs are closed.
  await waitFor(async () => detailTabs().length >= details.pages().length, 'a tab for every page');
  await vscode.window.tabGroups.close(detailTabs());
  await waitFor(async () => details.pages().length === 0, 'every details page closed');
}

let counter = 0;
function hex(n: number, seed: number): string {
  return Array.from({ length: n }, (_, i) => ((seed * 7 + i * 13) % 16).toString(16)).join('');
}

describe('session details webview', function () {
  this.timeout(120_000);
  const emulator = EmulatorClient.fromEnv();
  let account: EmulatorAccount;
  let poolId: string;

  /** A session with every field set, made for this test through the emulator's control API. */
  async function newSession(userId = `webview-suite-${++counter}-${Date.now()}`): Promise<{ ref: SessionRef; session: Awaited<ReturnType<EmulatorClient['addSession']>> }> {
    const seed = (Date.now() % 100_000) + counter;
    const start = new Date(Date.now() - 95 * 60_000);
    const session = await emulator.addSession(account.accountId, account.region, poolId, {
      UserId: userId,
      ConnectionState: 'CONNECTED',
      AuthenticationType: 'SAML',
      InstanceId: `i-${hex(17, seed)}`,
      StartTime: start.toISOString(),
      ExpirationTime: new Date(start.getTime() + 12 * 3600_000).toISOString(),
      NetworkAccessConfiguration: { EniId: `eni-${hex(17, seed + 1)}`, EniPrivateIpAddress: `10.${seed % 250}.${counter % 250}.7` },
    });
    const ref: SessionRef = { profile: account.profileName, region: account.region, poolId, sessionId: session.SessionId ?? '', userId };
    return { ref, session };
  }

  before(async () => {
    details = (await activateExtension()).details;
    const info = await emulator.info();
    account = info.accounts[0];
    const pools = await emulator.pools(account.accountId, account.region);
    assert.ok(pools.length > 0, 'the emulator has no pool for the first account');
    poolId = pools[0].PoolId ?? '';
  });

  afterEach(async () => {
    await emulator.clearFaults();
  });

  // Pages are closed once, at the end: in the web workbench (code-server 4.100), a webview created
  // right after another was disposed can stall for seconds on its service worker before its page
  // loads ("Found unexpected service worker controller"), which is the workbench's, not ours.
  after(async () => {
    await closeAllDetails();
  });

  it('opens a page for a session it was not given, and reads the session once, by its user', async () => {
    const { ref } = await newSession();
    const since = await emulator.mark();
    await vscode.commands.executeCommand(COMMAND, ref);
    const opened = details.page(ref);
    assert.ok(opened, 'no page for the session after the command');
    assert.deepStrictEqual(opened.ref, ref);
    assert.strictEqual(opened.status.kind, 'loading', 'a session nobody loaded is fetched');
    const page = await untilPage(ref, (p) => p.status.kind !== 'loading', 'the fetch to end');
    assert.deepStrictEqual(page.status, { kind: 'fresh', source: 'service' });
    // The new page is the active tab, titled with the user.
    await untilTab(ref.userId);
    const requests = (await emulator.log({ since })).filter((e) => e.accountId === account.accountId);
    const sessionReads = requests.filter((e) => e.operation === 'DescribeWorkspacesPoolSessions');
    // One page of the pool's sessions, filtered server-side by the session's user.
    assert.deepStrictEqual(
      sessionReads.map((e) => [e.status, e.params.PoolId, e.params.UserId]),
      [[200, poolId, ref.userId]],
      `session reads: ${JSON.stringify(sessionReads.map((e) => e.params))}`,
    );
    assert.ok(requests.some((e) => e.operation === 'DescribeWorkspacesPools' && e.status === 200), 'the pool was not read alongside');
  });

  it('reveals the open page instead of opening a second one', async () => {
    const first = await newSession();
    const second = await newSession();
    const tabsBefore = detailTabs().length;
    const pagesBefore = details.pages().length;
    await vscode.commands.executeCommand(COMMAND, first.ref);
    await vscode.commands.executeCommand(COMMAND, second.ref);
    await waitFor(async () => detailTabs().length === tabsBefore + 2, 'two more details tabs');
    await untilTab(second.ref.userId);
    const since = await emulator.mark();
    await vscode.commands.executeCommand(COMMAND, first.ref);
    await untilTab(first.ref.userId);
    assert.strictEqual(detailTabs().length, tabsBefore + 2, 'a second tab for the same session');
    assert.strictEqual(details.pages().length, pagesBefore + 2, 'a second page for the same session');
    assert.deepStrictEqual(
      details.pages().filter((p) => p.ref.sessionId === first.ref.sessionId).map((p) => p.ref),
      [first.ref],
    );
    // Revealing is not reading again: the page keeps what it has (Refresh reads again).
    await untilPage(first.ref, (p) => p.status.kind !== 'loading', 'the first fetch to end');
    assert.deepStrictEqual(
      (await emulator.log({ since, settle: true })).filter((e) => e.params.UserId === first.ref.userId).map((e) => e.operation),
      [],
      'revealing the page read the session again',
    );
  });

  it('shows a session the explorer already holds without a request', async () => {
    const { ref, session } = await newSession();
    const pool = (await emulator.pools(account.accountId, account.region)).find((p) => p.PoolId === poolId);
    const since = await emulator.mark();
    await vscode.commands.executeCommand(COMMAND, ref, { session, pool });
    // A fetch would have set the status to loading at once.
    assert.deepStrictEqual(details.page(ref)?.status, { kind: 'fresh', source: 'explorer' });
    // Let anything the page started land: another page's fetch, sent after it, has to come back first.
    const other = await newSession();
    await vscode.commands.executeCommand(COMMAND, other.ref);
    await untilPage(other.ref, (p) => p.status.kind !== 'loading', 'the other page to be read');
    const requests = (await emulator.log({ since, settle: true })).filter((e) => e.accountId === account.accountId && e.params.UserId !== other.ref.userId);
    assert.deepStrictEqual(
      requests.filter((e) => e.operation !== 'DescribeWorkspacesPools').map((e) => e.operation),
      [],
      'opening known data sent requests',
    );
    assert.deepStrictEqual(details.page(ref)?.status, { kind: 'fresh', source: 'explorer' });
  });

  it('forgets a page when its tab is closed', async () => {
    const { ref } = await newSession();
    await vscode.commands.executeCommand(COMMAND, ref);
    await untilPage(ref, (p) => p.status.kind !== 'loading', 'the fetch to end');
    const tab = await untilTab(ref.userId, false);
    const closed = new Promise<void>((resolve) => {
      const sub = details.onDidChange(() => {
        if (details.page(ref)) return;
        sub.dispose();
        resolve();
      });
    });
    await vscode.window.tabGroups.close(tab);
    await closed;
    assert.strictEqual(details.page(ref), undefined);
  });
});

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  // The tab model changes outside any event this test can tie to one change: poll briefly. The bound
  // is for a stuck workbench, as untilPage's: 10 s was passed by a tab that opened late while the
  // extension hosts of both versions, their emulators and the unit tests shared the 2 cores (npm test).
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
