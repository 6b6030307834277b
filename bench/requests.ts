// Requests per user action, time to a pool's first page, memory per 10,000 loaded sessions.
//
// Requests are counted in the emulator's request log, here, in every run, with the explorer's own
// model (src/model: the code the tree renders) over the real AWS layer (AwsGateway, the real SDK over
// HTTP). The explorer suite (test/suite/explorer.test.ts) asserts the same counts in the real
// extension host, so a change that breaks one of them fails `npm test`.
import { DescribeWorkspacesPoolSessionsCommand, WorkSpacesClient, type WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import * as v8 from 'v8';
import * as vm from 'vm';
import { AwsGateway } from '../src/aws/gateway';
import { DEMO_BIG_POOL_ID, DEMO_SHARED_USER_ID, startEmulator, type Emulator } from '../emulator/index';
import { writeAwsFiles } from '../emulator/awsFiles';
import { lazyGateway } from '../src/aws/lazyGateway';
import { Choices } from '../src/model/choices';
import { ExplorerModel } from '../src/model/explorerModel';
import type { PoolEntry, ProfileEntry } from '../src/model/items';
import { PoolSessions } from '../src/model/poolSessions';
import { fmt, spread, type Row } from './report';

const PAGE_SIZE = 50; // workspacesPools.pageSize default

interface Setup {
  emulator: Emulator;
  env: NodeJS.ProcessEnv;
  profile: string;
  region: string;
  account: Emulator['accounts'][number];
  cleanup(): Promise<void>;
}

async function setup(latencyMs = 0): Promise<Setup> {
  const emulator = await startEmulator({ scenario: 'demo', latencyMs });
  const files = writeAwsFiles(emulator.awsFiles());
  // The gateway reads only these; nothing from this machine's own AWS setup.
  const env: NodeJS.ProcessEnv = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, HOME: files.dir };
  const account = emulator.accounts.find((a) => emulator.pools(a.accountId, a.region).some((p) => p.PoolId === DEMO_BIG_POOL_ID));
  if (!account) throw new Error(`no demo account holds ${DEMO_BIG_POOL_ID}`);
  return {
    emulator,
    env,
    account,
    profile: account.profileName,
    region: account.region,
    cleanup: async () => {
      await emulator.stop();
      files.cleanup();
    },
  };
}

function gateway(env: NodeJS.ProcessEnv): AwsGateway {
  return new AwsGateway({ log: () => undefined, env });
}

/** Requests the emulator logged while `action` ran. */
async function count(emulator: Emulator, action: () => Promise<unknown>): Promise<number> {
  const before = emulator.log.length;
  await action();
  return emulator.log.length - before;
}

class MemoryStore {
  private readonly data = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T {
    return (this.data.has(key) ? this.data.get(key) : defaultValue) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}

/** The requests of each action through the explorer's own model (src/model), as the tree drives it. */
async function measureRequests(): Promise<Row[]> {
  const s = await setup();
  try {
    const model = new ExplorerModel({
      gateway: lazyGateway({ log: () => undefined, requestTimeoutMs: () => 10_000, env: s.env, gatewayClass: AwsGateway }),
      choices: new Choices(new MemoryStore()),
      settings: () => ({ profiles: [], regions: [], pageSize: PAGE_SIZE }),
      log: () => undefined,
    });
    const counts: [string, number, string][] = [];
    const poolCount = s.emulator.pools(s.account.accountId, s.region).length;
    let profile: ProfileEntry | undefined;
    counts.push(['list profiles (the view at activation)', await count(s.emulator, async () => {
      profile = (await model.children()).find((i): i is ProfileEntry => i.kind === 'profile' && i.name === s.profile);
    }), 'the AWS files only']);
    if (!profile) throw new Error(`no profile ${s.profile}`);
    let pool: PoolEntry | undefined;
    counts.push(['expand profile (one region)', await count(s.emulator, async () => {
      pool = (await model.children(profile)).find((i): i is PoolEntry => i.kind === 'pool' && i.poolId === DEMO_BIG_POOL_ID);
    }), `DescribeWorkspacesPools, ${poolCount} pools (25 per page)`]);
    if (!pool) throw new Error(`no pool ${DEMO_BIG_POOL_ID}`);
    const big = pool;
    counts.push(['expand pool (first page)', await count(s.emulator, () => model.children(big)), `${PAGE_SIZE} sessions`]);
    counts.push(['Load more', await count(s.emulator, () => model.loadMore(big)), `${PAGE_SIZE} more`]);
    counts.push(['Load more, double click', await count(s.emulator, () => Promise.all([model.loadMore(big), model.loadMore(big)])), 'second click joins the first']);
    for (let i = 0; i < 20; i++) await model.loadMore(big);
    counts.push([`Load more after ${big.sessions.sessions.length} loaded`, await count(s.emulator, () => model.loadMore(big)), 'cost independent of what is loaded']);
    counts.push(['collapse + expand pool', await count(s.emulator, async () => {
      await model.children(profile);
      await model.children(big);
    }), 'served from what is loaded']);
    counts.push(['refresh pool', await count(s.emulator, async () => {
      const poolRead = new Promise<void>((resolve) => {
        const sub = model.onDidChange((item) => {
          if (item === big && big.sessions.loaded) {
            sub.dispose();
            resolve();
          }
        });
      });
      model.refreshPool(big);
      await model.children(big);
      await poolRead;
    }), 'first page + pool list']);
    counts.push(['filter by user', await count(s.emulator, async () => {
      await model.setUserFilter(big, DEMO_SHARED_USER_ID);
      await model.children(big);
    }), 'server-side UserId']);
    counts.push(['clear filter', await count(s.emulator, async () => {
      await model.setUserFilter(big, undefined);
      await model.children(big);
    }), '']);
    return counts.map(([figure, n, note]) => ({
      section: 'Requests per action',
      figure,
      value: fmt.count(n, n === 1 ? 'request' : 'requests'),
      note: `the explorer's model over the AWS layer (asserted in the real extension host by test/suite/explorer.test.ts)${note ? `; ${note}` : ''}`,
    }));
  } finally {
    await s.cleanup();
  }
}

export function benchRequests(): Promise<Row[]> {
  return measureRequests();
}

const median = (values: number[]) => spread(values).median;
const range = (values: number[]) => `${fmt.ms(spread(values).min)}–${fmt.ms(spread(values).max)}`;

/**
 * Time to the first page of a pool through the extension's AWS layer (profile files read,
 * credentials resolved, client made, concurrency bound, log line) against a bare SDK client that
 * sends the same single call, both from cold (new objects) and warm, medians of several runs.
 */
export async function benchFirstPage(runs = 15): Promise<Row[]> {
  const s = await setup();
  try {
    const input = { PoolId: DEMO_BIG_POOL_ID, Limit: PAGE_SIZE };
    const bareClient = () =>
      new WorkSpacesClient({
        region: s.region,
        endpoint: s.emulator.url,
        credentials: { accessKeyId: s.account.accessKeyId, secretAccessKey: s.account.secretAccessKey },
      });
    // Warm up both paths once (module loading, JIT, keep-alive sockets): not what is measured.
    await bareClient().send(new DescribeWorkspacesPoolSessionsCommand(input));
    await gateway(s.env).sessionsPage(s.profile, s.region, DEMO_BIG_POOL_ID, { limit: PAGE_SIZE });
    const cold = { ours: [] as number[], bare: [] as number[] };
    const warm = { ours: [] as number[], bare: [] as number[] };
    const warmOurs = gateway(s.env);
    const warmBare = bareClient();
    for (let i = 0; i < runs; i++) {
      // Alternate the order so neither side always pays for the other's garbage.
      const steps: [number[], () => Promise<unknown>][] = [
        [cold.ours, () => gateway(s.env).sessionsPage(s.profile, s.region, DEMO_BIG_POOL_ID, { limit: PAGE_SIZE })],
        [cold.bare, () => bareClient().send(new DescribeWorkspacesPoolSessionsCommand(input))],
        [warm.ours, () => warmOurs.sessionsPage(s.profile, s.region, DEMO_BIG_POOL_ID, { limit: PAGE_SIZE })],
        [warm.bare, () => warmBare.send(new DescribeWorkspacesPoolSessionsCommand(input))],
      ];
      if (i % 2) steps.reverse();
      for (const [into, run] of steps) {
        const t0 = performance.now();
        const page = (await run()) as { sessions?: unknown[]; Sessions?: unknown[] };
        into.push(performance.now() - t0);
        if ((page.sessions ?? page.Sessions)?.length !== PAGE_SIZE) throw new Error('the first page did not hold a full page of sessions');
      }
    }
    const row = (figure: string, ours: number[], bare: number[], note: string): Row => ({
      section: 'Time to first page',
      figure,
      value: fmt.ms(median(ours)),
      baseline: `bare SDK call ${fmt.ms(median(bare))}`,
      ratio: fmt.ratio(median(ours), median(bare)),
      note: `median of ${runs}, range ${range(ours)} (bare ${range(bare)}), ${DEMO_BIG_POOL_ID}, Limit ${PAGE_SIZE}, in-process emulator; ${note}`,
    });
    return [
      row('first page, cold (new gateway)', cold.ours, cold.bare, 'includes reading the AWS files and resolving credentials (fromIni) vs a client with static keys'),
      row('first page, warm', warm.ours, warm.bare, 'client and credentials cached'),
    ];
  } finally {
    await s.cleanup();
  }
}

function gcFunction(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * Heap held by 10,000 sessions loaded in a pool's paging state (SDK objects as the tree keeps them),
 * against the size of the same sessions as JSON on the wire.
 */
export async function benchMemory(): Promise<Row[]> {
  const TARGET = 10_000;
  const s = await setup();
  try {
    const existing = s.emulator.sessions(s.account.accountId, s.region, DEMO_BIG_POOL_ID).length;
    for (let i = existing; i < TARGET; i++) s.emulator.addSession(s.account.accountId, s.region, DEMO_BIG_POOL_ID, { UserId: `bench.user.${i}@acme.example` });
    const aws = gateway(s.env);
    const gc = gcFunction();
    const loadAll = async () => {
      const state = new PoolSessions<WorkspacesPoolSession>(
        ({ nextToken, signal }) => aws.sessionsPage(s.profile, s.region, DEMO_BIG_POOL_ID, { nextToken, signal, limit: PAGE_SIZE }),
        undefined,
      );
      await state.ensureFirstPage();
      while (state.hasMore && state.sessions.length < TARGET) await state.loadMore();
      return state;
    };
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    // The emulator shares this heap and builds state on first use: a first full pass warms it (and
    // the SDK, the client), so the second pass's growth is what the loaded sessions retain (plus the
    // emulator's request log entries for those 200 calls, a few KiB).
    const first = await loadAll();
    const before = heap();
    const second = await loadAll();
    const after = heap();
    const loaded = second.sessions.length;
    if (loaded < TARGET || first.sessions.length < TARGET) throw new Error(`only ${loaded} sessions loaded`);
    const jsonBytes = Buffer.byteLength(JSON.stringify(second.sessions));
    const perTenThousand = ((after - before) * 10_000) / loaded;
    const json = (jsonBytes * 10_000) / loaded;
    return [
      {
        section: 'Memory',
        figure: 'heap per 10,000 loaded sessions',
        value: fmt.kib(perTenThousand),
        baseline: `same sessions as JSON ${fmt.kib(json)}`,
        ratio: fmt.ratio(perTenThousand, json),
        note: `${loaded} sessions in the tree's paging state (PoolSessions), heap after gc`,
      },
    ];
  } finally {
    await s.cleanup();
  }
}
