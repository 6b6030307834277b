// The rows that are not AWS resources: Load more, placeholders ("No sessions"), errors.
import vscode = require('vscode');
import { oneLine } from '../../core/text';
import { isSsoError } from '../../model/actions';
import type { ErrorItem, LoadMoreItem, PlaceholderItem } from '../../model/items';
import { errorLabel, errorTooltip } from '../labels';
import { markdown, themeIcon, treeItem } from './common';

/**
 * The row looks the same while a page loads (the view's progress bar shows the load): a row that
 * changes is re-rendered, and a click that spans the re-render is lost.
 */
export function loadMoreRow(item: LoadMoreItem): vscode.TreeItem {
  const loaded = item.parent.sessions.sessions.length;
  const t = treeItem(item, 'Load more…', vscode.TreeItemCollapsibleState.None);
  t.description = `${loaded} loaded`;
  t.iconPath = themeIcon('ellipsis');
  t.tooltip = `Load the next page of sessions of ${oneLine(item.parent.name)}`;
  t.accessibilityInformation = { label: `Load more sessions, ${loaded} loaded` };
  return t;
}

export function placeholderRow(item: PlaceholderItem): vscode.TreeItem {
  const t = treeItem(item, item.label, vscode.TreeItemCollapsibleState.None);
  t.iconPath = item.tone === 'warning' ? themeIcon('warning', 'problemsWarningIcon.foreground') : themeIcon('info');
  // A long row (a pool error, a filter's note) is cut at the sidebar's width: the hover has it all.
  t.tooltip = item.label;
  t.accessibilityInformation = { label: oneLine(item.label) };
  return t;
}

export function errorRow(item: ErrorItem): vscode.TreeItem {
  const t = treeItem(item, errorLabel(item.info), vscode.TreeItemCollapsibleState.None);
  const at = item.info.location;
  if (at && !t.command) {
    // A config error in a file: a click opens the file at the line at fault (VS Code's own command).
    const line = Math.max(0, (at.line ?? 1) - 1);
    const options: vscode.TextDocumentShowOptions = { selection: new vscode.Range(line, 0, line, 0), preview: true };
    t.command = { command: 'vscode.open', title: 'Open the AWS config file', arguments: [vscode.Uri.file(at.file), options] };
  }
  t.iconPath = themeIcon('error', 'problemsErrorIcon.foreground');
  t.tooltip = markdown(errorTooltip(item.info, isSsoError(item) ? item.profile : undefined));
  t.accessibilityInformation = { label: `Error: ${oneLine(item.info.message)}` };
  return t;
}
