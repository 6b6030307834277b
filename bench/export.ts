// Export Sessions… of a 100,000-session pool, in plain Node with the real SDK against the in-process
// emulator (no added latency: what is measured is the export's own work per page):
// - requests: ⌈N/50⌉ (a count, from the emulator's log);
// - time of the export (poolSource through AwsGateway + writeExport, CSV) against a bare SDK loop
//   writing the same file (WorkSpacesClient + DescribeWorkspacesPoolSessionsCommand on NextToken,
//   each page stringified with csv-stringify's same options and written to a file stream, waiting
//   for 'drain'): interleaved pairs (ABBA), ratio = median of the pair ratios; target <= 1.1;
//   the two files are checked byte for byte equal. Each side's CPU time (this process: the
//   emulator's share is the same for both) and the load average are in the note: the wall ratio
//   needs a quiet machine (with the same code, runs at load average 10-18 on 2 CPUs gave pair
//   ratios from 0.77 to 1.67), the CPU ratio moves much less with the other processes' load;
// - heap growth during the export: heap used after a full GC at every 10,000 sessions, minus before.
//   npx tsx bench/export.ts [--quick]     standalone: prints the figures
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { once } from 'events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DescribeWorkspacesPoolSessionsCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { stringify } from 'csv-stringify/sync';
import { AwsGateway } from '../src/aws/index';
import { startEmulator } from '../emulator/index';
import { buildScenario, poolId, profileName } from '../emulator/scenarioBuilder';
import { writeAwsFiles } from '../emulator/awsFiles';
import { CSV_COLUMNS, csvRow } from '../src/export/formats';
import { poolSource } from '../src/export/source';
import { writeExport } from '../src/export/writer';
import type { Figure } from './figure';

const SIZE = 100_000;
const REGION = 'us-east-1';
const OPTIONS = { bom: true, record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ } as const;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export async function benchExport(options: { quick?: boolean } = {}): Promise<Figure[]> {
  // 5 pairs: with 3 the ratio moved 1.06–1.24× between runs on a quiet machine.
  const pairs = options.quick ? 1 : 5;
  const emulator = await startEmulator({ scenario: buildScenario({ profiles: 1, regions: [REGION], poolsPerRegion: 1, sessions: SIZE }) });
  const files = writeAwsFiles(emulator.awsFiles());
  const gateway = new AwsGateway({ log: () => undefined, env: { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile } });
  const account = emulator.accounts[0];
  const bare = new WorkSpacesClient({ region: REGION, endpoint: emulator.url, credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsp-bench-export-'));
  const pool = { profile: profileName(0), region: REGION, poolId: poolId(0, 0, 0), name: 'big' };
  const ours = path.join(dir, 'export.csv');
  const theirs = path.join(dir, 'bare.csv');

  const cpuMs: Record<'export' | 'bare', number[]> = { export: [], bare: [] };
  const cpuSince = (start: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const viaExport = async (onProgress?: (n: number) => void) => {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const { sessions } = await writeExport(poolSource(gateway, pool), { format: 'csv', target: ours, onProgress });
    if (sessions !== SIZE) throw new Error(`exported ${sessions} sessions`);
    const ms = performance.now() - t0;
    cpuMs.export.push(cpuSince(cpu));
    return ms;
  };
  // What a script with the SDK alone would do: page on NextToken, write each page, respect backpressure.
  const viaBareSdk = async () => {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const out = fs.createWriteStream(theirs);
    let NextToken: string | undefined;
    let first = true;
    do {
      const page = await bare.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: pool.poolId, Limit: 50, NextToken }));
      const rows = (page.Sessions ?? []).map((session) => csvRow({ profile: pool.profile, region: REGION, session }));
      const text = stringify(rows, { ...OPTIONS, header: first, bom: first, columns: [...CSV_COLUMNS] });
      first = false;
      if (!out.write(text)) await once(out, 'drain');
      NextToken = page.NextToken || undefined;
    } while (NextToken);
    out.end();
    await once(out, 'finish');
    const ms = performance.now() - t0;
    cpuMs.bare.push(cpuSince(cpu));
    return ms;
  };

  try {
    await viaExport();
    await viaBareSdk();
    if (!fs.readFileSync(ours).equals(fs.readFileSync(theirs))) throw new Error('the export and the bare loop wrote different files');
    const size = fs.statSync(ours).size;
    cpuMs.export.length = 0;
    cpuMs.bare.length = 0;
    const load = [os.loadavg()[0]];
    const exportMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < pairs; i++) {
      if (i % 2 === 0) {
        exportMs.push(await viaExport());
        bareMs.push(await viaBareSdk());
      } else {
        bareMs.push(await viaBareSdk());
        exportMs.push(await viaExport());
      }
    }
    load.push(os.loadavg()[0]);
    const cpuPairs = cpuMs.export.map((ms, i) => ms / cpuMs.bare[i]);
    emulator.clearLog();
    await viaExport();
    const requests = emulator.log.filter((e) => e.operation === 'DescribeWorkspacesPoolSessions').length;

    const gc = gcFunction();
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const growth: number[] = [];
    let next = 10_000;
    await viaExport((n) => {
      if (n < next) return;
      next += 10_000;
      gc();
      growth.push(process.memoryUsage().heapUsed - before);
    });
    const e = median(exportMs);
    const b = median(bareMs);
    return [
      {
        name: `export ${SIZE.toLocaleString('en')} sessions to CSV (pool source + writer)`,
        value: round(e),
        unit: 'ms',
        baseline: `bare SDK loop writing the same file ${round(b)} ms`,
        ratio: median(exportMs.map((ms, i) => ms / bareMs[i])),
        note:
          `medians of ${pairs} interleaved pairs; ratio = median of pair ratios; target <= 1.1; files byte-equal, ${round(size / 2 ** 20, 1)} MiB; no added latency; ` +
          `CPU time ${round(median(cpuMs.export.slice(0, pairs)))} ms against ${round(median(cpuMs.bare.slice(0, pairs)))} ms (ratio ${median(cpuPairs.slice(0, pairs)).toFixed(2)}); ` +
          `load average ${load.map((l) => l.toFixed(1)).join(' → ')} on ${os.cpus().length} CPUs`,
      },
      { name: `requests to export ${SIZE.toLocaleString('en')} sessions`, value: requests, unit: 'requests', baseline: `⌈N/50⌉ = ${Math.ceil(SIZE / 50)}`, ratio: requests / Math.ceil(SIZE / 50) },
      {
        name: 'heap growth while exporting 100,000 sessions (max after full GC, sampled every 10,000)',
        value: round(Math.max(...growth) / 2 ** 20),
        unit: 'MiB',
        note: `samples ${growth.map((g) => round(g / 2 ** 20, 1)).join(', ')} MiB; the same sessions held as SDK objects: about 60 MiB (Memory)`,
      },
    ];
  } finally {
    gateway.dispose();
    bare.destroy();
    await emulator.stop();
    files.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchExport({ quick: process.argv.includes('--quick') }).then(
    (figures) => {
      for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}${f.baseline ? ` (${f.baseline}${f.ratio !== undefined ? `, ratio ${f.ratio.toFixed(3)}` : ''})` : ''}${f.note ? ` · ${f.note}` : ''}`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
