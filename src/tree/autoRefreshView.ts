// The live view's VS Code side: feeds the view's visibility, the window's focus and the setting to
// AutoRefresh (src/model/autoRefresh.ts), which holds all the logic and knows no `vscode`; what the
// tree shows expanded it reads from the explorer view, which kept it since activation. The entry of
// dist/live.js, loaded once the setting is on (src/tree/lazyAutoRefresh.ts).
import vscode = require('vscode');
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
  const autoRefresh = new AutoRefresh({ model: w.model, seconds: w.seconds, describeError: w.describeError, log: w.log, expanded: w.provider.expanded });
  autoRefresh.setVisible(w.view.visible);
  autoRefresh.setFocused(vscode.window.state.focused);
  const disposable = vscode.Disposable.from(
    w.view.onDidChangeVisibility((e) => autoRefresh.setVisible(e.visible)),
    vscode.window.onDidChangeWindowState((e) => autoRefresh.setFocused(e.focused)),
    w.onSecondsChanged(() => autoRefresh.settingsChanged()),
    { dispose: () => autoRefresh.dispose() },
  );
  return { autoRefresh, disposable };
}
