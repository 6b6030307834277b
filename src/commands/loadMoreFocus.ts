// After "Load more…" from the tree, the keyboard focus goes to the first session the page added
// (it took the place of the "Load more…" row, which moved a page down, off screen): ArrowDown then
// reads the new sessions in order. The screen reader hears how many were added in the focused row's
// own label (PoolEntry.addedNote, read by src/tree/rows/session.ts), and the status bar says it too.
import vscode = require('vscode');
import { escapeIcons } from '../core/text';
import type { Item, PoolEntry } from '../model/items';
import type { RevealRow } from '../tree/revealRow';

/** `before`: how many sessions the pool had when Load more was pressed; `reveal`: CommandDeps.reveal. */
export async function focusFirstNew(view: vscode.TreeView<Item>, pool: PoolEntry, before: number, reveal: RevealRow): Promise<void> {
  const items = pool.sessionItemList();
  const added = items.length - before;
  const first = items[before];
  // A hidden view is not where the user is (the command ran from elsewhere): take no focus there.
  if (added <= 0 || !first || !view.visible) return;
  const note = `${added} session${added === 1 ? '' : 's'} added, ${items.length} loaded`;
  // The model announced its change already, and VS Code reads the rows again a moment later
  // (debounced): the note is in place when the row is rendered.
  pool.addedNote = { item: first, text: `first of ${note}` };
  vscode.window.setStatusBarMessage(`$(check) ${escapeIcons(`${pool.name}: ${note}`)}`, 5000);
  await reveal(view, first, { select: true, focus: true });
}
