// Wiring only: the explorer view over its model, the commands, the details pages, the AWS files
// watcher. Activation reads no file and loads no SDK: the profile list is read when the view first
// asks for it, the AWS layer (dist/aws.js) on the first request.
import vscode = require('vscode');
import { watchAwsFilesOnRead } from './aws/configWatcher';
import { isAwsLoaded, lazyGateway, ssoAccess } from './aws/lazyGateway';
import { ssoProfileOf } from './aws/errors';
import type { CommandDeps, CommandState } from './commands/index';
import { lazyCommands, loadCommands } from './commands/lazyCommands';
import { notify } from './commands/wrapper';
import { SessionDetails, type DetailsApi } from './details/sessionDetails';
import { confirmModal } from './commands/confirm';
import { COMMANDS, CONTEXT, EXPLORER_VIEW, SETTINGS, SETTINGS_SECTION } from './ids';
import { log, logLine, showLog } from './log';
import { Choices } from './model/choices';
import { ExplorerModel } from './model/explorerModel';
import { Expansion } from './model/expansion';
import type { Item } from './model/items';
import type { PoolActions } from './model/poolActions';
import type { SessionActions } from './model/sessionActions';
import { invalidRegionsSetting, onSettingsChanged, readSettings, setProfiles } from './settings';
import { ExplorerView, setProfilesState, trackInView } from './tree/explorerView';
import type { startAutoRefresh } from './tree/autoRefreshView';
import { autoRefreshView } from './tree/lazyAutoRefresh';
import type { AutoRefresh } from './model/autoRefresh';
import type { SearchView } from './tree/searchView';
import { revealRow, trackReads } from './tree/revealRow';

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
  /** The actions that change AWS, without their confirmation (the commands ask it). */
  actions: { sessions: SessionActions; pools: PoolActions };
  /** The live view (workspacesPools.autoRefreshSeconds): its ticks and state. */
  autoRefresh: AutoRefresh;
  /** Reveals a row of the explorer as the commands do (src/tree/revealRow.ts). */
  reveal(item: Item, options: { select?: boolean; focus?: boolean; expand?: boolean | number }): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const channel = log();
  // Editing the AWS files updates the explorer, keeping expansion (ids are stable paths). The
  // files watched are where the AWS layer reads them (AWS_CONFIG_FILE... with ~ expanded), from
  // their first read on.
  const awsFiles = watchAwsFilesOnRead(() => {
    channel.info('AWS config files changed: reloading profiles');
    void model.reloadConfig();
  });
  const gateway = lazyGateway({
    beforeFilesRead: () => awsFiles.open(),
    log: logLine(channel),
    requestTimeoutMs: () => readSettings().requestTimeoutMs,
    callDeadlineMs: () => readSettings().callDeadlineMs,
  });
  const model = new ExplorerModel({
    gateway,
    choices: new Choices(context.globalState),
    settings: readSettings,
    log: logLine(channel),
    track: trackInView,
    rootState: setProfilesState,
  });
  const provider = new ExplorerView(model, new Expansion(context.globalState));
  const view = vscode.window.createTreeView(EXPLORER_VIEW, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  context.subscriptions.push(provider.follow(view));
  context.subscriptions.push(trackReads(view, provider.reads));
  // The actions and the User Search view are the commands' (dist/commands.js): made on the first
  // command, or when the API asks for them.
  let commandState: CommandState | undefined;
  const state = (): CommandState => {
    if (!commandState) {
      commandState = loadCommands().commandState({ gateway, model, log: (line) => channel.info(line), globalState: context.globalState, trackReads });
      context.subscriptions.push(commandState.searchView);
    }
    return commandState;
  };
  const setReadOnlyContext = () => void vscode.commands.executeCommand('setContext', CONTEXT.readOnly, readSettings().readOnly);
  // Right after activation rather than in it: reading the setting (inspect()) is the costliest step
  // of activate(). It still reaches the workbench before any row it hides an action of (rows come
  // from the view's requests, which follow), and the commands check the setting themselves.
  setImmediate(setReadOnlyContext);
  const details = new SessionDetails(context.extensionUri, {
    gateway,
    log: channel,
    findLoaded: (ref) => model.findLoaded(ref),
    learned: (ref, session, pool) => model.learnSession(ref, session, pool),
    readOnly: () => readSettings().readOnly,
    // The page's Terminate Session… is the explorer's command (same confirmation, outcomes, log line).
    terminate: (ref) => vscode.commands.executeCommand(COMMANDS.terminateSession, ref),
  });
  provider.autoRefreshSeconds = () => readSettings().autoRefreshSeconds;
  // The live view (dist/live.js) starts once its setting is above 0, or when the API asks for it;
  // started, it follows the setting itself (0 pauses it).
  let live: ReturnType<typeof startAutoRefresh> | undefined;
  const liveView = (): AutoRefresh => {
    if (!live) {
      live = autoRefreshView().startAutoRefresh({
        model,
        view,
        provider,
        seconds: () => readSettings().autoRefreshSeconds,
        onSecondsChanged: (listener) => onSettingsChanged(['autoRefreshSeconds'], listener),
        describeError: (error) => gateway.describeError(error),
        log: (line) => channel.info(line),
      });
      context.subscriptions.push(live.disposable);
    }
    return live.autoRefresh;
  };
  const startLiveViewIfOn = () => {
    if (!live && readSettings().autoRefreshSeconds > 0) liveView();
  };
  // Right after activation, like the settings' other reads below (its first tick is 10 s away at least).
  setImmediate(startLiveViewIfOn);
  const shownSettings = () => {
    const { profiles, regions } = readSettings();
    return JSON.stringify([profiles, regions]);
  };
  // Read right after activation, like the read-only context above and the invalid regions' report
  // below: the settings' reads were about 1 ms of activate()'s 6 (bench/README.md, activation). A
  // change before then (none can arrive sooner: events come in later turns) finds it unset and refreshes.
  let lastShown: string | undefined;
  setImmediate(() => (lastShown ??= shownSettings()));

  context.subscriptions.push(
    channel,
    provider,
    view,
    details,
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
      showDetails: (ref, known, options) => details.show(ref, known, options),
      sso: ssoAccess({ requestTimeoutMs: () => readSettings().requestTimeoutMs }),
      resetAws: () => gateway.reset(),
      state,
      confirm: confirmModal,
      readOnly: () => readSettings().readOnly,
      sessionEnded: (ref) => details.sessionEnded(ref),
      gateway,
      reveal: revealRow,
    }),
    onSettingsChanged(['readOnly'], () => {
      setReadOnlyContext();
      details.readOnlyChanged();
      channel.info(`settings: ${SETTINGS_SECTION}.${SETTINGS.readOnly} is ${readSettings().readOnly ? 'on: actions that change AWS are off' : 'off'}`);
    }),
    // VS Code also fires configuration events when settings load after activation: refresh only on a real change.
    onSettingsChanged(['profiles', 'regions'], () => {
      const now = shownSettings();
      if (now !== lastShown) void model.refresh();
      lastShown = now;
    }),
    onSettingsChanged(['regions'], () => reportInvalidRegions(channel)),
    onSettingsChanged(['autoRefreshSeconds'], startLiveViewIfOn),
    awsFiles,
  );

  setImmediate(() => reportInvalidRegions(channel));
  return {
    model, view, provider, details, isAwsLoaded,
    get search() {
      return state().searchView;
    },
    get actions() {
      const { sessionActions, poolActions } = state();
      return { sessions: sessionActions, pools: poolActions };
    },
    get autoRefresh() {
      return liveView();
    },
    reveal: (item, options) => revealRow(view, item, options),
  };
}

/** Values of workspacesPools.regions that are not region codes are ignored (settings.ts): say so, once per change. */
function reportInvalidRegions(channel: vscode.LogOutputChannel): void {
  const invalid = invalidRegionsSetting();
  if (invalid.length === 0) return;
  const values = invalid.map((v) => JSON.stringify(v)).join(', ');
  channel.warn(`settings: ${SETTINGS_SECTION}.${SETTINGS.regions}: not region codes, ignored: ${values}`);
  void notify('warning', `The setting ${SETTINGS_SECTION}.${SETTINGS.regions} holds values that are not region codes; they are ignored: ${values}. Regions look like us-east-1.`);
}

/**
 * Every command id, registered now: the palette, menus and rows need them at once. Their code,
 * dist/commands.js, loads on the first command (src/commands/lazyCommands.ts); if it does not, that
 * command says so and the log has the error.
 */
function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const loadFailed = (text: string, error: unknown) => {
    deps.log.error(error instanceof Error ? `${text}\n${error.stack ?? error.message}` : text);
    void notify('error', text, 'Show Log').then((choice) => {
      if (choice === 'Show Log') deps.showLog();
    });
  };
  return lazyCommands(deps, { loadFailed }).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

export function deactivate(): void {}
