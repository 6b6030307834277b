// The live view's VS Code side: feeds the view's visibility, the window's focus, expansion and the
// setting to AutoRefresh (src/model/autoRefresh.ts), which holds all the logic and knows no `vscode`.
import * as vscode from 'vscode';
import { AutoRefresh } from '../model/autoRefresh';
import type { ExplorerModel } from '../model/explorerModel';
import type { Item } from '../model/items';
import type { ExplorerView } from './explorerView';

export interface AutoRefreshWiring {
  model: ExplorerModel;
  view: vscode.TreeView<Item>;
  provider: ExplorerView;
  seconds(): number;
  /** Fires when the interval setting changes. */
  onSecondsChanged(listener: () => void): vscode.Disposable;
  describeError: ConstructorParameters<typeof AutoRefresh>[0]['describeError'];
  log(line: string): void;
}

export function startAutoRefresh(w: AutoRefreshWiring): { autoRefresh: AutoRefresh; disposable: vscode.Disposable } {
  const autoRefresh = new AutoRefresh({ model: w.model, seconds: w.seconds, describeError: w.describeError, log: w.log });
  // VS Code restores expanded rows after a reload without expand events: a row whose children it
  // asks for is shown expanded. A collapse is an event.
  w.provider.childrenAsked = (item) => autoRefresh.expanded(item);
  w.provider.autoRefreshSeconds = w.seconds;
  autoRefresh.setVisible(w.view.visible);
  autoRefresh.setFocused(vscode.window.state.focused);
  const disposable = vscode.Disposable.from(
    w.view.onDidExpandElement((e) => autoRefresh.expanded(e.element)),
    w.view.onDidCollapseElement((e) => autoRefresh.collapsed(e.element)),
    w.view.onDidChangeVisibility((e) => autoRefresh.setVisible(e.visible)),
    vscode.window.onDidChangeWindowState((e) => autoRefresh.setFocused(e.focused)),
    w.onSecondsChanged(() => autoRefresh.settingsChanged()),
    { dispose: () => ((w.provider.childrenAsked = undefined), autoRefresh.dispose()) },
  );
  return { autoRefresh, disposable };
}
