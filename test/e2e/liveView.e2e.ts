// The live view (workspacesPools.autoRefreshSeconds, src/model/autoRefresh.ts) in the real workbench:
// with the setting at its minimum, set in the Settings editor as a user sets it, a session added and
// one ended in the emulator appear and leave under an expanded pool without a click, the pool's
// description shows what changed ("+1 new", "1 ended"), a tick that finds nothing new leaves a
// session's open tooltip open, and while another view container is shown no request reaches the
// emulator. test/suite/autoRefresh.test.ts proves the ticks' contents in the
// extension host; this proves that the workbench's tree follows them and that hiding the view stops them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { clickRowAction, closeActiveEditor, emulator, eventually, expandRow, harness, hoverInTree, openExplorer, page, pointerOffTheList, row, runCommand, screenshot, settleShownWebview, userSettingRow, waitForHover, waitForRow } from './support/workbench';

const PROFILE = 'acme-prod';
const REGION = 'us-east-1';
const POOL = 'prod-overflow'; // wspool-empty0001: RUNNING, no sessions of its own
const POOL_ID = 'wspool-empty0001';
const SECONDS = 10; // the setting's minimum (AUTO_REFRESH_MIN_SECONDS)
const CONTAINER_TAB = 'WorkSpaces Pools';

const account = () => {
  const found = harness().emulator.accounts.find((a) => a.profileName === PROFILE);
  assert.ok(found, PROFILE);
  return found;
};

/** Sets workspacesPools.autoRefreshSeconds in the Settings editor (the user's settings), then closes it. */
async function setAutoRefreshSeconds(value: number): Promise<void> {
  const item = await userSettingRow('workspacesPools.autoRefreshSeconds', 'setting-item-number');
  const input = item.locator('input').first();
  await input.waitFor();
  // The editor applies what is typed (no Enter, no Tab: the focus stays in the editor for the palette).
  await input.fill(String(value));
  // The editor writes the user's settings file (another process: nothing to await but the file).
  const file = path.join(harness().run.userData, 'User', 'settings.json');
  await eventually(async () => {
    const text = fs.readFileSync(file, 'utf8');
    const set = new RegExp(`"workspacesPools\\.autoRefreshSeconds":\\s*${value}\\b`).test(text);
    return value === 0 ? set || !text.includes('workspacesPools.autoRefreshSeconds') : set;
  }, `workspacesPools.autoRefreshSeconds = ${value} in the user's settings file`);
  // VS Code 1.139 opens the Settings editor as a modal editor (the palette does not open over it):
  // closed with its own Close button; 1.103 opens it as an editor tab, closed from the palette.
  const modal = page().locator('.modal-editor-header');
  if (await modal.isVisible()) {
    await modal.locator('.codicon-close').first().click();
    await modal.waitFor({ state: 'detached' });
    await settleShownWebview();
  } else {
    await closeActiveEditor();
  }
}

/**
 * Resolves once the pool row's description has shown every one of `marks` (in one tick or over
 * several: an add and an end made by two emulator calls may fall on either side of a tick). Read
 * in the page on every frame, so that a mark shown for one tick period is not missed.
 */
async function poolShows(label: string, marks: string[], timeout: number): Promise<void> {
  await page().waitForFunction(
    ({ label, marks }) => {
      const g = globalThis as unknown as { __wspLiveMarks?: Set<string>; document: { querySelectorAll(s: string): Iterable<{ querySelector(s: string): { textContent: string | null } | null }> } };
      const seen = (g.__wspLiveMarks ??= new Set<string>());
      for (const r of g.document.querySelectorAll('.part.sidebar .pane-body [role=treeitem]')) {
        if (r.querySelector('.label-name')?.textContent?.trim() !== label) continue;
        const description = r.querySelector('.label-description')?.textContent ?? '';
        for (const mark of marks) if (description.includes(mark)) seen.add(mark);
      }
      return marks.every((m) => seen.has(m));
    },
    { label, marks },
    { timeout, polling: 'raf' },
  );
  await page().evaluate(() => delete (globalThis as unknown as { __wspLiveMarks?: unknown }).__wspLiveMarks);
}

describe('live view in the workbench', function () {
  this.timeout(180_000);

  afterEach(async () => {
    await setAutoRefreshSeconds(0);
    for (const s of await emulator().sessions(account().accountId, REGION, POOL_ID)) await emulator().endSession(s.SessionId ?? '');
  });

  it('shows a session added and one ended without a click, marked on the pool; keeps a tooltip open through ticks that find nothing new; sends nothing while hidden', async () => {
    const [leaving, staying, arriving] = ['e2e-live-leaving@acme.example', 'e2e-live-staying@acme.example', 'e2e-live-arriving@acme.example'];
    const { accountId } = account();
    for (const UserId of [leaving, staying]) await emulator().addSession(accountId, REGION, POOL_ID, { UserId });
    const leavingId = (await emulator().sessions(accountId, REGION, POOL_ID)).find((s) => s.UserId === leaving)?.SessionId ?? '';
    assert.ok(leavingId);
    // The pool expanded and read as it is now: its own Refresh Pool button (the last click of this test).
    await openExplorer();
    await expandRow(PROFILE);
    await expandRow(POOL);
    const pool = await waitForRow(POOL);
    await clickRowAction(pool, 'Refresh Pool');
    await waitForRow(leaving);
    await waitForRow(staying);
    await pointerOffTheList();

    await setAutoRefreshSeconds(SECONDS);
    const within = 3 * SECONDS * 1000;

    // Nothing changed since the pool's read: the first ticks find nothing new, and such a tick leaves
    // the rows alone. Shown as a user meets it: a tooltip open on a session stays open (a row drawn
    // again closes its tooltip, and the pointer resting on it does not open it again).
    await hoverInTree(row(staying));
    const tooltip = await waitForHover(['Session ID', staying]);
    const quietMark = await emulator().mark();
    // Two ticks: the first one's answer has been handled once the second one reads.
    await eventually(
      async () => (await emulator().log({ operation: 'DescribeWorkspacesPoolSessions', since: quietMark })).filter((e) => e.params.PoolId === POOL_ID).length >= 2,
      'two ticks that read the pool',
      within,
    );
    assert.ok(await tooltip.isVisible(), `the tooltip on ${staying} closed at a tick that found nothing new`);
    await pointerOffTheList();

    const mark = await emulator().mark();
    await emulator().endSession(leavingId);
    await emulator().addSession(accountId, REGION, POOL_ID, { UserId: arriving });

    // No click from here on: the ticks of the extension's timer bring the changes (first within one period).
    await Promise.all([
      waitForRow(arriving, within),
      row(leaving).waitFor({ state: 'detached', timeout: within }),
      poolShows(POOL, ['+1 new', '1 ended'], within),
    ]);
    await waitForRow(staying);
    await screenshot('live-view-marks');
    const reads = await emulator().log({ operation: 'DescribeWorkspacesPoolSessions', since: mark, settle: true });
    assert.ok(reads.some((e) => e.params.PoolId === POOL_ID), 'the ticks read the pool');

    // Another view container shown: the view is hidden, and the live view pauses.
    await runCommand('View: Show Explorer');
    const tab = page().getByRole('tab', { name: CONTAINER_TAB });
    await eventually(async () => (await tab.getAttribute('aria-selected')) === 'false', 'the WorkSpaces Pools container to be hidden');
    // A tick that had started before the switch still ends (settle waits for what is in flight).
    await emulator().log({ since: await emulator().mark(), settle: true });
    const quietFrom = await emulator().mark();
    // Absence has no event to await: this one bounded wait spans more than two tick periods.
    await new Promise((resolve) => setTimeout(resolve, 2 * SECONDS * 1000 + 2_000));
    assert.deepStrictEqual(
      (await emulator().log({ since: quietFrom, settle: true })).map((e) => `${e.operation} ${String(e.params.PoolId ?? '')}`),
      [],
      'requests while the view was hidden',
    );

    // Shown again: the ticks resume (the pause, not something else, kept the log empty).
    await openExplorer();
    await eventually(
      async () => (await emulator().log({ operation: 'DescribeWorkspacesPoolSessions', since: quietFrom })).some((e) => e.params.PoolId === POOL_ID),
      'a tick once the view is shown again',
      within,
    );
  });
});
