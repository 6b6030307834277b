// The extension under test, as every suite reaches it: by its id, activated, through the API that
// activate() returns (src/extension.ts).
import * as assert from 'assert';
import * as vscode from 'vscode';
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
