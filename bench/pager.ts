// The AWS layer's session pager against a bare SDK loop, and the heap that loaded sessions hold.
//
//   npx tsx bench/pager.ts            standalone: prints the figures
//   benchPager({ quick })             from bench/index.ts (`npm run bench`)
//
// Pager vs bare loop: list all 5,000 sessions of the emulator's big pool (Limit 50, so 100 requests)
// with 10 ms emulated latency per request, through AwsGateway.pageSessions() and through a plain
// WorkSpacesClient + DescribeWorkspacesPoolSessionsCommand loop on NextToken, in the same run,
// interleaved (ABBA order, so neither side always runs warm or cold), after one warm-up each;
// the ratio is the median of the ratios of adjacent runs (robust to load drifting on a shared box).
// The pager's extra work per page (profile lookup, concurrency slot, log line) is what the ratio
// shows; the target is at most 1.05.
//
// Memory: heap held per 10,000 sessions loaded through the pager (as SDK objects, the way the tree
// keeps them), measured after full GCs, with gc exposed (--expose-gc; if this process lacks it,
// that part runs in a child process of this same file started with the flag).
import { spawnSync } from 'child_process';
import { DescribeWorkspacesPoolSessionsCommand, WorkSpacesClient, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { AwsGateway } from '../src/aws/index';
import { DEMO_BIG_POOL_ID, DEMO_BIG_POOL_SIZE, Emulator, startEmulator } from '../emulator/index';
import { TempAwsFiles, writeAwsFiles } from '../emulator/awsFiles';
import type { Figure } from './figure';

export type { Figure };

const REGION = 'us-east-1';
const LIMIT = 50;
const LATENCY_MS = 10;

interface Setup {
  emulator: Emulator;
  files: TempAwsFiles;
  profile: string;
  gateway: AwsGateway;
  bare: WorkSpacesClient;
  close(): Promise<void>;
}

async function setup(latencyMs: number): Promise<Setup> {
  const emulator = await startEmulator({ scenario: 'demo', latencyMs });
  const files = writeAwsFiles(emulator.awsFiles());
  const account = emulator.accounts.find((a) => emulator.pools(a.accountId, REGION).some((p) => p.PoolId === DEMO_BIG_POOL_ID));
  if (!account) throw new Error('the demo scenario has no big pool');
  const gateway = new AwsGateway({
    log: () => undefined,
    env: { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile },
  });
  // The baseline: what anyone would write with the SDK alone.
  const bare = new WorkSpacesClient({
    region: REGION,
    endpoint: emulator.url,
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
  });
  return {
    emulator,
    files,
    profile: account.profileName,
    gateway,
    bare,
    close: async () => {
      gateway.dispose();
      bare.destroy();
      await emulator.stop();
      files.cleanup();
    },
  };
}

async function viaPager(s: Setup): Promise<WorkspacesPoolSession[]> {
  const all: WorkspacesPoolSession[] = [];
  for await (const page of s.gateway.pageSessions(s.profile, REGION, DEMO_BIG_POOL_ID, { limit: LIMIT })) all.push(...page.sessions);
  return all;
}

async function viaBareSdk(s: Setup): Promise<WorkspacesPoolSession[]> {
  const all: WorkspacesPoolSession[] = [];
  let NextToken: string | undefined;
  do {
    const out = await s.bare.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, Limit: LIMIT, NextToken }));
    all.push(...(out.Sessions ?? []));
    NextToken = out.NextToken || undefined;
  } while (NextToken);
  return all;
}

async function timed(run: () => Promise<WorkspacesPoolSession[]>): Promise<number> {
  const t0 = performance.now();
  const sessions = await run();
  const ms = performance.now() - t0;
  if (sessions.length !== DEMO_BIG_POOL_SIZE) throw new Error(`listed ${sessions.length} sessions, expected ${DEMO_BIG_POOL_SIZE}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function pagerVsBare(repetitions: number): Promise<Figure[]> {
  const s = await setup(LATENCY_MS);
  try {
    await timed(() => viaPager(s));
    await timed(() => viaBareSdk(s));
    const pager: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      if (i % 2 === 0) {
        pager.push(await timed(() => viaPager(s)));
        bare.push(await timed(() => viaBareSdk(s)));
      } else {
        bare.push(await timed(() => viaBareSdk(s)));
        pager.push(await timed(() => viaPager(s)));
      }
    }
    s.emulator.clearLog();
    await viaPager(s);
    const pagerRequests = s.emulator.log.length;
    s.emulator.clearLog();
    await viaBareSdk(s);
    const bareRequests = s.emulator.log.length;
    const p = median(pager);
    const b = median(bare);
    // Neighbours on a shared machine make run times drift; each pager run is paired with the bare
    // run next to it in time, and the ratio is the median of those pair ratios.
    const pairRatio = median(pager.map((ms, i) => ms / bare[i]));
    return [
      {
        name: `list all ${DEMO_BIG_POOL_SIZE} sessions through the pager (Limit ${LIMIT}, ${LATENCY_MS} ms latency)`,
        value: round(p),
        unit: 'ms',
        baseline: `bare SDK loop ${round(b)} ms`,
        ratio: pairRatio,
        note: `medians of ${repetitions} interleaved runs; ratio = median of adjacent-pair ratios (ratio of medians ${(p / b).toFixed(2)}); target <= 1.05`,
      },
      { name: 'bare SDK NextToken loop, same pool', value: round(b), unit: 'ms', note: `median of ${repetitions}` },
      {
        name: 'requests to list the pool: pager',
        value: pagerRequests,
        unit: 'requests',
        baseline: `bare SDK loop ${bareRequests} requests`,
        ratio: pagerRequests / bareRequests,
      },
    ];
  } finally {
    await s.close();
  }
}

/** Heap held per 10,000 sessions loaded through the pager; needs global.gc. */
async function memory(gc: () => void): Promise<Figure[]> {
  const s = await setup(0);
  const heap = () => {
    s.emulator.clearLog(); // the in-process emulator's request log is not the pager's memory
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  try {
    await viaPager(s); // warm: the SDK, the client, the emulator's own lazily built state
    const held: WorkspacesPoolSession[][] = [];
    const before = heap();
    // 10,000 distinct session objects: the 5,000-session pool listed twice (each listing
    // deserialises its own objects).
    while (held.reduce((n, a) => n + a.length, 0) < 10_000) held.push(await viaPager(s));
    const after = heap();
    const count = held.reduce((n, a) => n + a.length, 0);
    const json = Buffer.byteLength(JSON.stringify(held));
    const perTen = ((after - before) * 10_000) / count;
    return [
      {
        name: 'heap held per 10,000 sessions loaded through the pager',
        value: Math.round(perTen / 1024),
        unit: 'KiB',
        baseline: `same sessions as JSON ${Math.round((json * 10_000) / count / 1024)} KiB`,
        ratio: perTen / ((json * 10_000) / count),
        note: `${count} sessions held, heap delta after gc`,
      },
    ];
  } finally {
    await s.close();
  }
}

function memoryInChild(): Figure[] {
  const r = spawnSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', __filename, '--memory-json'], {
    cwd: `${__dirname}/..`,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`memory child failed: ${r.stderr.slice(-500)}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Figure[];
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export async function benchPager(options: { quick?: boolean } = {}): Promise<Figure[]> {
  const figures = await pagerVsBare(options.quick ? 3 : 7);
  const gc = (globalThis as { gc?: () => void }).gc;
  figures.push(...(gc ? await memory(gc) : memoryInChild()));
  return figures;
}

if (require.main === module) {
  const run = async () => {
    if (process.argv.includes('--memory-json')) {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('run with --expose-gc');
      process.stdout.write(`${JSON.stringify(await memory(gc))}\n`);
      return;
    }
    for (const f of await benchPager({ quick: process.argv.includes('--quick') })) {
      const extra = [f.baseline, f.ratio !== undefined ? `ratio ${f.ratio.toFixed(3)}` : undefined, f.note].filter(Boolean).join(' · ');
      console.log(`${f.name}: ${f.value} ${f.unit}${extra ? `  (${extra})` : ''}`);
    }
  };
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
