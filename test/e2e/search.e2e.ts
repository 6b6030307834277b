// Find User's Sessions… and the quick search, driven like a user drives them in Chromium on the real
// workbench: the search run from the explorer's title bar button (and from the palette), the user id
// typed into its quick pick, the User Search view's rows (profile → region → pool → session) and its
// summary compared with the emulator's truth, a result row's click opening its details page; then the
// quick search over what is loaded, a part of a session id picking that session: revealed in the
// (collapsed) results and its details open. The extension-host suite (test/suite/search.test.ts)
// covers faults, retry and cancel; these tests prove what a user sees and clicks.
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { DEMO_ROAMING_USER_ID } from '../../emulator/demoScenario';
import { clickInTree, emulator, openExplorer, page, revealRow, row, runCommand, screenshot, settleShownWebview, sidebar, webviewFrame } from './support/workbench';

const USER = DEMO_ROAMING_USER_ID; // sessions in every demo profile, in us-east-1 and eu-west-1

interface Found {
  profile: string;
  region: string;
  poolId: string;
  poolName: string;
  sessionId: string;
  state: string;
}

/**
 * What the search must find, asked from the emulator: every pool of every profile in the region the
 * explorer shows for it. The UI tests set no `workspacesPools.regions`, so that is each profile's own
 * `region` (acme-prod and acme-dev in us-east-1, globex-helpdesk in eu-west-1).
 */
async function truth(): Promise<{ found: Found[]; pools: number; profiles: number; regions: number }> {
  const { accounts } = await emulator().info();
  const found: Found[] = [];
  let pools = 0;
  for (const a of accounts) {
    for (const pool of await emulator().pools(a.accountId, a.region)) {
      pools++;
      for (const s of await emulator().sessions(a.accountId, a.region, pool.PoolId ?? '')) {
        if (s.UserId !== USER) continue;
        found.push({ profile: a.profileName, region: a.region, poolId: pool.PoolId ?? '', poolName: pool.PoolName ?? '', sessionId: s.SessionId ?? '', state: s.ConnectionState ?? '' });
      }
    }
  }
  return { found, pools, profiles: accounts.length, regions: accounts.length };
}

/** The summary the results view must show once the search is done. */
function summaryOf(t: Awaited<ReturnType<typeof truth>>): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const withSessions = new Set(t.found.map((f) => `${f.profile}|${f.region}|${f.poolId}`)).size;
  return `${plural(t.found.length, 'session')} in ${withSessions} of ${plural(t.pools, 'pool')} · ${plural(t.profiles, 'profile')} · ${plural(t.regions, 'region')}`;
}

/** The User Search view's pane in the side bar (shown only while it holds a search). */
function searchPane(): Locator {
  return sidebar()
    .locator('.pane')
    .filter({ has: page().locator('.pane-header .title', { hasText: /^User Search$/ }) });
}

interface PaneRow {
  /** The row's place in the list (data-index). */
  index: number;
  level: number;
  label: string;
  description: string;
  selected: boolean;
}

async function searchRows(): Promise<PaneRow[]> {
  return searchPane()
    .locator('.pane-body [role=treeitem]')
    .evaluateAll((rows) =>
      rows
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map((r) => ({
          index: Number(r.getAttribute('data-index')),
          level: Number(r.getAttribute('aria-level') ?? 0),
          label: r.querySelector('.label-name')?.textContent?.trim() ?? '',
          description: r.querySelector('.label-description')?.textContent?.trim() ?? '',
          selected: r.getAttribute('aria-selected') === 'true',
        })),
    );
}

/** Each session row as "profile / region / pool / user · state", from the rows above it. */
function sessionPaths(rows: PaneRow[]): string[] {
  const path: string[] = [];
  const out: string[] = [];
  for (const r of rows) {
    path.length = r.level - 1;
    path.push(r.label);
    if (r.level === 4) out.push(`${path.join(' / ')} · ${r.description.split(' · ')[0]}`);
  }
  return out.sort();
}

/** The labels of the rows above `index`: profile, region, pool for a session row. */
function ancestors(rows: PaneRow[], index: number): string[] {
  const out: string[] = [];
  for (let level = rows[index].level - 1, i = index - 1; level >= 1 && i >= 0; i--) {
    if (rows[i].level === level) {
      out.unshift(rows[i].label);
      level--;
    }
  }
  return out;
}

/** No search shown: the explorer is the container's only view, its actions in the container's title. */
async function clearSearch(): Promise<void> {
  if (!(await searchPane().count())) return;
  await runCommand('WorkSpaces Pools: Clear Search Results');
  await searchPane().waitFor({ state: 'detached' });
}

/** The search's quick pick: types the user id and accepts the typed entry. */
async function typeUserId(userId: string): Promise<void> {
  const p = page();
  await p.locator('.quick-input-widget .quick-input-title', { hasText: "Find User's Sessions" }).waitFor();
  await p.locator('.quick-input-widget .quick-input-box input').fill(userId);
  await p.locator('.quick-input-list .monaco-list-row', { hasText: 'search for this user' }).first().waitFor();
  await p.keyboard.press('Enter');
}

/**
 * Waits for the search to end with the summary the emulator's data gives (no "searching…"), then
 * for its rows: the summary is the view's message, set at once, while the rows come after it
 * through the tree's own refresh (a round trip to the extension host for each level), so at the
 * summary's moment the tree may still be empty or show the rows of an earlier moment of the search.
 * The last of the sessions expected is the one the view shows last.
 */
async function waitForResults(expected: Awaited<ReturnType<typeof truth>>): Promise<void> {
  const summary = summaryOf(expected);
  await searchPane().locator('.pane-body .message', { hasText: new RegExp(`^\\s*${summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).waitFor({ timeout: 30_000 });
  await searchPane().locator('.pane-body [role=treeitem][aria-level="4"]').nth(expected.found.length - 1).waitFor({ timeout: 30_000 });
}

/** The details page of `found`, filled, as the active editor's webview. */
async function detailsShow(found: Found): Promise<void> {
  const frame = webviewFrame();
  await frame.locator('[data-field="sessionId"]', { hasText: found.sessionId }).waitFor({ timeout: 30_000 });
  await frame.locator('#app[aria-busy="false"]').waitFor({ timeout: 30_000 });
  for (const [field, value] of [['userId', USER], ['profile', found.profile], ['region', found.region], ['poolId', found.poolId]]) {
    assert.strictEqual(((await frame.locator(`[data-field="${field}"]`).first().textContent()) ?? '').trim(), value, `the details page's ${field}`);
  }
}

describe("search: Find User's Sessions… and the quick search in the workbench", function () {
  this.timeout(120_000);

  beforeEach(async () => {
    await openExplorer();
    await clearSearch();
    // One details page at a time: the one a test opens is the webview read.
    await runCommand('View: Close All Editors');
  });

  afterEach(async () => {
    // The other UI tests find the explorer alone in its container, and no details page this suite
    // opened: a webview editor left active takes the focus back when a quick input closes over it,
    // and a palette opened in that moment closes (an export's save dialog, then F1, in a shuffled order).
    await clearSearch();
    // The test's details page takes the focus once loaded: the palette waits for that (settleShownWebview).
    await settleShownWebview();
    await runCommand('View: Close All Editors');
  });

  it("from the explorer's title bar: the results view lists the user's sessions in every profile and region as the emulator holds them; a result opens its details", async () => {
    const expected = await truth();
    assert.ok(new Set(expected.found.map((f) => f.profile)).size >= 2 && new Set(expected.found.map((f) => f.region)).size >= 2, 'the demo user is in several profiles and regions');

    // A profile row has the keyboard focus, as after any click in the tree: VS Code passes the focused
    // row to a title bar action, and the search must still cover every profile and region.
    await clickInTree(await revealRow('globex-helpdesk'));
    await row('globex-helpdesk').and(page().locator('.focused')).waitFor();
    // The explorer is the container's only view: its title bar buttons are the container's.
    await sidebar().locator('.composite.title').hover();
    await sidebar().locator(`.composite.title .action-label[aria-label^="Find User's Sessions"]`).first().click();
    await typeUserId(USER);
    await waitForResults(expected);
    await screenshot('search-results');

    const rows = await searchRows();
    assert.deepStrictEqual(
      sessionPaths(rows),
      expected.found.map((f) => `${f.profile} / ${f.region} / ${f.poolName} / ${USER} · ${f.state}`).sort(),
      'profile → region → pool → session rows',
    );
    // Only what holds a session is shown: one row per profile, region and pool found, none empty.
    const levels = [1, 2, 3].map((level) => rows.filter((r) => r.level === level).length);
    assert.deepStrictEqual(levels, [
      new Set(expected.found.map((f) => f.profile)).size,
      new Set(expected.found.map((f) => `${f.profile}|${f.region}`)).size,
      new Set(expected.found.map((f) => `${f.profile}|${f.region}|${f.poolId}`)).size,
    ]);

    // A click on a result opens its details, as a session row of the explorer does.
    const index = rows.findIndex((r) => r.level === 4);
    const [profile, region, poolName] = ancestors(rows, index);
    const clicked = expected.found.find((f) => f.profile === profile && f.region === region && f.poolName === poolName);
    assert.ok(clicked, `${profile} / ${region} / ${poolName}`);
    await clickInTree(searchPane().locator(`.pane-body [role=treeitem][data-index="${rows[index].index}"] .monaco-tl-contents`));
    await detailsShow(clicked);
  });

  it('from the palette, then the quick search over what is loaded: a part of a session id reveals that result and opens its details', async () => {
    const expected = await truth();
    await runCommand("WorkSpaces Pools: Find User's Sessions…");
    await typeUserId(USER);
    await waitForResults(expected);

    // Collapse the results, so that the reveal has to open the way to the row.
    await searchPane().locator('.pane-header').hover();
    await searchPane().locator('.pane-header .action-label[aria-label="Collapse All"]').click();
    await searchPane().locator('.pane-body [role=treeitem][aria-level="2"]').first().waitFor({ state: 'detached' });

    // The last result in the emulator's order, found by the middle of its id in upper case.
    const wanted = expected.found[expected.found.length - 1];
    const part = wanted.sessionId.slice(9, 23).toUpperCase();
    await runCommand('WorkSpaces Pools: Quick Search Loaded Sessions…');
    const p = page();
    await p.locator('.quick-input-widget .quick-input-title', { hasText: 'Quick Search Loaded Sessions' }).waitFor();
    await p.locator('.quick-input-widget .quick-input-box input').fill(part);
    // The list answers the typed text: every entry left is that session (the explorer may hold it
    // too, its pool expanded by another test); take the results' one.
    const rowsShown = p.locator('.quick-input-list .monaco-list-row');
    await rowsShown.filter({ hasNotText: wanted.sessionId }).first().waitFor({ state: 'detached' });
    const entry = p.locator('.quick-input-list .monaco-list-row').filter({ hasText: wanted.sessionId }).filter({ hasText: 'search results' });
    await entry.first().waitFor();
    assert.strictEqual(await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'search results' }).count(), 1, 'one result matches');
    await entry.first().click();

    await detailsShow(wanted);
    // Revealed: the way to it opened again and the session row selected under its pool.
    const rows = await searchRows();
    const selected = rows.findIndex((r) => r.selected);
    assert.ok(selected >= 0, 'a row of the results is selected');
    assert.strictEqual(rows[selected].level, 4, 'the selected row is a session');
    assert.deepStrictEqual(ancestors(rows, selected), [wanted.profile, wanted.region, wanted.poolName]);
    await screenshot('search-quick-search');
  });
});
