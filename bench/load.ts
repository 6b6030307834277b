// Load figures, in plain Node with the real SDK against the in-process emulator:
// - a pool of 100,000 sessions: requests per "Load more", the time of Load more #1990-#1999 against
//   #1-#10 (paired: a second, fresh pool view clicks its early pages between the late clicks, so
//   machine load drifts out of the ratio), and the heap held per 10,000 loaded sessions;
// - 20 profiles x 2 regions x 25 pools: requests to list the profiles, the first expand of one
//   profile with 20 profiles in the files against 1 profile, and the requests in flight per profile
//   and in all during a burst over every profile (from the emulator's log; counts, not timings:
//   on a shared 2-core machine the burst is CPU-bound, so its duration says little).
//   npx tsx bench/load.ts      standalone: prints the figures
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AwsGateway } from '../src/aws/index';
import { loadProfiles } from '../src/aws/profiles';
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { startEmulator, type Emulator } from '../emulator/index';
import { buildScenario, poolId, profileName } from '../emulator/scenarioBuilder';
import { writeAwsFiles, type TempAwsFiles } from '../emulator/awsFiles';
import { PoolSessions } from '../src/model/poolSessions';
import type { Figure } from './figure';

/** Load figures are plain counts and timings: no baseline columns. */
export type LoadFigure = Pick<Figure, 'name' | 'value' | 'unit'>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function envFor(files: TempAwsFiles): NodeJS.ProcessEnv {
  return { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
}

/** global.gc, exposed at run time when this process was not started with --expose-gc. */
function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function poolView(gateway: AwsGateway, profile: string, region: string, pool: string): PoolSessions<WorkspacesPoolSession> {
  return new PoolSessions<WorkspacesPoolSession>(
    ({ userId, nextToken, signal }) => gateway.sessionsPage(profile, region, pool, { userId, nextToken, signal, limit: 50 }),
    undefined,
  );
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function bigPool(): Promise<LoadFigure[]> {
  const SIZE = 100_000;
  const PAGES = SIZE / 50;
  const emulator = await startEmulator({ scenario: buildScenario({ profiles: 1, regions: ['us-east-1'], poolsPerRegion: 1, sessions: SIZE }) });
  const files = writeAwsFiles(emulator.awsFiles());
  const gateway = new AwsGateway({ log: () => undefined, env: envFor(files) });
  const gc = gcFunction();
  try {
    const args = [profileName(0), 'us-east-1', poolId(0, 0, 0)] as const;
    // Warm-up view (JIT, sockets, credentials), then dropped.
    const warm = poolView(gateway, ...args);
    await warm.ensureFirstPage();
    for (let i = 0; i < 20; i++) await warm.loadMore();

    gc();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const late = poolView(gateway, ...args);
    emulator.clearLog();
    await late.ensureFirstPage();
    let clicks = 0;
    while (clicks < PAGES - 11) {
      await late.loadMore();
      clicks++;
    }
    // Late pages (#1990-#1999) paired with early ones (#1-#10) of a fresh view of the same pool.
    const early = poolView(gateway, ...args);
    await early.ensureFirstPage();
    const lateMs: number[] = [];
    const earlyMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      // Alternating which goes first, so neither always follows the other.
      if (i % 2 === 0) {
        lateMs.push(await timed(() => late.loadMore()));
        earlyMs.push(await timed(() => early.loadMore()));
      } else {
        earlyMs.push(await timed(() => early.loadMore()));
        lateMs.push(await timed(() => late.loadMore()));
      }
    }
    clicks += 10;
    // The late view's requests: all of them but the early view's; the first is the expand.
    const perLoadMore = (emulator.log.length - early.requests - 1) / clicks;
    if (late.sessions.length !== SIZE || late.error !== undefined) throw new Error(`the late view holds ${late.sessions.length} sessions`);
    gc();
    gc();
    const heapHeld = process.memoryUsage().heapUsed - heapBefore;
    const held = late.sessions.length + early.sessions.length;
    const bytesPer10k = (heapHeld / held) * 10_000;
    return [
      { name: `Pool of 100,000: requests per Load more (${clicks} clicks)`, value: round(perLoadMore), unit: 'requests' },
      { name: 'Pool of 100,000: Load more #1-#10 (median)', value: round(median(earlyMs)), unit: 'ms' },
      { name: 'Pool of 100,000: Load more #1990-#1999 (median)', value: round(median(lateMs)), unit: 'ms' },
      // The median of the ten pair ratios: each pair ran back to back, so load drift cancels out.
      { name: 'Pool of 100,000: late / early Load more (median of paired ratios)', value: round(median(lateMs.map((ms, i) => ms / earlyMs[i]))), unit: '×' },
      { name: `Heap per 10,000 loaded sessions (${held.toLocaleString('en')} held in PoolSessions)`, value: round(bytesPer10k / 2 ** 20), unit: 'MiB' },
    ];
  } finally {
    gateway.dispose();
    await emulator.stop();
    files.cleanup();
  }
}

async function manyProfiles(): Promise<LoadFigure[]> {
  const PROFILES = 20;
  const REGIONS = ['us-east-1', 'eu-west-1'];
  const emulator: Emulator = await startEmulator({
    scenario: buildScenario({ profiles: PROFILES, regions: REGIONS, poolsPerRegion: 25, sessions: (_a, _r, p) => p % 4 }),
  });
  const all = writeAwsFiles(emulator.awsFiles());
  // The same emulator, with files that hold only the profile that is expanded.
  const target = profileName(7);
  const one = writeAwsFiles({
    config: emulator.awsFiles().config.split(/\n(?=\[)/).filter((s) => !s.startsWith('[') || s.startsWith(`[profile ${target}]`)).join('\n'),
    credentials: emulator.awsFiles().credentials.split(/\n(?=\[)/).filter((s) => !s.startsWith('[') || s.startsWith(`[${target}]`)).join('\n'),
  });
  try {
    const figures: LoadFigure[] = [];
    emulator.clearLog();
    const listed = await loadProfiles(envFor(all));
    if (listed.length !== PROFILES) throw new Error(`listed ${listed.length} profiles`);
    if ((await loadProfiles(envFor(one))).length !== 1) throw new Error('the one-profile files hold another count');
    figures.push({ name: '20 profiles: requests to list the profiles (what the view shows at activation)', value: emulator.log.length, unit: 'requests' });

    // First expand: a new gateway (files read, credentials resolved, client made) lists the
    // profile's pools in its region. Alternating 20-profile and 1-profile files, medians.
    const firstExpand = async (files: TempAwsFiles) => {
      const gateway = new AwsGateway({ log: () => undefined, env: envFor(files) });
      try {
        return await timed(async () => {
          const pools = await gateway.listPools(target, REGIONS[0]);
          if (pools.length !== 25) throw new Error(`expected 25 pools, got ${pools.length}`);
        });
      } finally {
        gateway.dispose();
      }
    };
    await firstExpand(all);
    await firstExpand(one);
    const withAll: number[] = [];
    const withOne: number[] = [];
    for (let i = 0; i < 15; i++) {
      withAll.push(await firstExpand(all));
      withOne.push(await firstExpand(one));
    }
    figures.push(
      { name: 'First expand of one profile, 20 profiles in the files (median)', value: round(median(withAll)), unit: 'ms' },
      { name: 'First expand of one profile, 1 profile in the files (median)', value: round(median(withOne)), unit: 'ms' },
      { name: 'First expand: 20 profiles / 1 profile', value: round(median(withAll) / median(withOne)), unit: '×' },
    );

    // A burst: every profile lists both regions and loads the first page of 10 pools per region,
    // at 25 ms emulated latency. In flight counted from the emulator's log (what the service saw).
    const gateway = new AwsGateway({ log: () => undefined, env: envFor(all), maxConcurrentPerProfile: 4 });
    emulator.setFaults('*', { latencyMs: 25 });
    emulator.clearLog();
    try {
      await Promise.all(
        Array.from({ length: PROFILES }, (_, a) =>
          Promise.all(
            REGIONS.map(async (region) => {
              const pools = await gateway.listPools(profileName(a), region);
              await Promise.all(pools.slice(0, 10).map((p) => gateway.sessionsPage(profileName(a), region, p.PoolId!, { limit: 50 })));
            }),
          ),
        ),
      );
      const spans = emulator.log.map((e) => ({ account: e.accountId, from: Date.parse(e.time), to: Date.parse(e.time) + e.durationMs }));
      const at = (t: number, account?: string) => spans.filter((s) => (account === undefined || s.account === account) && s.from <= t && s.to > t).length;
      let perProfile = 0;
      let overall = 0;
      for (const s of spans) {
        perProfile = Math.max(perProfile, at(s.from + 1, s.account));
        overall = Math.max(overall, at(s.from + 1));
      }
      figures.push(
        { name: `Burst over 20 profiles (${spans.length} requests, 25 ms latency): max in flight per profile`, value: perProfile, unit: 'requests' },
        { name: 'Burst over 20 profiles: max in flight, all profiles', value: overall, unit: 'requests' },
      );
    } finally {
      gateway.dispose();
    }
    return figures;
  } finally {
    await emulator.stop();
    all.cleanup();
    one.cleanup();
  }
}

export async function benchLoad(): Promise<LoadFigure[]> {
  return [...(await bigPool()), ...(await manyProfiles())];
}

if (require.main === module) {
  const t0 = performance.now();
  benchLoad().then(
    (figures) => {
      for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}`);
      console.log(`(${Math.round((performance.now() - t0) / 1000)} s)`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
