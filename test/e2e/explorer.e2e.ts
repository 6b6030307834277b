// The explorer driven like a user drives it, in Chromium on the real workbench: expand a profile and
// a pool, "Load more…", filter by user from the palette, copy a session id from the row's inline
// action. Truth and request counts come from the emulator.
import * as assert from 'assert';
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import type { Locator } from 'playwright-core';
import { childRows, clickInTree, clickRowAction, collapseTree, emulator, eventually, expandRow, harness, notifications, openExplorer, page, pointerOffTheList, runCommand, screenshot, scrollRowIntoView, sidebar, treeRows, waitForRow } from './support/workbench';

const PROFILE = 'acme-prod';
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const POOL = 'prod-callcenter';
const POOL_ID = 'wspool-bigpool50';
const SHARED_USER = 'kiosk.shared@acme.example';
const SESSIONS_OP = 'DescribeWorkspacesPoolSessions';
const LOAD_MORE = 'Load more…';

async function sessionRequests(): Promise<Record<string, unknown>[]> {
  return (await emulator().log({ operation: SESSIONS_OP })).map((e) => e.params);
}

/**
 * The tree renders only the rows in view: move the keyboard focus down a page at a time until
 * the "Load more…" row is rendered. (Focus moves without running a row's command.)
 */
async function scrollToLoadMore(loaded?: number): Promise<Locator> {
  const aria = loaded === undefined ? '[aria-label^="Load more sessions, "]' : `[aria-label="Load more sessions, ${loaded} loaded"]`;
  const more = sidebar().locator(`.pane-body [role=treeitem]${aria}`).first();
  // The pointer off the list first: rows that Page Down scrolls under a resting pointer open their
  // hovers (see pointerOffTheList).
  await pointerOffTheList();
  for (let i = 0; i < 40; i++) {
    // The list renders on the next frame: give each key press a moment to show its rows.
    const shown = await more.waitFor({ state: 'attached', timeout: 300 }).then(
      () => true,
      () => false,
    );
    if (shown) {
      await scrollRowIntoView(more);
      return more;
    }
    await page().keyboard.press('PageDown');
  }
  const rows = await treeRows();
  throw new Error(`no "Load more…" row; rendered: ${JSON.stringify(rows.map((r) => `${r.level}:${r.label}`))}`);
}

/** Gives the tree the keyboard focus on a row without running its command or toggling it. */
async function focusRow(label: string): Promise<void> {
  const r = await waitForRow(label);
  await clickInTree(r, { button: 'right' });
  await page().keyboard.press('Escape');
}

interface ShownRow {
  /** The row's index in the list (data-index). */
  index: number;
  /** The centre of the row on the page. */
  x: number;
  y: number;
}

/**
 * Waits, frame by frame, until the tree renders the row with this aria-label (a "Load more…" row's
 * is "Load more sessions, N loaded"), and returns where it is. Polling on animation frames sees the
 * row in the frame it is painted, so the action that follows comes as soon after as a user's would.
 */
async function rowShown(ariaLabel: string, timeout = 15_000): Promise<ShownRow> {
  const handle = await page().waitForFunction(
    (label) => {
      // (This runs in the page; the project's TypeScript lib has no DOM types, hence the casts.)
      interface El {
        getAttribute(name: string): string | null;
        getBoundingClientRect(): { x: number; y: number; width: number; height: number };
      }
      const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<El> } }).document;
      for (const el of doc.querySelectorAll('.part.sidebar .pane-body [role=treeitem]')) {
        if (el.getAttribute('aria-label') !== label) continue;
        const box = el.getBoundingClientRect();
        return { index: Number(el.getAttribute('data-index')), x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }
      return false;
    },
    ariaLabel,
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as ShownRow;
}

/**
 * Waits, frame by frame, until the row at list index `index` shows `label`: a page of sessions has
 * landed when its first session takes the place of the "Load more…" row that asked for it.
 */
async function pageShown(index: number, label: string, what: string, timeout = 15_000): Promise<void> {
  await page()
    .waitForFunction(
      ({ index, label }) => {
        interface El {
          querySelector(selector: string): { textContent: string | null } | null;
        }
        const doc = (globalThis as unknown as { document: { querySelector(selector: string): El | null } }).document;
        const el = doc.querySelector(`.part.sidebar .pane-body [role=treeitem][data-index="${index}"]`);
        return el?.querySelector('.label-name')?.textContent?.trim() === label;
      },
      { index, label },
      { polling: 'raf', timeout },
    )
    .catch(async (error: unknown) => {
      const sent = (await sessionRequests()).length;
      throw new Error(`${what}: no page within ${timeout} ms (${sent} ${SESSIONS_OP} requests in the log; notifications: ${JSON.stringify(await notifications())}): ${String(error)}`);
    });
}

/** Waits, frame by frame, until the tree's focused row is at list index `index`, its aria-label matching `label`. */
async function focusedRow(index: number, label: RegExp, what: string, timeout = 15_000): Promise<void> {
  await page()
    .waitForFunction(
      ({ index, source }) => {
        interface El {
          getAttribute(name: string): string | null;
        }
        const doc = (globalThis as unknown as { document: { querySelector(selector: string): El | null } }).document;
        const el = doc.querySelector('.part.sidebar .pane-body [role=treeitem].focused');
        return !!el && el.getAttribute('data-index') === String(index) && new RegExp(source).test(el.getAttribute('aria-label') ?? '');
      },
      { index, source: label.source },
      { polling: 'raf', timeout },
    )
    .catch(async (error: unknown) => {
      const rows = await treeRows();
      throw new Error(`${what}: ${String(error)}; rows: ${JSON.stringify(rows.slice(0, 5).map((r) => r.ariaLabel))}`);
    });
}

/**
 * Holds `key` down for `times` key events, as a user holds a key and it repeats: the first keydown,
 * then repeats (Playwright marks a keydown of a key already down as a repeat), then one keyup. The
 * keydowns are sent together, not one round trip each: 50 presses one by one took about 11 s of
 * each 20-page Load more test (1,000 presses) on an idle machine.
 */
async function holdKey(key: string, times: number): Promise<void> {
  await page().keyboard.down(key);
  await Promise.all(Array.from({ length: times - 1 }, () => page().keyboard.down(key)));
  await page().keyboard.up(key);
}

/**
 * Loads 20 pages with 20 actions on "Load more…", each taken as soon as the previous page's rows
 * show, with no second try: an action that is lost stops the test. Counts the pages (rows) and the
 * requests in the emulator's log.
 */
async function loadTwentyPages(truth: WorkspacesPoolSession[], act: (more: ShownRow) => Promise<void>): Promise<void> {
  await freshPool();
  // Start from the "Load more…" row, with the keyboard focus on it. A right click focuses a row without running it, and this row has no
  // context menu to close (Escape would clear the tree's focus).
  await focusRow(POOL);
  const first = await scrollToLoadMore();
  await clickInTree(first, { button: 'right' });
  assert.match((await first.getAttribute('class')) ?? '', /\bfocused\b/, 'the keyboard focus is on "Load more…"');
  const label = await first.getAttribute('aria-label');
  const start = Number(/Load more sessions, (\d+) loaded/.exec(label ?? '')?.[1]);
  assert.ok(start >= 50 && start % 50 === 0, `the "Load more…" row: ${label}`);
  const requestsBefore = (await sessionRequests()).length;
  const toastsBefore = await notifications();

  for (let i = 0; i < 20; i++) {
    const loaded = start + 50 * i;
    const more = await rowShown(`Load more sessions, ${loaded} loaded`);
    await act(more);
    await pageShown(more.index, truth[loaded].UserId!, `action ${i + 1} of 20 on "Load more…" (${loaded} loaded)`);
    // The keyboard focus goes to the first new session, which took the place of "Load more…"; the
    // screen reader hears how many were added. Down 50 times (past the 49 other new ones) reaches "Load more…" again.
    await focusedRow(more.index, new RegExp(`, first of 50 sessions added, ${loaded + 50} loaded$`), `action ${i + 1}: the focus on the first new session`);
    await holdKey('ArrowDown', 50);
  }

  const end = start + 50 * 20;
  await rowShown(`Load more sessions, ${end} loaded`);
  const rows = await treeRows();
  const at = rows.findIndex((r) => r.ariaLabel === `Load more sessions, ${end} loaded`);
  assert.strictEqual(rows[at].description, `${end} loaded`);
  assert.strictEqual(rows[at - 1].label, truth[end - 1].UserId, 'the 20 pages are appended in order');
  const sent = (await sessionRequests()).slice(requestsBefore);
  assert.strictEqual(sent.length, 20, `20 actions, 20 pages: ${sent.length} ${SESSIONS_OP} requests`);
  assert.ok(sent.every((p) => typeof p.NextToken === 'string'), 'each request asks for the next page');
  // A click the extension host no longer knows shows "Actual command not found" instead of loading.
  const toasts = (await notifications()).filter((t) => !toastsBefore.includes(t));
  assert.deepStrictEqual(toasts, [], 'no new notification');
}

/** Waits, frame by frame, until the row right below the row labelled `parent` is labelled `child`. */
async function firstChildShown(parent: string, child: string, timeout = 15_000): Promise<void> {
  await page().waitForFunction(
    ({ parent, child }) => {
      interface El {
        getAttribute(name: string): string | null;
        querySelector(selector: string): { textContent: string | null } | null;
      }
      const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<El> } }).document;
      // (No named function in here: the bundler would wrap it in a helper the page does not have.)
      const rows = [...doc.querySelectorAll('.part.sidebar .pane-body [role=treeitem]')];
      const at = rows.find((el) => el.querySelector('.label-name')?.textContent?.trim() === parent);
      if (!at) return false;
      const below = rows.find((el) => Number(el.getAttribute('data-index')) === Number(at.getAttribute('data-index')) + 1);
      return below?.querySelector('.label-name')?.textContent?.trim() === child;
    },
    { parent, child },
    { polling: 'raf', timeout },
  );
}

/** The pool's row in the tree (rendered while its profile is expanded). */
function poolRow(): Locator {
  return sidebar().locator('.pane-body [role=treeitem]', { hasText: POOL }).first();
}

async function filtered(): Promise<boolean> {
  return ((await poolRow().locator('.label-description').textContent()) ?? '').includes('user:');
}

/** Clears the pool's user filter with its inline "Clear User Filter". */
async function clearFilter(): Promise<void> {
  await clickRowAction(poolRow(), 'Clear User Filter');
  await eventually(async () => !(await filtered()), 'the filter to clear');
  // The rows shown before stay until the unfiltered first page lands: the pool row's aria-label says
  // ", loading sessions" until then. (A test that goes on meanwhile races that reload.)
  await sidebar().locator(`.pane-body [role=treeitem][aria-label^="Pool ${POOL},"]:not([aria-label*=", filtered"]):not([aria-label*="loading sessions"])`).first().waitFor();
}

/**
 * The pool as a user first opens it, whatever earlier tests did to it: expanded, no user filter, its
 * first page only (the pool's inline "Refresh Pool" reloads it from the first page).
 */
async function freshPool(): Promise<void> {
  await openExplorer();
  await expandRow(PROFILE);
  await expandRow(POOL);
  if (await filtered()) await clearFilter();
  const since = await emulator().mark();
  await clickRowAction(poolRow(), 'Refresh Pool');
  await eventually(async () => (await emulator().log({ operation: SESSIONS_OP, since })).length > 0, 'the Refresh Pool request');
  await focusRow(POOL);
  await scrollToLoadMore(50);
  // Back to the top, the keyboard focus on the first row: the pool's row is in view again.
  await page().keyboard.press('Home');
}

async function filterPoolBy(user: string): Promise<void> {
  await runCommand('WorkSpaces Pools: Filter Sessions by User…');
  await quickPickChoose(PROFILE);
  await quickPickChoose(POOL);
  await page().locator('.quick-input-widget .quick-input-box input').fill(user);
  await page().keyboard.press('Enter');
  await poolRow().locator('.label-description', { hasText: `user: ${user}` }).waitFor();
  // The rows shown before stay until the filtered page lands (see the filter test).
  await firstChildShown(POOL, user);
}

async function quickPickChoose(label: string): Promise<void> {
  const p = page();
  const input = p.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(label);
  await p
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: p.locator('.label-name', { hasText: label }) })
    .first()
    .waitFor();
  await p.keyboard.press('Enter');
}

describe('explorer: pools and sessions in the workbench', () => {
  let truth: WorkspacesPoolSession[];

  after(async () => {
    // The next UI test file expects the tree as a user finds it: collapse everything.
    await collapseTree();
  });

  before(async () => {
    await harness().browser?.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness().server.url });
    truth = await emulator().sessions(ACCOUNT, REGION, POOL_ID);
    await openExplorer();
  });

  it('expands a profile and a pool: the first page of sessions, in order, with "Load more…"', async () => {
    // From the top level, with nothing loaded under it (Refresh reloads what is shown: the profiles).
    await collapseTree();
    await runCommand('WorkSpaces Pools: Refresh');
    await expandRow(PROFILE);
    const before = (await sessionRequests()).length;
    await expandRow(POOL);
    await waitForRow(truth[0].UserId!);
    const rows = await treeRows();
    const at = rows.findIndex((r) => r.label === POOL);
    const shown = childRows(rows, at);
    assert.ok(shown.length >= 5, `only ${shown.length} session rows rendered`);
    assert.deepStrictEqual(
      shown.map((r) => r.label),
      truth.slice(0, shown.length).map((s) => s.UserId),
    );
    assert.match(shown[0].description, /^(CONNECTED|NOT_CONNECTED) · /);
    // Counts in the user's locale (the workbench runs in English).
    assert.match(rows[at].description, /^RUNNING · 5,000 active \/ 5,000$/);
    assert.strictEqual((await sessionRequests()).length - before, 1, 'one request for the expand');
    await screenshot('explorer-pool-expanded');
  });

  it('"Load more…" appends the next page with one request', async () => {
    await freshPool();
    await focusRow(POOL);
    const more = await scrollToLoadMore(50);
    assert.strictEqual((await more.locator('.label-name').textContent())?.trim(), LOAD_MORE);
    assert.strictEqual((await more.locator('.label-description').textContent())?.trim(), '50 loaded');
    await screenshot('explorer-load-more');
    const before = await sessionRequests();
    const sent = async () => {
      const now = await sessionRequests();
      return now.length > before.length && now;
    };
    await clickInTree(more);
    const after = await eventually(sent, 'the Load more request');
    assert.strictEqual(after.length - before.length, 1);
    assert.ok(typeof after[after.length - 1].NextToken === 'string', 'Load more sends the NextToken');
    const again = await scrollToLoadMore(100);
    assert.strictEqual((await again.locator('.label-description').textContent())?.trim(), '100 loaded');
    // The page is appended in order: the row above "Load more…" is the 100th session.
    const rows = await treeRows();
    const at = rows.findIndex((r) => r.ariaLabel.startsWith('Load more sessions'));
    assert.strictEqual(rows[at - 1].label, truth[99].UserId);
    await screenshot('explorer-loaded-more');
  });

  it('"Load more…" clicked 20 times back to back loads 20 pages with 20 requests', async function () {
    this.timeout(180_000);
    // The pointer goes where the row is painted, the moment it is painted (no waiting for the
    // row to hold still, as a user clicking fast does not).
    await loadTwentyPages(truth, async (more) => {
      await page().mouse.click(more.x, more.y);
      // Then the hand leaves the tree: a pointer resting on the list while the keyboard walk below
      // scrolls rows under it opens a row's hover, which VS Code 1.139 shows below that row, over
      // the next "Load more…" (it would take the next click).
      await pointerOffTheList();
    });
    await screenshot('explorer-load-more-20-clicks');
  });

  it('"Load more…" with Enter 20 times back to back loads 20 pages with 20 requests', async function () {
    this.timeout(180_000);
    // The focus is on "Load more…" (and stays on it as pages are appended above it): Enter runs it.
    await loadTwentyPages(truth, () => page().keyboard.press('Enter'));
    await screenshot('explorer-load-more-20-enter');
  });

  it('filters the pool by user from the palette', async () => {
    await openExplorer();
    await expandRow(PROFILE);
    await expandRow(POOL);
    if (await filtered()) await clearFilter();
    const before = (await sessionRequests()).length;
    await runCommand('WorkSpaces Pools: Filter Sessions by User…');
    await quickPickChoose(PROFILE);
    await quickPickChoose(POOL);
    const input = page().locator('.quick-input-widget .quick-input-box input');
    await page().locator('.quick-input-widget .quick-input-message', { hasText: 'exact user ID' }).waitFor();
    await input.fill('x');
    await page().locator('.quick-input-widget', { hasText: 'at least 2 characters' }).waitFor();
    await screenshot('explorer-filter-validation');
    await input.fill(SHARED_USER);
    await page().keyboard.press('Enter');

    const poolRow = sidebar().locator('.pane-body [role=treeitem]', { hasText: POOL }).first();
    await poolRow.locator('.label-description', { hasText: `user: ${SHARED_USER}` }).waitFor();
    // The pool row says so at once, and the rows shown before stay until the filtered page lands:
    // wait for the pool's first row to be the user's (the unfiltered first page holds the user too).
    await firstChildShown(POOL, SHARED_USER);
    const sent = (await sessionRequests()).slice(before);
    assert.strictEqual(sent.length, 1, 'one request for the filtered first page');
    assert.strictEqual(sent[0].UserId, SHARED_USER, 'the filter goes to the service');
    const rows = await treeRows();
    const at = rows.findIndex((r) => r.label === POOL);
    const children = childRows(rows, at);
    const expected = truth.filter((s) => s.UserId === SHARED_USER);
    assert.deepStrictEqual(children.map((r) => r.label), expected.map((s) => s.UserId));
    await screenshot('explorer-filtered');
    await clearFilter();
  });

  it('copies a session id with the inline action and confirms in the status bar', async () => {
    const expected = truth.find((s) => s.UserId === SHARED_USER)!;
    await openExplorer();
    await expandRow(PROFILE);
    await expandRow(POOL);
    if (!(await filtered())) await filterPoolBy(SHARED_USER);
    await page().evaluate('navigator.clipboard.writeText("before")');
    const session = await waitForRow(SHARED_USER);
    await clickRowAction(session, 'Copy Session ID');
    const copied = await eventually(async () => {
      const text = (await page().evaluate('navigator.clipboard.readText()')) as string;
      return text !== 'before' && text;
    }, 'the clipboard to change');
    assert.strictEqual(copied, expected.SessionId);
    await page().locator('.statusbar', { hasText: `Copied session ID of ${SHARED_USER}` }).waitFor();
    await screenshot('explorer-copied');

    // Clear the filter with the pool's inline "Clear User Filter".
    await clearFilter();
  });

  it('copies a loaded session id from the palette, picked by typing its id', async () => {
    const wanted = truth[3];
    await freshPool();
    await waitForRow(wanted.UserId!);
    await page().evaluate('navigator.clipboard.writeText("before")');
    await runCommand('WorkSpaces Pools: Copy Session ID');
    const input = page().locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(wanted.SessionId!.slice(0, 13));
    const match = page().locator('.quick-input-list .monaco-list-row', { hasText: wanted.SessionId! }).first();
    await match.waitFor();
    await screenshot('explorer-copy-from-palette');
    await page().keyboard.press('Enter');
    const copied = await eventually(async () => {
      const text = (await page().evaluate('navigator.clipboard.readText()')) as string;
      return text !== 'before' && text;
    }, 'the clipboard to change');
    assert.strictEqual(copied, wanted.SessionId);
  });

  it('"Load more…" in the palette\'s session picker keeps the highlight on the first new session', async () => {
    // The picker offers "Choose a pool…" once sessions are loaded somewhere, and the pool's first
    // page (truth[0] first, no user filter) is what it lists: this test loads it itself.
    await freshPool();
    await runCommand('WorkSpaces Pools: Show Session Details');
    await quickPickChoose('Choose a pool…');
    await quickPickChoose(PROFILE);
    await quickPickChoose(POOL);
    const p = page();
    await p.locator('.quick-input-widget .quick-input-title', { hasText: 'Show Session Details' }).waitFor();
    const moreRow = p.locator('.quick-input-list .monaco-list-row', { hasText: 'Load more…' });
    // The sessions' list, its first session highlighted (not the pools' list it replaces: a key
    // pressed there is lost when the sessions come).
    await p.locator('.quick-input-list .monaco-list-row.focused', { hasText: truth[0].UserId! }).waitFor();
    // From the first item, Up wraps to the last: "Load more…".
    await p.keyboard.press('ArrowUp');
    const focused = p.locator('.quick-input-list .monaco-list-row.focused');
    await focused.filter({ hasText: 'Load more…' }).waitFor();
    const description = (await moreRow.first().locator('.label-description').textContent())?.trim() ?? '';
    const before = Number(/^(\d+) loaded$/.exec(description)?.[1]);
    assert.ok(before >= 50, `the "Load more…" item: ${description}`);
    await p.keyboard.press('Enter');
    await focused.filter({ has: p.locator('.label-name', { hasText: truth[before].UserId! }) }).waitFor({ timeout: 30_000 });
    assert.strictEqual((await focused.first().locator('.label-description').textContent())?.trim(), truth[before].SessionId);
    await screenshot('palette-load-more-keeps-highlight');
    await p.keyboard.press('Escape');
  });
});
