// The data the page shows, from a session and its pool as plain views (src/core/session.ts).
// No `vscode` import.
import { accountFromArn, consoleUrls } from '../core/consoleLinks';
import type { PoolView, SessionRef, SessionView } from '../core/session';
import type { DetailsData } from './protocol';

export function buildDetails(ref: SessionRef, session: SessionView, pool: PoolView | undefined, fetchedAt: Date): DetailsData {
  const urls = consoleUrls(ref.region, ref.poolId, session.instanceId, session.eniId);
  return {
    ref,
    session,
    pool,
    account: accountFromArn(pool?.poolArn),
    fetchedAt: fetchedAt.toISOString(),
    links: { pool: !!urls.pool, instance: !!urls.instance, eni: !!urls.eni },
  };
}

