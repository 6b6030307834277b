import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_BIG_POOL_ID, DEMO_BIG_POOL_SIZE, DEMO_ERROR_POOL_ID, DEMO_HOSTILE_MULTI_USER_ID, DEMO_SHARED_USER_ID,
  demoScenario, HOSTILE_USER_IDS, MAX_LENGTH_USER_ID, UNICODE_USER_IDS,
} from '../../emulator/demoScenario';
import { loadScenarioFile, parseScenario, type Scenario } from '../../emulator/scenario';
import { outputProblems } from '../../emulator/validate';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('emulator demo scenario', () => {
  const demo = demoScenario({ seed: 1, now: NOW });
  const allSessions = demo.pools.flatMap((p) => p.sessions);

  it('is the same for the same seed, different for another', () => {
    assert.equal(JSON.stringify(demoScenario({ seed: 1, now: NOW })), JSON.stringify(demo));
    const other = demoScenario({ seed: 2, now: NOW });
    assert.notDeepEqual(other.accounts.map((a) => a.accessKeyId), demo.accounts.map((a) => a.accessKeyId));
    assert.notEqual(other.pools[0].sessions[0].SessionId, demo.pools[0].sessions[0].SessionId);
    // Pool ids are fixed so that tests and docs can name them.
    assert.deepEqual(other.pools.map((p) => p.pool.PoolId), demo.pools.map((p) => p.pool.PoolId));
  });

  it('has 3 accounts with distinct keys, 2 regions, pools in both regions for every account', () => {
    assert.deepEqual(demo.accounts.map((a) => a.profileName), ['acme-prod', 'acme-dev', 'globex-helpdesk']);
    assert.deepEqual(demo.regions, ['us-east-1', 'eu-west-1']);
    for (const a of demo.accounts) {
      assert.match(a.accountId, /^\d{12}$/);
      assert.match(a.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
      assert.equal(a.secretAccessKey.length, 40);
      for (const r of demo.regions) assert.ok(demo.pools.some((p) => p.accountId === a.accountId && p.region === r), `${a.profileName} ${r}`);
    }
    assert.equal(new Set(demo.accounts.map((a) => a.accessKeyId)).size, 3);
  });

  it('has pools in every state, one with Errors, sizes from 0 to 5,000', () => {
    const states = new Set(demo.pools.map((p) => p.pool.State));
    assert.deepEqual([...states].sort(), ['CREATING', 'DELETING', 'RUNNING', 'STARTING', 'STOPPED', 'STOPPING', 'UPDATING']);
    const errorPool = demo.pools.find((p) => p.pool.PoolId === DEMO_ERROR_POOL_ID);
    assert.ok(errorPool?.pool.Errors && errorPool.pool.Errors.length > 0);
    const sizes = demo.pools.map((p) => p.sessions.length);
    assert.equal(Math.min(...sizes), 0);
    assert.equal(Math.max(...sizes), DEMO_BIG_POOL_SIZE);
    assert.equal(demo.pools.find((p) => p.pool.PoolId === DEMO_BIG_POOL_ID)?.sessions.length, 5000);
    assert.deepEqual(new Set(demo.pools.map((p) => p.pool.RunningMode)), new Set(['AUTO_STOP', 'ALWAYS_ON']));
  });

  it('keeps CapacityStatus consistent with the sessions (Actual = Available + Active)', () => {
    for (const { pool, sessions } of demo.pools) {
      const c = pool.CapacityStatus;
      assert.equal(c.ActiveUserSessions, sessions.length, pool.PoolId);
      assert.equal(c.ActualUserSessions, c.AvailableUserSessions + c.ActiveUserSessions, pool.PoolId);
      assert.ok(c.AvailableUserSessions >= 0);
      if (pool.State === 'STOPPED') assert.equal(c.ActualUserSessions, 0, pool.PoolId);
      for (const s of sessions) assert.equal(s.PoolId, pool.PoolId);
    }
  });

  it('conforms to the model: every id, name and value matches its shape; required members present', () => {
    for (const { pool, sessions, accountId, region } of demo.pools) {
      assert.deepEqual(outputProblems('WorkspacesPool', pool), [], pool.PoolId);
      assert.equal(pool.PoolArn, `arn:aws:workspaces:${region}:${accountId}:workspacespool/${pool.PoolId}`);
      const problems = sessions.flatMap((s) => outputProblems('WorkspacesPoolSession', s));
      assert.deepEqual(problems.slice(0, 5), [], pool.PoolId);
    }
    for (const s of allSessions) {
      assert.match(s.InstanceId ?? '', /^i-[a-f0-9]{17}$/);
      assert.match(s.NetworkAccessConfiguration?.EniId ?? '', /^eni-[a-f0-9]{17}$/);
      assert.match(s.NetworkAccessConfiguration?.EniPrivateIpAddress ?? '', /^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/);
      assert.ok((s.StartTime ?? 0) < (s.ExpirationTime ?? 0));
      assert.ok((s.StartTime ?? 0) * 1000 < NOW);
    }
    assert.equal(new Set(allSessions.map((s) => s.SessionId)).size, allSessions.length, 'session ids unique');
  });

  it('has both connection states, SAML and non-SAML sessions', () => {
    assert.deepEqual(new Set(allSessions.map((s) => s.ConnectionState)), new Set(['CONNECTED', 'NOT_CONNECTED']));
    assert.ok(allSessions.some((s) => s.AuthenticationType === 'SAML'));
    assert.ok(allSessions.some((s) => s.AuthenticationType === undefined));
  });

  it('has e-mail, SAML-style, unicode, 128-character and hostile user ids', () => {
    const ids = new Set(allSessions.map((s) => s.UserId));
    assert.ok([...ids].some((id) => /^[a-z.]+\d+@acme\.example$/.test(id)), 'e-mail');
    assert.ok([...ids].some((id) => /^ACME\\/.test(id)), 'DOMAIN\\user');
    assert.ok([...ids].some((id) => id.startsWith('urn:oid:')), 'SAML NameID');
    for (const id of [...HOSTILE_USER_IDS, ...UNICODE_USER_IDS, MAX_LENGTH_USER_ID]) assert.ok(ids.has(id), id);
    assert.equal(MAX_LENGTH_USER_ID.length, 128);
    assert.ok(HOSTILE_USER_IDS.some((id) => /[\u202E\u200B\u200F]/.test(id)), 'bidi / zero-width');
  });

  it('gives some users several sessions and some sessions in several pools', () => {
    const count = (id: string) => allSessions.filter((s) => s.UserId === id).length;
    assert.ok(count(DEMO_SHARED_USER_ID) >= 5);
    const hostilePools = new Set(allSessions.filter((s) => s.UserId === DEMO_HOSTILE_MULTI_USER_ID).map((s) => s.PoolId));
    assert.ok(count(DEMO_HOSTILE_MULTI_USER_ID) >= 6 && hostilePools.size >= 2);
    const alicePools = new Set(allSessions.filter((s) => s.UserId === 'alice.smith@acme.example').map((s) => s.PoolId));
    assert.ok(alicePools.size >= 2);
  });

  it('loads a scenario file (ISO or epoch timestamps, derived capacity) and explains a broken one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsp-scenario-'));
    try {
      const file = join(dir, 'scenario.json');
      const custom = {
        accounts: [{ accountId: '123456789012', profileName: 'mine', accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 's'.repeat(40) }],
        pools: [{
          accountId: '123456789012', region: 'eu-central-1',
          pool: { PoolId: 'wspool-custom001', PoolName: 'custom', State: 'RUNNING', CreatedAt: '2026-01-01T00:00:00Z', BundleId: 'wsb-12345678', DirectoryId: 'wsd-12345678', RunningMode: 'AUTO_STOP' },
          sessions: [{ SessionId: '0f0e0d0c-0b0a-4909-8807-060504030201', UserId: 'me@example.com', StartTime: 1790000000, ExpirationTime: '2026-09-21T00:00:00Z' }],
        }],
      };
      writeFileSync(file, JSON.stringify(custom));
      const s: Scenario = loadScenarioFile(file);
      assert.deepEqual(s.regions, ['eu-central-1']);
      assert.equal(s.accounts[0].region, 'eu-central-1');
      const p = s.pools[0];
      assert.equal(p.pool.CreatedAt, Date.UTC(2026, 0, 1) / 1000);
      assert.equal(p.pool.PoolArn, 'arn:aws:workspaces:eu-central-1:123456789012:workspacespool/wspool-custom001');
      assert.deepEqual(p.pool.CapacityStatus, { AvailableUserSessions: 0, DesiredUserSessions: 1, ActualUserSessions: 1, ActiveUserSessions: 1 });
      assert.equal(p.sessions[0].PoolId, 'wspool-custom001');
      assert.equal(p.sessions[0].ExpirationTime, Date.parse('2026-09-21T00:00:00Z') / 1000);
      // The demo survives a JSON round trip.
      assert.equal(JSON.stringify(parseScenario(JSON.parse(JSON.stringify(demo)))), JSON.stringify(demo));
      assert.throws(() => parseScenario({ accounts: [] }), /"accounts" and "pools"/);
      assert.throws(() => parseScenario({ accounts: [{ ...custom.accounts[0], accountId: '12' }], pools: [] }), /12 digits/);
      assert.throws(() => parseScenario({ ...custom, pools: [{ ...custom.pools[0], accountId: '999999999999' }] }), /not one of the accounts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
