// The emulated service's state (accounts and keys, pools and sessions, faults, latency, clock,
// request log) and the in-process API that inspects and changes it. No HTTP here: `awsApi.ts`
// answers the AWS requests against this state, `control.ts` exposes this API as JSON, and
// `emulator.ts` puts both behind a server.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAwsRequest, type AwsApiContext } from './awsApi';
import { awsFilesText, type AwsFilesText } from './awsFiles';
import { checkLatencyMs, Faults, parseFaultSpec, type FaultSpec } from './faults';
import { SERVICE } from './modelShapes';
import { HANDLERS } from './operations';
import { Random } from './random';
import { RequestLog, type RequestLogEntry } from './requestLog';
import {
  newAccessKeyId, newSecret, newSessionPlacement,
  type ConnectionState, type EmulatorAccount, type PoolState, type Scenario, type WireSession,
} from './scenario';
import { toSdkPool, toSdkSession } from './sdkShapes';
import { SigV4Verifier, type SigningIdentity } from './sigv4';
import { SsoService } from './sso';
import { Store } from './store';
import { TokenCodec } from './tokens';
import { PoolTransitions } from './transitions';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. The emulator always binds 127.0.0.1. */
  port?: number;
  scenario?: 'demo' | string | Scenario;
  /** Seed of the demo scenario (default 1). */
  seed?: number;
  /** Latency added to every operation unless a fault spec says otherwise. */
  latencyMs?: number;
  /** NextToken lifetime (default 15 minutes). */
  tokenTtlMs?: number;
  /** Time a pool spends in STARTING / STOPPING (default 3 s). */
  transitionMs?: number;
  /**
   * How far the emulated service's clock is ahead of this machine's (negative: behind). Lets tests
   * show a client with a wrong clock being refused and correcting itself from the Date header.
   */
  clockOffsetMs?: number;
  /** Seed of the fault dice, for reproducible fault sequences in tests (default: time-based). */
  faultSeed?: number;
  /** How many entries the request log keeps (default 20,000); older ones are dropped. */
  logCapacity?: number;
}

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface NewSession {
  UserId: string;
  SessionId?: string;
  ConnectionState?: ConnectionState;
  AuthenticationType?: 'SAML';
  InstanceId?: string;
  StartTime?: Date;
  ExpirationTime?: Date;
  NetworkAccessConfiguration?: { EniId?: string; EniPrivateIpAddress?: string };
}

export class EmulatedService {
  /** The base URL once the server listens (`http://127.0.0.1:PORT`). */
  url = '';
  /** The request log with its sequence numbers: `next` (a mark), `since(mark)`, in-flight count, `settled()`. */
  readonly requestLog: RequestLog;
  /** IAM Identity Center: SSO-OIDC and the portal's GetRoleCredentials (sso.ts). */
  readonly sso: SsoService;
  private readonly store: Store;
  private readonly tokens: TokenCodec;
  private readonly faults: Faults;
  private readonly verifier: SigV4Verifier;
  private readonly random: Random;
  private readonly revoked = new Set<string>();
  /** Keys that may read but not change (a caller whose IAM policy allows only Describe*). */
  private readonly readOnlyKeys = new Set<string>();
  private readonly temporary = new Map<string, SigningIdentity & { accessKeyId: string }>();
  private readonly transitions: PoolTransitions;
  private readonly api: AwsApiContext;
  private latencyMs: number;
  private clockOffsetMs: number;

  constructor(scenario: Scenario, options: EmulatorOptions = {}) {
    this.store = new Store(scenario);
    this.requestLog = new RequestLog(options.logCapacity);
    this.random = new Random((options.seed ?? 1) ^ 0x5eed);
    this.faults = new Faults(new Random(options.faultSeed ?? Date.now()));
    this.tokens = new TokenCodec(options.tokenTtlMs ?? 15 * 60_000, randomBytes(32));
    this.latencyMs = checkLatencyMs(options.latencyMs ?? 0);
    this.clockOffsetMs = options.clockOffsetMs ?? 0;
    this.transitions = new PoolTransitions(this.store, options.transitionMs ?? 3000);
    this.verifier = new SigV4Verifier((id) => this.identity(id), SERVICE.signingName, () => this.serviceTime());
    this.api = {
      store: this.store,
      tokens: this.tokens,
      faults: this.faults,
      verifier: this.verifier,
      requestLog: this.requestLog,
      transitions: this.transitions,
      latencyMs: () => this.latencyMs,
      serviceTime: () => this.serviceTime(),
      isReadOnly: (accessKeyId) => this.readOnlyKeys.has(accessKeyId),
    };
    this.sso = new SsoService({
      requestLog: this.requestLog,
      hasAccount: (accountId) => this.store.account(accountId) !== undefined,
      issueCredentials: (accountId, ttl) => this.issueSessionCredentials(accountId, ttl),
      baseUrl: () => this.url,
    });
  }

  get accounts(): EmulatorAccount[] {
    return this.store.accounts.map((a) => ({ ...a }));
  }

  get regions(): string[] {
    return [...this.store.regions];
  }

  get log(): RequestLogEntry[] {
    return this.requestLog.entries;
  }

  clearLog(): void {
    this.requestLog.clear();
  }

  setFaults(operation: string, faults?: FaultSpec): void {
    // `op@region` scopes the faults to one region (faults.ts).
    const [name, region, ...rest] = operation.split('@');
    if ((name !== '*' && !HANDLERS[name]) || rest.length > 0 || region === '') {
      throw new Error(`unknown operation ${operation} (use an operation name or '*', optionally followed by @region)`);
    }
    this.faults.set(operation, faults && parseFaultSpec(faults));
  }

  clearFaults(): void {
    this.faults.clear();
  }

  listFaults(): Record<string, FaultSpec> {
    return this.faults.list();
  }

  /** Latency added to every operation without its own; 0..MAX_LATENCY_MS (RangeError otherwise). */
  setLatency(ms: number): void {
    this.latencyMs = checkLatencyMs(ms, 'latency');
  }

  pools(accountId: string, region: string): WorkspacesPool[] {
    return this.store.poolList(accountId, region).map((e) => toSdkPool(e.pool));
  }

  sessions(accountId: string, region: string, poolId: string): WorkspacesPoolSession[] {
    return this.store.requirePool(accountId, region, poolId).sessions.map(toSdkSession);
  }

  /** Starts a session in a pool (fields not given are generated) and returns it. */
  addSession(accountId: string, region: string, poolId: string, session: NewSession): WorkspacesPoolSession {
    const now = Math.floor(Date.now() / 1000);
    const wire: WireSession = {
      SessionId: session.SessionId ?? this.random.uuid(),
      PoolId: poolId,
      UserId: session.UserId,
      ConnectionState: session.ConnectionState ?? 'CONNECTED',
      StartTime: session.StartTime ? session.StartTime.getTime() / 1000 : now,
      ExpirationTime: session.ExpirationTime ? session.ExpirationTime.getTime() / 1000 : now + 8 * 3600,
      ...newSessionPlacement(this.random),
    };
    if (session.AuthenticationType) wire.AuthenticationType = session.AuthenticationType;
    if (session.InstanceId) wire.InstanceId = session.InstanceId;
    if (session.NetworkAccessConfiguration) wire.NetworkAccessConfiguration = { ...session.NetworkAccessConfiguration };
    return toSdkSession(this.store.addSession(accountId, region, poolId, wire));
  }

  /** Ends a session; false when there is no such session. */
  endSession(sessionId: string): boolean {
    return this.store.endSession(sessionId) !== undefined;
  }

  setConnectionState(sessionId: string, state: ConnectionState): boolean {
    return this.store.setConnectionState(sessionId, state) !== undefined;
  }

  setPoolState(accountId: string, region: string, poolId: string, state: PoolState): void {
    this.store.setPoolState(this.store.requirePool(accountId, region, poolId), state);
  }

  /** Completes every pending STARTING/STOPPING transition now (tests need not wait for timers). */
  settleTransitions(): void {
    this.transitions.settle();
  }

  /** Later requests signed with this key get UnrecognizedClientException. */
  revokeAccessKey(accessKeyId: string): void {
    this.revoked.add(accessKeyId);
    this.verifier.forget(accessKeyId);
  }

  /**
   * Requests signed with this key may still read (Describe*), but every operation that changes
   * something gets AccessDeniedException naming the IAM action, as for a read-only policy.
   * `readOnly: false` gives the key its changes back.
   */
  setKeyReadOnly(accessKeyId: string, readOnly = true): void {
    if (readOnly) this.readOnlyKeys.add(accessKeyId);
    else this.readOnlyKeys.delete(accessKeyId);
  }

  /** The keys that may only read. */
  readOnlyAccessKeys(): string[] {
    return [...this.readOnlyKeys];
  }

  issueSessionCredentials(accountId: string, ttlSeconds: number): SessionCredentials {
    if (!this.store.account(accountId)) throw new Error(`unknown account ${accountId}`);
    const accessKeyId = newAccessKeyId(this.random, true);
    const secretAccessKey = newSecret(this.random);
    const sessionToken = `EMU${randomBytes(96).toString('base64')}`;
    const expiresAt = Date.now() + ttlSeconds * 1000;
    this.temporary.set(accessKeyId, { accessKeyId, accountId, secretAccessKey, sessionToken, expiresAt });
    return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expiresAt) };
  }

  /** The emulated service's clock (this machine's plus the offset). */
  serviceTime(): number {
    return Date.now() + this.clockOffsetMs;
  }

  setClockOffset(ms: number): void {
    this.clockOffsetMs = ms;
  }

  setTokenTtl(ms: number): void {
    this.tokens.ttlMs = ms;
  }

  awsFiles(): AwsFilesText {
    return awsFilesText(this.url, this.store.accounts);
  }

  /** @internal Answers one request on the AWS API path (`POST /`). */
  handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (SsoService.routes(req.method ?? '', path)) return this.sso.handle(req, res, path);
    return handleAwsRequest(this.api, req, res, path);
  }

  /** @internal Drops timers that would outlive the emulator. */
  protected dispose(): void {
    this.transitions.cancel();
  }

  private identity(accessKeyId: string): SigningIdentity | undefined {
    if (this.revoked.has(accessKeyId)) return undefined;
    const account = this.store.accounts.find((a) => a.accessKeyId === accessKeyId);
    if (account) return { accountId: account.accountId, secretAccessKey: account.secretAccessKey };
    return this.temporary.get(accessKeyId);
  }
}
