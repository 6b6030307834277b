// Every reveal of a row (Quick Search, Load more's focus, a filter set from the palette) goes through
// revealRow(), which waits until the workbench has read the view's rows again after the provider's
// last whole-view change (onDidChangeTreeData(undefined)).
//
// Why (VS Code 1.103 to 1.139, read in extHostTreeViews.ts and mainThreadTreeViews.ts): the extension
// host's reveal() waits for the refreshes it knows to be running, but a change fired while an earlier
// refresh is still queued behind a slow one is not among them, so its $refresh and the $reveal race to
// the workbench. A whole-view refresh there replaces every row's object once the root's children come
// back; until then the rows of the previous read are what $reveal finds. Its expand of such a row
// waits for the running refresh, then no longer finds the row in the tree, and the error is swallowed
// ("The extension could have changed the tree during the reveal"): reveal() returns, nothing is
// expanded, no onDidExpandElement follows; with a parent chain, the row under the lost parent is not
// found either and the reveal does nothing at all. Once the workbench has asked for the root's
// children after the change, the rows of the previous read are gone from its map: $reveal then finds
// either no row (and refreshes before going on) or the new ones.
//
// So a provider sends its whole-view changes through WholeViewChanges: while the visible view has not
// read its root since the last one, a new one waits for that read (one for all that came meanwhile:
// the read shows them all), and is fired when it comes, while that refresh runs, which the extension
// host's reveal() then waits for. revealRow() waits for the last one's read.
import vscode = require('vscode');
import type { WholeViewChanges } from './wholeViewChanges';

const changesOf = new WeakMap<vscode.TreeView<never>, WholeViewChanges>();

/** Makes revealRow() on `view` wait for `changes`, which hold back for it (called where the view is created). */
export function trackReads<T>(view: vscode.TreeView<T>, changes: WholeViewChanges): vscode.Disposable {
  changesOf.set(view as vscode.TreeView<never>, changes);
  const sub = changes.attach(view);
  return new vscode.Disposable(() => sub.dispose());
}

/**
 * view.reveal(element, options) once the workbench has read the view again after the last whole-view
 * change. A hidden view reads nothing until it shows: it is opened first (a reveal that only opens
 * it, no selection, no focus, no expansion), then the reveal asked for follows the read.
 */
export async function revealRow<T>(view: vscode.TreeView<T>, element: T, options: { select?: boolean; focus?: boolean; expand?: boolean | number }): Promise<void> {
  const changes = changesOf.get(view as vscode.TreeView<never>);
  if (changes?.pending) {
    if (!view.visible) await view.reveal(element, { select: false, focus: false, expand: false });
    // A view that is still hidden (its pane collapsed) reads nothing until the user opens it.
    if (view.visible) await untilReadOrHidden(view, changes);
  }
  await view.reveal(element, options);
}

export type RevealRow = typeof revealRow;

async function untilReadOrHidden<T>(view: vscode.TreeView<T>, changes: WholeViewChanges): Promise<void> {
  let sub: vscode.Disposable | undefined;
  try {
    await Promise.race([
      changes.settled(),
      new Promise<void>((resolve) => {
        sub = view.onDidChangeVisibility((e) => {
          if (!e.visible) resolve();
        });
      }),
    ]);
  } finally {
    sub?.dispose();
  }
}
