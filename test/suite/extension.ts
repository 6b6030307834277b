// The extension under test, as every suite reaches it: by its id, activated, through the API that
// activate() returns (src/extension.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { findFiles } from '../support/security';
import type { ExtensionApi } from '../../src/extension';

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

const LOG_FILE = /^\d*-?WorkSpaces Pools\.log$/;

/** The text of the extension's log file, once it holds `needle` (the logger writes asynchronously). */
export async function logHolding(needle: string, timeoutMs = 15_000): Promise<string> {
  const config = process.env.AWS_CONFIG_FILE;
  assert.ok(config, 'AWS_CONFIG_FILE is not set');
  const root = path.dirname(path.dirname(config));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = findFiles(path.join(root, 'ud'), LOG_FILE)
      .map((f) => fs.readFileSync(f, 'utf8'))
      .find((t) => t.includes(needle));
    if (text !== undefined) return text;
    if (Date.now() > deadline) throw new Error(`no line with ${JSON.stringify(needle)} in the log after ${timeoutMs} ms`);
    // The log file is written by another process of the workbench: nothing to await but the file.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
