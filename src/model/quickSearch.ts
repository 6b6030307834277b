// Quick search over what is loaded: a case-insensitive substring of the user id, session id,
// instance id, ENI id or private IP, with no request. No `vscode` import.
import type { SessionItem } from './items';

/** The fields a query matches, in the order shown. */
export function searchableFields(item: SessionItem): string[] {
  const s = item.session;
  return [s.UserId, s.SessionId, s.InstanceId, s.NetworkAccessConfiguration?.EniId, s.NetworkAccessConfiguration?.EniPrivateIpAddress].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}

/** Items whose fields hold `query` (trimmed, any case); all of them for an empty query. */
export function matchSessions<T extends SessionItem>(query: string, items: Iterable<T>): T[] {
  const q = query.trim().toLowerCase();
  const out: T[] = [];
  for (const item of items) {
    if (q === '' || searchableFields(item).some((f) => f.toLowerCase().includes(q))) out.push(item);
  }
  return out;
}
