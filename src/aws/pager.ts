// Paging over NextToken for the pool operations (no SDK paginator exists for them). Each function
// takes a `send` bound to one profile and region (see AwsGateway), so it is independent of how
// clients, credentials and logging are managed.
import {
  DescribeWorkspacesPoolSessionsCommand,
  DescribeWorkspacesPoolsCommand,
  WorkSpacesClient,
  WorkspacesPool,
  WorkspacesPoolSession,
} from '@aws-sdk/client-workspaces';

/** Runs one API call with a client for a fixed profile and region; logs it and bounds concurrency. */
export type Send = <T>(
  operation: string,
  run: (client: WorkSpacesClient, options: { abortSignal?: AbortSignal }) => Promise<T>,
  signal?: AbortSignal,
) => Promise<T>;

export interface SessionsPageOptions {
  /** Server-side filter (the service's UserId, exact match). */
  userId?: string;
  nextToken?: string;
  /** Sessions per page, 1-50 (the service's bounds); clamped. Default 50. */
  limit?: number;
  signal?: AbortSignal;
}

/** One page of a pool's sessions: the one page type of the extension (the tree's paging state is generic over S for its tests). */
export interface SessionsPage<S = WorkspacesPoolSession> {
  sessions: S[];
  /** Undefined at the end; the service's '' is normalised to undefined. */
  nextToken?: string;
}

export const MAX_SESSIONS_PAGE = 50;
export const POOLS_PAGE = 25;

export function clampLimit(limit: number | undefined, max = MAX_SESSIONS_PAGE): number {
  if (limit === undefined || !Number.isFinite(limit)) return max;
  return Math.min(max, Math.max(1, Math.trunc(limit)));
}

/** One page of a pool's sessions. */
export async function sessionsPage(send: Send, poolId: string, options: SessionsPageOptions = {}): Promise<SessionsPage> {
  const input = {
    PoolId: poolId,
    Limit: clampLimit(options.limit),
    ...(options.userId ? { UserId: options.userId } : {}),
    ...(options.nextToken ? { NextToken: options.nextToken } : {}),
  };
  const out = await send(
    'DescribeWorkspacesPoolSessions',
    (client, o) => client.send(new DescribeWorkspacesPoolSessionsCommand(input), o),
    options.signal,
  );
  return { sessions: out.Sessions ?? [], nextToken: out.NextToken || undefined };
}

/** Every page of a pool's sessions, in order, until the service has no more. */
export async function* pageSessions(
  send: Send,
  poolId: string,
  options: Omit<SessionsPageOptions, 'nextToken'> = {},
): AsyncGenerator<SessionsPage, void, undefined> {
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await sessionsPage(send, poolId, { ...options, nextToken });
    yield page;
    nextToken = page.nextToken;
    if (nextToken !== undefined) checkProgress(seen, nextToken);
  } while (nextToken !== undefined);
}

/** All pools of the region, every page (DescribeWorkspacesPools allows at most 25 per page). */
export async function listPools(send: Send, signal?: AbortSignal): Promise<WorkspacesPool[]> {
  const pools: WorkspacesPool[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const input = { Limit: POOLS_PAGE, ...(nextToken ? { NextToken: nextToken } : {}) };
    const out = await send('DescribeWorkspacesPools', (client, o) => client.send(new DescribeWorkspacesPoolsCommand(input), o), signal);
    pools.push(...(out.WorkspacesPools ?? []));
    nextToken = out.NextToken || undefined;
    if (nextToken !== undefined) checkProgress(seen, nextToken);
  } while (nextToken !== undefined);
  return pools;
}

/**
 * One session by id. The service cannot filter by session id, so this filters by the session's
 * user server-side (few pages) and pages until the id turns up. Undefined if the session is gone.
 */
export async function findSession(
  send: Send,
  poolId: string,
  sessionId: string,
  userId: string,
  signal?: AbortSignal,
): Promise<WorkspacesPoolSession | undefined> {
  for await (const page of pageSessions(send, poolId, { userId, limit: MAX_SESSIONS_PAGE, signal })) {
    const found = page.sessions.find((s) => s.SessionId === sessionId);
    if (found) return found;
  }
  return undefined;
}

/** A service that hands back a token it already gave would make us loop forever. */
function checkProgress(seen: Set<string>, token: string): void {
  if (seen.has(token)) {
    const error = new Error('The service returned a page token it had already returned; stopped to avoid looping.');
    error.name = 'PagingLoopError';
    throw error;
  }
  seen.add(token);
}
