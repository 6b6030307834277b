// Wiring only: the explorer view, the commands, the details pages. Activation reads no file and
// loads no SDK and none of the tree's code: the explorer's parts (dist/explorer.js) are made on the
// view's first call, the AWS layer (dist/aws.js) on the first request.
import vscode = require('vscode');
import { ssoProfileOf } from './aws/errors';
import type { CommandDeps, CommandState } from './commands/index';
import { lazyCommands, loadCommands } from './commands/lazyCommands';
import { notify } from './commands/wrapper';
import { SessionDetails, type DetailsApi } from './details/sessionDetails';
import { confirmModal } from './commands/confirm';
import { COMMANDS, CONTEXT, EXPLORER_VIEW, SETTINGS, SETTINGS_SECTION } from './ids';
import type { Log } from './core/log';
import { lazyLog, showLog } from './log';
import type { ExplorerModel } from './model/explorerModel';
import type { Item } from './model/items';
import type { PoolActions } from './model/poolActions';
import type { SessionActions } from './model/sessionActions';
import { invalidRegionsSetting, onSettingsChanged, readSettings, setProfiles } from './settings';
import type { Explorer } from './tree/explorer';
import type { ExplorerView } from './tree/explorerView';
import type { startAutoRefresh } from './tree/autoRefreshView';
import { autoRefreshView } from './tree/lazyAutoRefresh';
import { explorerModule, LazyExplorerProvider } from './tree/lazyExplorer';
import type { AutoRefresh } from './model/autoRefresh';
import type { SearchView } from './tree/searchView';

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
  const channel = lazyLog();
  // The explorer's working parts (dist/explorer.js: the gateway, the model, the real provider) are
  // made on the view's first call, or when a command, a details page or the API needs one of them.
  let parts: Explorer | undefined;
  const explorer = (): Explorer => {
    if (!parts) {
      try {
        parts = explorerModule().createExplorer({ globalState: context.globalState, view, log: channel.line, settings: readSettings });
      } catch (error) {
        // Not kept: the next call tries again (require keeps no failed module). The view shows no rows.
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        loadFailed(channel, `The explorer did not load (dist/explorer.js): ${reason}`, error);
        throw error;
      }
      context.subscriptions.push(parts.disposable, provider.forward(parts.provider));
    }
    return parts;
  };
  const provider = new LazyExplorerProvider(() => explorer().provider);
  const view = vscode.window.createTreeView(EXPLORER_VIEW, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  // The actions and the User Search view are the commands' (dist/commands.js): made on the first
  // command, or when the API asks for them.
  let commandState: CommandState | undefined;
  const state = (): CommandState => {
    if (!commandState) {
      const { gateway, model, trackReads } = explorer();
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
    get gateway() {
      return explorer().gateway;
    },
    log: channel,
    findLoaded: (ref) => explorer().model.findLoaded(ref),
    learned: (ref, session, pool) => explorer().model.learnSession(ref, session, pool),
    readOnly: () => readSettings().readOnly,
    // The page's Terminate Session… is the explorer's command (same confirmation, outcomes, log line).
    terminate: (ref) => vscode.commands.executeCommand(COMMANDS.terminateSession, ref),
  });
  // The live view (dist/live.js) starts once its setting is above 0, or when the API asks for it;
  // started, it follows the setting itself (0 pauses it).
  let live: ReturnType<typeof startAutoRefresh> | undefined;
  const liveView = (): AutoRefresh => {
    if (!live) {
      const { model, provider: real, gateway } = explorer();
      live = autoRefreshView().startAutoRefresh({
        model,
        view,
        provider: real,
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
      get model() {
        return explorer().model;
      },
      view,
      log: channel,
      showLog,
      // No profile here: a command may span several; the error names its own when it knows it.
      describe: (error) => {
        const info = explorer().gateway.describeError(error);
        return { message: info.message, cancelled: info.kind === 'cancelled', signInProfile: info.kind === 'sso-login' ? ssoProfileOf(error) : undefined };
      },
      profilesSetting: () => readSettings().profiles,
      setProfilesSetting: setProfiles,
      showDetails: (ref, known, options) => details.show(ref, known, options),
      get sso() {
        return explorer().sso;
      },
      // Nothing to forget before the gateway exists.
      resetAws: () => parts?.gateway.reset(),
      state,
      confirm: confirmModal,
      readOnly: () => readSettings().readOnly,
      sessionEnded: (ref) => details.sessionEnded(ref),
      get gateway() {
        return explorer().gateway;
      },
      reveal: (...args) => explorer().revealRow(...args),
    }),
    onSettingsChanged(['readOnly'], () => {
      setReadOnlyContext();
      details.readOnlyChanged();
      channel.info(`settings: ${SETTINGS_SECTION}.${SETTINGS.readOnly} is ${readSettings().readOnly ? 'on: actions that change AWS are off' : 'off'}`);
    }),
    // VS Code also fires configuration events when settings load after activation: refresh only on a
    // real change, and only a tree that was read (one not made yet reads the settings when it is).
    onSettingsChanged(['profiles', 'regions'], () => {
      const now = shownSettings();
      if (now !== lastShown) void parts?.model.refresh();
      lastShown = now;
    }),
    onSettingsChanged(['regions'], () => reportInvalidRegions(channel)),
    onSettingsChanged(['autoRefreshSeconds'], startLiveViewIfOn),
  );

  setImmediate(() => reportInvalidRegions(channel));
  return {
    view,
    details,
    get model() {
      return explorer().model;
    },
    get provider() {
      return explorer().provider;
    },
    // The SDK is loaded only through the gateway: none yet, no SDK.
    isAwsLoaded: () => parts?.isAwsLoaded() ?? false,
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
    reveal: (item, options) => explorer().revealRow(view, item, options),
  };
}

/** Values of workspacesPools.regions that are not region codes are ignored (settings.ts): say so, once per change. */
function reportInvalidRegions(channel: Log): void {
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
  return lazyCommands(deps, { loadFailed: (text, error) => loadFailed(deps.log, text, error) }).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

/** A bundle did not load: the message (one line), with Show Log; the error's stack in the log. */
function loadFailed(log: Log, text: string, error: unknown): void {
  log.error(error instanceof Error ? `${text}\n${error.stack ?? error.message}` : text);
  void notify('error', text, 'Show Log').then((choice) => {
    if (choice === 'Show Log') showLog();
  });
}

export function deactivate(): void {}
