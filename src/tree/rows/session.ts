import vscode = require('vscode');
import { hasHiddenCharacters, showHidden } from '../../core/invisible';
import type { SessionItem } from '../../model/items';
import { sessionDescription, sessionTooltip } from '../labels';
import { sessionLiveMark } from '../liveLabels';
import { markdown, themeIcon, treeItem } from './common';

const SESSION_ICONS: Record<string, [string, string | undefined]> = {
  CONNECTED: ['vm-connect', 'charts.green'],
  NOT_CONNECTED: ['debug-disconnect', 'disabledForeground'],
};

/**
 * The user id is shown with its invisible and direction-control characters written out
 * (`ad⟨U+200B⟩min@…`, src/core/invisible.ts), so it cannot pass for another, and the row is flagged.
 * Written out, it holds no bidi control left open, so the description after it reads as it should.
 */
export function sessionRow(item: SessionItem): vscode.TreeItem {
  const t = treeItem(item, showHidden(item.userId) || item.sessionId, vscode.TreeItemCollapsibleState.None);
  const flagged = hasHiddenCharacters(item.userId);
  // Auto-refresh: new since the previous read, or in a page the tick's bound left unread.
  const live = sessionLiveMark(item.parent.sessions.lastReread, item.sessionId);
  t.description = (flagged ? 'hidden characters · ' : '') + (live ? `${live} · ` : '') + sessionDescription(item.session);
  const [icon, color] = flagged ? ['warning', 'problemsWarningIcon.foreground'] : (SESSION_ICONS[item.session.ConnectionState ?? ''] ?? ['vm', undefined]);
  t.iconPath = themeIcon(icon, color);
  if (item.parent.ending.has(item.sessionId)) {
    // Terminated (or being terminated) while the service still lists it: it leaves at the next read.
    t.description = 'ending…';
    t.iconPath = themeIcon('loading~spin');
  }
  t.accessibilityInformation = { label: `Session of ${showHidden(item.userId)}, ${t.description}${item.parent.addedNote?.item === item ? `, ${item.parent.addedNote.text}` : ''}` };
  return t;
}

export function resolveSessionRow(t: vscode.TreeItem, item: SessionItem): vscode.TreeItem {
  t.tooltip = markdown(sessionTooltip(item.session, Date.now(), { locale: vscode.env.language }));
  return t;
}
