// Export of a whole pool in plain Node: the real AWS layer (AwsGateway, real SDK over HTTP) against
// the in-process emulator. A pool of 100,000 sessions is written page by page: ⌈N/50⌉ requests, the
// file equal to the emulator's sessions, and the heap bounded while it runs (measured after full
// GCs at each 10,000 sessions: what the export holds, not how fast it is). A throttled page mid-way
// fails the export with the service's error and leaves no file.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse';
import { AwsGateway } from '../../src/aws/index';
import { startEmulator, type Emulator } from '../../emulator/index';
import { buildScenario, poolId, profileName } from '../../emulator/scenarioBuilder';
import { writeAwsFiles, type TempAwsFiles } from '../../emulator/awsFiles';
import { poolSource } from '../../src/export/source';
import { writeExport } from '../../src/export/writer';
import { CSV_COLUMNS } from '../../src/export/formats';

const SIZE = 100_000;
const REGION = 'us-east-1';
const SESSIONS_OP = 'DescribeWorkspacesPoolSessions';

function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('export: a 100,000-session pool through the AWS layer', function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let files: TempAwsFiles;
  let gateway: AwsGateway;
  let dir: string;
  const pool = { profile: profileName(0), region: REGION, poolId: poolId(0, 0, 0), name: 'big' };

  before(async () => {
    emulator = await startEmulator({ scenario: buildScenario({ profiles: 1, regions: [REGION], poolsPerRegion: 1, sessions: SIZE }) });
    files = writeAwsFiles(emulator.awsFiles());
    gateway = new AwsGateway({ log: () => undefined, env: { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsp-export-int-'));
  });

  after(async () => {
    gateway?.dispose();
    await emulator?.stop();
    files?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => emulator.clearFaults());

  it('writes every session as the emulator holds them, in ⌈N/50⌉ requests, with the heap bounded', async () => {
    const gc = gcFunction();
    // Warm-up: credentials, client, sockets, JIT; the emulator's per-pool state.
    for await (const page of gateway.pageSessions(pool.profile, REGION, pool.poolId, { limit: 50 })) {
      void page;
      break;
    }
    const target = path.join(dir, 'big.csv');
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const growth: number[] = [];
    let nextSample = 10_000;
    emulator.clearLog();
    const result = await writeExport(poolSource(gateway, pool), {
      format: 'csv',
      target,
      onProgress: (n) => {
        if (n < nextSample) return;
        nextSample += 10_000;
        gc();
        growth.push(process.memoryUsage().heapUsed - before);
      },
    });
    assert.strictEqual(result.sessions, SIZE);
    const requests = emulator.log.filter((e) => e.operation === SESSIONS_OP);
    assert.strictEqual(requests.length, Math.ceil(SIZE / 50), '⌈N/50⌉ requests');
    assert.ok(requests.every((e) => e.params.Limit === 50 && e.status === 200));

    // Held while exporting: what is in flight (a few pages and stream buffers), not what was
    // exported. 100,000 sessions held as SDK objects would be about 60 MiB (bench: Memory).
    assert.strictEqual(growth.length, SIZE / 10_000);
    const maxMiB = Math.max(...growth) / 2 ** 20;
    assert.ok(maxMiB < 16, `heap grew by ${maxMiB.toFixed(1)} MiB while exporting (samples: ${growth.map((g) => (g / 2 ** 20).toFixed(1)).join(', ')} MiB)`);
    // And it does not grow with the sessions written: the last sample is not above the second by more than a page's worth of noise.
    assert.ok(growth[growth.length - 1] - growth[1] < 8 * 2 ** 20, `heap keeps growing: ${growth.map((g) => (g / 2 ** 20).toFixed(1)).join(', ')} MiB`);

    // Read back with a real CSV parser, streamed, against the emulator's truth.
    const truth = emulator.sessions(emulator.accounts[0].accountId, REGION, pool.poolId);
    assert.strictEqual(truth.length, SIZE);
    let i = -1;
    for await (const row of fs.createReadStream(target).pipe(parse({ bom: true })) as AsyncIterable<string[]>) {
      if (i === -1) assert.deepStrictEqual(row, [...CSV_COLUMNS]);
      else {
        const s = truth[i];
        assert.deepStrictEqual(row.slice(0, 8), [pool.profile, REGION, s.PoolId, s.SessionId, s.UserId, s.ConnectionState ?? '', s.AuthenticationType ?? '', s.StartTime ? new Date(s.StartTime).toISOString() : ''], `row ${i}`);
      }
      i++;
    }
    assert.strictEqual(i, SIZE);
  });

  it('fails with the service\'s throttling error when a page stays throttled, leaving no file', async () => {
    const target = path.join(dir, 'throttled.json');
    let throttled = false;
    await assert.rejects(
      writeExport(poolSource(gateway, pool), {
        format: 'json',
        target,
        onProgress: (n) => {
          // After three pages every request is throttled (the SDK's own retries included).
          if (n >= 150 && !throttled) {
            throttled = true;
            emulator.setFaults(SESSIONS_OP, { throttleRate: 1 });
          }
        },
      }),
      (e: Error) => e.name === 'ThrottlingException',
    );
    assert.deepStrictEqual(fs.readdirSync(dir).filter((f) => f.includes('throttled')), []);
  });
});
