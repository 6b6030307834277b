// Wiring only: the explorer view over its model, the commands, the details pages, the AWS files
// watcher. Activation reads no file and loads no SDK: the profile list is read when the view first
// asks for it, the AWS layer (dist/aws.js) on the first request.
import * as vscode from 'vscode';
import { watchAwsFiles } from './aws/configWatcher';
import { isAwsLoaded, lazyGateway } from './aws/lazyGateway';
import { ssoProfileOf } from './aws/errors';
import { registerCommands } from './commands/index';
import { notify } from './commands/wrapper';
import { SessionDetails, type DetailsApi } from './details/sessionDetails';
import { EXPLORER_VIEW, SETTINGS, SETTINGS_SECTION } from './ids';
import { log, showLog } from './log';
import { Choices } from './model/choices';
import { ExplorerModel } from './model/explorerModel';
import type { Item } from './model/items';
import { invalidRegionsSetting, onSettingsChanged, readSettings, setProfiles } from './settings';
import { ExplorerView, setProfilesState, trackInView } from './tree/explorerView';
import { RecentSearches } from './model/recentSearches';
import { SearchView } from './tree/searchView';

/** What activate() returns: the extension's public API, which the extension-host tests observe through. */
export interface ExtensionApi {
  model: ExplorerModel;
  view: vscode.TreeView<Item>;
  provider: ExplorerView;
  /** The session details pages: which are open and how fresh their data is (src/details/sessionDetails.ts). */
  details: DetailsApi;
  /** The User Search view and the search it shows. */
  search: SearchView;
  isAwsLoaded(): boolean;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const channel = log();
  const gateway = lazyGateway({
    log: (line) => channel.info(line),
    requestTimeoutMs: () => readSettings().requestTimeoutMs,
    callDeadlineMs: () => readSettings().callDeadlineMs,
  });
  const model = new ExplorerModel({
    gateway,
    choices: new Choices(context.globalState),
    settings: readSettings,
    log: (line) => channel.info(line),
    track: trackInView,
    rootState: setProfilesState,
  });
  const provider = new ExplorerView(model);
  const view = vscode.window.createTreeView(EXPLORER_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const details = new SessionDetails(context.extensionUri, {
    gateway,
    log: channel,
    findLoaded: (ref) => model.findLoaded(ref),
  });
  const search = new SearchView();
  const shownSettings = () => JSON.stringify([readSettings().profiles, readSettings().regions]);
  let lastShown = shownSettings();

  context.subscriptions.push(
    channel,
    provider,
    view,
    details,
    search,
    ...registerCommands({
      model,
      view,
      log: channel,
      showLog,
      // No profile here: a command may span several; the error names its own when it knows it.
      describe: (error) => {
        const info = gateway.describeError(error);
        return { message: info.message, cancelled: info.kind === 'cancelled', signInProfile: info.kind === 'sso-login' ? ssoProfileOf(error) : undefined };
      },
      profilesSetting: () => readSettings().profiles,
      setProfilesSetting: setProfiles,
      showDetails: (ref, known) => details.show(ref, known),
      search: { gateway, searchView: search, recent: new RecentSearches(context.globalState) },
    }),
    // VS Code also fires configuration events when settings load after activation: refresh only on a real change.
    onSettingsChanged(['profiles', 'regions'], () => {
      const now = shownSettings();
      if (now !== lastShown) void model.refresh();
      lastShown = now;
    }),
    onSettingsChanged(['regions'], () => reportInvalidRegions(channel)),
    // Editing the AWS files updates the explorer, keeping expansion (ids are stable paths). The
    // files watched are where the AWS layer reads them (AWS_CONFIG_FILE... with ~ expanded).
    watchAwsFiles(() => {
      channel.info('AWS config files changed: reloading profiles');
      void model.reloadConfig();
    }),
  );

  reportInvalidRegions(channel);
  return { model, view, provider, details, search, isAwsLoaded };
}

/** Values of workspacesPools.regions that are not region codes are ignored (settings.ts): say so, once per change. */
function reportInvalidRegions(channel: vscode.LogOutputChannel): void {
  const invalid = invalidRegionsSetting();
  if (invalid.length === 0) return;
  const values = invalid.map((v) => JSON.stringify(v)).join(', ');
  channel.warn(`settings: ${SETTINGS_SECTION}.${SETTINGS.regions}: not region codes, ignored: ${values}`);
  void notify('warning', `The setting ${SETTINGS_SECTION}.${SETTINGS.regions} holds values that are not region codes; they are ignored: ${values}. Regions look like us-east-1.`);
}

export function deactivate(): void {}
