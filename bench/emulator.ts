// Emulator figures: demo generation time, startup, and requests per second for 50-session pages of
// DescribeWorkspacesPoolSessions through the real SDK, against a baseline in the same run: the same
// SDK calling a bare node:http server that answers a canned page (no SigV4 check, no paging, no log).
// The ratio says what the emulator's own work costs; the client side (SDK signing and parsing) is
// in both.
//   npx tsx bench/emulator.ts            standalone: prints the figures
import { DescribeWorkspacesPoolSessionsCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_BIG_POOL_ID, DEMO_SHARED_USER_ID, demoScenario, startEmulator, type Emulator } from '../emulator/index';
import type { Figure } from './figure';
import { spread } from './report';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

export type { Figure };

const median = (xs: number[]) => spread(xs).median;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
/** "median of N, min–max": how a figure of several runs is read. */
const range = (xs: number[], digits = 1, unit = ' ms') => {
  const s = spread(xs);
  return `median of ${s.n}, range ${round(s.min, digits)}–${round(s.max, digits)}${unit}`;
};

const REPO = path.resolve(__dirname, '..');

/**
 * A fresh process from spawn to its first stdout line (ms), then stopped: a cold start, module
 * loading and JIT included, as the harness and `npm run emulator` pay it.
 */
function coldStart(args: string[], isReady: (line: string) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] });
    let took: number | undefined;
    const timer = setTimeout(() => child.kill('SIGTERM'), 30_000); // no ready line: a failure, not a hang
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (took !== undefined || !isReady(line)) return;
      took = performance.now() - t0;
      child.kill('SIGTERM');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (took !== undefined) resolve(took);
      else reject(new Error(`${args.join(' ')} exited (${signal ?? code}) before its ready line`));
    });
  });
}

async function cannedServer(body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': Buffer.byteLength(body), 'x-amzn-RequestId': 'canned' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Pages through the big pool again and again with `concurrency` page chains; requests per second. */
async function pagesPerSecond(client: WorkSpacesClient, requests: number, concurrency: number, userId?: string): Promise<number> {
  let remaining = requests;
  const chain = async () => {
    let token: string | undefined;
    while (remaining-- > 0) {
      const out = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, Limit: 50, NextToken: token, UserId: userId }));
      token = out.NextToken || undefined;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, chain));
  return requests / ((performance.now() - t0) / 1000);
}

export async function benchEmulator(options: { quick?: boolean } = {}): Promise<Figure[]> {
  const n = options.quick ? 300 : 1500;
  const figures: Figure[] = [];

  // Median of 9 with its range (wall and CPU time): the machine is shared, and the best run alone
  // would flatter; the range shows how much other processes disturbed the runs.
  const genMs: number[] = [];
  const genCpuMs: number[] = [];
  let sessionCount = 0;
  for (let i = 0; i < 9; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const s = demoScenario({ seed: i + 1 });
    genMs.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    genCpuMs.push((c.user + c.system) / 1000);
    sessionCount = s.pools.reduce((sum, p) => sum + p.sessions.length, 0);
  }
  figures.push({
    name: 'demo scenario generation',
    value: round(median(genMs), 2),
    unit: 'ms',
    note: `${sessionCount} sessions in ${demoScenario().pools.length} pools; ${range(genMs, 2)}; CPU median ${round(median(genCpuMs), 1)} ms`,
  });

  // Cold: a fresh `node --import tsx emulator/cli.ts` per sample, to its JSON ready line (the
  // harness's way to start it), against the same node + tsx printing one line and doing nothing else.
  const starts = options.quick ? 3 : 7;
  const startMs: number[] = [];
  const nodeMs: number[] = [];
  for (let i = 0; i < starts; i++) {
    startMs.push(await coldStart(['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--seed', '1', '--json-ready'], (line) => line.startsWith('{"url"')));
    nodeMs.push(await coldStart(['--import', 'tsx', '-e', 'console.log("ready")'], (line) => line === 'ready'));
  }
  figures.push({
    name: 'emulator cold start to listening (new process)',
    value: round(median(startMs), 1),
    unit: 'ms',
    baseline: `node --import tsx printing a line ${round(median(nodeMs), 1)} ms`,
    ratio: round(median(startMs) / median(nodeMs), 2),
    note: `spawn to the --json-ready line of emulator/cli.ts --port 0; ${range(startMs)}`,
  });

  const emulator: Emulator = await startEmulator({ seed: 1 });
  const account = emulator.accounts[0];
  const sdk = new WorkSpacesClient({ region: 'us-east-1', endpoint: emulator.url, credentials: account, maxAttempts: 1 });

  const firstPage = await sdk.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, Limit: 50 }));
  const canned = await cannedServer(JSON.stringify({ Sessions: emulator.sessions(account.accountId, 'us-east-1', DEMO_BIG_POOL_ID).slice(0, 50).map((s) => ({
    ...s, StartTime: (s.StartTime as Date).getTime() / 1000, ExpirationTime: (s.ExpirationTime as Date).getTime() / 1000,
  })), NextToken: firstPage.NextToken }));
  const bare = new WorkSpacesClient({ region: 'us-east-1', endpoint: canned.url, credentials: account, maxAttempts: 1 });
  try {
    // Warm both paths (JIT, keep-alive sockets) before measuring.
    await pagesPerSecond(sdk, 100, 4);
    await pagesPerSecond(bare, 100, 4);
    for (const concurrency of [1, 8]) {
      // Alternate emulator and baseline rounds (other processes on a shared machine then disturb
      // both alike) and report each one's median round with the range.
      emulator.clearLog();
      const rounds = 5;
      const rpsRounds: number[] = [];
      const baseRounds: number[] = [];
      for (let round = 0; round < rounds; round++) {
        rpsRounds.push(await pagesPerSecond(sdk, Math.ceil(n / rounds), concurrency));
        baseRounds.push(await pagesPerSecond(bare, Math.ceil(n / rounds), concurrency));
      }
      const rps = median(rpsRounds);
      const baseRps = median(baseRounds);
      const serverMs = median(emulator.log.map((e) => e.durationMs));
      figures.push({
        name: `50-session pages via the real SDK, ${concurrency} in flight`,
        value: Math.round(rps),
        unit: 'req/s',
        baseline: `canned-response server ${Math.round(baseRps)} req/s`,
        ratio: round(baseRps / rps, 2),
        note: `ratio = time per request vs baseline; ${range(rpsRounds, 0, ' req/s')} (rounds of ${Math.ceil(n / rounds)} requests; baseline ${range(baseRounds, 0, ' req/s')}); median server-side handling ${serverMs} ms`,
      });
    }
    emulator.clearLog();
    const filtered = await pagesPerSecond(sdk, options.quick ? 100 : 400, 1, DEMO_SHARED_USER_ID);
    figures.push({
      name: 'UserId-filtered pages (scan of 5,000 sessions), 1 in flight',
      value: Math.round(filtered),
      unit: 'req/s',
      note: `median server-side handling ${median(emulator.log.map((e) => e.durationMs))} ms`,
    });
  } finally {
    sdk.destroy();
    bare.destroy();
    canned.server.close();
    canned.server.closeAllConnections();
    await emulator.stop();
  }
  return figures;
}

if (require.main === module) {
  benchEmulator({ quick: process.argv.includes('--quick') }).then(
    (figures) => {
      for (const f of figures) {
        console.log(`${f.name}: ${f.value} ${f.unit}${f.baseline ? `  (baseline: ${f.baseline}, ratio ${f.ratio}×)` : ''}${f.note ? `  [${f.note}]` : ''}`);
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
