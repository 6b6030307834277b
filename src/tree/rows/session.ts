import * as vscode from 'vscode';
import { bidiClosers, oneLine } from '../../core/text';
import type { SessionItem } from '../../model/items';
import { sessionDescription, sessionTooltip } from '../labels';
import { sessionLiveMark } from '../liveLabels';
import { markdown, themeIcon, treeItem } from './common';

const SESSION_ICONS: Record<string, [string, string | undefined]> = {
  CONNECTED: ['vm-connect', 'charts.green'],
  NOT_CONNECTED: ['debug-disconnect', 'disabledForeground'],
};

export function sessionRow(item: SessionItem): vscode.TreeItem {
  const t = treeItem(item, item.userId || item.sessionId, vscode.TreeItemCollapsibleState.None);
  // VS Code renders label and description in one paragraph: a user id with an unclosed U+202E
  // would reverse the description on screen ("CONNECTED · 2h ago" read backwards). Close it first.
  t.description = bidiClosers(item.userId) + sessionDescription(item.session);
  // Auto-refresh: new since the previous read, or in a page the tick's bound left unread.
  const live = sessionLiveMark(item.parent.sessions.lastReread, item.sessionId);
  if (live) t.description = `${bidiClosers(item.userId)}${live} · ${sessionDescription(item.session)}`;
  const [icon, color] = SESSION_ICONS[item.session.ConnectionState ?? ''] ?? ['vm', undefined];
  t.iconPath = themeIcon(icon, color);
  t.accessibilityInformation = { label: `Session of ${oneLine(item.userId)}, ${t.description}` };
  return t;
}

export function resolveSessionRow(t: vscode.TreeItem, item: SessionItem): vscode.TreeItem {
  t.tooltip = markdown(sessionTooltip(item.session));
  return t;
}
