// The explorer as a user drives it, without VS Code: the real AwsGateway (real SDK, real HTTP) and
// the tree's own vscode-free state (CachedLoad for a region's pools, PoolSessions for a pool's
// pages), wired exactly as src/tree wires them, against an in-process emulator. The fault, race and
// load tests share it. Not a spec file (no `.test.ts`): mocha does not run it by itself.
import { strict as assert } from 'assert';
import { createServer, connect, type Server, type Socket } from 'net';
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { AwsGateway, describeError, type AwsGatewayOptions, type ErrorDescription } from '../../src/aws/index';
import { startEmulator, type Emulator, type EmulatorOptions, type Scenario } from '../../emulator/index';
import { writeAwsFiles, type TempAwsFiles } from '../../emulator/awsFiles';
import { CachedLoad } from '../../src/model/cachedLoad';
import { PoolSessions } from '../../src/model/poolSessions';

export type Session = WorkspacesPoolSession;

export interface PoolRef {
  profile: string;
  region: string;
  poolId: string;
}

export interface WorldOptions extends Omit<EmulatorOptions, 'scenario' | 'port'> {
  scenario: Scenario;
  gateway?: Omit<AwsGatewayOptions, 'log' | 'env'>;
  pageSize?: number;
}

export class World {
  readonly lines: string[] = [];
  gateway: AwsGateway;
  private readonly env: NodeJS.ProcessEnv;
  private readonly poolLists = new Map<string, CachedLoad<WorkspacesPool[]>>();
  private readonly pools = new Map<string, PoolSessions<Session>>();

  private constructor(
    public emulator: Emulator,
    readonly files: TempAwsFiles,
    private readonly options: WorldOptions,
  ) {
    this.env = { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    this.gateway = this.newGateway();
  }

  static async start(options: WorldOptions): Promise<World> {
    const emulator = await startEmulator({ ...options, scenario: options.scenario });
    return new World(emulator, writeAwsFiles(emulator.awsFiles()), options);
  }

  get pageSize(): number {
    return this.options.pageSize ?? 50;
  }

  newGateway(extra: Omit<AwsGatewayOptions, 'log' | 'env'> = {}): AwsGateway {
    return new AwsGateway({ ...this.options.gateway, ...extra, log: (line) => this.lines.push(line), env: this.env });
  }

  account(profile: string): { accountId: string; accessKeyId: string } {
    const found = this.emulator.accounts.find((a) => a.profileName === profile);
    assert.ok(found, `no account for ${profile}`);
    return found;
  }

  /** A region's pool list as RegionPools keeps it (one CachedLoad per profile and region). */
  poolList(profile: string, region: string): CachedLoad<WorkspacesPool[]> {
    const key = `${profile}/${region}`;
    let load = this.poolLists.get(key);
    if (!load) {
      load = new CachedLoad((signal) => this.gateway.listPools(profile, region, signal));
      this.poolLists.set(key, load);
    }
    return load;
  }

  /** A pool's paging state as ExplorerTree.newPoolSessions makes it. */
  pool(ref: PoolRef, userId?: string): PoolSessions<Session> {
    const key = `${ref.profile}/${ref.region}/${ref.poolId}`;
    let model = this.pools.get(key);
    if (!model) {
      model = new PoolSessions<Session>(
        ({ userId: user, nextToken, signal }) =>
          this.gateway.sessionsPage(ref.profile, ref.region, ref.poolId, { userId: user, nextToken, signal, limit: this.pageSize }),
        userId,
      );
      this.pools.set(key, model);
    }
    return model;
  }

  /** The emulator's sessions of a pool (optionally of one user), in the service's order. */
  truth(ref: PoolRef, userId?: string): string[] {
    const all = this.emulator.sessions(this.account(ref.profile).accountId, ref.region, ref.poolId);
    return all.filter((s) => userId === undefined || s.UserId === userId).map((s) => s.SessionId!);
  }

  /** The config watcher's reaction to an edit of the AWS files: clients and credentials go. */
  filesChanged(): void {
    this.gateway.reset();
    for (const load of this.poolLists.values()) load.reset();
  }

  /** Stops the emulator and starts it again on the same port with the same scenario. */
  async restartEmulator(between?: () => Promise<void>): Promise<void> {
    const port = Number(new URL(this.emulator.url).port);
    await this.emulator.stop();
    await between?.();
    this.emulator = await startEmulator({ ...this.options, scenario: this.options.scenario, port });
  }

  async dispose(): Promise<void> {
    this.gateway.dispose();
    await this.emulator.stop();
    this.files.cleanup();
  }
}

export const ids = (sessions: readonly Session[]): string[] => sessions.map((s) => s.SessionId!);

export interface BrowseReport {
  errors: ErrorDescription[];
  requests: number;
}

/**
 * What a persistent user does with a pool: expand it, then "Load more" until the end. Every failure
 * must be a clear error (checked by `expectKind`), must keep what was loaded, and is followed by
 * what the error node offers: Retry, or for an expired page token starting over (the pool's
 * refresh). Ends when the whole pool is loaded; throws when that takes more than `maxSteps`.
 */
export async function browseToEnd(
  model: PoolSessions<Session>,
  profile: string,
  expectKind: (info: ErrorDescription) => void,
  maxSteps = 200,
): Promise<BrowseReport> {
  const errors: ErrorDescription[] = [];
  for (let step = 0; step < maxSteps; step++) {
    if (model.error !== undefined) {
      const info = describeError(model.error, profile);
      assertClear(info);
      expectKind(info);
      errors.push(info);
      if (info.kind === 'token-expired') model.reset();
      else await model.retry();
      continue;
    }
    if (!model.loaded) {
      await model.ensureFirstPage();
      continue;
    }
    if (!model.hasMore) return { errors, requests: model.requests };
    const before = ids(model.sessions);
    await model.loadMore();
    const after = ids(model.sessions);
    assert.deepEqual(after.slice(0, before.length), before, 'a "Load more" (failed or not) keeps every loaded session, in place');
    if (model.error !== undefined) assert.equal(after.length, before.length, 'a failed "Load more" adds nothing');
  }
  throw new Error(`the pool was not fully loaded after ${maxSteps} steps (state ${model.state})`);
}

/** The pool list of a region, retried like its error node's Retry until it loads. */
export async function listToEnd(
  load: CachedLoad<WorkspacesPool[]>,
  profile: string,
  expectKind: (info: ErrorDescription) => void,
  maxSteps = 50,
): Promise<{ pools: WorkspacesPool[]; errors: ErrorDescription[] }> {
  const errors: ErrorDescription[] = [];
  for (let step = 0; step < maxSteps; step++) {
    const result = await load.get();
    if (result.ok) return { pools: result.value, errors };
    const info = describeError(result.error, profile);
    assertClear(info);
    expectKind(info);
    errors.push(info);
    load.reset();
  }
  throw new Error(`the pool list did not load after ${maxSteps} tries`);
}

/** An error the UI can show as is: classified, worded, not a raw or unknown error. */
export function assertClear(info: ErrorDescription): void {
  assert.notEqual(info.kind, 'cancelled', 'nothing was cancelled');
  assert.ok(info.message.length > 10, `a message: ${JSON.stringify(info)}`);
  assert.doesNotMatch(info.message, /^Unexpected error/, `a classified error: ${info.message}`);
}

/** expectKind for tests that allow only some kinds of error. */
export const kinds =
  (...allowed: ErrorDescription['kind'][]) =>
  (info: ErrorDescription): void =>
    assert.ok(allowed.includes(info.kind), `error kind ${info.kind} (${info.message}) is one of ${allowed.join(', ')}`);

/**
 * A TCP proxy in front of the emulator that cuts some answers half-way: it forwards the first half
 * of a response chunk (status line, headers or part of the body) and then closes both sides, as a
 * connection dropped mid-response does. The emulator's own 'drop' fault closes before answering.
 * Which chunks are cut is a seeded function of their order, so a run can be replayed.
 */
export class CuttingProxy {
  url = '';
  cuts = 0;
  chunks = 0;
  rate = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private state: number;

  constructor(private readonly target: () => string, seed: number) {
    this.state = seed >>> 0 || 1;
    this.server = createServer((client) => {
      const { hostname, port } = new URL(this.target());
      const upstream = connect(Number(port), hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        this.chunks++;
        if (this.random() < this.rate) {
          this.cuts++;
          client.end(chunk.subarray(0, Math.max(1, chunk.length >> 1)), () => client.destroy());
          upstream.destroy();
        } else {
          client.write(chunk);
        }
      });
      upstream.on('end', () => client.end());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** xorshift32: small, seeded, good enough for choosing chunks. */
  private random(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 2 ** 32;
  }
}
