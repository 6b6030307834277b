// The extension in the real workbench: its container in the activity bar, the profiles of the AWS
// files in the tree without a single request, the first request on expanding, a palette command.
import * as assert from 'assert';
import { collapseTree, emulator, eventually, expandRow, harness, openExplorer, runCommand, screenshot, treeRows, waitForRow } from './support/workbench';

describe('explorer in the workbench', () => {
  it('shows one collapsed row per profile and sends no request', async () => {
    // As a user finds it, whatever ran before: top level only. (The extension-host suite's activation
    // test covers the window's very first activation.)
    await collapseTree();
    const since = await emulator().mark();
    await runCommand('WorkSpaces Pools: Refresh');
    const profiles = harness().emulator.accounts.map((a) => a.profileName);
    await waitForRow(profiles[0]);
    await screenshot('explorer-profiles');
    const rows = await treeRows();
    const top = rows.filter((r) => r.level === 1);
    for (const name of profiles) {
      const r = top.find((row) => row.label === name);
      assert.ok(r, `no row for profile ${name} in ${JSON.stringify(top.map((t) => t.label))}`);
      assert.strictEqual(r.expanded, false, `profile ${name} is not a collapsed node`);
    }
    assert.deepStrictEqual(await emulator().log({ since, settle: true }), [], 'showing the profiles sent requests');
  });

  it('sends the first request when a profile is expanded', async () => {
    // A profile that no other UI test expands in the tree.
    const profile = 'acme-dev';
    assert.ok(harness().emulator.accounts.some((a) => a.profileName === profile), `the demo scenario has no profile ${profile}`);
    // Its pools not loaded, whatever ran before: an Export Sessions… from the palette loads a
    // profile's pools without expanding its row. Refresh forgets what is loaded (and sends nothing
    // for collapsed profiles).
    await collapseTree();
    await runCommand('WorkSpaces Pools: Refresh');
    await waitForRow(profile);
    const since = await emulator().mark();
    await expandRow(profile);
    const rows = await treeRows();
    const index = rows.findIndex((r) => r.label === profile && r.level === 1);
    assert.ok(rows[index + 1]?.level === 2, `nothing under ${profile}: ${JSON.stringify(rows.slice(0, 8))}`);
    const operations = (await emulator().log({ since })).map((e) => e.operation);
    assert.ok(operations.includes('DescribeWorkspacesPools'), `expanding sent ${JSON.stringify(operations)}`);
    await screenshot('explorer-profile-expanded');
  });

  it('refreshes from the command palette', async () => {
    await openExplorer();
    await expandRow(harness().emulator.accounts[0].profileName);
    const before = (await emulator().log({ operation: 'DescribeWorkspacesPools', settle: true })).length;
    await runCommand('WorkSpaces Pools: Refresh');
    // The expanded profile loads its pools again.
    await eventually(
      async () => (await emulator().log({ operation: 'DescribeWorkspacesPools' })).length > before,
      'a DescribeWorkspacesPools request after the refresh',
    );
    await screenshot('explorer-refreshed');
  });
});
