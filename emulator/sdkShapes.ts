// Wire shapes (timestamps as epoch seconds, as the service sends them) into the shapes the SDK hands
// its callers (timestamps as Date), for the in-process API and the control API.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import type { WirePool, WireSession } from './scenario';

const toDate = (seconds: number | undefined) => (seconds === undefined ? undefined : new Date(seconds * 1000));

/** A wire pool as the SDK hands it to callers (timestamps as Date). */
export function toSdkPool(p: WirePool): WorkspacesPool {
  return { ...structuredClone(p), CreatedAt: new Date(p.CreatedAt * 1000) } as WorkspacesPool;
}

/** A wire session as the SDK hands it to callers (timestamps as Date). */
export function toSdkSession(s: WireSession): WorkspacesPoolSession {
  const out: WorkspacesPoolSession = { ...s, StartTime: toDate(s.StartTime), ExpirationTime: toDate(s.ExpirationTime) };
  if (s.NetworkAccessConfiguration) out.NetworkAccessConfiguration = { ...s.NetworkAccessConfiguration };
  if (out.StartTime === undefined) delete out.StartTime;
  if (out.ExpirationTime === undefined) delete out.ExpirationTime;
  return out;
}
