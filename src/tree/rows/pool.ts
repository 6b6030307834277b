import vscode = require('vscode');
import { oneLine } from '../../core/text';
import type { PoolEntry } from '../../model/items';
import { poolDescription, poolTooltip } from '../labels';
import { lastReadTooltip, liveDescription } from '../liveLabels';
import { markdown, themeIcon, treeItem } from './common';

const POOL_ICONS: Record<string, [string, string | undefined]> = {
  RUNNING: ['vm-running', 'charts.green'],
  STARTING: ['vm-active', 'charts.yellow'],
  UPDATING: ['vm-active', 'charts.yellow'],
  CREATING: ['vm-active', 'charts.yellow'],
  STOPPING: ['vm-outline', 'charts.yellow'],
  STOPPED: ['vm-outline', 'disabledForeground'],
  DELETING: ['trash', 'charts.red'],
};

export function poolRow(pool: PoolEntry): vscode.TreeItem {
  const t = treeItem(pool, pool.name, vscode.TreeItemCollapsibleState.Collapsed);
  t.description = poolDescription(pool.pool, pool.userFilter, { locale: vscode.env.language });
  const live = liveDescription(pool.sessions.lastReread);
  if (live) t.description += ` · ${live}`;
  // The row changes while a new filter's first page loads (explorerModel.restart): it spins until then.
  const loading = pool.sessions.state === 'loading';
  const warn = !!pool.pool.Errors?.length;
  const [icon, color] = loading
    ? ['loading~spin', undefined]
    : pool.userFilter
      ? ['filter', warn ? 'problemsWarningIcon.foreground' : undefined]
      : warn
        ? ['warning', 'problemsWarningIcon.foreground']
        : (POOL_ICONS[pool.pool.State ?? ''] ?? ['vm', undefined]);
  t.iconPath = themeIcon(icon, color);
  // Kept from before a refresh that failed (the error row beside it says why): said first, not cut off.
  if (pool.stale) t.description = `stale · ${t.description}`;
  t.accessibilityInformation = { label: `Pool ${oneLine(pool.name)}${pool.userFilter ? ', filtered' : ''}, ${t.description}${loading ? ', loading sessions' : ''}` };
  return t;
}

/** The tooltip is built when the row is hovered, not for every row shown. */
export function resolvePoolRow(t: vscode.TreeItem, pool: PoolEntry, autoRefreshSeconds = 0): vscode.TreeItem {
  const lastRead = lastReadTooltip(pool.sessions.readAt, pool.sessions.lastReread, Date.now(), autoRefreshSeconds);
  t.tooltip = markdown(poolTooltip(pool.pool, pool.region, pool.userFilter, { locale: vscode.env.language }) + lastRead);
  return t;
}
