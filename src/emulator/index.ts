// Local emulator of the WorkSpaces Pools API (awsJson1_1 + SigV4 over loopback), in process.
// See README.md in this folder for the protocol details, scenarios, faults and HTTP control.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { awsFilesText, type AwsFilesText } from './awsFiles';
import { handleControl } from './control';
import { ServiceError } from './errors';
import { Faults, type FaultSpec } from './faults';
import { SERVICE } from './modelShapes';
import { HANDLERS, invoke, type CallContext } from './operations';
import { Random } from './random';
import { loggableParams, RequestLog, type RequestLogEntry } from './requestLog';
import {
  demoScenario, loadScenarioFile, newAccessKeyId, newSecret, newSessionPlacement, parseScenario,
  type ConnectionState, type PoolState, type Scenario, type WirePool, type WireSession,
} from './scenario';
import { SigV4Verifier, type SigningIdentity } from './sigv4';
import { PoolEntry, Store } from './store';
import { TokenCodec } from './tokens';

export type { FaultSpec } from './faults';
export type { RequestLogEntry } from './requestLog';
export * from './scenario';
export { outputProblems } from './validate';

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
}

export interface EmulatorAccount {
  accountId: string;
  profileName: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
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

const JSON_TYPES = new Set(['application/x-amz-json-1.1', 'application/x-amz-json-1.0']);
const MAX_BODY_BYTES = 1 << 20;

/** Is this socket address a loopback one (IPv4 127/8, IPv6 ::1, IPv4-mapped 127/8)? */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * May a request reach the control API? Loopback peers only is not enough against a web page in a
 * local browser: through DNS rebinding its requests arrive from 127.0.0.1 with a foreign Host, and
 * a cross-site fetch carries an Origin. Scripts and tests (Node's fetch) send neither.
 */
export function isTrustedControlRequest(host: string | undefined, origin: string | undefined): boolean {
  if (origin !== undefined) return false;
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

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

function resolveScenario(options: EmulatorOptions): Scenario {
  const s = options.scenario ?? 'demo';
  if (s === 'demo') return demoScenario({ seed: options.seed });
  if (typeof s === 'string') return loadScenarioFile(s);
  return parseScenario(structuredClone(s));
}

export class Emulator {
  url = '';
  private readonly store: Store;
  private readonly tokens: TokenCodec;
  private readonly faults: Faults;
  private readonly requestLog = new RequestLog();
  private readonly verifier: SigV4Verifier;
  private readonly random: Random;
  private readonly revoked = new Set<string>();
  private readonly temporary = new Map<string, SigningIdentity & { accessKeyId: string }>();
  private readonly transitions = new Map<PoolEntry, { timer: NodeJS.Timeout; via: PoolState; to: PoolState }>();
  private readonly server: Server;
  private latencyMs: number;
  private readonly transitionMs: number;
  private stopped = false;
  private clockOffsetMs: number;

  constructor(scenario: Scenario, options: EmulatorOptions = {}) {
    this.store = new Store(scenario);
    this.random = new Random((options.seed ?? 1) ^ 0x5eed);
    this.faults = new Faults(new Random(options.faultSeed ?? Date.now()));
    this.tokens = new TokenCodec(options.tokenTtlMs ?? 15 * 60_000, randomBytes(32));
    this.latencyMs = options.latencyMs ?? 0;
    this.transitionMs = options.transitionMs ?? 3000;
    this.clockOffsetMs = options.clockOffsetMs ?? 0;
    this.verifier = new SigV4Verifier((id) => this.identity(id), SERVICE.signingName, () => this.serviceTime());
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.sendJson(res, 500, { __type: 'InternalFailure', message: String(error) }, randomUUID());
        else res.destroy();
      });
    });
    // Keep-alive connections must not hold stop() up.
    this.server.keepAliveTimeout = 5000;
  }

  /** @internal */
  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}`;
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
    if (operation !== '*' && !HANDLERS[operation]) throw new Error(`unknown operation ${operation} (use an operation name or '*')`);
    this.faults.set(operation, faults);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  listFaults(): Record<string, FaultSpec> {
    return this.faults.list();
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
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

  /** Later requests signed with this key get UnrecognizedClientException. */
  revokeAccessKey(accessKeyId: string): void {
    this.revoked.add(accessKeyId);
    this.verifier.forget(accessKeyId);
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

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const { timer } of this.transitions.values()) clearTimeout(timer);
    this.transitions.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Requests held open by a 'timeout' fault and idle keep-alive sockets end now.
    this.server.closeAllConnections();
    await closed;
  }

  private identity(accessKeyId: string): SigningIdentity | undefined {
    if (this.revoked.has(accessKeyId)) return undefined;
    const account = this.store.accounts.find((a) => a.accessKeyId === accessKeyId);
    if (account) return { accountId: account.accountId, secretAccessKey: account.secretAccessKey };
    return this.temporary.get(accessKeyId);
  }

  private transition(entry: PoolEntry, via: PoolState, to: PoolState): void {
    this.store.setPoolState(entry, via);
    const t = setTimeout(() => this.finishTransition(entry), this.transitionMs);
    this.transitions.set(entry, { timer: t, via, to });
  }

  private finishTransition(entry: PoolEntry): void {
    const pending = this.transitions.get(entry);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.transitions.delete(entry);
    if (entry.pool.State === pending.via) this.store.setPoolState(entry, pending.to);
  }

  /** Completes every pending STARTING/STOPPING transition now (tests need not wait for timers). */
  settleTransitions(): void {
    for (const entry of [...this.transitions.keys()]) this.finishTransition(entry);
  }

  private sendJson(res: ServerResponse, status: number, body: unknown, requestId: string, errorType?: string): void {
    const text = JSON.stringify(body);
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/x-amz-json-1.1',
      'Content-Length': Buffer.byteLength(text),
      'x-amzn-RequestId': requestId,
      // The SDK corrects its clock from this header.
      Date: new Date(this.serviceTime()).toUTCString(),
    };
    if (errorType) headers['x-amzn-ErrorType'] = errorType;
    res.writeHead(status, headers);
    res.end(text);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress)) {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'The emulator only serves loopback clients.' }));
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/_emulator' || path.startsWith('/_emulator/')) {
      if (!isTrustedControlRequest(req.headers.host, req.headers.origin)) {
        res.writeHead(403, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: 'The control API answers local scripts only (loopback Host, no Origin).' }));
        return;
      }
      await handleControl(this, req, res);
      return;
    }
    await this.api(req, res, path);
  }

  private async readBody(req: IncomingMessage): Promise<string | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    // Read to the end even when too large (and drop it), so that the client gets our answer
    // rather than a reset connection.
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    }
    return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
  }

  private async api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const started = performance.now();
    const requestId = randomUUID();
    const target = String(req.headers['x-amz-target'] ?? '');
    const prefix = `${SERVICE.targetPrefix}.`;
    let operation = target.startsWith(prefix) ? target.slice(prefix.length) : target || '(none)';
    const entry: RequestLogEntry = { time: new Date().toISOString(), operation, params: {}, status: 0, durationMs: 0, requestId };
    const finish = (status: number, body: unknown, errorType?: string) => {
      entry.status = status;
      if (errorType) entry.errorType = errorType;
      entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
      this.requestLog.add(entry);
      this.sendJson(res, status, body, requestId, errorType);
    };
    const fail = (error: ServiceError) => finish(error.status, { __type: error.type, message: error.message, ...error.extra }, error.type);

    const body = await this.readBody(req);
    if (body === undefined) return fail(new ServiceError('SerializationException', 'Request body too large.', 413));
    // Coral services route on method, path and content type before anything else; what they
    // answer for a request they cannot route is 404 UnknownOperationException.
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (req.method !== 'POST' || path !== '/' || !JSON_TYPES.has(contentType)) {
      operation = entry.operation = '(unroutable)';
      return fail(new ServiceError('UnknownOperationException', 'The request could not be routed: POST / with Content-Type application/x-amz-json-1.1 expected.', 404));
    }
    if (!target.startsWith(prefix) || !HANDLERS[operation]) {
      return fail(new ServiceError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`));
    }
    let verified;
    try {
      verified = await this.verifier.verify('POST', path, req.headers, body);
    } catch (error) {
      if (error instanceof ServiceError) return fail(error);
      throw error;
    }
    entry.accountId = verified.accountId;
    entry.region = verified.region;
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return fail(new ServiceError('SerializationException', 'The request body is not valid JSON.'));
    }
    entry.params = loggableParams(input);

    const spec = this.faults.effective(operation);
    const delay = this.faults.delayMs(spec, this.latencyMs);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const outcome = this.faults.roll(spec);
    switch (outcome.kind) {
      case 'drop':
        entry.fault = 'drop';
        entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
        this.requestLog.add(entry);
        req.socket.destroy();
        return;
      case 'timeout':
        // Never answered; the client's timeout (or stop()) ends it.
        entry.fault = 'timeout';
        this.requestLog.add(entry);
        return;
      case 'access-denied':
        entry.fault = 'access-denied';
        return fail(new ServiceError('AccessDeniedException',
          `User: arn:aws:iam::${verified.accountId}:user/emulator is not authorized to perform: workspaces:${operation} because no identity-based policy allows the workspaces:${operation} action`));
      case 'throttle':
        entry.fault = 'throttle';
        return fail(new ServiceError('ThrottlingException', 'Rate exceeded'));
      case 'server-error':
        entry.fault = 'server-error';
        return fail(outcome.status === 500
          ? new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500)
          : new ServiceError('ServiceUnavailable', 'The service is unavailable. Please try again later.', 503));
      case 'none':
        break;
    }

    const ctx: CallContext = {
      accountId: verified.accountId,
      region: verified.region,
      store: this.store,
      tokens: this.tokens,
      transition: (e, via, to) => this.transition(e, via, to),
    };
    let result: Record<string, unknown>;
    try {
      result = invoke(operation, input, ctx);
    } catch (error) {
      if (error instanceof ServiceError) return fail(error);
      throw error;
    }
    finish(200, result);
  }
}

/** Starts an emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new Emulator(resolveScenario(options), options);
  await emulator.listen(options.port ?? 0);
  return emulator;
}
