// Rows under a pool besides its sessions: the pool's own errors, as rows a keyboard reaches (the
// tooltip only shows to a mouse), and the text of the "No sessions" row, which says so when a user
// filter found nothing but a loaded id differs from it only by invisible characters or case
// (`ad\u200Bmin@x` looks like `admin@x`). No `vscode` import.
import { lookalikeNote, showHidden } from '../core/invisible';
import { PlaceholderItem, type PoolEntry } from './items';

/** One row per error the service reports on the pool itself (WorkspacesPool.Errors). */
export function poolErrorRows(pool: PoolEntry): PlaceholderItem[] {
  return (pool.pool.Errors ?? []).map(
    (e, i) => new PlaceholderItem(pool, 'poolError', `Pool error ${e.ErrorCode ?? 'ERROR'}: ${e.ErrorMessage ?? ''}`, undefined, String(i), 'warning'),
  );
}

export function noSessionsLabel(pool: PoolEntry): string {
  const filter = pool.userFilter;
  if (!filter) return 'No sessions';
  const note = lookalikeNote(filter, pool.seenUserIds);
  return `No sessions for user ${showHidden(filter)}${note ? ` · ${note}` : ''}`;
}
