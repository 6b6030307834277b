// The live view's texts on rows (auto-refresh, src/model/autoRefresh.ts): what changed since the
// previous read, which rows were not read again, when a pool was last read. No `vscode` import.
import { relativeTime } from '../core/time';
import type { RereadMarks } from '../model/reread';

/** "+2 new · 1 ended · 24 pages stale", or '' when the last re-read changed nothing. */
export function liveDescription(marks: RereadMarks | undefined): string {
  if (!marks) return '';
  const parts: string[] = [];
  if (marks.added.size) parts.push(`+${marks.added.size} new`);
  if (marks.ended) parts.push(`${marks.ended} ended`);
  if (marks.pagesStale) parts.push(`${marks.pagesStale} page${marks.pagesStale === 1 ? '' : 's'} stale`);
  return parts.join(' · ');
}

/**
 * A markdown paragraph for the pool's tooltip: when its sessions were read, and what the last re-read
 * found. VS Code keeps a tooltip once built until the row changes, and with the live view on a read
 * that finds nothing new does not change the row: so the live view's tooltip gives the time of the
 * read (still true later) and not how long ago it was (soon false).
 */
export function lastReadTooltip(readAt: number | undefined, marks: RereadMarks | undefined, now: number, autoRefreshSeconds: number): string {
  if (readAt === undefined) return '';
  const iso = new Date(readAt).toISOString();
  const when =
    autoRefreshSeconds > 0
      ? `Sessions read at ${iso}, and again every ${autoRefreshSeconds} s while the view is visible (the rows change when a read finds a change)`
      : `Sessions read ${relativeTime(new Date(readAt), now)} (${iso})`;
  const live = liveDescription(marks);
  return `\n\n${when}.${live ? ` Since the read before: ${live}.` : ''}`;
}

/** 'new' for a session the last re-read found first, 'stale' for one in a page it did not read again. */
export function sessionLiveMark(marks: RereadMarks | undefined, sessionId: string): 'new' | 'stale' | undefined {
  if (!marks) return undefined;
  if (marks.added.has(sessionId)) return 'new';
  if (marks.stale.has(sessionId)) return 'stale';
  return undefined;
}
