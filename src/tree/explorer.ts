// The explorer's working parts: the AWS files and their watcher, the gateway to AWS, the model, the
// view's provider and the reveals. A bundle of its own, dist/explorer.js, made when the view first
// asks for rows, or when a command, a details page or the API first needs one of them
// (src/tree/lazyExplorer.ts). Activation only creates the view and registers; this code loads
// after it, with the view's first rows (bench/README.md, activation).
//
// Everything with state that the other bundles use lives here once and is passed to them (the
// gateway, revealRow's reads): a module they imported themselves would be their own copy.
import vscode = require('vscode');
import { watchAwsFilesOnRead } from '../aws/configWatcher';
import { isAwsLoaded, lazyGateway, ssoAccess, type Gateway, type SsoAccess } from '../aws/lazyGateway';
import type { LogLine } from '../core/log';
import { Choices } from '../model/choices';
import { ExplorerModel } from '../model/explorerModel';
import { Expansion } from '../model/expansion';
import type { Item } from '../model/items';
import type { Settings } from '../settings';
import { ExplorerView, setProfilesState, trackInView } from './explorerView';
import { revealRow, trackReads } from './revealRow';

export interface ExplorerOptions {
  /** Where the explorer remembers choices (regions, filters) and expansion. */
  globalState: vscode.Memento;
  /** The explorer view, created at activation over a provider that hands its calls to this one. */
  view: vscode.TreeView<Item>;
  log: LogLine;
  settings(): Settings;
}

export interface Explorer {
  gateway: Gateway;
  sso: SsoAccess;
  model: ExplorerModel;
  provider: ExplorerView;
  /** Whether dist/aws.js (the SDK) has been loaded. */
  isAwsLoaded(): boolean;
  revealRow: typeof revealRow;
  trackReads: typeof trackReads;
  disposable: vscode.Disposable;
}

export function createExplorer({ globalState, view, log, settings }: ExplorerOptions): Explorer {
  // Editing the AWS files updates the explorer, keeping expansion (ids are stable paths). The files
  // watched are where the AWS layer reads them (AWS_CONFIG_FILE... with ~ expanded), from their
  // first read on.
  const awsFiles = watchAwsFilesOnRead(() => {
    log('AWS config files changed: reloading profiles');
    void model.reloadConfig();
  });
  const gateway = lazyGateway({
    beforeFilesRead: () => awsFiles.open(),
    log,
    requestTimeoutMs: () => settings().requestTimeoutMs,
    callDeadlineMs: () => settings().callDeadlineMs,
  });
  const model = new ExplorerModel({
    gateway,
    choices: new Choices(globalState),
    settings,
    log,
    track: trackInView,
    rootState: setProfilesState,
  });
  const provider = new ExplorerView(model, new Expansion(globalState));
  provider.autoRefreshSeconds = () => settings().autoRefreshSeconds;
  return {
    gateway,
    sso: ssoAccess({ requestTimeoutMs: () => settings().requestTimeoutMs }),
    model,
    provider,
    isAwsLoaded,
    revealRow,
    trackReads,
    disposable: vscode.Disposable.from(provider.follow(view), trackReads(view, provider.reads), provider, awsFiles),
  };
}
