// The extension under test, as every suite reaches it: by its id, activated, through the API that
// activate() returns (src/extension.ts).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { EXPLORER_VIEW } from '../../src/ids';
import type { ProfileEntry } from '../../src/model/items';
import type { EmulatorClient } from '../support/emulatorClient';
import { treeAccess } from './treeAccess';

export const EXTENSION_ID = 'workspaces-pools-explorer.workspaces-pools-explorer';

export function extension(): vscode.Extension<ExtensionApi> {
  const found = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

/** Activates the extension (once per window; later calls return the same API). */
export function activateExtension(): Promise<ExtensionApi> {
  return Promise.resolve(extension().activate());
}

/**
 * Re-checks on every change of the explorer (and every 250 ms, for changes made by the files
 * watcher, which arrive as events of their own) until `check` gives a value.
 */
export async function treeUntil<T>(api: ExtensionApi, check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 250);
      const sub = api.provider.onDidChangeTreeData(done);
      function done() {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  }
}

/**
 * The tree a new window shows: every row collapsed in the view, and none remembered as expanded
 * (src/model/expansion.ts keeps what earlier suites expanded, as it keeps a user's across reloads).
 */
export async function freshTree(api: ExtensionApi): Promise<void> {
  // The view's own commands (Collapse All) exist once its pane does: a suite run alone may start
  // before anything showed the view.
  await vscode.commands.executeCommand(`${EXPLORER_VIEW}.focus`);
  await vscode.commands.executeCommand(`workbench.actions.treeView.${EXPLORER_VIEW}.collapseAll`);
  await api.provider.forgetExpansion();
}

/**
 * Reveals `element` with expand through the product's reveal (the API's, src/tree/revealRow.ts) and
 * waits for the view to report it expanded.
 */
export async function revealExpanded(api: ExtensionApi, element: ProfileEntry): Promise<void> {
  let sub: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const expanded = new Promise<void>((resolve) => {
    sub = api.view.onDidExpandElement((e) => {
      if (e.element.id === element.id) resolve();
    });
  });
  try {
    await api.reveal(element, { expand: true, select: false, focus: false });
    // The workbench's expand event may come before reveal() returns, or after it.
    if (treeAccess(() => api).item(element).collapsibleState !== vscode.TreeItemCollapsibleState.Expanded) {
      await Promise.race([
        expanded,
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`the view never reported ${element.name} expanded`)), 30_000))),
      ]);
    }
  } finally {
    clearTimeout(timer);
    sub?.dispose();
  }
}

/**
 * Resolves once a request sent since `since` has reached the emulator: a refresh that cancels a read
 * the service never saw would send nothing extra, and prove nothing. The emulator announces no
 * arrival, so it is asked until it has one in flight.
 */
export async function untilArrived(emulator: EmulatorClient, since: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await emulator.logAnswer({ since })).inFlight === 0) {
    if (Date.now() > deadline) throw new Error(`no request reached the emulator within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves on the next full refresh of the tree (what the AWS files watcher triggers). */
export function nextFullRefresh(api: ExtensionApi): Promise<void> {
  return new Promise((resolve) => {
    const listener = api.provider.onDidChangeTreeData((node) => {
      if (node === undefined) {
        listener.dispose();
        resolve();
      }
    });
  });
}
