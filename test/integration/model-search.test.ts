// Find User's Sessions… in plain Node: the search module (src/model/userSearch.ts) over the
// explorer's model and the real AWS layer, against the in-process emulator with the demo data.
// Results are compared with the emulator's own data; requests with its log.
import { strict as assert } from 'assert';
import { AwsGateway } from '../../src/aws/gateway';
import { lazyGateway, type Gateway } from '../../src/aws/lazyGateway';
import { Choices } from '../../src/model/choices';
import { MapStore } from '../support/mapStore';
import { ExplorerModel, type ExplorerSettings } from '../../src/model/explorerModel';
import { matchSessions } from '../../src/model/quickSearch';
import { RecentSearches } from '../../src/model/recentSearches';
import { Scheduler } from '../../src/model/scheduler';
import { summaryText, UserSearch, type FoundSession, type SearchScope } from '../../src/model/userSearch';
import {
  DEMO_HOSTILE_MULTI_USER_ID, DEMO_NO_SESSION_USER_ID, DEMO_REGIONS, DEMO_ROAMING_USER_ID, HOSTILE_USER_IDS, startEmulator, type Emulator,
} from '../../emulator/index';
import { writeAwsFiles, type TempAwsFiles } from '../../emulator/awsFiles';

const key = (f: { profile: string; region: string; poolId: string; sessionId: string }) => `${f.profile}|${f.region}|${f.poolId}|${f.sessionId}`;

describe('model: Find User\'s Sessions across profiles, regions and pools', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let files: TempAwsFiles;
  let settings: ExplorerSettings;
  let gateway: Gateway;
  let model: ExplorerModel;

  function newModel(): void {
    const env = { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    gateway = lazyGateway({ log: () => undefined, requestTimeoutMs: () => 5_000, env, gatewayClass: AwsGateway });
    model = new ExplorerModel({ gateway, choices: new Choices(new MapStore()), settings: () => settings, log: () => undefined });
  }

  function search(userId: string, scope: SearchScope = {}, g: Pick<Gateway, 'sessionsPage' | 'describeError'> = gateway): UserSearch {
    return new UserSearch(userId, scope, { model, gateway: g });
  }

  /** The emulator's truth: every session of `userId` in the profiles and regions shown. */
  function truth(userId: string, only?: { profile?: string; region?: string }): string[] {
    const out: string[] = [];
    for (const account of emulator.accounts) {
      if (only?.profile && account.profileName !== only.profile) continue;
      for (const region of DEMO_REGIONS) {
        if (only?.region && region !== only.region) continue;
        for (const pool of emulator.pools(account.accountId, region)) {
          for (const s of emulator.sessions(account.accountId, region, pool.PoolId ?? '')) {
            if (s.UserId === userId) out.push(key({ profile: account.profileName, region, poolId: pool.PoolId ?? '', sessionId: s.SessionId ?? '' }));
          }
        }
      }
    }
    return out.sort();
  }

  const found = (s: UserSearch) => s.found().map((f: FoundSession) => key({ ...f, sessionId: f.session.SessionId ?? '' })).sort();
  const poolCount = () => emulator.accounts.reduce((n, a) => n + DEMO_REGIONS.reduce((m, r) => m + emulator.pools(a.accountId, r).length, 0), 0);
  /** DescribeWorkspacesPools pages to list every region (25 per page). */
  const listPages = () => emulator.accounts.reduce((n, a) => n + DEMO_REGIONS.reduce((m, r) => m + Math.max(1, Math.ceil(emulator.pools(a.accountId, r).length / 25)), 0), 0);

  before(async () => {
    emulator = await startEmulator({ scenario: 'demo' });
    files = writeAwsFiles(emulator.awsFiles());
  });
  after(async () => {
    files?.cleanup();
    await emulator?.stop();
  });
  beforeEach(() => {
    settings = { profiles: [], regions: [...DEMO_REGIONS], pageSize: 50 };
    emulator.clearFaults();
    emulator.setLatency(0);
    newModel();
  });

  it('finds a roaming user in every profile and region, with pools listed first and one filtered request per pool', async () => {
    assert.ok(truth(DEMO_ROAMING_USER_ID).length >= 5, 'the demo has a user in several pools');
    const mark = emulator.requestLog.next;
    const s = search(DEMO_ROAMING_USER_ID);
    await s.start();
    assert.equal(s.state, 'done');
    assert.deepEqual(found(s), truth(DEMO_ROAMING_USER_ID));
    const profiles = new Set(s.found().map((f) => f.profile));
    const regions = new Set(s.found().map((f) => `${f.profile}/${f.region}`));
    assert.equal(profiles.size, 3);
    assert.ok(regions.size >= 5);
    const log = emulator.requestLog.since(mark);
    const sessionsCalls = log.filter((e) => e.operation === 'DescribeWorkspacesPoolSessions');
    assert.equal(sessionsCalls.length, poolCount(), 'one request per pool (each user has fewer than 50 sessions per pool)');
    assert.ok(sessionsCalls.every((e) => (e.params as { UserId?: string }).UserId === DEMO_ROAMING_USER_ID), 'every request filters on the server');
    assert.equal(log.filter((e) => e.operation === 'DescribeWorkspacesPools').length, listPages());
    assert.equal(log.length, poolCount() + listPages(), 'nothing else');
    const summary = s.summary();
    assert.equal(summaryText(summary, s.state), `${truth(DEMO_ROAMING_USER_ID).length} sessions in ${truth(DEMO_ROAMING_USER_ID).length} of ${poolCount()} pools · 3 profiles · 6 regions`);
  });

  it('lists no pool again that the explorer has loaded, and searching twice sends only the pool requests', async () => {
    const prod = (await model.profileList()).find((p) => p.name === 'acme-prod');
    assert.ok(prod);
    await model.regionPools(prod, 'us-east-1');
    const mark = emulator.requestLog.next;
    const first = search(DEMO_HOSTILE_MULTI_USER_ID);
    await first.start();
    const lists = emulator.requestLog.since(mark).filter((e) => e.operation === 'DescribeWorkspacesPools').length;
    assert.equal(lists, listPages() - 2, 'acme-prod us-east-1 (2 pages) was loaded already');
    assert.deepEqual(found(first), truth(DEMO_HOSTILE_MULTI_USER_ID));
    const again = emulator.requestLog.next;
    const second = search(DEMO_HOSTILE_MULTI_USER_ID);
    await second.start();
    assert.equal(emulator.requestLog.since(again).length, poolCount());
    // Hostile ids stay data: the exact string comes back, and it is what the quick search matches.
    assert.ok(second.found().every((f) => f.session.UserId === HOSTILE_USER_IDS[0]));
    assert.equal(matchSessions('<IMG SRC', second.sessionItems()).length, truth(DEMO_HOSTILE_MULTI_USER_ID).length);
  });

  it("a new search's profile, region and pool rows have ids of their own; running it again keeps them", async () => {
    // VS Code keeps a row's collapsed state while a row of its id comes back: a new search for the
    // same user must not meet the rows the user collapsed in the one before (test/e2e/search.e2e.ts).
    const ids = (s: UserSearch) => {
      const out: string[] = [];
      const walk = (nodes: ReturnType<UserSearch['children']>) => {
        for (const n of nodes) {
          if (n.kind !== 'searchProfile' && n.kind !== 'searchRegion' && n.kind !== 'searchPool') continue;
          out.push(n.id);
          walk(s.children(n));
        }
      };
      walk(s.children());
      return out;
    };
    const first = search(DEMO_ROAMING_USER_ID);
    await first.start();
    const before = ids(first);
    assert.ok(before.length >= 9, 'profiles, regions and pools found');
    const second = search(DEMO_ROAMING_USER_ID);
    await second.start();
    assert.equal(ids(second).length, before.length, 'the same rows');
    assert.deepEqual(ids(second).filter((id) => before.includes(id)), [], 'none with an id of the first search');
    await first.start();
    assert.deepEqual(ids(first), before, 'Refresh Search keeps its rows (and what the user expanded or collapsed)');
  });

  it('a user with no session: zero results, every pool searched', async () => {
    const s = search(DEMO_NO_SESSION_USER_ID);
    await s.start();
    assert.deepEqual(s.found(), []);
    assert.deepEqual(s.children(), []);
    assert.equal(s.summary().poolsSearched, poolCount());
  });

  it('narrows to a profile, or to one region of it', async () => {
    const byProfile = search(DEMO_ROAMING_USER_ID, { profile: 'acme-dev' });
    await byProfile.start();
    assert.deepEqual(found(byProfile), truth(DEMO_ROAMING_USER_ID, { profile: 'acme-dev' }));
    const mark = emulator.requestLog.next;
    const byRegion = search(DEMO_ROAMING_USER_ID, { profile: 'acme-prod', region: 'eu-west-1' });
    await byRegion.start();
    assert.deepEqual(found(byRegion), truth(DEMO_ROAMING_USER_ID, { profile: 'acme-prod', region: 'eu-west-1' }));
    assert.ok(emulator.requestLog.since(mark).every((e) => e.region === 'eu-west-1' && e.accountId === emulator.accounts[0].accountId));
  });

  it('cancel: no request starts after it, and what was found stays', async () => {
    emulator.setLatency(50);
    let calls = 0;
    let inFlight = 0;
    let afterCancel = 0;
    let cancelled = false;
    let maxInFlight = 0;
    const counting: Pick<Gateway, 'sessionsPage' | 'describeError'> = {
      describeError: gateway.describeError,
      sessionsPage: async (...args) => {
        calls++;
        if (cancelled) afterCancel++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await gateway.sessionsPage(...args);
        } finally {
          inFlight--;
        }
      },
    };
    const s = search(DEMO_ROAMING_USER_ID, {}, counting);
    const running = s.start();
    await new Promise<void>((resolve) => {
      const sub = s.onDidChange(() => {
        if (calls >= 10) {
          sub.dispose();
          resolve();
        }
      });
    });
    const atCancel = inFlight;
    const mark = emulator.requestLog.next;
    cancelled = true;
    s.cancel();
    await running;
    assert.equal(s.state, 'cancelled');
    assert.equal(afterCancel, 0, 'the search asked for nothing after the cancel');
    await emulator.requestLog.settled?.(mark, 10_000);
    assert.ok(emulator.requestLog.since(mark).length <= atCancel, 'the emulator saw at most the requests already on their way');
    assert.ok(calls < poolCount(), 'the search stopped early');
    assert.ok(maxInFlight <= 8, `at most 8 in flight (the overall bound), saw ${maxInFlight}`);
  });

  it('a new search on the same results (Refresh) cancels the running one', async () => {
    emulator.setLatency(20);
    const s = search(DEMO_ROAMING_USER_ID);
    const first = s.start();
    const second = s.start();
    await Promise.all([first, second]);
    assert.equal(s.state, 'done');
    assert.deepEqual(found(s), truth(DEMO_ROAMING_USER_ID));
  });

  it('the scheduler keeps both bounds and serves the profiles in turn', async () => {
    const scheduler = new Scheduler(2, 3);
    const signal = new AbortController().signal;
    const running = new Map<string, number>();
    let total = 0;
    let maxTotal = 0;
    const maxBy = new Map<string, number>();
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const task = (profile: string) => () =>
      new Promise<void>((resolve) => {
        order.push(profile);
        total++;
        running.set(profile, (running.get(profile) ?? 0) + 1);
        maxTotal = Math.max(maxTotal, total);
        maxBy.set(profile, Math.max(maxBy.get(profile) ?? 0, running.get(profile) ?? 0));
        releases.push(() => {
          total--;
          running.set(profile, (running.get(profile) ?? 1) - 1);
          resolve();
        });
      });
    const all = ['x', 'y', 'z', 'a', 'a', 'a', 'a', 'b', 'b', 'c'].map((p) => scheduler.run(p, signal, task(p)));
    assert.deepEqual(order, ['x', 'y', 'z'], 'the overall bound holds the rest back');
    // Release one at a time, in start order, until everything ran.
    while (releases.length) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    assert.equal(maxTotal, 3);
    assert.equal(maxBy.get('a'), 2, 'per-profile bound');
    assert.deepEqual(order.slice(3, 6), ['a', 'b', 'c'], 'queued profiles take the free slots in turn, not in arrival order');
  });

  it('remembers recent searches, most recent first, without repeats', async () => {
    const store = new MapStore();
    const recent = new RecentSearches(store);
    await recent.add('a@x');
    await recent.add('b@x');
    await recent.add('a@x');
    assert.deepEqual(recent.list(), ['a@x', 'b@x']);
    store.data.set('workspacesPools.recentUserSearches', ['ok', 3, null, { x: 1 }]);
    assert.deepEqual(recent.list(), ['ok'], 'only strings survive a damaged state');
  });

  // Last: a revoked key stays revoked for the emulator's lifetime.
  it('a revoked key and a throttled region give error rows with Retry; the other results stay, and Retry sends only that part', async () => {
    // Pool lists loaded first, so the failures hit the session requests of one region…
    const warm = search(DEMO_NO_SESSION_USER_ID);
    await warm.start();
    emulator.setFaults('DescribeWorkspacesPoolSessions@eu-west-1', { throttleRate: 1 });
    const s = search(DEMO_ROAMING_USER_ID);
    // …and one profile's pool lists fail as well: reload them with its key revoked.
    const dev = (await model.profileList()).find((p) => p.name === 'acme-dev');
    assert.ok(dev);
    model.refreshProfile(dev);
    emulator.revokeAccessKey(emulator.accounts[1].accessKeyId);
    await s.start();
    assert.equal(s.state, 'done');
    const kept = s.found().filter((f) => f.region === 'us-east-1' && f.profile !== 'acme-dev');
    assert.deepEqual(found(s), truth(DEMO_ROAMING_USER_ID).filter((k) => kept.some((f) => k === key({ ...f, sessionId: f.session.SessionId ?? '' }))));
    assert.ok(kept.length > 0, 'results of the healthy parts stay');
    const errors = s.profiles.flatMap((p) => p.regions.flatMap((r) => [...(r.error ? [r.error] : []), ...[...r.pools.values()].flatMap((pool) => (pool.error ? [pool.error] : []))]));
    const devErrors = s.profiles.find((p) => p.name === 'acme-dev')?.regions.map((r) => r.error?.info.kind);
    assert.deepEqual(devErrors, ['credentials', 'credentials'], 'one error per region of the revoked profile');
    const throttled = errors.filter((e) => e.info.kind === 'throttled');
    const euPools = emulator.accounts.filter((a) => a.profileName !== 'acme-dev').reduce((n, a) => n + emulator.pools(a.accountId, 'eu-west-1').length, 0);
    assert.equal(throttled.length, euPools, 'one error per throttled pool');
    assert.equal(s.summary().failures, 2 + euPools);
    assert.ok(s.children().some((n) => n.kind === 'searchProfile' && n.name === 'acme-dev'), 'the failed profile shows its error rows');

    emulator.clearFaults();
    const mark = emulator.requestLog.next;
    const one = throttled[0];
    const before = s.found().length;
    await one.retry();
    const sent = emulator.requestLog.since(mark);
    assert.equal(sent.length, 1, 'Retry queries only that pool');
    assert.equal(sent[0].region, 'eu-west-1');
    assert.ok(s.found().length >= before, 'what was found stays');
    assert.equal(s.summary().failures, 1 + euPools);
  });
});
