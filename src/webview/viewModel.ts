// Turns the SDK's pool and session shapes into the plain data the page shows. No `vscode` import,
// and only type imports from the SDK (values come from dist/aws.js at run time).
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { accountFromArn, consoleUrls } from '../util/format';
import type { DetailsData, PoolView, SessionRef, SessionView } from './protocol';

function iso(date: Date | string | number | undefined): string | undefined {
  if (date === undefined) return undefined;
  const d = date instanceof Date ? date : new Date(date);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function toSessionView(session: WorkspacesPoolSession, ref: SessionRef): SessionView {
  return {
    userId: session.UserId ?? ref.userId,
    sessionId: session.SessionId ?? ref.sessionId,
    poolId: session.PoolId ?? ref.poolId,
    connectionState: session.ConnectionState,
    authenticationType: session.AuthenticationType,
    startTime: iso(session.StartTime),
    expirationTime: iso(session.ExpirationTime),
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

/** The session as the API names its members, for "Copy as JSON". */
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
      session.eniId || session.eniPrivateIp
        ? { EniId: session.eniId, EniPrivateIpAddress: session.eniPrivateIp }
        : undefined,
  };
  return JSON.stringify(wire, null, 2);
}
