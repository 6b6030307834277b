// The AWS layer's one stateful object: profiles, credentials and clients, created on first use and
// dropped by reset(). Every API call goes through request(): concurrency bound per profile, one log
// line per call, credentials dropped when AWS rejects them.
import {
  DescribeWorkspacesPoolsCommand,
  StartWorkspacesPoolCommand,
  StopWorkspacesPoolCommand,
  TerminateWorkspacesPoolSessionCommand,
  WorkSpacesClient,
  WorkspacesPool,
  WorkspacesPoolSession,
} from '@aws-sdk/client-workspaces';
import { ClientPool } from './clients';
import { sharedFilesStamp } from './configFiles';
import { CredentialCache } from './credentials';
import { abortError, AwsConfigError, CallDeadlineError } from './errors';
import { Limiter } from './limiter';
import * as pager from './pager';
import { loadProfileSet, ProfileInfo, ProfileSet } from './profiles';
import type { LogLine } from '../core/log';

export interface AwsGatewayOptions {
  /** Receives one line per API call: operation, profile, region, duration, outcome, request id; a failure at warn level. */
  log: LogLine;
  /** Per attempt; default 10 s. */
  requestTimeoutMs?: number;
  /**
   * Per call, from the request to its answer or error: waiting for a slot, credentials, every
   * attempt and the pauses between them; default 20 s. When it passes the call fails with a
   * CallDeadlineError (a 'timeout'), its request is aborted and its slot freed.
   */
  callDeadlineMs?: number;
  /** TCP connect; default 5 s. */
  connectionTimeoutMs?: number;
  /** Requests in flight per profile; default 4. */
  maxConcurrentPerProfile?: number;
  /** Attempts per call with the SDK's standard retry strategy; default 3. */
  maxAttempts?: number;
  /** Where AWS_CONFIG_FILE, AWS_ENDPOINT_URL... are read; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Errors after which the profile's credentials must be resolved afresh (rotated, revoked, expired). */
const REJECTED_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
]);

export class AwsGateway {
  private readonly env: NodeJS.ProcessEnv;
  private readonly maxConcurrent: number;
  private readonly callDeadlineMs: number;
  private readonly clients: ClientPool;
  private readonly credentials = new CredentialCache();
  private readonly limiters = new Map<string, Limiter>();
  /** The profiles as read from the files with these stamps (see loadProfiles). */
  private profileSet: { stamp: string; set: Promise<ProfileSet> } | undefined;

  constructor(private readonly options: AwsGatewayOptions) {
    this.env = options.env ?? process.env;
    this.maxConcurrent = options.maxConcurrentPerProfile ?? 4;
    this.callDeadlineMs = options.callDeadlineMs ?? 20_000;
    this.clients = new ClientPool({
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      connectionTimeoutMs: options.connectionTimeoutMs ?? 5_000,
      maxAttempts: options.maxAttempts ?? 3,
    });
  }

  /** The profiles as this gateway uses them (read once, until reset()). */
  async profiles(): Promise<ProfileInfo[]> {
    return [...(await this.loadProfiles()).profiles.values()];
  }

  listPools(profile: string, region: string, signal?: AbortSignal): Promise<WorkspacesPool[]> {
    return pager.listPools(this.sender(profile, region), signal);
  }

  sessionsPage(profile: string, region: string, poolId: string, options: pager.SessionsPageOptions = {}): Promise<pager.SessionsPage> {
    return pager.sessionsPage(this.sender(profile, region), poolId, options);
  }

  /** All pages of a pool's sessions (quick picks, benchmarks). Stop early with `break` or the signal. */
  pageSessions(
    profile: string,
    region: string,
    poolId: string,
    options: Omit<pager.SessionsPageOptions, 'nextToken'> = {},
  ): AsyncGenerator<pager.SessionsPage, void, undefined> {
    return pager.pageSessions(this.sender(profile, region), poolId, options);
  }

  findSession(
    profile: string,
    region: string,
    poolId: string,
    sessionId: string,
    userId: string,
    signal?: AbortSignal,
  ): Promise<WorkspacesPoolSession | undefined> {
    return pager.findSession(this.sender(profile, region), poolId, sessionId, userId, signal);
  }

  /** One pool, read afresh (DescribeWorkspacesPools with its id); undefined when the service no longer lists it. */
  async describePool(profile: string, region: string, poolId: string, signal?: AbortSignal): Promise<WorkspacesPool | undefined> {
    const out = await this.request(profile, region, 'DescribeWorkspacesPools', (c, o) => c.send(new DescribeWorkspacesPoolsCommand({ PoolIds: [poolId] }), o), signal);
    return out.WorkspacesPools?.find((p) => p.PoolId === poolId);
  }

  /** Ends a pool session. The service's refusals (ResourceNotFound: already gone, AccessDenied...) are thrown as its errors. */
  async terminateSession(profile: string, region: string, sessionId: string, signal?: AbortSignal): Promise<void> {
    await this.request(profile, region, 'TerminateWorkspacesPoolSession', (c, o) => c.send(new TerminateWorkspacesPoolSessionCommand({ SessionId: sessionId }), o), signal);
  }

  /** Starts a STOPPED AUTO_STOP pool: it goes STARTING, then RUNNING. */
  async startPool(profile: string, region: string, poolId: string, signal?: AbortSignal): Promise<void> {
    await this.request(profile, region, 'StartWorkspacesPool', (c, o) => c.send(new StartWorkspacesPoolCommand({ PoolId: poolId }), o), signal);
  }

  /** Stops a RUNNING AUTO_STOP pool: it goes STOPPING, then STOPPED (its sessions end). */
  async stopPool(profile: string, region: string, poolId: string, signal?: AbortSignal): Promise<void> {
    await this.request(profile, region, 'StopWorkspacesPool', (c, o) => c.send(new StopWorkspacesPoolCommand({ PoolId: poolId }), o), signal);
  }

  /**
   * Runs one API call for a profile and region: waits for a slot of the profile's concurrency
   * bound, uses the (profile, region, endpoint) client, logs one line. For operations beyond the
   * ones above, e.g. `gateway.request(p, r, 'TerminateWorkspacesPoolSession', (c, o) => c.send(cmd, o))`.
   */
  async request<T>(
    profile: string,
    region: string,
    operation: string,
    run: (client: WorkSpacesClient, options: { abortSignal?: AbortSignal }) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    if (signal?.aborted) throw abortError();
    // Started before anything else, so that it bounds the wait for a slot as well as the attempts:
    // without it, 3 attempts of up to 300 s each held one of the profile's slots for 15 minutes.
    const deadline = new Deadline(this.callDeadlineMs, signal);
    try {
      return await this.requestWithin(deadline, profile, region, operation, run);
    } finally {
      deadline.dispose();
    }
  }

  private async requestWithin<T>(
    deadline: Deadline,
    profile: string,
    region: string,
    operation: string,
    run: (client: WorkSpacesClient, options: { abortSignal?: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    let info: ProfileInfo;
    let files: ProfileSet['files'];
    try {
      const set = await this.loadProfiles();
      files = set.files;
      const found = set.profiles.get(profile);
      if (!found) {
        throw new AwsConfigError(undefined, `There is no profile "${profile}" in ${files.configPath} or ${files.credentialsPath}.`);
      }
      if (found.problem) throw new AwsConfigError(undefined, `Profile "${profile}": ${found.problem}`);
      info = found;
    } catch (e) {
      this.options.log(`${operation} · ${profile} · ${region} · not sent: ${e instanceof Error ? e.message : String(e)}`, 'warn');
      throw e;
    }

    let release: () => void;
    try {
      release = await this.limiter(profile).acquire(deadline.signal);
    } catch (e) {
      const error = deadline.translate(e);
      if (error instanceof CallDeadlineError) {
        this.options.log(`${operation} · ${profile} · ${region} · not sent: no free slot within the call's deadline (${this.callDeadlineMs} ms)`, 'warn');
      }
      throw error;
    }
    const started = performance.now();
    try {
      const out = await deadline.race(
        this.clients.use(
          info,
          region,
          () => this.credentials.get(info, files, region),
          (client) => run(client, { abortSignal: deadline.signal }),
        ),
      );
      this.logCall(operation, profile, region, started, 'ok', out);
      return out;
    } catch (e) {
      const error = deadline.translate(e);
      this.logCall(operation, profile, region, started, `error ${errorName(error)}`, error);
      if (REJECTED_CREDENTIALS.has(errorName(error))) {
        // Static keys were revoked or session credentials expired: resolve afresh next time.
        this.credentials.forget(profile);
        this.clients.dropProfile(profile);
      }
      throw error;
    } finally {
      release();
    }
  }

  /** AWS files changed: forget profiles, credentials and clients; the next call starts afresh. */
  reset(): void {
    this.profileSet = undefined;
    this.credentials.clear();
    this.clients.clear();
  }

  /** Closes every client's sockets. The gateway stays usable (clients are made again on demand). */
  dispose(): void {
    this.reset();
  }

  /** For tests: the client a call for this profile and region would use. */
  async clientFor(profile: string, region: string): Promise<WorkSpacesClient> {
    const set = await this.loadProfiles();
    const info = set.profiles.get(profile);
    if (!info) throw new AwsConfigError(undefined, `There is no profile "${profile}".`);
    return this.clients.clientFor(info, region, () => this.credentials.get(info, set.files, region));
  }

  /** For tests and the UI's progress: requests in flight and queued for a profile. */
  load(profile: string): { inFlight: number; queued: number } {
    const limiter = this.limiters.get(profile);
    return { inFlight: limiter?.inFlight ?? 0, queued: limiter?.queued ?? 0 };
  }

  get clientCount(): number {
    return this.clients.size;
  }

  private sender(profile: string, region: string): pager.Send {
    return (operation, run, signal) => this.request(profile, region, operation, run, signal);
  }

  /**
   * The profiles as the files hold them now. The file watcher's reset() comes after its debounce,
   * and the explorer reads its profile list afresh on every reload: a profile just added to the
   * files could be shown, and a click on it answered "There is no profile" from this cache (seen in
   * the extension-host tests under load). So every call compares the files' stamps, two stats,
   * with those taken before the cached read; another stamp is a change, handled as the watcher's.
   */
  private loadProfiles(): Promise<ProfileSet> {
    const stamp = sharedFilesStamp(this.env);
    if (this.profileSet && this.profileSet.stamp !== stamp) this.reset();
    if (!this.profileSet) {
      const loading = { stamp, set: loadProfileSet(this.env) };
      this.profileSet = loading;
      // A broken file is not remembered: the next call (a Retry) reads the files again.
      loading.set.catch(() => {
        if (this.profileSet === loading) this.profileSet = undefined;
      });
    }
    return this.profileSet.set;
  }

  private limiter(profile: string): Limiter {
    let limiter = this.limiters.get(profile);
    if (!limiter) {
      limiter = new Limiter(this.maxConcurrent);
      this.limiters.set(profile, limiter);
    }
    return limiter;
  }

  private logCall(operation: string, profile: string, region: string, started: number, outcome: string, result: unknown): void {
    const ms = Math.round(performance.now() - started);
    const meta = (result as { $metadata?: { requestId?: string; attempts?: number } } | undefined)?.$metadata;
    const parts = [operation, profile, region, `${ms} ms`, outcome];
    if (meta?.attempts && meta.attempts > 1) parts.push(`${meta.attempts} attempts`);
    parts.push(`request ${meta?.requestId ?? '-'}`);
    // A failed call is a warning: the caller decides whether it is an error the user sees.
    this.options.log(parts.join(' · '), outcome === 'ok' ? 'info' : 'warn');
  }
}

function errorName(e: unknown): string {
  return (e instanceof Error || (e && typeof e === 'object')) && typeof (e as { name?: unknown }).name === 'string'
    ? (e as { name: string }).name
    : 'Error';
}

/**
 * One call's overall deadline, joined with the caller's cancellation in one signal. The SDK gets
 * the signal (an abort ends the attempt in flight and the retries), and race() also rejects at the
 * deadline itself, so that neither a retry pause nor an SDK step that does not watch the signal
 * can keep the call, and its slot, past it.
 */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly expiredAt: Promise<never>;
  private expired = false;
  private readonly onCallerAbort = () => this.controller.abort();

  constructor(
    private readonly ms: number,
    private readonly caller?: AbortSignal,
  ) {
    let reject!: (e: Error) => void;
    this.expiredAt = new Promise<never>((_, r) => (reject = r));
    this.expiredAt.catch(() => undefined);
    this.timer = setTimeout(() => {
      this.expired = true;
      reject(new CallDeadlineError(ms));
      this.controller.abort();
    }, ms);
    caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  race<T>(work: Promise<T>): Promise<T> {
    // The work still settles (aborted) after a lost race; nobody awaits it any more.
    work.catch(() => undefined);
    return Promise.race([work, this.expiredAt]);
  }

  /** What the caller sees: the deadline's error for an abort the deadline caused (not the caller's). */
  translate(error: unknown): unknown {
    return this.expired && !this.caller?.aborted ? new CallDeadlineError(this.ms) : error;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}
