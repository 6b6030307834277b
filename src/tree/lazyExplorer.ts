// The explorer view's provider at activation: it holds the view's change event and hands every call
// to the explorer's real provider (src/tree/explorerView.ts), which comes with dist/explorer.js on the
// view's first call (src/tree/explorer.ts). VS Code reads a provider's event and which optional
// methods it has when the view is created, so this one has them all from the start.
import vscode = require('vscode');
import type * as ExplorerModule from './explorer';
import type { ExplorerView } from './explorerView';
import type { Item } from '../model/items';

let loaded: typeof ExplorerModule | undefined;

export function explorerModule(): typeof ExplorerModule {
  // Resolved next to dist/extension.js at run time (esbuild leaves './explorer.js' external).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./explorer.js') as typeof ExplorerModule;
  return loaded;
}

export class LazyExplorerProvider implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly real: () => ExplorerView) {}

  /** Forwards the real provider's changes to the view (called once it is made). */
  forward(real: ExplorerView): vscode.Disposable {
    return real.onDidChangeTreeData((item) => this.changed.fire(item));
  }

  getTreeItem(item: Item): vscode.TreeItem {
    return this.real().getTreeItem(item);
  }

  getChildren(item?: Item): Promise<Item[]> {
    return this.real().getChildren(item);
  }

  getParent(item: Item): Item | undefined {
    return this.real().getParent(item);
  }

  resolveTreeItem(t: vscode.TreeItem, item: Item): vscode.TreeItem {
    return this.real().resolveTreeItem(t, item);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
