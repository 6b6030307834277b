// How the suites read the explorer: through the API that activate() returns, the way VS Code does
// (getChildren / getTreeItem), never with `instanceof` (this suite is a separate bundle).
import type * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Item as Node } from '../../src/model/items';

export function treeAccess(api: () => ExtensionApi) {
  const item = (node: Node): vscode.TreeItem => api().provider.getTreeItem(node) as vscode.TreeItem;
  return {
    // rows(): what getChildren gives the view, without counting as the workbench's read of the root
    // (revealRow() waits for that one, src/tree/revealRow.ts).
    children: async (node?: Node): Promise<Node[]> => (await api().provider.rows(node)) ?? [],
    item,
    /** The row's contextValue, '' for no node. */
    kind: (node: Node | undefined): string => (node ? (item(node).contextValue ?? '') : ''),
  };
}
