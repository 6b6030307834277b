// The AWS layer end to end: the real SDK over real HTTP to the in-process emulator.
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import { join } from 'path';
import {
  DEMO_BIG_POOL_ID,
  DEMO_BIG_POOL_SIZE,
  DEMO_HELPDESK_POOL_ID,
  DEMO_SHARED_USER_ID,
  Emulator,
  startEmulator,
} from '../../emulator/index';
import { writeAwsFiles, TempAwsFiles } from '../../emulator/awsFiles';
import { AwsGateway, describeError, ssoProfileOf } from '../../src/aws/index';

const PROD = 'acme-prod';
const HELPDESK = 'globex-helpdesk';

describe('AWS layer against the emulator', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let files: TempAwsFiles;
  let env: NodeJS.ProcessEnv;
  let lines: string[];
  let gateway: AwsGateway;
  let prodAccount: string;

  before(async () => {
    emulator = await startEmulator({ scenario: 'demo' });
    files = writeAwsFiles(emulator.awsFiles());
    env = { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    prodAccount = emulator.accounts.find((a) => a.profileName === PROD)!.accountId;
  });
  after(async () => {
    await emulator.stop();
    files.cleanup();
  });
  beforeEach(() => {
    lines = [];
    gateway = new AwsGateway({ log: (l) => lines.push(l), env });
    emulator.clearLog();
    emulator.clearFaults();
  });
  afterEach(() => gateway.dispose());

  const sessionCalls = () => emulator.log.filter((e) => e.operation === 'DescribeWorkspacesPoolSessions');

  describe('pager', () => {
    it('pages all 5,000 sessions of the big pool, each exactly once, 50 per request', async () => {
      const seen = new Map<string, number>();
      let pages = 0;
      for await (const page of gateway.pageSessions(PROD, 'us-east-1', DEMO_BIG_POOL_ID, { limit: 50 })) {
        pages++;
        assert.ok(page.sessions.length <= 50);
        for (const s of page.sessions) seen.set(s.SessionId!, (seen.get(s.SessionId!) ?? 0) + 1);
      }
      const truth = emulator.sessions(prodAccount, 'us-east-1', DEMO_BIG_POOL_ID).map((s) => s.SessionId!);
      assert.equal(truth.length, DEMO_BIG_POOL_SIZE);
      assert.equal(seen.size, truth.length, 'every session');
      for (const id of truth) assert.equal(seen.get(id), 1, `session ${id} exactly once`);
      assert.equal(pages, DEMO_BIG_POOL_SIZE / 50);
      assert.equal(sessionCalls().length, pages, 'one request per page');
      assert.ok(sessionCalls().every((e) => e.params.Limit === 50 && e.params.PoolId === DEMO_BIG_POOL_ID));
    });

    it('sessionsPage: one page, then the token, then the end (nextToken undefined)', async () => {
      const first = await gateway.sessionsPage(PROD, 'us-east-1', 'wspool-analysts1', { limit: 100 });
      assert.equal(first.sessions.length, 50, 'a limit above 50 is clamped to the service maximum');
      assert.ok(first.nextToken);
      let token: string | undefined = first.nextToken;
      let total = first.sessions.length;
      while (token) {
        const page = await gateway.sessionsPage(PROD, 'us-east-1', 'wspool-analysts1', { limit: 50, nextToken: token });
        total += page.sessions.length;
        token = page.nextToken;
      }
      assert.equal(total, emulator.sessions(prodAccount, 'us-east-1', 'wspool-analysts1').length);
      assert.deepEqual(
        sessionCalls().map((e) => e.params.Limit),
        sessionCalls().map(() => 50),
      );
    });

    it('filters by user on the server (UserId) and findSession pages until the id turns up', async () => {
      const shared = emulator.sessions(prodAccount, 'us-east-1', DEMO_BIG_POOL_ID).filter((s) => s.UserId === DEMO_SHARED_USER_ID);
      assert.ok(shared.length > 1, 'the demo has a user with several sessions');
      const page = await gateway.sessionsPage(PROD, 'us-east-1', DEMO_BIG_POOL_ID, { userId: DEMO_SHARED_USER_ID, limit: 50 });
      assert.deepEqual(new Set(page.sessions.map((s) => s.SessionId)), new Set(shared.map((s) => s.SessionId)));
      assert.equal(sessionCalls()[0].params.UserId, DEMO_SHARED_USER_ID);

      emulator.clearLog();
      const target = shared[shared.length - 1];
      const found = await gateway.findSession(PROD, 'us-east-1', DEMO_BIG_POOL_ID, target.SessionId!, DEMO_SHARED_USER_ID);
      assert.equal(found?.SessionId, target.SessionId);
      assert.equal(found?.NetworkAccessConfiguration?.EniId, target.NetworkAccessConfiguration?.EniId);
      assert.ok(sessionCalls().every((e) => e.params.UserId === DEMO_SHARED_USER_ID), 'filtered server-side');
      assert.equal(
        await gateway.findSession(PROD, 'us-east-1', DEMO_BIG_POOL_ID, '00000000-0000-4000-8000-000000000000', DEMO_SHARED_USER_ID),
        undefined,
      );
    });

    it('an AbortSignal stops a request in flight, and stops paging between pages', async () => {
      emulator.setFaults('DescribeWorkspacesPoolSessions', { latencyMs: 5_000 });
      const controller = new AbortController();
      const started = performance.now();
      const pending = gateway.sessionsPage(PROD, 'us-east-1', DEMO_BIG_POOL_ID, { signal: controller.signal });
      setImmediate(() => controller.abort());
      await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
      assert.ok(performance.now() - started < 2_000, 'did not wait for the slow answer');
      assert.equal(describeError(await pending.catch((e: unknown) => e), PROD).kind, 'cancelled');

      emulator.clearFaults();
      emulator.clearLog();
      const between = new AbortController();
      const pages = gateway.pageSessions(PROD, 'us-east-1', DEMO_BIG_POOL_ID, { signal: between.signal });
      const first = await pages.next();
      assert.equal(first.done, false);
      between.abort();
      await assert.rejects(pages.next(), (e: Error) => e.name === 'AbortError');
      assert.equal(sessionCalls().length, 1, 'no request after the abort');
      await assert.rejects(
        gateway.sessionsPage(PROD, 'us-east-1', DEMO_BIG_POOL_ID, { signal: between.signal }),
        (e: Error) => e.name === 'AbortError',
        'an already aborted signal sends nothing',
      );
      assert.equal(sessionCalls().length, 1);
    });

    it('an expired NextToken is reported as token-expired: start over', async () => {
      const first = await gateway.sessionsPage(PROD, 'us-east-1', DEMO_BIG_POOL_ID, {});
      emulator.setTokenTtl(0);
      try {
        const error = await gateway.sessionsPage(PROD, 'us-east-1', DEMO_BIG_POOL_ID, { nextToken: first.nextToken }).catch((e: unknown) => e);
        const d = describeError(error, PROD);
        assert.equal(d.kind, 'token-expired');
        assert.match(d.message, /start over/i);
      } finally {
        emulator.setTokenTtl(15 * 60_000);
      }
    });

    it('listPools pages DescribeWorkspacesPools (25 per page) to the end', async () => {
      const pools = await gateway.listPools(PROD, 'us-east-1');
      const truth = emulator.pools(prodAccount, 'us-east-1');
      assert.ok(truth.length > 25, 'the demo region needs more than one page');
      assert.deepEqual(pools.map((p) => p.PoolId).sort(), truth.map((p) => p.PoolId).sort());
      const calls = emulator.log.filter((e) => e.operation === 'DescribeWorkspacesPools');
      assert.equal(calls.length, Math.ceil(truth.length / 25));
      assert.ok(calls.every((e) => e.params.Limit === 25));
    });
  });

  describe('clients, logging, concurrency', () => {
    it('one client per (profile, region, endpoint), reused; reset() makes new ones', async () => {
      const a = await gateway.clientFor(PROD, 'us-east-1');
      assert.equal(await gateway.clientFor(PROD, 'us-east-1'), a);
      const b = await gateway.clientFor(PROD, 'eu-west-1');
      const c = await gateway.clientFor(HELPDESK, 'us-east-1');
      assert.notEqual(b, a);
      assert.notEqual(c, a);
      await gateway.listPools(PROD, 'us-east-1');
      await gateway.sessionsPage(PROD, 'us-east-1', DEMO_BIG_POOL_ID, {});
      assert.equal(gateway.clientCount, 3, 'calls reuse the clients');
      assert.equal(await gateway.clientFor(PROD, 'us-east-1'), a);
      gateway.reset();
      assert.equal(gateway.clientCount, 0);
      assert.notEqual(await gateway.clientFor(PROD, 'us-east-1'), a);
    });

    it('logs one line per call: operation, profile, region, duration, outcome, request id; never a secret', async () => {
      await gateway.listPools(HELPDESK, 'eu-west-1');
      await gateway.sessionsPage(HELPDESK, 'us-east-1', 'wspool-nope00000', {}).catch(() => undefined);
      assert.equal(lines.length, emulator.log.length);
      const [ok, failed] = lines;
      assert.match(ok, /^DescribeWorkspacesPools · globex-helpdesk · eu-west-1 · \d+ ms · ok · request [0-9a-f-]{36}$/);
      assert.ok(ok.endsWith(emulator.log[0].requestId), 'the request id the service gave');
      assert.match(failed, /^DescribeWorkspacesPoolSessions · globex-helpdesk · us-east-1 · \d+ ms · error (ResourceNotFoundException|InvalidParameterValuesException) · request /);
      const text = lines.join('\n');
      for (const a of emulator.accounts) {
        assert.ok(!text.includes(a.secretAccessKey) && !text.includes(a.accessKeyId), 'no keys in the log');
      }
      assert.ok(!/Signature|Credential=|X-Amz-Security-Token/i.test(text));
    });

    it('bounds requests in flight per profile (4) while other profiles proceed', async () => {
      emulator.setFaults('DescribeWorkspacesPoolSessions', { latencyMs: 150 });
      const started = performance.now();
      const prod = Array.from({ length: 12 }, () => gateway.sessionsPage(PROD, 'us-east-1', DEMO_BIG_POOL_ID, { limit: 1 }));
      let maxInFlight = 0;
      let maxQueued = 0;
      const probe = setInterval(() => {
        maxInFlight = Math.max(maxInFlight, gateway.load(PROD).inFlight);
        maxQueued = Math.max(maxQueued, gateway.load(PROD).queued);
      }, 5);
      const helpdeskDone = Promise.all(
        Array.from({ length: 4 }, () => gateway.sessionsPage(HELPDESK, 'us-east-1', DEMO_HELPDESK_POOL_ID, { limit: 1 })),
      ).then(() => performance.now() - started);
      const helpdeskMs = await helpdeskDone;
      await Promise.all(prod);
      const prodMs = performance.now() - started;
      clearInterval(probe);
      assert.equal(maxInFlight, 4);
      assert.equal(maxQueued, 8);

      // Server side: never more than 4 of the profile's requests overlapped.
      const intervals = emulator.log
        .filter((e) => e.accountId === prodAccount)
        .map((e) => ({ from: Date.parse(e.time), to: Date.parse(e.time) + e.durationMs }));
      for (const i of intervals) {
        const overlapping = intervals.filter((j) => j.from <= i.from + 1 && j.to > i.from + 1).length;
        assert.ok(overlapping <= 4, `at most 4 at once, saw ${overlapping}`);
      }
      assert.ok(prodMs >= 3 * 150, `12 calls at 4 at a time take 3 rounds (${Math.round(prodMs)} ms)`);
      assert.ok(helpdeskMs < prodMs - 150, `the other profile did not wait (${Math.round(helpdeskMs)} vs ${Math.round(prodMs)} ms)`);
    });

    it('a request slower than the timeout fails as timeout; AWS errors are described, loaded data stays usable', async () => {
      const quick = new AwsGateway({ log: (l) => lines.push(l), env, requestTimeoutMs: 200, maxAttempts: 1 });
      try {
        emulator.setFaults('DescribeWorkspacesPools', { timeoutRate: 1 });
        const error = await quick.listPools(PROD, 'us-east-1').catch((e: unknown) => e);
        assert.equal(describeError(error, PROD).kind, 'timeout');
        emulator.setFaults('DescribeWorkspacesPools', { throttleRate: 1 });
        const throttled = await quick.listPools(PROD, 'us-east-1').catch((e: unknown) => e);
        assert.deepEqual(describeError(throttled, PROD).kind, 'throttled');
        emulator.clearFaults();
        assert.ok((await quick.listPools(PROD, 'us-east-1')).length > 0, 'the same gateway works again');
      } finally {
        quick.dispose();
      }
    });

    it('retries throttling and 5xx with the SDK standard strategy (3 attempts)', async () => {
      emulator.setFaults('DescribeWorkspacesPools', { serverErrorRate: 1 });
      const error = await gateway.listPools(PROD, 'us-east-1').catch((e: unknown) => e);
      assert.equal(describeError(error, PROD).kind, 'service');
      assert.equal(describeError(error, PROD).retryable, true);
      assert.equal(emulator.log.filter((e) => e.operation === 'DescribeWorkspacesPools').length, 3);
      assert.match(lines.at(-1)!, /error (InternalFailure|ServiceUnavailable) · 3 attempts/);
    });
  });

  describe('credentials', () => {
    it('revoked keys are described as a credentials problem, and the profile is resolved afresh next time', async () => {
      // A throwaway account key: revoke it and restore files with the original afterwards.
      await gateway.listPools(HELPDESK, 'us-east-1');
      assert.equal(gateway.clientCount, 1);
      const helpdesk = emulator.accounts.find((a) => a.profileName === HELPDESK)!;
      const issued = emulator.issueSessionCredentials(helpdesk.accountId, 3600);
      const own = writeAwsFiles({
        config: `[profile temp]\nregion = us-east-1\nendpoint_url = ${emulator.url}\n`,
        credentials: `[temp]\naws_access_key_id = ${issued.accessKeyId}\naws_secret_access_key = ${issued.secretAccessKey}\naws_session_token = ${issued.sessionToken}\n`,
      });
      const ex = new AwsGateway({ log: (l) => lines.push(l), env: { HOME: own.dir, AWS_CONFIG_FILE: own.configFile, AWS_SHARED_CREDENTIALS_FILE: own.credentialsFile } });
      try {
        assert.ok((await ex.listPools('temp', 'us-east-1')).length > 0);
        assert.equal(ex.clientCount, 1);
        emulator.revokeAccessKey(issued.accessKeyId);
        const error = await ex.listPools('temp', 'us-east-1').catch((e: unknown) => e);
        const d = describeError(error, 'temp');
        assert.equal(d.kind, 'credentials');
        assert.match(d.message, /profile "temp"/);
        assert.equal(ex.clientCount, 0, 'rejected credentials dropped the profile clients');
        const text = lines.join('\n');
        assert.ok(!text.includes(issued.sessionToken) && !text.includes(issued.secretAccessKey));
      } finally {
        ex.dispose();
        own.cleanup();
      }
    });

    it('credential_process: a real script runs once per profile (shared across regions) and again when expiring', async () => {
      const script = join(files.dir, 'creds.js');
      const runs = join(files.dir, 'runs.txt');
      await fs.writeFile(
        script,
        `const [url, account, ttl, runs] = process.argv.slice(2);
require('fs').appendFileSync(runs, 'run\\n');
fetch(url + '/_emulator/session-credentials', { method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ accountId: account, ttlSeconds: Number(ttl) }) })
  .then((r) => r.json())
  .then((c) => console.log(JSON.stringify({ Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey,
    SessionToken: c.sessionToken, Expiration: c.expiration })));
`,
      );
      const command = (ttl: number) => `"${process.execPath}" "${script}" ${emulator.url} ${prodAccount} ${ttl} "${runs}"`;
      const own = writeAwsFiles({
        config:
          `[profile long]\nregion = us-east-1\nendpoint_url = ${emulator.url}\ncredential_process = ${command(3600)}\n` +
          `[profile short]\nregion = us-east-1\nendpoint_url = ${emulator.url}\ncredential_process = ${command(8)}\n`,
        credentials: '',
      });
      const ex = new AwsGateway({ log: (l) => lines.push(l), env: { HOME: own.dir, AWS_CONFIG_FILE: own.configFile, AWS_SHARED_CREDENTIALS_FILE: own.credentialsFile } });
      const runCount = async () => (await fs.readFile(runs, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
      try {
        assert.equal((await ex.profiles()).find((p) => p.name === 'long')?.kind, 'process');
        const [east, west] = await Promise.all([ex.listPools('long', 'us-east-1'), ex.listPools('long', 'eu-west-1')]);
        assert.deepEqual(east.map((p) => p.PoolId).sort(), emulator.pools(prodAccount, 'us-east-1').map((p) => p.PoolId).sort());
        assert.deepEqual(west.map((p) => p.PoolId).sort(), emulator.pools(prodAccount, 'eu-west-1').map((p) => p.PoolId).sort());
        await ex.sessionsPage('long', 'us-east-1', DEMO_BIG_POOL_ID, {});
        assert.equal(await runCount(), 1, 'one run for two regions and several calls');

        // 8-second credentials: kept for the first half of their life, then resolved again. (Short, so
        // that the test can wait for half of it; long enough that starting node under load fits.)
        await fs.writeFile(runs, '');
        await ex.sessionsPage('short', 'us-east-1', DEMO_BIG_POOL_ID, {});
        await ex.sessionsPage('short', 'us-east-1', DEMO_BIG_POOL_ID, {});
        assert.equal(await runCount(), 1, 'fresh short-lived credentials are reused, not resolved on every ask');
        await new Promise((resolve) => setTimeout(resolve, 4_500)); // time itself is what expires them
        await ex.sessionsPage('short', 'us-east-1', DEMO_BIG_POOL_ID, {});
        assert.equal(await runCount(), 2, 'expiring credentials are refreshed before use');
        ex.reset();
        await ex.sessionsPage('long', 'us-east-1', DEMO_BIG_POOL_ID, {});
        assert.equal(await runCount(), 3, 'reset() drops cached credentials');
      } finally {
        ex.dispose();
        own.cleanup();
      }
    });

    it('SSO with no login or an expired one is recognised: sso-login, with the command to run', async () => {
      const own = writeAwsFiles({
        config:
          `[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n` +
          `[profile sso-new]\nsso_session = corp\nsso_account_id = ${prodAccount}\nsso_role_name = ReadOnly\nregion = us-east-1\nendpoint_url = ${emulator.url}\n` +
          `[profile sso-old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = ${prodAccount}\n` +
          `sso_role_name = ReadOnly\nregion = us-east-1\nendpoint_url = ${emulator.url}\n`,
        credentials: '',
      });
      // The SDK reads the SSO token cache under $HOME/.aws/sso/cache; an expired token for the legacy profile.
      const { createHash } = await import('crypto');
      const cache = join(own.dir, '.aws', 'sso', 'cache');
      await fs.mkdir(cache, { recursive: true });
      await fs.writeFile(
        join(cache, `${createHash('sha1').update('https://old.awsapps.com/start').digest('hex')}.json`),
        JSON.stringify({ accessToken: 'expired', expiresAt: new Date(Date.now() - 3600_000).toISOString(), region: 'us-east-1', startUrl: 'https://old.awsapps.com/start' }),
      );
      // fromIni() hands SSO profiles to fromSSO() without the file paths, so it reads the
      // process environment: it must name the same files (as it does in the extension).
      const saved = { HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };
      Object.assign(process.env, { HOME: own.dir, AWS_CONFIG_FILE: own.configFile, AWS_SHARED_CREDENTIALS_FILE: own.credentialsFile });
      const ex = new AwsGateway({ log: (l) => lines.push(l), env: { HOME: own.dir, AWS_CONFIG_FILE: own.configFile, AWS_SHARED_CREDENTIALS_FILE: own.credentialsFile } });
      try {
        const kinds = Object.fromEntries((await ex.profiles()).map((p) => [p.name, p.kind]));
        assert.deepEqual(kinds, { 'sso-new': 'sso', 'sso-old': 'sso-legacy' });
        for (const profile of ['sso-new', 'sso-old']) {
          const error = await ex.listPools(profile, 'us-east-1').catch((e: unknown) => e);
          const d = describeError(error, profile);
          assert.equal(d.kind, 'sso-login', `${profile}: ${String(error)}`);
          // The profile in words and the sign-in to use; never a command line with the name pasted in.
          assert.ok(d.message.includes(`profile "${profile}"`) && d.message.includes('Sign In with IAM Identity Center'), d.message);
          assert.doesNotMatch(d.message, /--profile/);
          // The command wrapper describes without a profile: the error still names it, for the Sign In button.
          assert.equal(ssoProfileOf(error), profile);
          assert.ok(describeError(error).message.includes(`profile "${profile}"`), describeError(error).message);
        }
        assert.equal(emulator.log.length, 0, 'nothing was sent without credentials');
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
        ex.dispose();
        own.cleanup();
      }
    });

    it('a config file broken while running: reset() reports file and line, sends nothing; fixing it is picked up', async () => {
      const own = writeAwsFiles(emulator.awsFiles());
      const ex = new AwsGateway({ log: (l) => lines.push(l), env: { HOME: own.dir, AWS_CONFIG_FILE: own.configFile, AWS_SHARED_CREDENTIALS_FILE: own.credentialsFile } });
      try {
        assert.ok((await ex.listPools(HELPDESK, 'eu-west-1')).length > 0);
        const good = await fs.readFile(own.configFile, 'utf8');
        await fs.writeFile(own.configFile, `${good}\n[profile half-typed\n`);
        ex.reset(); // what the file watcher does
        emulator.clearLog();
        const error = await ex.listPools(HELPDESK, 'eu-west-1').catch((e: unknown) => e);
        const d = describeError(error, HELPDESK);
        assert.equal(d.kind, 'config');
        assert.ok(d.message.startsWith(`${own.configFile}, line ${good.split('\n').length + 1}: `), d.message);
        assert.equal(emulator.log.length, 0, 'nothing sent');
        await fs.writeFile(own.configFile, good.replace(`[profile ${HELPDESK}]`, `[profile ${HELPDESK}]\nservices = nowhere`));
        const problem = describeError(await ex.listPools(HELPDESK, 'eu-west-1').catch((e: unknown) => e), HELPDESK);
        assert.equal(problem.kind, 'config', 'a failed read is not cached: the next call reads the files again');
        assert.match(problem.message, /services section "nowhere"/);
        assert.ok((await ex.listPools(PROD, 'us-east-1')).length > 0, 'other profiles keep working');
        await fs.writeFile(own.configFile, good);
        ex.reset();
        assert.ok((await ex.listPools(HELPDESK, 'eu-west-1')).length > 0, 'fixed');
      } finally {
        ex.dispose();
        own.cleanup();
      }
    });

    it('uses the files as they are now: a profile added, or a key changed, counts before any reset()', async () => {
      // The file watcher's reset() comes after its debounce; the explorer may list a new profile sooner.
      const own = writeAwsFiles(emulator.awsFiles());
      const ex = new AwsGateway({ log: (l) => lines.push(l), env: { HOME: own.dir, AWS_CONFIG_FILE: own.configFile, AWS_SHARED_CREDENTIALS_FILE: own.credentialsFile } });
      try {
        assert.ok((await ex.listPools(PROD, 'us-east-1')).length > 0, 'profiles, credentials and a client cached');
        const config = await fs.readFile(own.configFile, 'utf8');
        const credentials = await fs.readFile(own.credentialsFile, 'utf8');
        const section = (text: string, header: string) => text.slice(text.indexOf(header)).split('\n\n')[0];
        // acme-prod copied under another name, as an editor saves it: no reset().
        await fs.writeFile(own.configFile, `${config}\n${section(config, `[profile ${PROD}]`).replace(`[profile ${PROD}]`, '[profile wsp-added]')}\n`);
        await fs.writeFile(own.credentialsFile, `${credentials}\n${section(credentials, `[${PROD}]`).replace(`[${PROD}]`, '[wsp-added]')}\n`);
        assert.ok((await ex.listPools('wsp-added', 'us-east-1')).length > 0, 'the added profile is found');

        // acme-prod's secret replaced: the next call signs with the new one, which the service refuses.
        const secret = /aws_secret_access_key = (\S+)/.exec(section(credentials, `[${PROD}]`))![1];
        await fs.writeFile(own.credentialsFile, credentials.replace(secret, 'not-the-secret'));
        const error = await ex.listPools(PROD, 'us-east-1').catch((e: unknown) => e);
        assert.equal(describeError(error, PROD).kind, 'credentials', `the old key was used: ${String(error)}`);
        await fs.writeFile(own.credentialsFile, credentials);
        assert.ok((await ex.listPools(PROD, 'us-east-1')).length > 0, 'the key put back');
      } finally {
        ex.dispose();
        own.cleanup();
      }
    });

    it('an unknown profile or a profile with a problem fails with a config error, sending nothing', async () => {
      const error = await gateway.listPools('nobody', 'us-east-1').catch((e: unknown) => e);
      const d = describeError(error, 'nobody');
      assert.equal(d.kind, 'config');
      assert.match(d.message, /no profile "nobody"/);
      assert.equal(emulator.log.length, 0);
      assert.match(lines[0], /^DescribeWorkspacesPools · nobody · us-east-1 · not sent: There is no profile "nobody"/);
    });
  });
});
