// Scenario data: accounts with their keys, and per (account, region) pools and their sessions,
// kept in the wire shape (timestamps as epoch seconds) so that responses are serialised as is.
import { readFileSync } from 'node:fs';
import type { Random } from './random';

export type PoolState = 'CREATING' | 'DELETING' | 'RUNNING' | 'STARTING' | 'STOPPED' | 'STOPPING' | 'UPDATING';
export type ConnectionState = 'CONNECTED' | 'NOT_CONNECTED';

export interface WirePool {
  PoolId: string;
  PoolArn: string;
  CapacityStatus: {
    AvailableUserSessions: number;
    DesiredUserSessions: number;
    ActualUserSessions: number;
    ActiveUserSessions: number;
  };
  PoolName: string;
  Description?: string;
  State: PoolState;
  CreatedAt: number;
  BundleId: string;
  DirectoryId: string;
  Errors?: { ErrorCode?: string; ErrorMessage?: string }[];
  ApplicationSettings?: { Status: 'DISABLED' | 'ENABLED'; SettingsGroup?: string; S3BucketName?: string };
  TimeoutSettings?: { DisconnectTimeoutInSeconds?: number; IdleDisconnectTimeoutInSeconds?: number; MaxUserDurationInSeconds?: number };
  RunningMode: 'AUTO_STOP' | 'ALWAYS_ON';
}

export interface WireSession {
  AuthenticationType?: 'SAML';
  ConnectionState?: ConnectionState;
  SessionId: string;
  InstanceId?: string;
  PoolId: string;
  ExpirationTime?: number;
  NetworkAccessConfiguration?: { EniPrivateIpAddress?: string; EniId?: string };
  StartTime?: number;
  UserId: string;
}

/** An account of the emulator: its profile, static keys and the profile's region. */
export interface EmulatorAccount {
  accountId: string;
  profileName: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Region written into the profile of the generated AWS config. */
  region: string;
}

export interface ScenarioPool {
  accountId: string;
  region: string;
  pool: WirePool;
  sessions: WireSession[];
}

export interface Scenario {
  accounts: EmulatorAccount[];
  regions: string[];
  pools: ScenarioPool[];
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function newSecret(random: Random): string {
  return random.string(SECRET_ALPHABET, 40);
}

/** An access key id as AWS formats them: AKIA (long-term) or ASIA (temporary) and 16 characters. */
export function newAccessKeyId(random: Random, temporary = false): string {
  return (temporary ? 'ASIA' : 'AKIA') + random.string(KEY_ALPHABET, 16);
}

/** An instance, ENI and private IP as AWS formats them. */
export function newSessionPlacement(random: Random): Pick<WireSession, 'InstanceId' | 'NetworkAccessConfiguration'> {
  return {
    InstanceId: `i-${random.hex(17)}`,
    NetworkAccessConfiguration: {
      EniId: `eni-${random.hex(17)}`,
      EniPrivateIpAddress: `10.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`,
    },
  };
}

/** The capacity of a pool in `state` with `desired` sessions wanted and `active` present. */
export function capacityFor(state: PoolState, desired: number, active: number): WirePool['CapacityStatus'] {
  const actual = state === 'RUNNING' || state === 'UPDATING' || state === 'STOPPING' ? Math.max(desired, active) : active;
  return { AvailableUserSessions: actual - active, DesiredUserSessions: desired, ActualUserSessions: actual, ActiveUserSessions: active };
}

/** Recomputes a pool's capacity after its sessions changed, keeping Actual = Available + Active. */
export function refreshCapacity(entry: ScenarioPool): void {
  const c = entry.pool.CapacityStatus;
  const active = entry.sessions.length;
  const actual = Math.max(c.ActualUserSessions, active);
  entry.pool.CapacityStatus = { ...c, ActiveUserSessions: active, ActualUserSessions: actual, AvailableUserSessions: actual - active };
}

function toEpochSeconds(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms / 1000;
  }
  throw new Error(`not a timestamp (epoch seconds or ISO 8601): ${JSON.stringify(value)}`);
}

/**
 * A scenario from JSON (same shape as `Scenario`; timestamps may be epoch seconds or ISO strings;
 * CapacityStatus may be omitted and is then derived from the sessions).
 */
export function parseScenario(json: unknown, source = 'scenario'): Scenario {
  const s = json as Partial<Scenario>;
  if (!s || !Array.isArray(s.accounts) || !Array.isArray(s.pools)) {
    throw new Error(`${source}: expected an object with "accounts" and "pools" arrays`);
  }
  const regions = new Set<string>(s.regions ?? []);
  const accountIds = new Set(s.accounts.map((a) => a.accountId));
  for (const [i, a] of s.accounts.entries()) {
    for (const key of ['accountId', 'profileName', 'accessKeyId', 'secretAccessKey'] as const) {
      if (typeof a[key] !== 'string' || !a[key]) throw new Error(`${source}: accounts[${i}].${key} is missing`);
    }
    if (!/^\d{12}$/.test(a.accountId)) throw new Error(`${source}: accounts[${i}].accountId must be 12 digits`);
  }
  const pools = s.pools.map((p, i): ScenarioPool => {
    if (!accountIds.has(p.accountId)) throw new Error(`${source}: pools[${i}].accountId ${p.accountId} is not one of the accounts`);
    if (typeof p.region !== 'string') throw new Error(`${source}: pools[${i}].region is missing`);
    regions.add(p.region);
    const raw = p.pool as WirePool & { CreatedAt: unknown };
    const sessions = (p.sessions ?? []).map((x) => {
      const raws = x as WireSession & { StartTime: unknown; ExpirationTime: unknown };
      const session: WireSession = { ...raws, PoolId: raws.PoolId ?? raw.PoolId } as WireSession;
      const start = toEpochSeconds(raws.StartTime);
      const end = toEpochSeconds(raws.ExpirationTime);
      if (start === undefined) delete session.StartTime; else session.StartTime = start;
      if (end === undefined) delete session.ExpirationTime; else session.ExpirationTime = end;
      return session;
    });
    const pool: WirePool = {
      ...raw,
      PoolArn: raw.PoolArn ?? `arn:aws:workspaces:${p.region}:${p.accountId}:workspacespool/${raw.PoolId}`,
      CreatedAt: toEpochSeconds(raw.CreatedAt) ?? Math.floor(Date.now() / 1000),
      CapacityStatus: raw.CapacityStatus ?? capacityFor(raw.State, sessions.length, sessions.length),
    };
    return { accountId: p.accountId, region: p.region, pool, sessions };
  });
  const accounts = s.accounts.map((a) => ({ ...a, region: a.region ?? [...regions][0] ?? 'us-east-1' }));
  return { accounts, regions: [...regions], pools };
}

export function loadScenarioFile(path: string): Scenario {
  return parseScenario(JSON.parse(readFileSync(path, 'utf8')), path);
}
