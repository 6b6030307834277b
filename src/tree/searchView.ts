// The User Search view: the results of Find User's Sessions… (src/model/userSearch.ts), profile →
// region → pool → session, with the summary as the view's message. One search at a time: showing
// a new one cancels the one before; clearing the results or disposing the view (deactivation)
// cancels the running one, so no request outlives them.
import vscode = require('vscode');
import { CONTEXT, SEARCH_VIEW } from '../ids';
import type { SearchNode, UserSearch } from '../model/userSearch';
import { searchPoolRow, searchProfileRow, searchRegionRow } from './rows/search';
import { resolveSessionRow, sessionRow } from './rows/session';
import { errorRow } from './rows/status';
import { oneLine } from '../core/text';
import type { trackReads } from './revealRow';
import { WholeViewChanges } from './wholeViewChanges';

export class SearchView implements vscode.TreeDataProvider<SearchNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SearchNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private treeView: vscode.TreeView<SearchNode> | undefined;
  private search: UserSearch | undefined;
  private subscription: { dispose(): void } | undefined;
  /** Every change here is a whole-view one: revealRow() (Quick Search) waits for the view's read after it. */
  private readonly reads = new WholeViewChanges(() => this.changed.fire(undefined));
  private tracking: vscode.Disposable | undefined;

  /**
   * `track`: trackReads() of src/tree/revealRow.ts as dist/explorer.js has it (this class is in
   * dist/commands.js, whose own copy of that module would keep the reads where no reveal looks).
   */
  constructor(private readonly track: typeof trackReads) {}

  /**
   * The view, made when first needed: it is hidden until a search shows (package.json's `when`), so
   * activation does not make it.
   */
  get view(): vscode.TreeView<SearchNode> {
    if (!this.treeView) {
      this.treeView = vscode.window.createTreeView(SEARCH_VIEW, { treeDataProvider: this, showCollapseAll: true });
      this.tracking = this.track(this.treeView, this.reads);
    }
    return this.treeView;
  }

  /** The search shown, if any. */
  get current(): UserSearch | undefined {
    return this.search;
  }

  /** Shows `search` instead of the one before, which is cancelled. */
  show(search: UserSearch): void {
    this.clear();
    this.search = search;
    this.subscription = search.onDidChange(() => this.update());
    void vscode.commands.executeCommand('setContext', CONTEXT.searchShown, true);
    this.update();
  }

  /** Cancels the search shown and empties the view. */
  clear(): void {
    this.search?.cancel();
    this.subscription?.dispose();
    this.search = undefined;
    this.subscription = undefined;
    void vscode.commands.executeCommand('setContext', CONTEXT.searchShown, false);
    this.update();
  }

  dispose(): void {
    this.search?.cancel();
    this.subscription?.dispose();
    this.tracking?.dispose();
    this.treeView?.dispose();
    this.changed.dispose();
  }

  getTreeItem(node: SearchNode): vscode.TreeItem {
    switch (node.kind) {
      case 'searchProfile':
        return searchProfileRow(node);
      case 'searchRegion':
        return searchRegionRow(node);
      case 'searchPool':
        return searchPoolRow(node);
      case 'session':
        return sessionRow(node);
      case 'error':
        return errorRow(node);
    }
  }

  resolveTreeItem(t: vscode.TreeItem, node: SearchNode): vscode.TreeItem {
    return node.kind === 'session' ? resolveSessionRow(t, node) : t;
  }

  getChildren(node?: SearchNode): SearchNode[] {
    const children = this.search?.children(node) ?? [];
    if (!node) this.reads.rootRead(children);
    return children;
  }

  getParent(node: SearchNode): SearchNode | undefined {
    return this.search?.parent(node);
  }

  private update(): void {
    const search = this.search;
    if (!search) {
      this.view.message = undefined;
      this.view.description = undefined;
    } else {
      this.view.description = oneLine(search.userId);
      this.view.message = search.error ? `Search failed: ${oneLine(search.error.message)}` : search.summaryText();
    }
    this.reads.changed();
  }
}
