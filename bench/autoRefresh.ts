// Auto-refresh (the live view, src/model/autoRefresh.ts), in plain Node with the explorer's real
// model over the real AWS layer (SDK over HTTP) to the in-process emulator; only the clock and timer
// are driven by hand (test/support/handScheduler.ts). The real extension host is not needed for
// these figures: a tick's requests and its cost are the model's; the view only feeds visibility,
// focus and expansion (its pausing is proven in test/suite/autoRefresh.test.ts).
// - requests per tick, counted in the emulator's request log, for what is expanded (as documented
//   at the top of src/model/autoRefresh.ts), and 0 while the view is hidden (an hour of timer);
// - a tick with 10,000 sessions loaded against a tick with 100 loaded, time per request sent
//   (target <= 1.5x): medians of interleaved runs, and the median of the adjacent-pair ratios.
//   Each tick includes the model's children() of every item it announced (what the tree asks next);
//   VS Code's own rendering is not in it.
//   npx tsx bench/autoRefresh.ts      standalone: prints the rows
import { AwsGateway } from '../src/aws/gateway';
import { lazyGateway } from '../src/aws/lazyGateway';
import { AutoRefresh, MAX_REQUESTS_PER_TICK } from '../src/model/autoRefresh';
import { Choices, type StateStore } from '../src/model/choices';
import { ExplorerModel } from '../src/model/explorerModel';
import type { PoolEntry, ProfileEntry } from '../src/model/items';
import { startEmulator } from '../emulator/index';
import { writeAwsFiles } from '../emulator/awsFiles';
import { buildScenario, poolId } from '../emulator/scenarioBuilder';
import { HandScheduler } from '../test/support/handScheduler';
import { fmt, spread, type Row } from './report';

const SECTION = 'Auto-refresh (plain Node)';
const REGION = 'us-east-1';
const SIZES = [3, 120, 100, 10_000]; // pools 0-3 of the one profile
const SMALL = poolId(0, 0, 0);
const MID = poolId(0, 0, 1);
const HUNDRED = poolId(0, 0, 2);
const TEN_THOUSAND = poolId(0, 0, 3);

class MemoryStore implements StateStore {
  private readonly data = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T {
    return (this.data.has(key) ? this.data.get(key) : defaultValue) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}

export async function benchAutoRefresh(options: { quick?: boolean } = {}): Promise<Row[]> {
  const emulator = await startEmulator({ scenario: buildScenario({ profiles: 1, regions: [REGION], poolsPerRegion: SIZES.length, sessions: (_a, _r, p) => SIZES[p] }) });
  const files = writeAwsFiles(emulator.awsFiles());
  const env = { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
  const gateway = lazyGateway({ log: () => undefined, requestTimeoutMs: () => 10_000, env, gatewayClass: AwsGateway });
  const model = new ExplorerModel({ gateway, choices: new Choices(new MemoryStore()), settings: () => ({ profiles: [], regions: [], pageSize: 50 }), log: () => undefined });
  const clock = new HandScheduler();
  const autos: AutoRefresh[] = [];
  const newAuto = () => {
    const auto = new AutoRefresh({ model, seconds: () => 60, describeError: (e) => gateway.describeError(e), log: () => undefined, scheduler: clock });
    autos.push(auto);
    return auto;
  };
  const sent = async (run: () => Promise<unknown>) => {
    const mark = emulator.requestLog.next;
    await run();
    return emulator.requestLog.since(mark).length;
  };
  try {
    const [profile] = (await model.children()) as ProfileEntry[];
    const pools = (await model.children(profile)) as PoolEntry[];
    if (pools.length !== SIZES.length) throw new Error(`expected ${SIZES.length} pools, got ${JSON.stringify(pools.map((p) => p.id))}`);
    const pool = (id: string) => pools.find((p) => p.poolId === id)!;
    const load = async (p: PoolEntry, pages: number) => {
      await model.children(p);
      while (p.sessions.pages < pages) await model.loadMore(p);
    };
    /** An AutoRefresh whose tree shows the profile and these pools expanded. */
    const showing = (...shown: PoolEntry[]) => {
      const auto = newAuto();
      auto.expanded(profile);
      for (const p of shown) auto.expanded(p);
      return auto;
    };
    await load(pool(SMALL), 1);
    await load(pool(MID), 3);
    await load(pool(HUNDRED), 2);
    await load(pool(TEN_THOUSAND), 200);

    const rows: Row[] = [];
    const countRow = (figure: string, auto: AutoRefresh, note: string) => async () => {
      const plan = auto.plan();
      const n = await sent(() => auto.tick());
      rows.push({ section: SECTION, figure, value: fmt.count(n, n === 1 ? 'request' : 'requests'), note: `${note}; planned ${plan.requests}, bound ${MAX_REQUESTS_PER_TICK}` });
      return n;
    };
    await countRow('tick: profile expanded, no pool', showing(), '1 DescribeWorkspacesPools (4 pools, 25 per page)')();
    await countRow('tick: + a pool with 1 page loaded', showing(pool(SMALL)), 'pool list + its first page')();
    await countRow('tick: + pools with 1 and 3 pages loaded', showing(pool(SMALL), pool(MID)), 'pool list + 1 + 3 pages')();
    const bigAuto = showing(pool(TEN_THOUSAND));
    await countRow('tick: a pool with 200 pages (10,000 sessions) loaded', bigAuto, `pool list + 19 pages; ${200 - 19} pages kept, marked stale`)();
    rows[rows.length - 1].note += `; stale rows: ${pool(TEN_THOUSAND).sessions.lastReread?.stale.size ?? '?'}`;
    const none = newAuto();
    await countRow('tick: nothing expanded', none, 'collapsed items are not read')();

    // By the timer: an hour hidden (or unfocused) sends nothing; visible and focused, one tick a minute.
    const timed = showing(pool(SMALL));
    const hidden = await sent(async () => {
      timed.setFocused(true);
      timed.setVisible(false);
      clock.advance(3_600_000);
      timed.setVisible(true);
      timed.setFocused(false);
      clock.advance(3_600_000);
    });
    rows.push({ section: SECTION, figure: 'an hour hidden, then an hour unfocused (interval 60 s)', value: fmt.count(hidden, 'requests'), note: 'timer driven; no tick is scheduled while paused' });
    const visible = await sent(async () => {
      timed.setFocused(true);
      for (let i = 0; i < 3; i++) {
        const next = new Promise((resolve) => {
          const sub = timed.onDidTick((r) => (sub.dispose(), resolve(r)));
        });
        clock.advance(60_000);
        await next;
      }
    });
    rows.push({ section: SECTION, figure: '3 minutes visible and focused (interval 60 s)', value: fmt.count(visible, 'requests'), note: '3 ticks × (pool list + 1 page)' });

    // Cost per request: 10,000 loaded against 100 loaded, interleaved.
    const small = showing(pool(HUNDRED));
    const big = bigAuto;
    const perRequest = async (auto: AutoRefresh) => {
      const t0 = performance.now();
      const report = await auto.tick();
      // Nothing changes in the emulator between these ticks: each one finds nothing new.
      quietAnnounced += report.changed.length;
      for (const item of report.changed) await model.children(item);
      const lists = report.plan.poolLists.reduce((n, l) => n + l.requests, 0);
      return { ms: performance.now() - t0, requests: report.requests, pages: report.requests - lists };
    };
    const runs = options.quick ? 5 : 11;
    const perRequestMs = { big: [] as number[], small: [] as number[], pairs: [] as number[] };
    const perPageMs = { big: [] as number[], small: [] as number[], pairs: [] as number[] };
    let bigRequests = 0;
    let smallRequests = 0;
    let quietAnnounced = 0;
    let bigPages = 0;
    let smallPages = 0;
    for (let i = 0; i < 2 + runs; i++) {
      const b = await perRequest(big);
      const s = await perRequest(small);
      if (i < 2) continue; // warm-up
      perRequestMs.big.push(b.ms / b.requests);
      perRequestMs.small.push(s.ms / s.requests);
      perRequestMs.pairs.push(b.ms / b.requests / (s.ms / s.requests));
      perPageMs.big.push(b.ms / b.pages);
      perPageMs.small.push(s.ms / s.pages);
      perPageMs.pairs.push(b.ms / b.pages / (s.ms / s.pages));
      [bigRequests, smallRequests, bigPages, smallPages] = [b.requests, s.requests, b.pages, s.pages];
    }
    const row = (figure: string, samples: typeof perRequestMs, bigN: number, smallN: number, unit: string, extra: string): Row => {
      const b = spread(samples.big);
      const s = spread(samples.small);
      const pair = spread(samples.pairs);
      return {
        section: SECTION,
        figure: `${figure} (${bigN} ${unit})`,
        value: fmt.ms(b.median),
        baseline: `tick with 100 loaded ${fmt.ms(s.median)} (${smallN} ${unit})`,
        ratio: `${pair.median.toFixed(2)}×`,
        note: `median of ${runs} interleaved runs (${fmt.ms(b.min)}–${fmt.ms(b.max)} vs ${fmt.ms(s.min)}–${fmt.ms(s.max)}); ratio = median of pair ratios (ratio of medians ${fmt.ratio(b.median, s.median)}); target <= 1.5×; ${extra}`,
      };
    };
    rows.push(
      row('tick with 10,000 sessions loaded, per request sent', perRequestMs, bigRequests, smallRequests, 'requests',
        "includes the model's children() of what each tick announced (what the tree asks next). The pool list's request goes out alongside the pages, which follow one another (each needs the previous NextToken): it hides in a 2-page tick more than in a 19-page one, which alone makes about (19/20)/(2/3) = 1.43× of this ratio; the next row leaves it out"),
      row('tick with 10,000 sessions loaded, per page request (on the tick\'s critical path)', perPageMs, bigPages, smallPages, 'page requests',
        'the same ticks, time divided by the page requests only (the pool list runs in parallel with them)'),
      {
        section: SECTION,
        figure: `rows announced by the ${2 * (2 + runs)} ticks above, which found nothing new`,
        value: fmt.count(quietAnnounced, 'announcements'),
        note: 'a tick announces a pool only when a row under it or its marks changed: VS Code would draw every loaded row again (and close an open tooltip) for nothing',
      },
    );
    return rows;
  } finally {
    for (const auto of autos) auto.dispose();
    await emulator.stop();
    files.cleanup();
  }
}

if (require.main === module) {
  benchAutoRefresh().then(
    (rows) => {
      for (const r of rows) console.log(`${r.figure}: ${r.value}${r.baseline ? ` | ${r.baseline} | ${r.ratio}` : ''}${r.note ? ` (${r.note})` : ''}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
