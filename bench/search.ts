// Find User's Sessions… (src/model/userSearch.ts) against what a CLI script does, in one run.
//
//   npx tsx bench/search.ts      standalone: prints the figures
//   benchSearch({ quick })       from bench/index.ts (`npm run bench`)
//
// 3 profiles × 2 regions × 10 pools, 50 ms emulated latency per request, a user with two sessions in
// 6 of the 60 pools. Each search sample is a new explorer model (no pool list loaded: the search
// lists them) over one warm AWS layer; the baseline is a sequential loop of the same SDK requests
// (DescribeWorkspacesPools pages, then DescribeWorkspacesPoolSessions with UserId per pool) with one
// warm client per profile and region. Runs alternate (ABBA), after one warm-up each; medians. The
// emulator runs in a process of its own (as AWS is elsewhere): in this one, its CPU time (SigV4
// checks, JSON) would queue behind the client's and make any concurrent client look slow.
// The critical path: the least time any schedule within the search's bounds (per profile, overall)
// could take: the list pages, then max(⌈pools / overall⌉, max over profiles ⌈pools / per-profile⌉)
// rounds, each round the mean time of one request as the sequential loop measured it.
import { DescribeWorkspacesPoolSessionsCommand, DescribeWorkspacesPoolsCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { AwsGateway } from '../src/aws/gateway';
import { lazyGateway } from '../src/aws/lazyGateway';
import { Choices, type StateStore } from '../src/model/choices';
import { ExplorerModel } from '../src/model/explorerModel';
import { SEARCH_OVERALL, SEARCH_PER_PROFILE, UserSearch } from '../src/model/userSearch';
import { spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { createInterface } from 'readline';
import type { EmulatorAccount } from '../emulator/index';
import { buildScenario, userId } from '../emulator/scenarioBuilder';
import { EmulatorClient } from '../test/support/emulatorClient';
import { fmt, spread, type Row } from './report';

const SECTION = "Find User's Sessions";
const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const PROFILES = 3;
const POOLS = 10;
const LATENCY_MS = 50;
const USER = userId(3, 0); // pool 3 of every profile and region, 2 sessions each (14 per pool, 7 users): 12 in 6 pools

class MapStore implements StateStore {
  private readonly data = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T {
    return (this.data.has(key) ? this.data.get(key) : defaultValue) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}

export async function benchSearch(options: { quick?: boolean } = {}): Promise<Row[]> {
  const samples = options.quick ? 3 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'wsp-bench-search-'));
  const scenarioFile = join(dir, 'scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(buildScenario({ profiles: PROFILES, regions: REGIONS, poolsPerRegion: POOLS, sessions: 14 })));
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--json-ready', '--scenario', scenarioFile, '--latency-ms', String(LATENCY_MS)], {
    cwd: resolve(__dirname, '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const ready = await new Promise<{ url: string; configFile: string; credentialsFile: string; accounts: EmulatorAccount[] }>((ok, fail) => {
      const lines = createInterface({ input: child.stdout });
      lines.once('line', (line) => ok(JSON.parse(line)));
      child.once('exit', (code) => fail(new Error(`the emulator exited (${code}) before it was ready`)));
    });
    const control = new EmulatorClient(ready.url);
    const env = { HOME: dir, AWS_CONFIG_FILE: ready.configFile, AWS_SHARED_CREDENTIALS_FILE: ready.credentialsFile };
    const gateway = lazyGateway({ log: () => undefined, requestTimeoutMs: () => 10_000, env, gatewayClass: AwsGateway });
    const search = async (): Promise<{ ms: number; requests: number; found: number; listPages: number }> => {
      const model = new ExplorerModel({ gateway, choices: new Choices(new MapStore()), settings: () => ({ profiles: [], regions: [...REGIONS], pageSize: 50 }), log: () => undefined });
      const mark = await control.mark();
      const started = performance.now();
      const s = new UserSearch(USER, {}, { model, gateway });
      await s.start();
      const ms = performance.now() - started;
      if (s.state !== 'done' || s.summary().failures) throw new Error(`search ended ${s.state} with ${s.summary().failures} failures`);
      const log = await control.log({ since: mark, settle: true });
      return { ms, requests: log.length, found: s.found().length, listPages: log.filter((e) => e.operation === 'DescribeWorkspacesPools').length };
    };

    const clients = ready.accounts.flatMap((a) =>
      REGIONS.map((region) => new WorkSpacesClient({ region, endpoint: ready.url, credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey } })),
    );
    // What a CLI script does: each profile and region in turn, each pool in turn.
    const sequential = async (): Promise<{ ms: number; requests: number; found: number }> => {
      let requests = 0;
      let found = 0;
      const started = performance.now();
      for (const client of clients) {
        const poolIds: string[] = [];
        let token: string | undefined;
        do {
          const page = await client.send(new DescribeWorkspacesPoolsCommand({ Limit: 25, NextToken: token }));
          requests++;
          for (const p of page.WorkspacesPools ?? []) poolIds.push(p.PoolId ?? '');
          token = page.NextToken || undefined;
        } while (token);
        for (const poolId of poolIds) {
          let next: string | undefined;
          do {
            const page = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: poolId, UserId: USER, Limit: 50, NextToken: next }));
            requests++;
            found += page.Sessions?.length ?? 0;
            next = page.NextToken || undefined;
          } while (next);
        }
      }
      return { ms: performance.now() - started, requests, found };
    };

    await search();
    await sequential();
    const a: Awaited<ReturnType<typeof search>>[] = [];
    const b: Awaited<ReturnType<typeof sequential>>[] = [];
    for (let i = 0; i < samples; i++) {
      if (i % 2 === 0) {
        a.push(await search());
        b.push(await sequential());
      } else {
        b.push(await sequential());
        a.push(await search());
      }
    }
    for (const c of clients) c.destroy();
    gateway.reset();

    const pools = PROFILES * REGIONS.length * POOLS;
    const listPages = PROFILES * REGIONS.length * Math.ceil(POOLS / 25);
    const searchMs = spread(a.map((x) => x.ms));
    const seqMs = spread(b.map((x) => x.ms));
    const requests = a[0].requests;
    if (a.some((x) => x.requests !== pools + listPages || x.found !== PROFILES * REGIONS.length * 2)) throw new Error(`search sent ${a.map((x) => x.requests).join(', ')} requests, found ${a.map((x) => x.found).join(', ')}`);
    if (b.some((x) => x.requests !== requests || x.found !== a[0].found)) throw new Error('the sequential loop did not send the same requests');
    const perRequest = seqMs.median / requests;
    const rounds = Math.ceil(listPages / (PROFILES * REGIONS.length)) + Math.max(Math.ceil(pools / SEARCH_OVERALL), Math.ceil((REGIONS.length * POOLS) / SEARCH_PER_PROFILE));
    const critical = rounds * perRequest;
    const note = `${PROFILES} profiles × ${REGIONS.length} regions × ${POOLS} pools, ${LATENCY_MS} ms latency, median of ${samples} (${fmt.ms(searchMs.min)}–${fmt.ms(searchMs.max)}); bench/search.ts`;
    return [
      {
        section: SECTION,
        figure: 'search vs sequential loop of the same SDK requests',
        value: fmt.ms(searchMs.median),
        baseline: `sequential loop ${fmt.ms(seqMs.median)}`,
        ratio: fmt.ratio(searchMs.median, seqMs.median),
        note: `${(seqMs.median / searchMs.median).toFixed(1)}× faster (target ≥ 5×); ${note}`,
      },
      {
        section: SECTION,
        figure: 'search vs the critical path its bounds allow',
        value: fmt.ms(searchMs.median),
        baseline: `critical path ${fmt.ms(critical)}`,
        ratio: fmt.ratio(searchMs.median, critical),
        note: `target ≤ 1.3×; ${rounds} rounds (list, then ⌈${pools}/${SEARCH_OVERALL}⌉ overall, ${SEARCH_PER_PROFILE} per profile) × ${fmt.ms(perRequest)} per request (the loop's mean)`,
      },
      {
        section: SECTION,
        figure: 'requests of one search (nothing loaded)',
        value: fmt.count(requests, 'requests'),
        baseline: `pools + list pages ${pools + listPages}`,
        ratio: fmt.ratio(requests, pools + listPages),
        note: `${pools} DescribeWorkspacesPoolSessions (UserId) + ${a[0].listPages} DescribeWorkspacesPools pages; ${a[0].found} sessions found`,
      },
    ];
  } finally {
    child.stdin.end(); // the emulator stops at the end of its stdin (and removes its AWS files)
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchSearch({ quick: process.argv.includes('--quick') }).then(
    (rows) => {
      for (const r of rows) console.log(`${r.figure}: ${r.value} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.note ?? ''}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
