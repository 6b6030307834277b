// The items of the palette's quick picks. Quick picks render `$(name)` as an icon in labels,
// descriptions and details, so every outside string (profile and pool names, ids, pool and
// connection states, regions, user ids) goes through escapeIcons. Types only from `vscode`'s
// shape, no `vscode` import: unit-tested in plain Node (test/unit/security-messages.test.ts).
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { showHidden } from '../core/invisible';
import { escapeIcons } from '../core/text';
import type { PoolEntry, ProfileEntry } from '../model/items';

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
  alwaysShow?: boolean;
  value?: T;
}

export function profilePickItem(p: ProfileEntry, regions: string[]): PickItem<ProfileEntry> {
  return { label: escapeIcons(p.name), description: escapeIcons(regions.join(', ')), detail: p.info.kind, value: p };
}

export function poolPickItem(p: PoolEntry): PickItem<PoolEntry> {
  return {
    label: escapeIcons(p.name),
    description: escapeIcons(`${p.userFilter ? `user: ${showHidden(p.userFilter)} · ` : ''}${p.pool.State ?? ''} · ${p.region}`),
    detail: escapeIcons(p.poolId),
    value: p,
  };
}

export function sessionPickItem(pool: PoolEntry, s: WorkspacesPoolSession, withPool: boolean): PickItem<{ pool: PoolEntry; session: WorkspacesPoolSession }> {
  return {
    // Hidden characters written out (src/core/invisible.ts): no id passes for another, and none
    // leaves a bidi override open over the description.
    label: escapeIcons(showHidden(s.UserId ?? '')),
    description: escapeIcons(s.SessionId ?? ''),
    detail: escapeIcons(withPool ? `${pool.name} · ${pool.profile} · ${pool.region}` : (s.ConnectionState ?? '')),
    value: { pool, session: s },
  };
}
