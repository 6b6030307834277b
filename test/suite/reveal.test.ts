// Revealing a row right after whole-view changes (src/tree/revealRow.ts), in the real extension host
// against the emulator. VS Code's reveal() in the extension host waits for the refreshes it knows to
// be running; a change fired while an earlier refresh is still queued behind a slow one is not among
// them, and its whole-view refresh then reaches the workbench together with the $reveal: the reveal
// expands a row the refresh is about to replace, the error is swallowed, and the row stays closed
// with no onDidExpandElement. The test builds that order of events; revealRow() (what every reveal
// of the product goes through, here through the API) must still open the row.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Item, ProfileEntry } from '../../src/model/items';
import { EmulatorClient } from '../support/emulatorClient';
import { activateExtension, freshTree, revealExpanded, untilArrived } from './extension';
import { treeAccess } from './treeAccess';

const SLOW = 'acme-prod';
const TARGET = 'acme-dev';
const POOLS = 'DescribeWorkspacesPools';

let api: ExtensionApi;
const emulator = EmulatorClient.fromEnv();
const { children, item } = treeAccess(() => api);

async function profile(name: string): Promise<ProfileEntry> {
  const found = (await children()).find((i: Item): i is ProfileEntry => i.kind === 'profile' && i.name === name);
  assert.ok(found, `profile ${name} in the tree`);
  return found;
}

describe('reveal: a row revealed right after whole-view changes opens (revealRow)', function () {
  this.timeout(90_000);

  before(async () => {
    api = await activateExtension();
  });

  afterEach(async () => {
    await emulator.clearFaults();
  });

  it('expands the row asked for while whole-view refreshes are queued behind a slow one', async () => {
    await freshTree(api);
    // The view holds SLOW open: every whole-view refresh reads its pools again.
    await revealExpanded(api, await profile(SLOW));
    await emulator.setFaults(POOLS, { latencyMs: 1500 });
    const since = await emulator.mark();
    api.model.refreshAll(); // its refresh in the workbench runs until SLOW's pools come back
    await untilArrived(emulator, since);
    // The extension host merges tree changes that come within 200 ms of the one before it (no
    // event tells when that window ends): the next change must be a refresh of its own, queued
    // behind the running one, and the one after it a further one, which reveal() does not wait for.
    await new Promise((resolve) => setTimeout(resolve, 300));
    api.model.refreshAll();
    api.model.refreshAll();
    await revealExpanded(api, await profile(TARGET));
    assert.strictEqual(item(await profile(TARGET)).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });
});
