// One pool session, wherever it is shown: the reference that names it (tree, commands, details
// page, saved page state), its plain view for the page, and its one JSON form for "Copy as JSON".
// No `vscode` import and only type imports from the SDK: the page bundle uses it too.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { isRecord } from './guards';
import { isoString } from './time';

/** Identifies one pool session wherever it is shown (tree, commands, details panel). */
export interface SessionRef {
  profile: string;
  region: string;
  poolId: string;
  sessionId: string;
  userId: string;
}

/** A session and its pool as the explorer already holds them: the details page shows them without a request. */
export interface KnownSession {
  session: WorkspacesPoolSession;
  pool?: WorkspacesPool;
}

/** A SessionRef from anything (a restored state, a command argument), or undefined. */
export function asSessionRef(value: unknown): SessionRef | undefined {
  if (!isRecord(value)) return undefined;
  const { profile, region, poolId, sessionId, userId } = value;
  if ([profile, region, poolId, sessionId, userId].every((v) => typeof v === 'string' && v !== '')) {
    return { profile, region, poolId, sessionId, userId } as SessionRef;
  }
  return undefined;
}

/** The key of one session: its id within a pool, profile and region. */
export function sessionKey(ref: SessionRef): string {
  return JSON.stringify([ref.profile, ref.region, ref.poolId, ref.sessionId]);
}

/** A session as plain data with ISO 8601 dates (postMessage and saved state keep no Date). */
export interface SessionView {
  userId: string;
  sessionId: string;
  poolId: string;
  connectionState?: string;
  authenticationType?: string;
  /** ISO 8601 */
  startTime?: string;
  /** ISO 8601 */
  expirationTime?: string;
  instanceId?: string;
  eniId?: string;
  eniPrivateIp?: string;
}

export interface PoolView {
  poolId: string;
  poolName?: string;
  poolArn?: string;
  state?: string;
  runningMode?: string;
  description?: string;
  capacity?: { available?: number; desired?: number; actual?: number; active?: number };
}

export function toSessionView(session: WorkspacesPoolSession, ref?: SessionRef): SessionView {
  return {
    userId: session.UserId ?? ref?.userId ?? '',
    sessionId: session.SessionId ?? ref?.sessionId ?? '',
    poolId: session.PoolId ?? ref?.poolId ?? '',
    connectionState: session.ConnectionState,
    authenticationType: session.AuthenticationType,
    startTime: isoString(session.StartTime),
    expirationTime: isoString(session.ExpirationTime),
    instanceId: session.InstanceId,
    eniId: session.NetworkAccessConfiguration?.EniId,
    eniPrivateIp: session.NetworkAccessConfiguration?.EniPrivateIpAddress,
  };
}

export function toPoolView(pool: WorkspacesPool): PoolView {
  const c = pool.CapacityStatus;
  return {
    poolId: pool.PoolId ?? '',
    poolName: pool.PoolName,
    poolArn: pool.PoolArn,
    state: pool.State,
    runningMode: pool.RunningMode,
    description: pool.Description,
    capacity: c && {
      available: c.AvailableUserSessions,
      desired: c.DesiredUserSessions,
      actual: c.ActualUserSessions,
      active: c.ActiveUserSessions,
    },
  };
}

/**
 * The session as the API names its members, dates in ISO 8601: the one text of "Copy Session as
 * JSON", from the palette, the tree and the details page alike.
 */
export function sessionJson(session: SessionView): string {
  const wire = {
    SessionId: session.sessionId,
    UserId: session.userId,
    PoolId: session.poolId,
    ConnectionState: session.connectionState,
    AuthenticationType: session.authenticationType,
    StartTime: session.startTime,
    ExpirationTime: session.expirationTime,
    InstanceId: session.instanceId,
    NetworkAccessConfiguration:
      session.eniId || session.eniPrivateIp ? { EniId: session.eniId, EniPrivateIpAddress: session.eniPrivateIp } : undefined,
  };
  return JSON.stringify(wire, null, 2);
}
