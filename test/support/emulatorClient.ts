// Typed client of the emulator's HTTP control API (/_emulator/*), for tests that drive an
// emulator running in another process (the extension-host suite, e2e). `fetch` only, no `vscode`.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import type { EmulatorAccount, FaultSpec, PendingAuthorization, RequestLogEntry, SsoSettings } from '../../emulator';

// The same shapes as the emulator's own (types only: this client runs in the extension host too).
export type ControlFaultSpec = FaultSpec;

export type ControlLogEntry = RequestLogEntry;

export interface ControlLogFilter {
  operation?: string;
  /** Only requests that arrived at this sequence number or later: a `mark()` taken before. */
  since?: number;
  /**
   * Let the requests in flight (from `since` on) land first: wait up to this many ms (true: 10 s),
   * and fail if some are still in flight then. Use it before asserting that nothing was sent.
   */
  settle?: boolean | number;
}

export interface ControlLogAnswer {
  entries: ControlLogEntry[];
  /** Entries the log holds now (at most 20,000). */
  total: number;
  /** The sequence number the next request will get. */
  next: number;
  /** Requests (from `since` on) that arrived and are not answered yet. */
  inFlight: number;
  /** Entries the log's bound has dropped so far. */
  dropped: number;
}

export interface ControlNewSession {
  UserId: string;
  SessionId?: string;
  ConnectionState?: 'CONNECTED' | 'NOT_CONNECTED';
  AuthenticationType?: 'SAML';
  InstanceId?: string;
  /** Epoch seconds or ISO 8601. */
  StartTime?: number | string;
  ExpirationTime?: number | string;
  NetworkAccessConfiguration?: { EniId?: string; EniPrivateIpAddress?: string };
}

export class EmulatorControlError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'EmulatorControlError';
  }
}

const reviveDates = <T extends object>(o: T, keys: string[]): T => {
  const r = o as Record<string, unknown>;
  for (const k of keys) if (typeof r[k] === 'string') r[k] = new Date(r[k] as string);
  return o;
};

export class EmulatorClient {
  /** `baseUrl` is the emulator's URL, e.g. process.env.WSP_EMULATOR_URL. */
  constructor(readonly baseUrl: string) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): EmulatorClient {
    const url = env.WSP_EMULATOR_URL;
    if (!url) throw new Error('WSP_EMULATOR_URL is not set');
    return new EmulatorClient(url);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl.replace(/\/$/, '')}/_emulator/${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T & { error?: string };
    if (!response.ok && json.error) throw new EmulatorControlError(response.status, json.error);
    return json;
  }

  async health(): Promise<boolean> {
    return (await this.call<{ ok: boolean }>('GET', 'health')).ok;
  }

  info(): Promise<{ url: string; accounts: EmulatorAccount[]; regions: string[] }> {
    return this.call('GET', 'info');
  }

  /**
   * Log entries, optionally only of one operation and only of requests that arrived at sequence
   * number `since` or later. Fails (410) when the log's bound dropped entries the question needs.
   */
  async log(filter: ControlLogFilter = {}): Promise<ControlLogEntry[]> {
    return (await this.logAnswer(filter)).entries;
  }

  /** The whole answer of the log: entries, the next sequence number, requests in flight. */
  async logAnswer(filter: ControlLogFilter = {}): Promise<ControlLogAnswer> {
    const q = new URLSearchParams();
    if (filter.operation) q.set('operation', filter.operation);
    if (filter.since !== undefined) q.set('since', String(filter.since));
    const settleMs = filter.settle === true ? 10_000 : filter.settle || 0;
    if (settleMs) q.set('settle', String(settleMs));
    const answer = await this.call<ControlLogAnswer>('GET', `log?${q}`);
    if (settleMs && answer.inFlight > 0) {
      throw new Error(`${answer.inFlight} request(s) still in flight at the emulator after ${settleMs} ms: the log cannot say what was sent`);
    }
    return answer;
  }

  /** The sequence number the next request will get: take it before an action, ask `log({ since })` after. */
  async mark(): Promise<number> {
    return (await this.call<{ next: number }>('GET', 'log/next')).next;
  }

  async clearLog(): Promise<void> {
    await this.call('DELETE', 'log');
  }

  async setFaults(operation: string, faults?: ControlFaultSpec): Promise<void> {
    await this.call('PUT', 'faults', { operation, faults: faults ?? null });
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  async faults(): Promise<Record<string, ControlFaultSpec>> {
    return (await this.call<{ faults: Record<string, ControlFaultSpec> }>('GET', 'faults')).faults;
  }

  async setLatency(ms: number): Promise<void> {
    await this.call('POST', 'latency', { ms });
  }

  /** Moves the emulated service's clock (ms ahead of this machine; negative: behind). */
  async setClockOffset(offsetMs: number): Promise<void> {
    await this.call('POST', 'clock', { offsetMs });
  }

  async setTokenTtl(ms: number): Promise<void> {
    await this.call('POST', 'token-ttl', { ms });
  }

  async pools(accountId: string, region: string): Promise<WorkspacesPool[]> {
    const { pools } = await this.call<{ pools: WorkspacesPool[] }>('GET', `pools?${new URLSearchParams({ accountId, region })}`);
    return pools.map((p) => reviveDates(p, ['CreatedAt']));
  }

  async setPoolState(accountId: string, region: string, poolId: string, state: string): Promise<void> {
    await this.call('POST', `pools/${encodeURIComponent(poolId)}/state`, { accountId, region, state });
  }

  /** Completes pending STARTING/STOPPING transitions now. */
  async settleTransitions(): Promise<void> {
    await this.call('POST', 'settle');
  }

  async sessions(accountId: string, region: string, poolId: string): Promise<WorkspacesPoolSession[]> {
    const { sessions } = await this.call<{ sessions: WorkspacesPoolSession[] }>('GET', `sessions?${new URLSearchParams({ accountId, region, poolId })}`);
    return sessions.map((s) => reviveDates(s, ['StartTime', 'ExpirationTime']));
  }

  async addSession(accountId: string, region: string, poolId: string, session: ControlNewSession): Promise<WorkspacesPoolSession> {
    const r = await this.call<{ session: WorkspacesPoolSession }>('POST', 'sessions', { accountId, region, poolId, session });
    return reviveDates(r.session, ['StartTime', 'ExpirationTime']);
  }

  async endSession(sessionId: string): Promise<boolean> {
    return (await this.call<{ ended: boolean }>('DELETE', `sessions/${encodeURIComponent(sessionId)}`)).ended;
  }

  async setConnectionState(sessionId: string, state: 'CONNECTED' | 'NOT_CONNECTED'): Promise<boolean> {
    return (await this.call<{ changed: boolean }>('POST', `sessions/${encodeURIComponent(sessionId)}/connection-state`, { state })).changed;
  }

  async revokeAccessKey(accessKeyId: string): Promise<void> {
    await this.call('POST', 'revoke', { accessKeyId });
  }

  /** The key may still read (Describe*) but gets AccessDeniedException for every change; `false` undoes it. */
  async setKeyReadOnly(accessKeyId: string, readOnly = true): Promise<string[]> {
    return (await this.call<{ readOnly: string[] }>('POST', 'read-only', { accessKeyId, readOnly })).readOnly;
  }

  async issueSessionCredentials(accountId: string, ttlSeconds: number): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date }> {
    const r = await this.call<{ accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string }>('POST', 'session-credentials', { accountId, ttlSeconds });
    return { ...r, expiration: new Date(r.expiration) };
  }

  awsFiles(): Promise<{ config: string; credentials: string }> {
    return this.call('GET', 'aws-files');
  }

  // IAM Identity Center (emulator/sso.ts) ----------------------------------------------------------

  /**
   * The pending device authorization of `startUrl`, once the client under test has started one: the
   * emulator answers as soon as it exists (or after `waitMs`, and then this throws).
   */
  async ssoPendingCode(startUrl: string, waitMs = 30_000): Promise<PendingAuthorization> {
    const q = new URLSearchParams({ wait: String(waitMs), startUrl });
    const { pending } = await this.call<{ pending: PendingAuthorization[] }>('GET', `sso?${q}`);
    if (!pending[0]) throw new Error(`no pending IAM Identity Center sign-in for ${startUrl} after ${waitMs} ms`);
    return pending[0];
  }

  /** What a person does on the verification page: approve or deny; or let the code expire now. */
  async ssoDecide(userCode: string, decision: 'approve' | 'deny' | 'expire'): Promise<void> {
    await this.call('POST', `sso/${decision}`, { userCode });
  }

  async ssoSettings(changes: Partial<SsoSettings>): Promise<SsoSettings> {
    return (await this.call<{ settings: SsoSettings }>('POST', 'sso/settings', changes)).settings;
  }

  /** The next `count` polls of a pending code answer SlowDownException. */
  async ssoSlowDown(count = 1): Promise<void> {
    await this.call('POST', 'sso/slow-down', { count });
  }

  /** Every access token issued so far expires now (their refresh tokens stay valid). */
  async ssoExpireAccessTokens(): Promise<void> {
    await this.call('POST', 'sso/expire-tokens', {});
  }
}
