// The real @aws-sdk/client-workspaces against the emulator over loopback, configured the way a
// user would: a temporary AWS config file whose profiles carry endpoint_url.
import {
  AccessDeniedException, DescribeWorkspacesPoolsCommand, DescribeWorkspacesPoolSessionsCommand, InvalidParameterValuesException,
  InvalidResourceStateException, OperationInProgressException, OperationNotSupportedException,
  ResourceNotFoundException, StartWorkspacesPoolCommand, StopWorkspacesPoolCommand,
  TerminateWorkspacesPoolSessionCommand, WorkSpacesClient, WorkSpacesServiceException,
  type DescribeWorkspacesPoolSessionsCommandOutput, type WorkspacesPoolSession,
} from '@aws-sdk/client-workspaces';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { strict as assert } from 'node:assert';
import {
  DEMO_BIG_POOL_ID, DEMO_BIG_POOL_SIZE, DEMO_EMPTY_POOL_ID, DEMO_ERROR_POOL_ID, DEMO_HELPDESK_POOL_ID,
  DEMO_HOSTILE_MULTI_USER_ID, DEMO_SHARED_USER_ID, HOSTILE_USER_IDS, MAX_LENGTH_USER_ID, outputProblems,
  startEmulator, UNICODE_USER_IDS, type Emulator, type EmulatorAccount,
} from '../../emulator';
import { writeAwsFiles, useAwsFiles, type TempAwsFiles } from '../../emulator/awsFiles';

type SessionsInput = ConstructorParameters<typeof DescribeWorkspacesPoolSessionsCommand>[0];

async function allSessions(client: WorkSpacesClient, input: SessionsInput): Promise<{ sessions: WorkspacesPoolSession[]; pages: number }> {
  const sessions: WorkspacesPoolSession[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const out: DescribeWorkspacesPoolSessionsCommandOutput = await client.send(new DescribeWorkspacesPoolSessionsCommand({ ...input, NextToken: token }));
    pages++;
    sessions.push(...(out.Sessions ?? []));
    token = out.NextToken || undefined;
  } while (token);
  return { sessions, pages };
}

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected the call to fail');
}

/** A signed awsJson request built by hand, to see the wire exactly (raw body, status, headers). */
async function rawCall(
  emulator: Emulator,
  account: Pick<EmulatorAccount, 'accessKeyId' | 'secretAccessKey'>,
  target: string,
  body: string,
  options: { contentType?: string; region?: string; sign?: boolean } = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const url = new URL(emulator.url);
  const request = new HttpRequest({
    method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/',
    headers: { host: url.host, 'content-type': options.contentType ?? 'application/x-amz-json-1.1', 'x-amz-target': target },
    body,
  });
  const signer = new SignatureV4({ credentials: account, region: options.region ?? 'us-east-1', service: 'workspaces', sha256: Hash.bind(null, 'sha256') });
  const signed = options.sign === false ? request : await signer.sign(request);
  const response = await fetch(emulator.url, { method: 'POST', headers: signed.headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

describe('emulator with the real AWS SDK', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let files: TempAwsFiles;
  let restoreEnv: () => void;
  let prod: EmulatorAccount;
  let globex: EmulatorAccount;
  let client: WorkSpacesClient;
  const clients: WorkSpacesClient[] = [];
  const newClient = (config: ConstructorParameters<typeof WorkSpacesClient>[0] = {}) => {
    const c = new WorkSpacesClient(config);
    clients.push(c);
    return c;
  };

  before(async () => {
    emulator = await startEmulator({ seed: 7, faultSeed: 42, transitionMs: 60_000 });
    files = writeAwsFiles(emulator.awsFiles());
    restoreEnv = useAwsFiles(files, 'acme-prod');
    prod = emulator.accounts.find((a) => a.profileName === 'acme-prod') as EmulatorAccount;
    globex = emulator.accounts.find((a) => a.profileName === 'globex-helpdesk') as EmulatorAccount;
    // Region, endpoint and keys all come from the profile in the temporary files.
    client = newClient();
  });

  after(async () => {
    for (const c of clients) c.destroy();
    restoreEnv?.();
    files?.cleanup();
    await emulator?.stop();
  });

  afterEach(() => emulator.clearFaults());

  it('is reached through endpoint_url of the AWS_PROFILE profile', async () => {
    emulator.clearLog();
    const out = await client.send(new DescribeWorkspacesPoolsCommand({}));
    assert.equal(out.WorkspacesPools?.length, 25);
    assert.equal(emulator.log.length, 1);
    assert.equal(emulator.log[0].accountId, prod.accountId);
    assert.equal(emulator.log[0].region, 'us-east-1');
    assert.equal(out.$metadata.requestId, emulator.log[0].requestId);
  });

  it('pages the 5,000-session pool to exactly the seeded set', async () => {
    const seeded = emulator.sessions(prod.accountId, 'us-east-1', DEMO_BIG_POOL_ID);
    assert.equal(seeded.length, DEMO_BIG_POOL_SIZE);
    const { sessions, pages } = await allSessions(client, { PoolId: DEMO_BIG_POOL_ID, Limit: 50 });
    assert.equal(pages, DEMO_BIG_POOL_SIZE / 50);
    assert.equal(new Set(sessions.map((s) => s.SessionId)).size, DEMO_BIG_POOL_SIZE);
    assert.deepEqual(sessions, seeded);
  });

  it('uses 20 as the default page size', async () => {
    const out = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID }));
    assert.equal(out.Sessions?.length, 20);
    assert.ok(out.NextToken);
  });

  it('answers an empty pool with no sessions and no NextToken', async () => {
    const out = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_EMPTY_POOL_ID }));
    assert.deepEqual(out.Sessions, []);
    assert.equal(out.NextToken, undefined);
  });

  it('filters by UserId (exact match) across pages', async () => {
    const seeded = emulator.sessions(prod.accountId, 'us-east-1', DEMO_BIG_POOL_ID);
    for (const userId of [DEMO_SHARED_USER_ID, MAX_LENGTH_USER_ID, UNICODE_USER_IDS[0]]) {
      const expected = seeded.filter((s) => s.UserId === userId);
      assert.ok(expected.length > 0, userId);
      const { sessions } = await allSessions(client, { PoolId: DEMO_BIG_POOL_ID, UserId: userId, Limit: 3 });
      assert.deepEqual(sessions, expected, userId);
    }
    const { sessions: none } = await allSessions(client, { PoolId: DEMO_BIG_POOL_ID, UserId: 'nobody@acme.example' });
    assert.deepEqual(none, []);
    const { sessions: prefix } = await allSessions(client, { PoolId: DEMO_BIG_POOL_ID, UserId: DEMO_SHARED_USER_ID.slice(0, 10) });
    assert.deepEqual(prefix, [], 'a prefix is not a match');
  });

  it('returns hostile user ids byte for byte, and finds them with the filter', async () => {
    const helpdesk = newClient({ profile: 'globex-helpdesk', region: 'us-east-1', endpoint: emulator.url });
    const { sessions } = await allSessions(helpdesk, { PoolId: DEMO_HELPDESK_POOL_ID, Limit: 50 });
    for (const id of HOSTILE_USER_IDS) assert.ok(sessions.some((s) => s.UserId === id), id);
    const { sessions: mine } = await allSessions(helpdesk, { PoolId: DEMO_HELPDESK_POOL_ID, UserId: DEMO_HOSTILE_MULTI_USER_ID, Limit: 2 });
    assert.ok(mine.length >= 3);
    assert.ok(mine.every((s) => s.UserId === DEMO_HOSTILE_MULTI_USER_ID));
  });

  it('keeps each account and region apart (region from the credential scope)', async () => {
    const eu = newClient({ region: 'eu-west-1' });
    const euPools = (await eu.send(new DescribeWorkspacesPoolsCommand({}))).WorkspacesPools ?? [];
    assert.deepEqual(euPools.map((p) => p.PoolId), emulator.pools(prod.accountId, 'eu-west-1').map((p) => p.PoolId));
    const err = await rejection(eu.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID })));
    assert.ok(err instanceof ResourceNotFoundException);
    const otherAccount = newClient({ profile: 'globex-helpdesk', region: 'us-east-1', endpoint: emulator.url });
    const err2 = await rejection(otherAccount.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID })));
    assert.ok(err2 instanceof ResourceNotFoundException);
    const west = newClient({ region: 'us-west-2' });
    assert.deepEqual((await west.send(new DescribeWorkspacesPoolsCommand({}))).WorkspacesPools, []);
  });

  it('pages pools and applies PoolIds and all four filter operators', async () => {
    const all = emulator.pools(prod.accountId, 'us-east-1');
    let token: string | undefined;
    const seen: string[] = [];
    do {
      const out = await client.send(new DescribeWorkspacesPoolsCommand({ Limit: 7, NextToken: token }));
      seen.push(...(out.WorkspacesPools ?? []).map((p) => p.PoolId as string));
      token = out.NextToken;
    } while (token);
    assert.deepEqual(seen, all.map((p) => p.PoolId));
    const names = (operator: 'EQUALS' | 'NOTEQUALS' | 'CONTAINS' | 'NOTCONTAINS', values: string[]) =>
      client.send(new DescribeWorkspacesPoolsCommand({ Filters: [{ Name: 'PoolName', Operator: operator, Values: values }] }))
        .then((o) => (o.WorkspacesPools ?? []).map((p) => p.PoolName));
    assert.deepEqual(await names('EQUALS', ['prod-callcenter', 'prod-analysts']), ['prod-callcenter', 'prod-analysts']);
    assert.equal((await names('NOTEQUALS', ['prod-callcenter'])).length, Math.min(25, all.length - 1));
    assert.ok((await names('CONTAINS', ['branch'])).every((n) => n?.includes('branch')));
    assert.ok((await names('NOTCONTAINS', ['branch'])).every((n) => !n?.includes('branch')));
    const byId = await client.send(new DescribeWorkspacesPoolsCommand({ PoolIds: [DEMO_EMPTY_POOL_ID, DEMO_BIG_POOL_ID] }));
    assert.deepEqual(byId.WorkspacesPools?.map((p) => p.PoolId).sort(), [DEMO_BIG_POOL_ID, DEMO_EMPTY_POOL_ID].sort());
  });

  it('reports every input violation as InvalidParameterValuesException naming the field', async () => {
    const cases: [SessionsInput, string][] = [
      [{ PoolId: 'bogus' }, 'PoolId'],
      [{ PoolId: DEMO_BIG_POOL_ID, Limit: 0 }, 'Limit'],
      [{ PoolId: DEMO_BIG_POOL_ID, Limit: 51 }, 'Limit'],
      [{ PoolId: DEMO_BIG_POOL_ID, UserId: 'x' }, 'UserId'],
      [{ PoolId: DEMO_BIG_POOL_ID, UserId: 'x'.repeat(129) }, 'UserId'],
      [{ PoolId: DEMO_BIG_POOL_ID, NextToken: 'x'.repeat(2049) }, 'NextToken'],
    ];
    for (const [input, field] of cases) {
      const err = await rejection(client.send(new DescribeWorkspacesPoolSessionsCommand(input)));
      assert.ok(err instanceof InvalidParameterValuesException, `${field}: ${err.name}`);
      assert.match(err.message, new RegExp(`at '${field}'`));
      assert.equal(err.$metadata?.attempts, 1, 'not retried');
    }
    const pools = await rejection(client.send(new DescribeWorkspacesPoolsCommand({ Limit: 26 })));
    assert.ok(pools instanceof InvalidParameterValuesException);
    const filter = await rejection(client.send(new DescribeWorkspacesPoolsCommand({ Filters: [{ Name: 'PoolName', Operator: 'EQUALS', Values: ['-bad'] }] })));
    assert.match(filter.message, /Filters\.1\.member\.Values\.1\.member/);
  });

  it('maps every service error to its SDK exception class', async () => {
    const missing = await rejection(client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: 'wspool-000000000' })));
    assert.ok(missing instanceof ResourceNotFoundException);
    assert.equal((missing as ResourceNotFoundException).ResourceId, 'wspool-000000000');
    const noSession = await rejection(client.send(new TerminateWorkspacesPoolSessionCommand({ SessionId: '00000000-0000-4000-8000-000000000000' })));
    assert.ok(noSession instanceof ResourceNotFoundException);
    assert.equal((noSession as ResourceNotFoundException).ResourceId, '00000000-0000-4000-8000-000000000000');
    const badSession = await rejection(client.send(new TerminateWorkspacesPoolSessionCommand({ SessionId: 'not-a-uuid' })));
    assert.ok(badSession instanceof InvalidParameterValuesException);
    const alwaysOn = await rejection(client.send(new StartWorkspacesPoolCommand({ PoolId: DEMO_BIG_POOL_ID })));
    assert.ok(alwaysOn instanceof OperationNotSupportedException);
    const stopped = await rejection(newClient({ region: 'eu-west-1' }).send(new StopWorkspacesPoolCommand({ PoolId: DEMO_ERROR_POOL_ID })));
    assert.ok(stopped instanceof InvalidResourceStateException);
    const dev = newClient({ profile: 'acme-dev', region: 'us-east-1', endpoint: emulator.url });
    const busy = await rejection(dev.send(new StartWorkspacesPoolCommand({ PoolId: 'wspool-devsbox01' })));
    assert.ok(busy instanceof OperationInProgressException);
    emulator.setFaults('DescribeWorkspacesPoolSessions', { accessDeniedRate: 1 });
    const denied = await rejection(client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID })));
    assert.ok(denied instanceof AccessDeniedException);
    assert.match(denied.message, /not authorized to perform: workspaces:DescribeWorkspacesPoolSessions/);
    assert.equal(denied.$metadata?.attempts, 1, 'not retried');
  });

  it('terminates a session, and starts and stops a pool through its transitional states', async () => {
    const [victim] = emulator.sessions(prod.accountId, 'us-east-1', 'wspool-analysts1');
    const before = emulator.pools(prod.accountId, 'us-east-1').find((p) => p.PoolId === 'wspool-analysts1');
    await client.send(new TerminateWorkspacesPoolSessionCommand({ SessionId: victim.SessionId }));
    const after = emulator.pools(prod.accountId, 'us-east-1').find((p) => p.PoolId === 'wspool-analysts1');
    assert.equal(after?.CapacityStatus?.ActiveUserSessions, (before?.CapacityStatus?.ActiveUserSessions ?? 0) - 1);
    assert.equal(after?.CapacityStatus?.AvailableUserSessions, (before?.CapacityStatus?.AvailableUserSessions ?? 0) + 1);
    assert.ok(!emulator.sessions(prod.accountId, 'us-east-1', 'wspool-analysts1').some((s) => s.SessionId === victim.SessionId));

    const stateOf = async () => (await client.send(new DescribeWorkspacesPoolsCommand({ PoolIds: ['wspool-training1'] }))).WorkspacesPools?.[0].State;
    await client.send(new StartWorkspacesPoolCommand({ PoolId: 'wspool-training1' }));
    assert.equal(await stateOf(), 'STARTING');
    emulator.settleTransitions();
    assert.equal(await stateOf(), 'RUNNING');
    await client.send(new StopWorkspacesPoolCommand({ PoolId: 'wspool-training1' }));
    assert.equal(await stateOf(), 'STOPPING');
    emulator.settleTransitions();
    assert.equal(await stateOf(), 'STOPPED');
  });

  it('rejects a tampered, a foreign and an expired NextToken', async () => {
    const first = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, Limit: 5 }));
    const token = first.NextToken as string;
    const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    const tampered = await rejection(client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, NextToken: flipped })));
    assert.ok(tampered instanceof InvalidParameterValuesException);
    const otherUser = await rejection(client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, UserId: DEMO_SHARED_USER_ID, NextToken: token })));
    assert.ok(otherUser instanceof InvalidParameterValuesException);
    const dev = newClient({ profile: 'acme-dev', region: 'us-east-1', endpoint: emulator.url });
    const otherAccount = await rejection(dev.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: 'wspool-devfeat01', NextToken: token })));
    assert.ok(otherAccount instanceof InvalidParameterValuesException);
    // A different page size is fine: the token is bound to the query, not to Limit.
    const next = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, Limit: 7, NextToken: token }));
    assert.equal(next.Sessions?.length, 7);
    emulator.setTokenTtl(0);
    try {
      const expired = await rejection(client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, NextToken: next.NextToken })));
      assert.ok(expired instanceof InvalidParameterValuesException);
      assert.match(expired.message, /expired/);
    } finally {
      emulator.setTokenTtl(15 * 60_000);
    }
  });

  it('pages exactly once over every session that lives through the paging while others start and end', async () => {
    const region = 'eu-west-1';
    const poolId = 'wspool-eusupport';
    const eu = newClient({ region });
    const initial = emulator.sessions(prod.accountId, region, poolId).map((s) => s.SessionId as string);
    const ended = new Set<string>();
    const seen: string[] = [];
    let token: string | undefined;
    let page = 0;
    do {
      const out = await eu.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: poolId, Limit: 10, NextToken: token }));
      seen.push(...(out.Sessions ?? []).map((s) => s.SessionId as string));
      token = out.NextToken;
      page++;
      // Between pages: end one session already returned and one not yet returned, start a new one.
      const done = seen[seen.length - 1];
      const ahead = initial.find((id) => !seen.includes(id) && !ended.has(id));
      for (const id of [done, ahead]) if (id && !ended.has(id)) { emulator.endSession(id); ended.add(id); }
      emulator.addSession(prod.accountId, region, poolId, { UserId: `late.joiner${page}@acme.example` });
    } while (token);
    assert.equal(new Set(seen).size, seen.length, 'no session twice');
    for (const id of initial) if (!ended.has(id)) assert.ok(seen.includes(id), `survivor ${id} missing`);
  });

  it('retries throttling and 5xx until the call succeeds', async () => {
    const retrying = newClient({ maxAttempts: 10 });
    emulator.setFaults('DescribeWorkspacesPoolSessions', { throttleRate: 0.5 });
    emulator.clearLog();
    for (let i = 0; i < 4; i++) {
      const out = await retrying.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, Limit: 50 }));
      assert.equal(out.Sessions?.length, 50);
    }
    const throttled = emulator.log.filter((e) => e.errorType === 'ThrottlingException');
    assert.ok(throttled.length > 0, 'some requests were throttled');
    assert.equal(emulator.log.filter((e) => e.status === 200).length, 4);

    emulator.setFaults('*', { serverErrorRate: 0.5 });
    emulator.clearLog();
    // The dice are seeded (faultSeed 42), so this is the same sequence on every run of this file; and
    // whatever the rolls before, all 8 calls answered at the first attempt is 1 chance in 256.
    for (let i = 0; i < 8; i++) {
      const out = await retrying.send(new DescribeWorkspacesPoolsCommand({}));
      assert.ok(out.WorkspacesPools);
    }
    const serverErrors = emulator.log.filter((e) => e.status === 500 || e.status === 503);
    assert.ok(serverErrors.length > 0, 'some attempts were answered 500/503');
    assert.ok(serverErrors.every((e) => e.fault === 'server-error'), 'every 5xx was an injected one');
    assert.equal(emulator.log.filter((e) => e.status === 200).length, 8, 'each call ended in one 200, after its retries');
    assert.equal(emulator.log.length, serverErrors.length + 8, 'nothing but 5xx and the 200s');
  });

  it('recovers from dropped connections and reports timeouts', async () => {
    emulator.setFaults('DescribeWorkspacesPools', { dropRate: 0.5 });
    emulator.clearLog();
    const retrying = newClient({ maxAttempts: 10 });
    for (let i = 0; i < 4; i++) await retrying.send(new DescribeWorkspacesPoolsCommand({}));
    assert.ok(emulator.log.some((e) => e.fault === 'drop'), 'some connections were dropped');
    assert.equal(emulator.log.filter((e) => e.status === 200).length, 4);
    emulator.setFaults('DescribeWorkspacesPools', { timeoutRate: 1 });
    const { NodeHttpHandler } = await import('@smithy/node-http-handler');
    // Since @smithy/node-http-handler 4.x requestTimeout only warns unless throwOnRequestTimeout is set.
    const impatient = newClient({ maxAttempts: 1, requestHandler: new NodeHttpHandler({ requestTimeout: 300, throwOnRequestTimeout: true }) });
    const err = await rejection(impatient.send(new DescribeWorkspacesPoolsCommand({})));
    assert.equal(err.name, 'TimeoutError');
    assert.equal(emulator.log[emulator.log.length - 1].fault, 'timeout');
  });

  it('adds the configured latency', async () => {
    emulator.setFaults('DescribeWorkspacesPools', { latencyMs: 120 });
    emulator.clearLog();
    await client.send(new DescribeWorkspacesPoolsCommand({}));
    assert.ok(emulator.log[0].durationMs >= 120, `durationMs ${emulator.log[0].durationMs}`);
  });

  it('refuses a bad signature, an unknown or revoked key and an expired session token', async () => {
    const wrongSecret = newClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: prod.accessKeyId, secretAccessKey: `${prod.secretAccessKey.slice(0, -1)}x` } });
    const bad = await rejection(wrongSecret.send(new DescribeWorkspacesPoolsCommand({})));
    assert.equal(bad.name, 'InvalidSignatureException');
    assert.ok(bad instanceof WorkSpacesServiceException);
    assert.match(bad.message, /signature we calculated does not match/);

    const unknown = newClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40) } });
    const err = await rejection(unknown.send(new DescribeWorkspacesPoolsCommand({})));
    assert.equal(err.name, 'UnrecognizedClientException');

    const temp = emulator.issueSessionCredentials(globex.accountId, 3600);
    const withToken = newClient({ region: 'eu-west-1', endpoint: emulator.url, credentials: temp });
    const pools = await withToken.send(new DescribeWorkspacesPoolsCommand({}));
    assert.deepEqual(pools.WorkspacesPools?.map((p) => p.PoolId), emulator.pools(globex.accountId, 'eu-west-1').map((p) => p.PoolId));
    const stale = emulator.issueSessionCredentials(globex.accountId, 0);
    const withStale = newClient({ region: 'eu-west-1', endpoint: emulator.url, credentials: { accessKeyId: stale.accessKeyId, secretAccessKey: stale.secretAccessKey, sessionToken: stale.sessionToken } });
    const expired = await rejection(withStale.send(new DescribeWorkspacesPoolsCommand({})));
    assert.equal(expired.name, 'ExpiredTokenException');

    const doomed = emulator.issueSessionCredentials(prod.accountId, 3600);
    const doomedClient = newClient({ region: 'us-east-1', endpoint: emulator.url, credentials: doomed });
    await doomedClient.send(new DescribeWorkspacesPoolsCommand({}));
    emulator.revokeAccessKey(doomed.accessKeyId);
    const revoked = await rejection(doomedClient.send(new DescribeWorkspacesPoolsCommand({})));
    assert.equal(revoked.name, 'UnrecognizedClientException');
  });

  for (const [label, offset] of [['slow', 20 * 60_000], ['fast', -20 * 60_000]] as const) {
    it(`makes a client whose clock is 20 minutes ${label} correct itself from the Date header and succeed`, async () => {
      emulator.setClockOffset(offset);
      try {
        const skewed = newClient({ region: 'us-east-1', endpoint: emulator.url, credentials: prod });
        emulator.clearLog();
        const out = await skewed.send(new DescribeWorkspacesPoolsCommand({}));
        assert.ok(out.WorkspacesPools);
        assert.equal(out.$metadata.attempts, 2);
        assert.equal(emulator.log[0].errorType, 'InvalidSignatureException');
        assert.equal(emulator.log[1].status, 200);
        // Corrected once, the client stays right.
        const again = await skewed.send(new DescribeWorkspacesPoolsCommand({}));
        assert.equal(again.$metadata.attempts, 1);
      } finally {
        emulator.setClockOffset(0);
      }
    });
  }

  it('answers unroutable, unknown, unsigned and malformed requests as AWS does', async () => {
    const unknownOp = await rawCall(emulator, prod, 'WorkspacesService.DescribeWorkspaces', '{}');
    assert.equal(unknownOp.status, 400);
    assert.equal(unknownOp.json.__type, 'UnknownOperationException');
    const noTarget = await rawCall(emulator, prod, 'Nope', '{}');
    assert.equal(noTarget.json.__type, 'UnknownOperationException');
    const wrongType = await rawCall(emulator, prod, 'WorkspacesService.DescribeWorkspacesPools', '{}', { contentType: 'text/plain' });
    assert.equal(wrongType.status, 404);
    assert.equal(wrongType.json.__type, 'UnknownOperationException');
    const malformed = await rawCall(emulator, prod, 'WorkspacesService.DescribeWorkspacesPools', '{"Limit": ');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.__type, 'SerializationException');
    const notObject = await rawCall(emulator, prod, 'WorkspacesService.DescribeWorkspacesPools', '[1]');
    assert.equal(notObject.json.__type, 'SerializationException');
    const wrongType2 = await rawCall(emulator, prod, 'WorkspacesService.DescribeWorkspacesPools', '{"Limit": "5"}');
    assert.equal(wrongType2.json.__type, 'InvalidParameterValuesException');
    const huge = await rawCall(emulator, prod, 'WorkspacesService.DescribeWorkspacesPools', JSON.stringify({ NextToken: 'x'.repeat(2 << 20) }));
    assert.equal(huge.status, 413);
    assert.equal(huge.json.__type, 'SerializationException');
    const unsigned = await rawCall(emulator, prod, 'WorkspacesService.DescribeWorkspacesPools', '{}', { sign: false });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.json.__type, 'MissingAuthenticationTokenException');
    assert.equal(unknownOp.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    assert.ok(unknownOp.headers.get('x-amzn-requestid'));
  });

  it('answers only model members, with every required one present', async () => {
    for (const region of emulator.regions) {
      for (const account of emulator.accounts) {
        let token: string | undefined;
        do {
          const r = await rawCall(emulator, account, 'WorkspacesService.DescribeWorkspacesPools', JSON.stringify(token ? { NextToken: token } : {}), { region });
          assert.equal(r.status, 200);
          assert.deepEqual(outputProblems('DescribeWorkspacesPoolsResult', r.json), []);
          const pools = r.json.WorkspacesPools as { PoolId: string }[];
          for (const pool of pools) {
            const s = await rawCall(emulator, account, 'WorkspacesService.DescribeWorkspacesPoolSessions', JSON.stringify({ PoolId: pool.PoolId, Limit: 50 }), { region });
            assert.equal(s.status, 200);
            assert.deepEqual(outputProblems('DescribeWorkspacesPoolSessionsResult', s.json), [], pool.PoolId);
          }
          token = r.json.NextToken as string | undefined;
        } while (token);
      }
    }
    const terminate = await rawCall(emulator, prod, 'WorkspacesService.TerminateWorkspacesPoolSession',
      JSON.stringify({ SessionId: emulator.sessions(prod.accountId, 'us-east-1', DEMO_BIG_POOL_ID)[0].SessionId }));
    assert.deepEqual(terminate.json, {});
  });

  it('never writes secrets into the request log', async () => {
    const temp = emulator.issueSessionCredentials(prod.accountId, 3600);
    const c = newClient({ region: 'us-east-1', endpoint: emulator.url, credentials: temp });
    const page = await c.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID }));
    await c.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: DEMO_BIG_POOL_ID, NextToken: page.NextToken }));
    const text = JSON.stringify(emulator.log);
    for (const secret of [temp.secretAccessKey, temp.sessionToken, temp.accessKeyId, prod.secretAccessKey, prod.accessKeyId, page.NextToken as string]) {
      assert.ok(!text.includes(secret), 'secret in log');
    }
    assert.ok(!/Signature=|AWS4-HMAC-SHA256/.test(text));
  });
});

describe('emulator with a scenario file', () => {
  it('serves exactly the file\'s accounts, regions, pools and sessions', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'wsp-scenario-'));
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify({
      accounts: [{ accountId: '123456789012', profileName: 'mine', accessKeyId: 'AKIAMINEMINEMINE0001', secretAccessKey: 'm'.repeat(40), region: 'ap-south-1' }],
      pools: [{
        accountId: '123456789012', region: 'ap-south-1',
        pool: { PoolId: 'wspool-mine00001', PoolName: 'mine', State: 'RUNNING', CreatedAt: '2026-01-01T00:00:00Z', BundleId: 'wsb-12345678', DirectoryId: 'wsd-12345678', RunningMode: 'AUTO_STOP' },
        sessions: [{ SessionId: '0f0e0d0c-0b0a-4909-8807-060504030201', UserId: 'me@example.com', ConnectionState: 'CONNECTED', StartTime: '2026-11-28T08:00:00Z' }],
      }],
    }));
    const emulator = await startEmulator({ scenario: file });
    const files = writeAwsFiles(emulator.awsFiles());
    const restore = useAwsFiles(files, 'mine');
    const client = new WorkSpacesClient({});
    try {
      const pools = await client.send(new DescribeWorkspacesPoolsCommand({}));
      assert.deepEqual(pools.WorkspacesPools?.map((p) => [p.PoolId, p.CapacityStatus?.ActiveUserSessions, p.CreatedAt?.toISOString()]), [['wspool-mine00001', 1, '2026-01-01T00:00:00.000Z']]);
      const sessions = await client.send(new DescribeWorkspacesPoolSessionsCommand({ PoolId: 'wspool-mine00001' }));
      assert.deepEqual(sessions.Sessions, [{ SessionId: '0f0e0d0c-0b0a-4909-8807-060504030201', PoolId: 'wspool-mine00001', UserId: 'me@example.com', ConnectionState: 'CONNECTED', StartTime: new Date('2026-11-28T08:00:00Z') }]);
      assert.deepEqual(emulator.regions, ['ap-south-1']);
    } finally {
      client.destroy();
      restore();
      files.cleanup();
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    await assert.rejects(startEmulator({ scenario: join(dir, 'missing.json') }), /ENOENT/);
  });
});
