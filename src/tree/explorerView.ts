// The TreeDataProvider of the explorer view: a thin adapter from the model (src/model) to VS Code.
// Items are the model's own objects; each kind has its renderer in rows/. Changes come from the
// model, one event per change, naming the item that changed.
import vscode = require('vscode');
import { CONTEXT, EXPLORER_VIEW } from '../ids';
import type { ExplorerModel } from '../model/explorerModel';
import type { Expansion } from '../model/expansion';
import { ExpandedItems } from '../model/expandedItems';
import type { Item } from '../model/items';
import { resolvePoolRow, poolRow } from './rows/pool';
import { profileRow, regionRow } from './rows/profile';
import { rangeRow } from './rows/range';
import { resolveSessionRow, sessionRow } from './rows/session';
import { errorRow, loadMoreRow, placeholderRow } from './rows/status';
import { WholeViewChanges } from './wholeViewChanges';

export class ExplorerView implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };
  /** What the tree shows expanded, from activation on: the live view reads it whenever it starts. */
  readonly expanded = new ExpandedItems();
  /** The auto-refresh interval, for the pool tooltip. */
  autoRefreshSeconds: () => number = () => 0;
  /** Whole-view changes, held back until the view has read the one before, for revealRow() (src/tree/revealRow.ts). */
  readonly reads = new WholeViewChanges(() => this.changed.fire(undefined));

  constructor(
    readonly model: ExplorerModel,
    /** Remembered expansion (src/model/expansion.ts): rows start as the user left them, even after a reload. */
    private readonly expansion?: Expansion,
  ) {
    this.subscription = model.onDidChange((item) => (item === undefined ? this.reads.changed() : this.changed.fire(item)));
  }

  /** Follows what the user expands and collapses in `view`: shown now (expanded), and remembered (the Expansion). */
  follow(view: vscode.TreeView<Item>): vscode.Disposable {
    return vscode.Disposable.from(
      view.onDidExpandElement((e) => {
        this.expanded.expanded(e.element);
        void this.expansion?.expanded(e.element);
      }),
      view.onDidCollapseElement((e) => {
        this.expanded.collapsed(e.element);
        void this.expansion?.collapsed(e.element);
      }),
    );
  }

  /** Forgets the remembered expansion (the suites start from the tree a new window shows). */
  forgetExpansion(): Promise<void> {
    return this.expansion?.forgetAll() ?? Promise.resolve();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  getTreeItem(item: Item): vscode.TreeItem {
    const t = this.row(item);
    if (t.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed && this.expansion?.isExpanded(item)) {
      t.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    }
    return t;
  }

  private row(item: Item): vscode.TreeItem {
    switch (item.kind) {
      case 'profile':
        return profileRow(item, this.model.regionsOf(item));
      case 'region':
        return regionRow(item);
      case 'pool':
        return poolRow(item);
      case 'range':
        return rangeRow(item);
      case 'session':
        return sessionRow(item);
      case 'loadMore':
        return loadMoreRow(item);
      case 'placeholder':
        return placeholderRow(item);
      case 'error':
        return errorRow(item);
    }
  }

  /** The workbench's read (tests read with rows(), which does not count as the workbench's). */
  getChildren(item?: Item): Promise<Item[]> {
    const children = this.rows(item);
    if (!item) this.reads.rootRead(children);
    return children;
  }

  /** The rows under `item` (undefined: the root), as the view gets them. */
  rows(item?: Item): Promise<Item[]> {
    // VS Code asks for the children of a row it shows expanded, also one restored so after a reload.
    if (item) this.expanded.expanded(item);
    return this.model.children(item);
  }

  getParent(item: Item): Item | undefined {
    return this.model.treeParent(item);
  }

  resolveTreeItem(t: vscode.TreeItem, item: Item): vscode.TreeItem {
    if (item.kind === 'pool') return resolvePoolRow(t, item, this.autoRefreshSeconds());
    if (item.kind === 'session') return resolveSessionRow(t, item);
    return t;
  }
}

/** Progress on the view while a request the user waits for runs. */
export function trackInView(promise: Promise<unknown>): void {
  void vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW } }, () => promise.catch(() => undefined));
}

/** The welcome view's `when` clause reads this key. */
export function setProfilesState(state: string): void {
  void vscode.commands.executeCommand('setContext', CONTEXT.profilesState, state);
}
