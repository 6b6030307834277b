// Pager edge cases the emulator never produces (an empty-string NextToken, a token that repeats),
// from a scripted loopback server; and a real connection refused / service restart.
import { strict as assert } from 'assert';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { AwsGateway, describeError } from '../../src/aws/index';
import { startEmulator } from '../../emulator/index';
import { TempAwsFiles, writeAwsFiles } from '../../emulator/awsFiles';

interface Call {
  target: string;
  body: Record<string, unknown>;
}

describe('AWS layer: pager edge cases', () => {
  let server: Server;
  let url: string;
  let script: ((call: Call) => unknown)[] = [];
  let calls: Call[] = [];
  let files: TempAwsFiles;
  let gateway: AwsGateway;

  before(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const call = { target: String(req.headers['x-amz-target']), body: JSON.parse(text || '{}') as Record<string, unknown> };
        calls.push(call);
        const next = script.shift();
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `r${calls.length}` });
        res.end(JSON.stringify(next ? next(call) : {}));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    files = writeAwsFiles({
      config: `[profile s]\nregion = us-east-1\nendpoint_url = ${url}\n`,
      credentials: '[s]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n',
    });
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    files.cleanup();
  });
  beforeEach(() => {
    calls = [];
    script = [];
    gateway = new AwsGateway({
      log: () => undefined,
      env: { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile },
    });
  });
  afterEach(() => gateway.dispose());

  const session = (id: string) => ({ SessionId: id, PoolId: 'wspool-abcdefghi', UserId: `u-${id}` });

  it("an empty-string NextToken is the end, not a token to send", async () => {
    script = [() => ({ Sessions: [session('a')], NextToken: 't1' }), () => ({ Sessions: [session('b')], NextToken: '' })];
    const pages = [];
    for await (const page of gateway.pageSessions('s', 'us-east-1', 'wspool-abcdefghi', { limit: 1 })) pages.push(page);
    assert.deepEqual(
      pages.map((p) => [p.sessions.map((x) => x.SessionId), p.nextToken]),
      [
        [['a'], 't1'],
        [['b'], undefined],
      ],
    );
    assert.equal(calls.length, 2);
    assert.equal(calls[1].body.NextToken, 't1');
    assert.equal(calls[0].body.NextToken, undefined, 'no token on the first page');

    script = [() => ({ Sessions: [], NextToken: '' })];
    assert.deepEqual(await gateway.sessionsPage('s', 'us-east-1', 'wspool-abcdefghi', {}), { sessions: [], nextToken: undefined });

    script = [() => ({ WorkspacesPools: [{ PoolId: 'wspool-000000001' }], NextToken: '' })];
    assert.equal((await gateway.listPools('s', 'us-east-1')).length, 1);
  });

  it('a service that repeats a token is stopped instead of looping forever', async () => {
    script = Array.from({ length: 10 }, () => () => ({ Sessions: [session('x')], NextToken: 'same' }));
    const pages = gateway.pageSessions('s', 'us-east-1', 'wspool-abcdefghi');
    await assert.rejects(
      (async () => {
        for await (const _ of pages) void _;
      })(),
      /already returned/,
    );
    assert.equal(calls.length, 2);
  });

  it('connection refused is a retryable network error; a restarted service is used again', async function () {
    this.timeout(30_000);
    const emulator = await startEmulator({ scenario: 'demo', seed: 7 });
    const port = Number(new URL(emulator.url).port);
    const own = writeAwsFiles(emulator.awsFiles());
    const profile = emulator.accounts[0].profileName;
    const ex = new AwsGateway({
      log: () => undefined,
      env: { HOME: own.dir, AWS_CONFIG_FILE: own.configFile, AWS_SHARED_CREDENTIALS_FILE: own.credentialsFile },
      maxAttempts: 1,
    });
    let restarted: Awaited<ReturnType<typeof startEmulator>> | undefined;
    try {
      const before = await ex.listPools(profile, 'us-east-1');
      await emulator.stop();
      const error = await ex.listPools(profile, 'us-east-1').catch((e: unknown) => e);
      const d = describeError(error, profile);
      assert.equal(d.kind, 'network', String(error));
      assert.equal(d.retryable, true);
      restarted = await startEmulator({ scenario: 'demo', seed: 7, port });
      const after = await ex.listPools(profile, 'us-east-1');
      assert.deepEqual(after.map((p) => p.PoolId), before.map((p) => p.PoolId), 'same gateway, same clients, works again');
    } finally {
      ex.dispose();
      await restarted?.stop();
      await emulator.stop();
      own.cleanup();
    }
  });
});
