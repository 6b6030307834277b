// What every row shares: its id, label on one line, the context value menus match, its click.
import vscode = require('vscode');
import { oneLine } from '../../core/text';
import { clickCommand, contextValue } from '../../model/actions';
import type { Item } from '../../model/items';

export function treeItem(item: Item, label: string, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const t = new vscode.TreeItem(oneLine(label), collapsible);
  t.id = item.id;
  t.contextValue = contextValue(item);
  const click = clickCommand(item);
  if (click) t.command = { command: click.command, title: click.title, arguments: [click.argument] };
  return t;
}

/** Markdown from text that escaped every outside string: no links run, no HTML renders. */
export function markdown(text: string): vscode.MarkdownString {
  const m = new vscode.MarkdownString(text);
  m.isTrusted = false;
  m.supportHtml = false;
  return m;
}

export function themeIcon(icon: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}
