// The actions that change AWS, driven like a user drives them in Chromium on the real workbench:
// Terminate Session… from a row's context menu with the real modal dialog (declined: nothing sent;
// confirmed: the row leaves), several selected at once (one already gone), Start/Stop Pool through
// STARTING and STOPPING, Terminate Session… in a session's details page, and read-only mode hiding the
// actions (menus, palette, the page's button). Truth comes from the emulator.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { findFiles } from '../support/security';
import { clickInTree, clickRowAction, closeActiveEditor, emulator, eventually, expandRow, harness, openExplorer, page, pointerOffTheList, revealRow, row, runCommand, screenshot, sidebar, treeRows, userSettingRow, waitForNotification, waitForRow, webviewFrame } from './support/workbench';

const PROFILE = 'acme-prod';
const REGION = 'us-east-1';
const POOL = 'prod-overflow'; // wspool-empty0001: RUNNING, no sessions of its own
const POOL_ID = 'wspool-empty0001';
const STOPPED_POOL = 'prod-training'; // wspool-training1: STOPPED, AUTO_STOP
const TERMINATE = 'TerminateWorkspacesPoolSession';

const account = () => {
  const found = harness().emulator.accounts.find((a) => a.profileName === PROFILE);
  assert.ok(found, PROFILE);
  return found;
};

/**
 * A row's hover (its tooltip) covers the rows below it. One left by the pointer resting on the row
 * goes when the pointer leaves the tree; one shown for the focused row (focus comes back to the row
 * when a modal dialog closes) stays whatever the pointer does, and Escape closes it, as it does for a
 * keyboard user (it also clears the tree's selection; the next right click selects its row).
 */
async function dismissHover(): Promise<void> {
  const hover = page().locator('.context-view .rendered-markdown').first();
  if (!(await hover.count())) return;
  await pointerOffTheList();
  if (await hover.count()) await page().keyboard.press('Escape');
  await hover.waitFor({ state: 'detached', timeout: 10_000 });
}

/** The open context menu's entries (labels), after a right click on `target`. */
async function contextMenu(target: Locator): Promise<Locator> {
  await dismissHover();
  await clickInTree(target, { button: 'right' });
  const menu = page().locator('.context-view .monaco-menu').first();
  await menu.waitFor();
  return menu;
}

async function menuLabels(menu: Locator): Promise<string[]> {
  return (await menu.locator('.action-label').allTextContents()).map((t) => t.trim()).filter(Boolean);
}

/**
 * Chooses a menu item with the keyboard, as a keyboard user does: the web workbench (VS Code 1.103)
 * ignores a pointer click on an item that lands right after the menu opens, and waiting for it to
 * accept one would be a sleep.
 */
async function chooseFromMenu(target: Locator, label: string): Promise<void> {
  const menu = await contextMenu(target);
  const labels = await menuLabels(menu);
  assert.ok(labels.includes(label), `no ${label} in the menu: ${labels.join(', ')}`);
  const focused = menu.locator('.action-item.focused .action-label');
  for (let i = 0; i <= labels.length; i++) {
    await page().keyboard.press('ArrowDown');
    if (((await focused.textContent()) ?? '').trim() === label) break;
  }
  assert.strictEqual(((await focused.textContent()) ?? '').trim(), label);
  await page().keyboard.press('Enter');
  await menu.waitFor({ state: 'detached' });
}

/** The modal dialog VS Code shows for a confirmation: its text and a click on one button. */
async function dialog(): Promise<{ text: string; click(name: string): Promise<void> }> {
  const box = page().locator('.monaco-dialog-box').first();
  await box.waitFor();
  const text = (await box.textContent()) ?? '';
  return {
    text,
    click: async (name: string) => {
      await box.locator('.monaco-button', { hasText: new RegExp(`^${name}$`) }).first().click();
      await box.waitFor({ state: 'detached' });
    },
  };
}

/** Adds sessions to the test pool and shows them: the pool expanded and read again. */
async function showNewSessions(users: string[]): Promise<void> {
  for (const UserId of users) await emulator().addSession(account().accountId, REGION, POOL_ID, { UserId });
  await openExplorer();
  await expandRow(PROFILE);
  await expandRow(POOL);
  // The row's own Refresh Pool button (its inline action), shown while the pointer is on the row.
  const pool = await waitForRow(POOL);
  const since = await emulator().mark();
  await clickRowAction(pool, 'Refresh Pool');
  // Its read answered before the test changes the pool behind the explorer's back: the rows can show
  // already (the expansion just read them, and they stay until the refresh lands), and a session
  // ended while the refresh is in flight would leave the tree with it (in a shuffled order).
  await eventually(async () => (await emulator().log({ operation: 'DescribeWorkspacesPoolSessions', since, settle: true })).some((e) => e.params.PoolId === POOL_ID), 'the Refresh Pool request');
  for (const u of users) await waitForRow(u);
}

/** Opens the details page of a session row (a click, as a user opens it) and returns its frame once it shows the user. */
async function openDetails(user: string) {
  await dismissHover();
  await clickInTree(await waitForRow(user));
  const frame = webviewFrame();
  await frame.locator('[data-field="title"]', { hasText: user }).first().waitFor({ timeout: 30_000 });
  return frame;
}

async function rowGone(label: string): Promise<void> {
  await row(label).waitFor({ state: 'detached', timeout: 30_000 });
}

describe('actions that change AWS, in the workbench', function () {
  this.timeout(180_000);

  afterEach(async () => {
    for (const s of await emulator().sessions(account().accountId, REGION, POOL_ID)) await emulator().endSession(s.SessionId ?? '');
  });

  after(async () => {
    // Leave no details page open: a webview left behind loads again whenever the editor over it
    // closes, and takes the keyboard focus when it has, which closed a palette a later test had
    // just opened (its input then never showed).
    await runCommand('View: Close All Editors');
  });

  it('terminates a session from its context menu: declined sends nothing, confirmed removes the row', async () => {
    const user = 'e2e-terminate-one@acme.example';
    await showNewSessions([user]);

    const mark = await emulator().mark();
    await chooseFromMenu(await waitForRow(user), 'Terminate Session…');
    const declined = await dialog();
    assert.match(declined.text, /Terminate the session of e2e-terminate-one@acme\.example\?/);
    for (const fact of [`User: ${user}`, 'Session ID: ', `Pool: ${POOL} (${POOL_ID})`, `Profile: ${PROFILE}`, `Region: ${REGION}`]) {
      assert.ok(declined.text.includes(fact), `${fact} in ${declined.text}`);
    }
    await screenshot('terminate-confirmation');
    await declined.click('Cancel');
    const sent = await emulator().log({ since: mark, settle: true });
    assert.deepStrictEqual(sent.filter((e) => e.operation === TERMINATE), [], 'a declined confirmation sends nothing');
    await waitForRow(user);

    await chooseFromMenu(await waitForRow(user), 'Terminate Session…');
    await (await dialog()).click('Terminate Session');
    await waitForNotification(`The session of ${user} was terminated.`);
    await rowGone(user);
    assert.equal((await emulator().log({ operation: TERMINATE, since: mark, settle: true })).length, 1);
    assert.deepStrictEqual(await emulator().sessions(account().accountId, REGION, POOL_ID), []);
  });

  it('terminates several selected sessions with one confirmation, one of them already gone', async () => {
    const users = ['e2e-terminate-a@acme.example', 'e2e-terminate-b@acme.example'];
    await showNewSessions(users);
    // The second one ends behind the explorer's back.
    const gone = (await emulator().sessions(account().accountId, REGION, POOL_ID)).find((s) => s.UserId === users[1]);
    await emulator().endSession(gone?.SessionId ?? '');
    // From no selection: one an earlier test left (even under a collapsed row) would join the
    // Ctrl+clicks below and be terminated too. Escape in the tree clears it, as for a keyboard user.
    await dismissHover();
    await sidebar().locator('.monaco-list[role=tree]').first().focus();
    await page().keyboard.press('Escape');
    // Ctrl+click changes the selection without running the row's command (it would open its details).
    for (const u of users) {
      await dismissHover();
      await clickInTree(await waitForRow(u), { modifiers: ['Control'] });
    }
    const selected = (await treeRows()).filter((r) => r.selected).map((r) => r.label);
    assert.deepStrictEqual(selected, users);

    const mark = await emulator().mark();
    await chooseFromMenu(await waitForRow(users[1]), 'Terminate Session…');
    const confirm = await dialog();
    assert.match(confirm.text, /Terminate 2 sessions\?/);
    for (const u of users) assert.ok(confirm.text.includes(u), `${u} listed`);
    await confirm.click('Terminate 2 Sessions');
    await waitForNotification('1 of 2 sessions terminated, 1 had already ended.');
    for (const u of users) await rowGone(u);
    assert.equal((await emulator().log({ operation: TERMINATE, since: mark, settle: true })).length, 2);
  });

  it('terminates from the details page: the modal names the session, Cancel sends nothing, confirmed the page says it ended and the row goes', async () => {
    const user = 'e2e-terminate-page@acme.example';
    await showNewSessions([user]);
    const sessionId = (await emulator().sessions(account().accountId, REGION, POOL_ID)).find((s) => s.UserId === user)?.SessionId ?? '';
    assert.ok(sessionId, 'the new session');
    const frame = await openDetails(user);
    const terminate = frame.locator('#terminate');
    await terminate.waitFor();
    assert.strictEqual(await terminate.getAttribute('aria-label'), 'Terminate Session…');
    assert.strictEqual(((await terminate.textContent()) ?? '').trim(), 'Terminate Session…');

    const mark = await emulator().mark();
    // With the keyboard first: the button takes the focus and Enter presses it.
    await terminate.focus();
    await page().keyboard.press('Enter');
    const declined = await dialog();
    assert.match(declined.text, /Terminate the session of e2e-terminate-page@acme\.example\?/);
    for (const fact of [`User: ${user}`, `Session ID: ${sessionId}`, `Pool: ${POOL} (${POOL_ID})`, `Profile: ${PROFILE}`, `Region: ${REGION}`]) {
      assert.ok(declined.text.includes(fact), `${fact} in ${declined.text}`);
    }
    await declined.click('Cancel');
    const sent = await emulator().log({ since: mark, settle: true });
    assert.deepStrictEqual(sent.filter((e) => e.operation === TERMINATE), [], 'a declined confirmation sends nothing');
    // Offered again (it is disabled while its confirmation is open).
    await frame.locator('#terminate:not([disabled]):not([hidden])').waitFor();

    await terminate.click();
    await (await dialog()).click('Terminate Session');
    await waitForNotification(`The session of ${user} was terminated.`);
    const banner = frame.locator('#banner[data-kind="gone"]');
    await banner.waitFor({ timeout: 30_000 });
    assert.match((await banner.textContent()) ?? '', /This session has ended/);
    await frame.locator('#terminate[hidden]').waitFor({ state: 'attached' });
    assert.strictEqual((await frame.locator('[data-field="elapsed"]').textContent())?.trim(), 'Ended');
    await screenshot('details-terminated');
    await rowGone(user);
    const terminated = await emulator().log({ operation: TERMINATE, since: mark, settle: true });
    assert.deepStrictEqual(terminated.map((e) => [e.params.SessionId, e.status]), [[sessionId, 200]]);
    assert.deepStrictEqual(await emulator().sessions(account().accountId, REGION, POOL_ID), []);
  });

  it('starts and stops a pool from its context menu, the row showing STARTING and STOPPING', async () => {
    await openExplorer();
    await expandRow(PROFILE);
    // Brought into view: a pool expanded above it by an earlier test can push it out of the rendered rows.
    const pool = await revealRow(STOPPED_POOL);
    const description = async () => (await treeRows()).find((r) => r.label === STOPPED_POOL)?.description ?? '';
    const stateShown = (state: string) =>
      page().waitForFunction(
        ({ label, state }) => {
          const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ querySelector(s: string): { textContent: string | null } | null }> } }).document;
          for (const r of doc.querySelectorAll('.part.sidebar .pane-body [role=treeitem]')) {
            if (r.querySelector('.label-name')?.textContent?.trim() === label) return (r.querySelector('.label-description')?.textContent ?? '').startsWith(state);
          }
          return false;
        },
        { label: STOPPED_POOL, state },
        { timeout: 60_000, polling: 'raf' },
      );
    assert.match(await description(), /^STOPPED/);

    await chooseFromMenu(pool, 'Start Pool…');
    const start = await dialog();
    assert.match(start.text, /Start pool prod-training\?/);
    await start.click('Start Pool');
    await stateShown('STARTING');
    await screenshot('pool-starting');
    await stateShown('RUNNING');

    await chooseFromMenu(await waitForRow(STOPPED_POOL), 'Stop Pool…');
    await (await dialog()).click('Stop Pool');
    await stateShown('STOPPING');
    await stateShown('STOPPED');
    assert.equal((await emulator().pools(account().accountId, REGION)).find((p) => p.PoolId === 'wspool-training1')?.State, 'STOPPED');
  });

  it('read-only mode hides the actions from the context menus and the palette', async () => {
    const user = 'e2e-readonly@acme.example';
    await showNewSessions([user]);
    const before = await menuLabels(await contextMenu(await waitForRow(user)));
    await page().keyboard.press('Escape');
    assert.ok(before.includes('Terminate Session…'), `offered before: ${before.join(', ')}`);
    // The session's details page offers it too, until read-only mode is on.
    await (await openDetails(user)).locator('#terminate').waitFor();

    await setReadOnly(true);
    try {
      await openExplorer();
      const sessionMenu = await menuLabels(await contextMenu(await waitForRow(user)));
      await page().keyboard.press('Escape');
      assert.ok(sessionMenu.includes('Copy Session ID'), `the menu: ${sessionMenu.join(', ')}`);
      assert.ok(!sessionMenu.includes('Terminate Session…'), `hidden: ${sessionMenu.join(', ')}`);
      const poolMenu = await menuLabels(await contextMenu(await waitForRow(POOL)));
      await page().keyboard.press('Escape');
      assert.ok(poolMenu.includes('Refresh Pool'), `the menu: ${poolMenu.join(', ')}`);
      assert.ok(!poolMenu.some((l) => /^(Start|Stop) Pool/.test(l)), `hidden: ${poolMenu.join(', ')}`);
      await screenshot('read-only-session-menu');
      // The details page drops its button (hidden, not just disabled) once the setting applies.
      // (Its [hidden] attribute, in a page that shows the session: a page not loaded would also show no button.)
      const frame = webviewFrame();
      await frame.locator('[data-field="title"]', { hasText: user }).first().waitFor({ timeout: 30_000 });
      await frame.locator('#terminate[hidden]').waitFor({ state: 'attached' });
      // The palette does not offer them either.
      await page().keyboard.press('F1');
      const input = page().locator('.quick-input-widget .quick-input-box input');
      await input.fill('>WorkSpaces Pools: Terminate Session');
      await page().locator('.quick-input-list .monaco-list-row').first().waitFor();
      const offered = await page().locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
      await page().keyboard.press('Escape');
      assert.ok(!offered.some((t) => /Terminate Session/.test(t)), `palette: ${offered.join(', ')}`);
    } finally {
      await setReadOnly(false);
    }
  });
});

/**
 * Turns workspacesPools.readOnly on or off in the Settings editor (the user's settings), waits until
 * the extension has applied it, then closes the editor.
 */
async function setReadOnly(on: boolean): Promise<void> {
  const line = `settings: workspacesPools.readOnly is ${on ? 'on' : 'off'}`;
  const before = logCount(line);
  const item = await userSettingRow('workspacesPools.readOnly', 'setting-item-bool');
  const checkbox = item.locator('.setting-value-checkbox').first();
  await checkbox.waitFor();
  if (((await checkbox.getAttribute('aria-checked')) === 'true') !== on) await checkbox.click();
  // What counts is the extension's answer: it logs one line once it has applied the setting (and set
  // its context key). Not the checkbox's own state: on 1.139.1 it stayed unchecked for 30 s after the
  // click, while the settings file and the extension host had had the new value for as long.
  // (The log is written by another process: nothing to await but the file.)
  await eventually(async () => logCount(line) > before, `the extension to log "${line}"`, 30_000).catch((error: unknown) => {
    const file = path.join(harness().run.userData, 'User', 'settings.json');
    const held = /"workspacesPools\.readOnly":\s*true/.test(fs.readFileSync(file, 'utf8'));
    throw new Error(`${String(error)} (the user's settings file holds readOnly ${String(held)})`);
  });
  await closeActiveEditor();
}

/** How many lines of the extension's log file (in the run folder) hold `text`. */
function logCount(text: string): number {
  return findFiles(harness().run.userData, /^\d*-?WorkSpaces Pools\.log$/)
    .map((f) => fs.readFileSync(f, 'utf8').split(text).length - 1)
    .reduce((a, b) => a + b, 0);
}
