// Export Sessions… driven like a user drives it, in Chromium on the real workbench: from the palette
// (profile → pool → format), through the real save dialog (VS Code's own, in code-server the one in
// the quick input), with the progress notification; the file read back with a real CSV parser
// equals the emulator's sessions. Then the progress notification's Cancel: no file, no temporary file.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import { emulator, eventually, harness, openExplorer, page, runCommand, screenshot, waitForNotification } from './support/workbench';

const SESSIONS_OP = 'DescribeWorkspacesPoolSessions';

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

/** The save dialog: VS Code's quick-input file dialog, its input holding the default path. */
async function saveAs(file: string, defaultName: RegExp): Promise<void> {
  const p = page();
  const input = p.locator('.quick-input-widget .quick-input-box input');
  await eventually(async () => defaultName.test(await input.inputValue()) || undefined, `the save dialog's default name ${defaultName}`);
  await screenshot('export-save-dialog');
  await input.fill(file);
  await p.keyboard.press('Enter');
}

async function dismissToasts(): Promise<void> {
  await runCommand('Notifications: Clear All Notifications');
}

describe('export: Export Sessions… in the workbench', function () {
  this.timeout(120_000);

  before(async () => {
    await openExplorer();
  });

  afterEach(async () => {
    await emulator().clearFaults();
    await dismissToasts();
  });

  it('exports a pool from the palette through the save dialog, and the CSV reads back as the emulator holds it', async () => {
    const [account] = (await emulator().info()).accounts.filter((a) => a.profileName === 'acme-dev');
    const truth = await emulator().sessions(account.accountId, account.region, 'wspool-devfeat01');
    const file = path.join(harness().run.workspace, 'e2e-export-dev-feature.csv');
    await runCommand('WorkSpaces Pools: Export Sessions…');
    await quickPickChoose('acme-dev');
    await quickPickChoose('dev-feature.x');
    await quickPickChoose('CSV');
    await saveAs(file, /sessions-dev-feature\.x-\d{4}-\d\d-\d\d\.csv$/);
    const toast = await waitForNotification(`Exported ${truth.length} sessions of pool dev-feature.x`, 30_000);
    assert.ok(await toast.getByRole('button', { name: 'Open' }).isVisible(), 'offers to open the file');
    await screenshot('export-done');
    const rows = parse(fs.readFileSync(file, 'utf8'), { bom: true }) as string[][];
    assert.deepStrictEqual(rows[0].slice(0, 5), ['Profile', 'Region', 'PoolId', 'SessionId', 'UserId']);
    assert.deepStrictEqual(
      rows.slice(1).map((r) => [r[0], r[1], r[3], r[4]]),
      truth.map((s) => ['acme-dev', account.region, s.SessionId, /^[=+\-@]/.test(s.UserId!) ? `'${s.UserId}` : s.UserId]),
    );
    fs.rmSync(file);
  });

  it("the progress notification's Cancel stops the export and leaves no file", async () => {
    // Slow pages, so that the export of the 100-page pool is still running when Cancel is clicked.
    await emulator().setFaults(SESSIONS_OP, { latencyMs: 300 });
    const folder = harness().run.workspace;
    const file = path.join(folder, 'e2e-export-cancelled.json');
    const before = fs.readdirSync(folder);
    await runCommand('WorkSpaces Pools: Export Sessions…');
    await quickPickChoose('acme-prod');
    await quickPickChoose('prod-callcenter');
    await quickPickChoose('JSON');
    await saveAs(file, /sessions-prod-callcenter-\d{4}-\d\d-\d\d\.json$/);
    const progress = await waitForNotification(/Exporting sessions of pool prod-callcenter/, 30_000);
    // A few pages in (a running count), then Cancel.
    await progress.filter({ hasText: /\d+ sessions/ }).waitFor({ timeout: 30_000 });
    await screenshot('export-progress');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await progress.waitFor({ state: 'detached', timeout: 30_000 });
    // The request in flight is aborted; the file and its temporary are gone once the log settles.
    const mark = await emulator().mark();
    await emulator().log({ since: mark, settle: true });
    await eventually(async () => fs.readdirSync(folder).length === before.length || undefined, 'the temporary file removed');
    assert.deepStrictEqual(fs.readdirSync(folder).sort(), [...before].sort(), 'neither the file nor a temporary one');
    const after = await emulator().mark();
    assert.strictEqual((await emulator().log({ operation: SESSIONS_OP, since: after, settle: 2_000 })).length, 0, 'no request after the cancel');
  });
});
