// Wiring only: the explorer view, its commands, the AWS files watcher. Activation reads no file
// and loads no SDK: the profile list is read when the view first asks for it, the AWS layer
// (dist/aws.js) on the first request.
import * as vscode from 'vscode';
import { isAwsLoaded } from './awsLoader';
import { registerCommands } from './commands/index';
import { pickSession } from './commands/pickers';
import { log, showLog } from './log';
import { onSettingsChanged, readSettings, setProfiles } from './settings';
import { createBackend, POOL_REGIONS } from './tree/backend';
import { awsFilePaths, watchFiles } from './tree/configWatcher';
import { ExplorerTree, VIEW_ID } from './tree/explorerTree';
import type { Node } from './tree/nodes';
import { registerSessionDetails } from './webview/sessionDetails';

/** What activate() returns: used by the extension-host tests (and by nothing else). */
export interface ExtensionApi {
  tree: ExplorerTree;
  view: vscode.TreeView<Node>;
  isAwsLoaded(): boolean;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const channel = log();
  const backend = createBackend({
    log: (line) => channel.info(line),
    requestTimeoutMs: () => readSettings().requestTimeoutMs,
  });
  const tree = new ExplorerTree({ backend, state: context.globalState, settings: readSettings, log: (line) => channel.info(line) });
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const shownSettings = () => JSON.stringify([readSettings().profiles, readSettings().regions]);
  let lastShown = shownSettings();

  context.subscriptions.push(
    channel,
    tree,
    view,
    ...registerCommands({
      tree,
      view,
      log: channel,
      showLog,
      describe: (error) => {
        const info = backend.describeError(error, '');
        return { message: info.message, cancelled: info.kind === 'cancelled' };
      },
      poolRegions: () => POOL_REGIONS,
      profilesSetting: () => readSettings().profiles,
      setProfilesSetting: setProfiles,
    }),
    registerSessionDetails(context, {
      explorer: () => backend,
      describeError: backend.describeError,
      log: channel,
      showLog,
      findLoaded: (ref) => tree.findLoaded(ref),
      pickSession: async () => {
        const { pool, session } = await pickSession(tree, 'Show Session Details');
        return { ref: pool.sessionRef(session), known: { session, pool: pool.pool } };
      },
    }),
    // VS Code also fires configuration events when settings load after activation: refresh only on a real change.
    onSettingsChanged(['profiles', 'regions'], () => {
      const now = shownSettings();
      if (now !== lastShown) tree.refreshAll();
      lastShown = now;
    }),
    onSettingsChanged(['requestTimeoutSeconds'], () => backend.reset()),
    // Editing the AWS files updates the tree, keeping expansion (ids are stable paths).
    watchFiles(awsFilePaths(), () => {
      channel.info('AWS config files changed: reloading profiles');
      void tree.reloadConfig();
    }),
  );

  return { tree, view, isAwsLoaded };
}

export function deactivate(): void {}
