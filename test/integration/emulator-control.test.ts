// The HTTP control API (/_emulator/*) through its typed client, with effects checked through the
// real SDK: the way the extension-host suite drives an emulator in another process.
import {
  AccessDeniedException, DescribeWorkspacesPoolsCommand, DescribeWorkspacesPoolSessionsCommand, InvalidParameterValuesException, StopWorkspacesPoolCommand,
  TerminateWorkspacesPoolSessionCommand, WorkSpacesClient, WorkSpacesServiceException,
} from '@aws-sdk/client-workspaces';
import { strict as assert } from 'node:assert';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { request } from 'node:http';
import { DEMO_BIG_POOL_ID, DEMO_EMPTY_POOL_ID, startEmulator, type Emulator, type EmulatorAccount } from '../../emulator';
import { EmulatorClient, EmulatorControlError } from '../support/emulatorClient';

describe('emulator HTTP control', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let control: EmulatorClient;
  let prod: EmulatorAccount;
  let sdk: WorkSpacesClient;

  before(async () => {
    emulator = await startEmulator({ seed: 3, transitionMs: 60_000 });
    control = new EmulatorClient(emulator.url);
    prod = emulator.accounts[0];
    sdk = new WorkSpacesClient({ region: 'us-east-1', endpoint: emulator.url, credentials: prod, maxAttempts: 1 });
  });

  afterEach(() => emulator.clearFaults());

  after(async () => {
    sdk?.destroy();
    await emulator?.stop();
  });

  it('reports health, accounts, regions and the AWS files', async () => {
    assert.equal(await control.health(), true);
    const info = await control.info();
    assert.equal(info.url, emulator.url);
    assert.deepEqual(info.accounts, emulator.accounts);
    assert.deepEqual(info.regions, ['us-east-1', 'eu-west-1']);
    const files = await control.awsFiles();
    assert.deepEqual(files, emulator.awsFiles());
    assert.match(files.config, new RegExp(`\\[profile acme-prod\\]\\nregion = us-east-1\\nendpoint_url = ${emulator.url}`));
    assert.ok(files.credentials.includes(`aws_secret_access_key = ${prod.secretAccessKey}`));
  });

  it('switches faults on and off while running', async () => {
    await control.setFaults('DescribeWorkspacesPools', { throttleRate: 1 });
    assert.deepEqual(await control.faults(), { DescribeWorkspacesPools: { throttleRate: 1 } });
    const err = await sdk.send(new DescribeWorkspacesPoolsCommand({})).catch((e: unknown) => e);
    // Not a modelled error of WorkSpaces: the SDK's service exception base class with its name.
    assert.ok(err instanceof WorkSpacesServiceException && err.name === 'ThrottlingException');
    // Other operations are untouched.
    await sdk.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_EMPTY_POOL_ID }));
    await control.setFaults('DescribeWorkspacesPools');
    await sdk.send(new DescribeWorkspacesPoolsCommand({}));
    await control.setFaults('*', { serverErrorRate: 1 });
    const err2 = await sdk.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_EMPTY_POOL_ID })).catch((e: unknown) => e as Error & { $metadata: { httpStatusCode: number } });
    assert.ok([500, 503].includes((err2 as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode));
    await control.clearFaults();
    assert.deepEqual(await control.faults(), {});
    await sdk.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_EMPTY_POOL_ID }));
  });

  it('refuses bad fault specs and unknown operations with a message', async () => {
    await assert.rejects(control.setFaults('DescribeWorkspacesPools', { throttleRate: 2 }), (e: unknown) => e instanceof EmulatorControlError && e.status === 400 && /between 0 and 1/.test(e.message));
    await assert.rejects(control.setFaults('DescribeWorkspaces', { throttleRate: 0.1 }), /unknown operation/);
    await assert.rejects(control.setFaults('*', { bogus: 1 } as never), /unknown fault bogus/);
  });

  it('serves the request log, filtered by operation and by position', async () => {
    await control.clearLog();
    const mark = await control.mark();
    await sdk.send(new DescribeWorkspacesPoolsCommand({ Limit: 3 }));
    await sdk.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, Limit: 2 }));
    await sdk.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: 'wspool-nothere00' })).catch(() => undefined);
    const all = await control.log();
    assert.deepEqual(all.map((e) => [e.operation, e.status, e.errorType]), [
      ['DescribeWorkspacesPools', 200, undefined],
      ['DescribeWorkspacesPoolSessions', 200, undefined],
      ['DescribeWorkspacesPoolSessions', 400, 'ResourceNotFoundException'],
    ]);
    assert.deepEqual(all[0].params, { Limit: 3 });
    assert.equal(all[0].accountId, prod.accountId);
    assert.equal((await control.log({ operation: 'DescribeWorkspacesPools' })).length, 1);
    assert.deepEqual(all.map((e) => e.seq), [mark, mark + 1, mark + 2], 'sequence numbers in arrival order, not reset by clearLog');
    assert.deepEqual((await control.log({ since: mark + 2 })).map((e) => e.seq), [mark + 2]);
    assert.equal(await control.mark(), mark + 3);
  });

  it('refuses (410) a log question whose entries the bound dropped, instead of answering []', async () => {
    // The bound is 20,000 by default; 3 here, so that 5 requests overflow it.
    const small = await startEmulator({ seed: 3, logCapacity: 3 });
    const smallControl = new EmulatorClient(small.url);
    const client = new WorkSpacesClient({ region: 'us-east-1', endpoint: small.url, credentials: small.accounts[0], maxAttempts: 1 });
    try {
      const mark = await smallControl.mark();
      for (let i = 0; i < 5; i++) await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_EMPTY_POOL_ID }));
      const error = await smallControl.log({ since: mark, operation: 'DescribeWorkspacesPoolSessions' }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof EmulatorControlError, 'a question about dropped entries was answered');
      assert.equal(error.status, 410);
      assert.match(error.message, /keeps the last 3 entries and has dropped entries from 0 on \(up to 1\)/);
      // From the first kept entry on, the answer is whole again.
      assert.deepEqual((await smallControl.log({ since: mark + 2 })).map((e) => e.seq), [2, 3, 4]);
      const answer = await smallControl.logAnswer({ since: 5 });
      assert.deepEqual({ ...answer, entries: answer.entries.length }, { entries: 0, total: 3, next: 5, inFlight: 0, dropped: 2 });
      // After a clear, what was dropped before does not matter any more.
      await smallControl.clearLog();
      assert.deepEqual(await smallControl.log({ since: mark }), []);
    } finally {
      client.destroy();
      await small.stop();
    }
  });

  it('counts a request in flight, and lets it land before answering when asked to settle', async () => {
    await control.setFaults('DescribeWorkspacesPools', { latencyMs: 400 });
    const mark = await control.mark();
    const sent = sdk.send(new DescribeWorkspacesPoolsCommand({}));
    // The request has arrived once the next sequence number moved past the mark.
    while ((await control.mark()) === mark) await new Promise((resolve) => setImmediate(resolve));
    const early = await control.logAnswer({ since: mark });
    assert.deepEqual([early.entries.length, early.inFlight], [0, 1], 'in flight: not in the log yet, but counted');
    const settled = await control.log({ since: mark, settle: true });
    assert.deepEqual(settled.map((e) => [e.seq, e.operation, e.status]), [[mark, 'DescribeWorkspacesPools', 200]]);
    await sent;
    // A request that cannot land in time fails the question rather than reading as "none sent".
    await control.setFaults('DescribeWorkspacesPools', { latencyMs: 2000 });
    const mark2 = await control.mark();
    const slow = sdk.send(new DescribeWorkspacesPoolsCommand({}));
    while ((await control.mark()) === mark2) await new Promise((resolve) => setImmediate(resolve));
    await assert.rejects(control.log({ since: mark2, settle: 50 }), /1 request\(s\) still in flight at the emulator after 50 ms/);
    await slow;
  });

  it('changes data while running: sessions start, connect, disconnect and end; pools change state', async () => {
    const userId = 'visitor@acme.example';
    const added = await control.addSession(prod.accountId, 'us-east-1', DEMO_EMPTY_POOL_ID, { UserId: userId, ConnectionState: 'NOT_CONNECTED', StartTime: '2026-11-28T10:00:00Z' });
    assert.equal(added.StartTime?.toISOString(), '2026-11-28T10:00:00.000Z');
    const seen = async () => (await sdk.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_EMPTY_POOL_ID, UserId: userId }))).Sessions ?? [];
    assert.deepEqual((await seen()).map((s) => [s.SessionId, s.ConnectionState]), [[added.SessionId, 'NOT_CONNECTED']]);
    assert.equal(await control.setConnectionState(added.SessionId as string, 'CONNECTED'), true);
    assert.equal((await seen())[0].ConnectionState, 'CONNECTED');
    const pool = (await control.pools(prod.accountId, 'us-east-1')).find((p) => p.PoolId === DEMO_EMPTY_POOL_ID);
    assert.equal(pool?.CapacityStatus?.ActiveUserSessions, 1);
    assert.ok(pool?.CreatedAt instanceof Date);
    assert.deepEqual((await control.sessions(prod.accountId, 'us-east-1', DEMO_EMPTY_POOL_ID)).map((s) => s.SessionId), [added.SessionId]);
    assert.equal(await control.endSession(added.SessionId as string), true);
    assert.deepEqual(await seen(), []);
    assert.equal(await control.endSession(added.SessionId as string), false);
    await control.setPoolState(prod.accountId, 'us-east-1', DEMO_EMPTY_POOL_ID, 'UPDATING');
    const state = (await sdk.send(new DescribeWorkspacesPoolsCommand({ PoolIds: [DEMO_EMPTY_POOL_ID] }))).WorkspacesPools?.[0].State;
    assert.equal(state, 'UPDATING');
    await assert.rejects(control.addSession(prod.accountId, 'us-east-1', 'wspool-nothere00', { UserId: userId }), /could not be found/);
    await control.setPoolState(prod.accountId, 'us-east-1', DEMO_EMPTY_POOL_ID, 'RUNNING');
    await sdk.send(new StopWorkspacesPoolCommand({ PoolId: DEMO_EMPTY_POOL_ID }));
    await control.settleTransitions();
    assert.equal((await control.pools(prod.accountId, 'us-east-1')).find((p) => p.PoolId === DEMO_EMPTY_POOL_ID)?.State, 'STOPPED');
  });

  it('expires NextTokens, issues and revokes credentials, moves the service clock', async () => {
    const first = await sdk.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID }));
    await control.setTokenTtl(0);
    const expired = await sdk.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, NextToken: first.NextToken })).catch((e: unknown) => e);
    assert.ok(expired instanceof InvalidParameterValuesException);
    await control.setTokenTtl(60_000);

    const temp = await control.issueSessionCredentials(prod.accountId, 600);
    assert.ok(temp.expiration.getTime() > Date.now());
    const tempClient = new WorkSpacesClient({ region: 'us-east-1', endpoint: emulator.url, credentials: temp, maxAttempts: 1 });
    try {
      await tempClient.send(new DescribeWorkspacesPoolsCommand({}));
      await control.revokeAccessKey(temp.accessKeyId);
      const refused = await tempClient.send(new DescribeWorkspacesPoolsCommand({})).catch((e: Error) => e.name);
      assert.equal(refused, 'UnrecognizedClientException');
    } finally {
      tempClient.destroy();
    }

    await control.setClockOffset(30 * 60_000);
    const skewed = await sdk.send(new DescribeWorkspacesPoolsCommand({})).catch((e: Error) => e.message);
    assert.match(String(skewed), /Signature expired/);
    await control.setClockOffset(0);
  });

  it('makes a key read-only: it still reads, every change is AccessDenied naming the action, and undoes it', async () => {
    const temp = await control.issueSessionCredentials(prod.accountId, 600);
    const reader = new WorkSpacesClient({ region: 'us-east-1', endpoint: emulator.url, credentials: temp, maxAttempts: 1 });
    try {
      const victim = await control.addSession(prod.accountId, 'us-east-1', DEMO_EMPTY_POOL_ID, { UserId: 'read.only@acme.example' });
      assert.deepEqual(await control.setKeyReadOnly(temp.accessKeyId), [temp.accessKeyId]);
      const listed = await reader.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_EMPTY_POOL_ID }));
      assert.ok(listed.Sessions?.some((s) => s.SessionId === victim.SessionId));
      const denied = await reader.send(new TerminateWorkspacesPoolSessionCommand({ SessionId: victim.SessionId })).catch((e: unknown) => e);
      assert.ok(denied instanceof AccessDeniedException);
      assert.match(denied.message, /not authorized to perform: workspaces:TerminateWorkspacesPoolSession/);
      // Nothing changed.
      assert.ok((await control.sessions(prod.accountId, 'us-east-1', DEMO_EMPTY_POOL_ID)).some((s) => s.SessionId === victim.SessionId));
      const mark = await control.mark();
      assert.deepEqual(await control.setKeyReadOnly(temp.accessKeyId, false), []);
      await reader.send(new TerminateWorkspacesPoolSessionCommand({ SessionId: victim.SessionId }));
      assert.equal((await control.sessions(prod.accountId, 'us-east-1', DEMO_EMPTY_POOL_ID)).some((s) => s.SessionId === victim.SessionId), false);
      assert.deepEqual((await control.log({ since: mark })).map((e) => [e.operation, e.status]), [['TerminateWorkspacesPoolSession', 200]]);
      await assert.rejects(fetch(`${emulator.url}/_emulator/read-only`, { method: 'POST', body: '{"accessKeyId":"AKIA","readOnly":"yes"}' }).then(async (r) => {
        if (r.status !== 400) throw new Error(`status ${r.status}`);
        throw new Error(((await r.json()) as { error: string }).error);
      }), /readOnly must be a boolean/);
    } finally {
      reader.destroy();
    }
  });

  it('answers unknown routes with 404 and the API path only to POST', async () => {
    const nope = await fetch(`${emulator.url}/_emulator/nope`);
    assert.equal(nope.status, 404);
    assert.match(((await nope.json()) as { error: string }).error, /no such control route/);
    const get = await fetch(emulator.url);
    assert.equal(get.status, 404);
    assert.equal(((await get.json()) as { __type: string }).__type, 'UnknownOperationException');
  });

  it('refuses a control body over 1 MiB with 413 and applies nothing of it', async () => {
    const put = (pad: number) => fetch(`${emulator.url}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ operation: '*', faults: { throttleRate: 1 }, pad: 'x'.repeat(pad) }),
    });
    const big = await put(2 << 20);
    assert.equal(big.status, 413);
    assert.match(((await big.json()) as { error: string }).error, /larger than 1048576 bytes/);
    assert.deepEqual(emulator.listFaults(), {}, 'nothing of the refused body was applied');
    // Just under the bound is still read.
    const fits = await put((1 << 20) - 100);
    assert.equal(fits.status, 200);
    assert.deepEqual(emulator.listFaults(), { '*': { throttleRate: 1 } });
  });

  it('answers a malformed %-escape in a control path with 400, not 500', async () => {
    for (const path of ['sessions/%E0%A4%A', 'sessions/%zz/connection-state', 'pools/%/state']) {
      const response = await fetch(`${emulator.url}/_emulator/${path}`, { method: path.startsWith('sessions/%E0') ? 'DELETE' : 'POST', body: '{}' });
      assert.equal(response.status, 400, path);
      assert.match(((await response.json()) as { error: string }).error, /malformed %-escape/, path);
    }
    // A well-formed escape still reaches its route.
    const ok = await fetch(`${emulator.url}/_emulator/sessions/${encodeURIComponent('no such/id')}`, { method: 'DELETE' });
    assert.equal(ok.status, 404);
    assert.deepEqual(await ok.json(), { ended: false });
  });

  it('refuses a latency a timer cannot hold (over one hour) with 400, wherever a latency is set', async () => {
    // Node turns a timer over 2^31-1 ms into 1 ms: unchecked, "never answer" would answer at once.
    const refused = async (call: Promise<unknown>, what: string) => {
      const error = await call.then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof EmulatorControlError, `${what} was accepted`);
      assert.equal(error.status, 400, what);
      assert.match(error.message, /from 0 to 3600000/, what);
    };
    await refused(control.setLatency(2 ** 31), 'latency 2^31');
    await refused(control.setLatency(1e300), 'latency 1e300');
    await refused(control.setFaults('*', { latencyMs: 2 ** 31 }), 'fault latencyMs 2^31');
    await refused(control.setFaults('DescribeWorkspacesPools', { jitterMs: 3_600_001 }), 'fault jitterMs');
    assert.deepEqual(await control.faults(), {});
    assert.throws(() => emulator.setLatency(2 ** 32), RangeError);
    assert.throws(() => emulator.setFaults('*', { latencyMs: 2 ** 32 }), /from 0 to 3600000/);
    await assert.rejects(startEmulator({ latencyMs: 2 ** 31 }), RangeError);
    // The bound itself is accepted.
    await control.setLatency(3_600_000);
    await control.setLatency(0);
    await control.setFaults('*', { latencyMs: 3_600_000, jitterMs: 3_600_000 });
    await control.clearFaults();
  });

  it('refuses control requests a web page could make (foreign Host through DNS rebinding, any Origin)', async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL('/_emulator/info', emulator.url);
        request(url, { headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    assert.equal(await status({}), 200);
    assert.equal(await status({ Host: `localhost:${new URL(emulator.url).port}` }), 200);
    assert.equal(await status({ Host: 'attacker.example' }), 403);
    assert.equal(await status({ Origin: 'http://attacker.example' }), 403);
  });

  it('refuses AWS API requests to a foreign Host (DNS rebinding) even when signed with valid keys', async () => {
    // What a rebinding page could send: its own name in Host, signed with the demo's fixed keys.
    const port = Number(new URL(emulator.url).port);
    const call = async (host: string) => {
      const body = '{}';
      const signed = await new SignatureV4({ credentials: prod, region: 'us-east-1', service: 'workspaces', sha256: Hash.bind(null, 'sha256') }).sign(new HttpRequest({
        method: 'POST', protocol: 'http:', hostname: host.replace(/:\d+$/, ''), port, path: '/',
        headers: { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'WorkspacesService.DescribeWorkspacesPools' },
        body,
      }));
      return new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: signed.headers }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject).end(body);
      });
    };
    const before = emulator.log.length;
    const local = await call(`127.0.0.1:${port}`);
    assert.equal(local.status, 200, 'the same request to 127.0.0.1 is answered');
    assert.ok(JSON.parse(local.text).WorkspacesPools.length > 0);
    assert.equal((await call(`localhost:${port}`)).status, 200);
    for (const host of [`rebound.attacker.example:${port}`, 'rebound.attacker.example', `127.0.0.1.attacker.example:${port}`]) {
      const refused = await call(host);
      assert.equal(refused.status, 403, host);
      assert.doesNotMatch(refused.text, /WorkspacesPools|PoolId/, host);
    }
    assert.equal(emulator.log.length - before, 2, 'only the two loopback calls reached the API');
  });
});
