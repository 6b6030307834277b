// A range of a big pool's loaded sessions ("Sessions 101–200"): see RANGE_SIZE in src/model/items.ts.
import vscode = require('vscode');
import { oneLine } from '../../core/text';
import type { SessionRangeItem } from '../../model/items';
import { treeItem } from './common';

export function rangeRow(item: SessionRangeItem): vscode.TreeItem {
  const n = new Intl.NumberFormat(vscode.env.language);
  const from = n.format(item.start + 1);
  const to = n.format(item.end);
  // The last range is the one Load more fills: open, so that new sessions show where they land.
  const t = treeItem(item, `Sessions ${from}–${to}`, item.isLast ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  t.tooltip = `Loaded sessions ${from} to ${to} of ${oneLine(item.parent.name)}`;
  t.accessibilityInformation = { label: `Sessions ${from} to ${to} of pool ${oneLine(item.parent.name)}` };
  return t;
}
