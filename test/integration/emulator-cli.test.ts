// `npm run emulator` as a user and as a harness run it: a child process, its ready line or its
// printed instructions, stdin commands, the AWS files it writes, and a clean exit on a signal.
import { DescribeWorkspacesPoolsCommand, DescribeWorkspacesPoolSessionsCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { strict as assert } from 'node:assert';
import { DEMO_BIG_POOL_ID } from '../../emulator';
import { EmulatorClient } from '../support/emulatorClient';
import { useAwsFiles } from '../../emulator/awsFiles';

const ROOT = join(__dirname, '../..');

interface Cli {
  child: ChildProcessWithoutNullStreams;
  lines: Interface;
  /** Resolves with the next stdout line that satisfies `test`. */
  next(test?: (line: string) => boolean): Promise<string>;
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

function startCli(args: string[]): Cli {
  // `node --import tsx` rather than the tsx CLI: the CLI relays signals to its child and SIGKILLs
  // it when the child does not acknowledge within 30 ms, which happens on a loaded machine.
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  const queue: string[] = [];
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  lines.on('line', (line) => {
    const i = waiters.findIndex((w) => w.test(line));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(line);
    else queue.push(line);
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    lines,
    exited,
    next(test = () => true) {
      const i = queue.findIndex(test);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0]);
      return new Promise((resolve, reject) => {
        waiters.push({ test, resolve });
        exited.then(([code]) => reject(new Error(`emulator exited (${code}) before the expected line`)), reject);
      });
    },
  };
}

describe('emulator CLI', function () {
  this.timeout(60_000);
  const running: Cli[] = [];
  afterEach(() => {
    for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  });

  it('--json-ready: one JSON line; the files it names drive the real SDK; stdin commands; clean exit on SIGTERM', async () => {
    const cli = startCli(['--json-ready', '--seed', '5']);
    running.push(cli);
    const ready = JSON.parse(await cli.next()) as { url: string; configFile: string; credentialsFile: string; accounts: { profileName: string; accountId: string }[] };
    assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(ready.accounts.map((a) => a.profileName), ['acme-prod', 'acme-dev', 'globex-helpdesk']);
    const restore = useAwsFiles(ready, 'acme-prod');
    const sdk = new WorkSpacesClient({ maxAttempts: 1 });
    try {
      const page = await sdk.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, Limit: 50 }));
      assert.equal(page.Sessions?.length, 50);

      cli.child.stdin.write('fault DescribeWorkspacesPools throttle=1 latency=10\n');
      assert.match(await cli.next((l) => l.startsWith('faults:')), /"DescribeWorkspacesPools":\{"throttleRate":1,"latencyMs":10\}/);
      const throttled = await sdk.send(new DescribeWorkspacesPoolsCommand({})).catch((e: Error) => e.name);
      assert.equal(throttled, 'ThrottlingException');
      assert.deepEqual(await new EmulatorClient(ready.url).faults(), { DescribeWorkspacesPools: { throttleRate: 1, latencyMs: 10 } });
      cli.child.stdin.write('faults off\n');
      assert.equal(await cli.next((l) => l.startsWith('faults:')), 'faults: none');
      await sdk.send(new DescribeWorkspacesPoolsCommand({}));

      cli.child.stdin.write('log 2\n');
      const logLine = await cli.next((l) => l.includes(' 200 DescribeWorkspacesPools '));
      assert.match(logLine, /200 DescribeWorkspacesPools 111122223333 us-east-1/);
      cli.child.stdin.write('bogus\n');
      assert.match(await cli.next((l) => l.startsWith('unknown command')), /type help/);
    } finally {
      sdk.destroy();
      restore();
    }
    cli.child.kill('SIGTERM');
    const [code] = await cli.exited;
    assert.equal(code, 0);
    assert.ok(!existsSync(ready.configFile), 'its temporary AWS files are removed');
  });

  it('--json-ready with a stdin pipe: stops cleanly when the parent closes it', async () => {
    const cli = startCli(['--json-ready']);
    running.push(cli);
    const ready = JSON.parse(await cli.next()) as { configFile: string };
    cli.child.stdin.end();
    const [code] = await cli.exited;
    assert.equal(code, 0);
    assert.ok(!existsSync(ready.configFile));
  });

  it('for a user (no --json-ready), the end of piped commands does not stop it', async () => {
    const cli = startCli([]);
    running.push(cli);
    await cli.next((l) => l.includes('Ctrl+C stops'));
    cli.child.stdin.end('faults\n');
    assert.equal(await cli.next((l) => l.startsWith('faults:')), 'faults: {}');
    cli.child.kill('SIGINT');
    assert.equal(await cli.next((l) => l.includes('stopping')), 'emulator: SIGINT, stopping');
    assert.equal((await cli.exited)[0], 0);
  });

  it('prints the URL, every key pair, the AWS files and the export lines; exits 0 on SIGINT', async () => {
    const cli = startCli(['--seed', '5', '--latency-ms', '1']);
    running.push(cli);
    await cli.next((l) => l.includes('Ctrl+C stops'));
    cli.child.kill('SIGINT');
    await cli.exited;
    // Everything printed before the prompt line is still queued; re-read it from the queue.
    const printed: string[] = [];
    for (;;) {
      const line = await cli.next().catch(() => undefined);
      if (line === undefined) break;
      printed.push(line);
    }
    const text = printed.join('\n');
    assert.match(text, /listening on http:\/\/127\.0\.0\.1:\d+/);
    for (const profile of ['acme-prod', 'acme-dev', 'globex-helpdesk']) {
      assert.match(text, new RegExp(`\\[profile ${profile}\\]`));
      assert.match(text, new RegExp(`\\[${profile}\\]\\naws_access_key_id = AKIA`));
    }
    assert.match(text, /export AWS_CONFIG_FILE=\S+config/);
    assert.match(text, /export AWS_SHARED_CREDENTIALS_FILE=\S+credentials/);
    assert.match(text, /endpoint_url = http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(cli.child.exitCode, 0);
  });

  it('refuses bad arguments with exit code 2', async () => {
    // A latency over one hour would overflow Node's timer (2^31-1 ms) and become 1 ms.
    for (const args of [['--port', 'abc'], ['--latency-ms', '2147483648']]) {
      const cli = startCli(args);
      running.push(cli);
      const [code] = await cli.exited;
      assert.equal(code, 2, args.join(' '));
    }
  });
});
