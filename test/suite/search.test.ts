// Find User's Sessions… and the quick search in the real extension host, against the harness's
// emulator (demo data): the results view equals the emulator's truth across profiles and regions;
// a profile whose key is revoked and a throttled region give error rows with Retry while the rest
// stays; closing the results cancels the search with no request after it; hostile user ids are data.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { COMMANDS } from '../../src/ids';
import type { SearchNode, UserSearch } from '../../src/model/userSearch';
import { oneLine } from '../../src/core/text';
import { DEMO_HOSTILE_MULTI_USER_ID, DEMO_REGIONS, DEMO_ROAMING_USER_ID, type EmulatorAccount } from '../../emulator';
import { EmulatorClient } from '../support/emulatorClient';
import { activateExtension, freshTree, treeUntil } from './extension';

const REVOKED = 'search-revoked';

let api: ExtensionApi;
let emulator: EmulatorClient;
let accounts: EmulatorAccount[];

const config = () => vscode.workspace.getConfiguration('workspacesPools');
const key = (profile: string, region: string, poolId: string, sessionId: string) => `${profile}|${region}|${poolId}|${sessionId}`;

async function truth(userId: string): Promise<string[]> {
  const out: string[] = [];
  for (const a of accounts) {
    for (const region of DEMO_REGIONS) {
      for (const pool of await emulator.pools(a.accountId, region)) {
        for (const s of await emulator.sessions(a.accountId, region, pool.PoolId ?? '')) {
          if (s.UserId === userId) out.push(key(a.profileName, region, pool.PoolId ?? '', s.SessionId ?? ''));
        }
      }
    }
  }
  return out.sort();
}

/** The results view's rows, walked the way VS Code walks them (getChildren / getTreeItem). */
function rows(node?: SearchNode): SearchNode[] {
  const out: SearchNode[] = [];
  for (const child of api.search.getChildren(node)) out.push(child, ...rows(child));
  return out;
}

function shownSessions(): string[] {
  return rows()
    .filter((n) => api.search.getTreeItem(n).contextValue === 'session')
    .map((n) => {
      const s = n as unknown as { profile: string; region: string; poolId: string; sessionId: string };
      return key(s.profile, s.region, s.poolId, s.sessionId);
    })
    .sort();
}

async function find(userId: string): Promise<UserSearch> {
  const search = (await vscode.commands.executeCommand(COMMANDS.findUserSessions, undefined, userId)) as UserSearch | undefined;
  assert.ok(search, 'the command returns its search');
  assert.strictEqual(api.search.current, search, 'the view shows it');
  return search;
}

describe('Find User\'s Sessions (results view)', function () {
  this.timeout(120_000);

  before(async () => {
    api = await activateExtension();
    // Only the search sends requests here: no row of the explorer re-reads when the regions change.
    await freshTree(api);
    emulator = EmulatorClient.fromEnv();
    accounts = (await emulator.info()).accounts;
    await config().update('regions', [...DEMO_REGIONS], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.clearSearch);
    await emulator.clearFaults();
    await emulator.setLatency(0);
    await config().update('regions', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows exactly the emulator\'s sessions of the user across profiles and regions, session rows as in the explorer', async () => {
    const search = await find(DEMO_ROAMING_USER_ID);
    assert.strictEqual(search.state, 'done');
    const expected = await truth(DEMO_ROAMING_USER_ID);
    assert.ok(new Set(expected.map((k) => k.split('|')[0])).size === accounts.length, 'the demo user is in every profile');
    assert.deepStrictEqual(shownSessions(), expected);
    const session = rows().find((n) => api.search.getTreeItem(n).contextValue === 'session');
    assert.ok(session);
    const t = api.search.getTreeItem(session);
    assert.strictEqual(t.command?.command, COMMANDS.showSessionDetails, 'a click opens the details');
    assert.strictEqual(t.label, DEMO_ROAMING_USER_ID);
    assert.ok(session && api.search.getParent(session)?.kind === 'searchPool', 'the parent of a session row is its pool in the results');
    const s = search.summary();
    assert.strictEqual(s.sessions, expected.length);
    assert.match(api.search.view.message ?? '', new RegExp(`^${expected.length} sessions in ${s.poolsWithSessions} of ${s.poolsSearched} pools · \\d+ profiles · \\d+ regions`));
    // Copy Session ID on a results row, as in the explorer.
    await vscode.commands.executeCommand(COMMANDS.copySessionId, session);
    assert.strictEqual(await vscode.env.clipboard.readText(), (session as unknown as { sessionId: string }).sessionId);
  });

  it('exports the results (CSV read back with csv-parse, JSON) equal to the emulator\'s sessions of the user', async () => {
    await find(DEMO_ROAMING_USER_ID);
    const expected = await truth(DEMO_ROAMING_USER_ID);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsp-search-export-'));
    try {
      const csvFile = path.join(dir, 'results.csv');
      const csv = (await vscode.commands.executeCommand(COMMANDS.exportSearchResults, undefined, { target: vscode.Uri.file(csvFile), format: 'csv' })) as { sessions: number } | undefined;
      assert.strictEqual(csv?.sessions, expected.length);
      const rows = parse(fs.readFileSync(csvFile, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
      assert.deepStrictEqual(rows.map((r) => key(r.Profile, r.Region, r.PoolId, r.SessionId)).sort(), expected);
      assert.ok(rows.every((r) => r.UserId === DEMO_ROAMING_USER_ID));
      const jsonFile = path.join(dir, 'results.json');
      await vscode.commands.executeCommand(COMMANDS.exportSearchResults, undefined, { target: vscode.Uri.file(jsonFile), format: 'json' });
      const records = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { Profile: string; Region: string; PoolId: string; SessionId: string }[];
      assert.deepStrictEqual(records.map((r) => key(r.Profile, r.Region, r.PoolId, r.SessionId)).sort(), expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hostile user ids are shown as data, found by the quick search, and revealed in the results', async () => {
    const search = await find(DEMO_HOSTILE_MULTI_USER_ID);
    assert.deepStrictEqual(shownSessions(), await truth(DEMO_HOSTILE_MULTI_USER_ID));
    for (const n of rows().filter((r) => api.search.getTreeItem(r).contextValue === 'session')) {
      assert.strictEqual(api.search.getTreeItem(n).label, oneLine(DEMO_HOSTILE_MULTI_USER_ID));
    }
    assert.strictEqual(api.search.view.description, oneLine(DEMO_HOSTILE_MULTI_USER_ID));
    const picked = (await vscode.commands.executeCommand(COMMANDS.quickSearch, 'ONERROR=ALERT')) as { item: { sessionId: string; userId: string } } | undefined;
    assert.ok(picked, 'a loaded session matches, case-insensitively');
    assert.strictEqual(picked.item.userId, DEMO_HOSTILE_MULTI_USER_ID);
    assert.ok(search.sessionItems().some((i) => i.sessionId === picked.item.sessionId));
  });

  it('a revoked key and a throttled region: error rows with Retry, the other results stay; Retry queries only that part', async () => {
    const configFile = process.env.AWS_CONFIG_FILE ?? '';
    const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE ?? '';
    const originalConfig = fs.readFileSync(configFile, 'utf8');
    const originalCredentials = fs.readFileSync(credentialsFile, 'utf8');
    const creds = await emulator.issueSessionCredentials(accounts[0].accountId, 3600);
    try {
      fs.writeFileSync(configFile, `${originalConfig}\n[profile ${REVOKED}]\nregion = us-east-1\nendpoint_url = ${emulator.baseUrl}\n`);
      fs.writeFileSync(credentialsFile, `${originalCredentials}\n[${REVOKED}]\naws_access_key_id = ${creds.accessKeyId}\naws_secret_access_key = ${creds.secretAccessKey}\naws_session_token = ${creds.sessionToken}\n`);
      await treeUntil(api, async () => ((await api.model.profileList()).some((p) => p.name === REVOKED) ? true : undefined), `profile ${REVOKED} listed`);
      await emulator.revokeAccessKey(creds.accessKeyId);
      await emulator.setFaults('DescribeWorkspacesPoolSessions@eu-west-1', { throttleRate: 1 });
      const search = await find(DEMO_ROAMING_USER_ID);
      const errors = rows().filter((n) => n.kind === 'error') as unknown as { info: { kind: string }; retry(): Promise<void> }[];
      const revoked = search.profiles.find((p) => p.name === REVOKED);
      assert.ok(revoked?.regions.every((r) => r.error?.info.kind === 'credentials'), 'the revoked profile has a credentials error row per region');
      const throttled = errors.filter((e) => e.info.kind === 'throttled');
      assert.ok(throttled.length > 0, 'throttled pools have error rows');
      for (const e of errors) assert.ok(api.search.getTreeItem(e as unknown as SearchNode).contextValue?.startsWith('error'), 'an error row offers Retry');
      const healthy = (await truth(DEMO_ROAMING_USER_ID)).filter((k) => k.split('|')[1] === 'us-east-1');
      assert.ok(healthy.length > 0);
      assert.deepStrictEqual(shownSessions(), healthy, 'every us-east-1 result stays');

      await emulator.clearFaults();
      const mark = await emulator.mark();
      await vscode.commands.executeCommand(COMMANDS.retry, throttled[0]);
      const sent = await emulator.log({ since: mark, settle: true });
      assert.strictEqual(sent.length, 1, `Retry sends one request: ${sent.map((e) => `${e.operation} ${e.region}`).join(', ')}`);
      assert.strictEqual(sent[0].region, 'eu-west-1');
      assert.strictEqual(search.summary().failures, errors.length - 1);
    } finally {
      fs.writeFileSync(configFile, originalConfig);
      fs.writeFileSync(credentialsFile, originalCredentials);
      await emulator.clearFaults();
      await treeUntil(api, async () => ((await api.model.profileList()).some((p) => p.name === REVOKED) ? undefined : true), `profile ${REVOKED} gone`);
    }
  });

  it('closing the results mid-search cancels it: no request after the close', async () => {
    await emulator.setLatency(150);
    try {
      const running = vscode.commands.executeCommand(COMMANDS.findUserSessions, undefined, DEMO_ROAMING_USER_ID);
      const search = await treeUntil(api, async () => (api.search.current?.userId === DEMO_ROAMING_USER_ID && api.search.current.state === 'running' && api.search.current.summary().poolsSearched > 0 ? api.search.current : undefined), 'a search listing pools');
      await vscode.commands.executeCommand(COMMANDS.clearSearch);
      const mark = await emulator.mark();
      await running;
      assert.strictEqual(search.state, 'cancelled');
      const regions = search.profiles.flatMap((p) => p.regions);
      const pools = regions.flatMap((r) => [...r.pools.values()]);
      assert.ok(regions.some((r) => r.state === 'cancelled') || pools.some((p) => p.state === 'cancelled'), 'it was stopped before the end');
      // The search's own requests: its session pages carry the user id, and a pool list it had
      // still to read would lead to such pages. Not every request: the explorer's tree in this
      // extension host may read on its own meanwhile (seen once in a fresh clone's run under load:
      // a pool list and six session pages after the close; the log kept only their names, hence
      // the message below with every request's parameters).
      const after = await emulator.log({ since: mark, settle: true });
      assert.deepStrictEqual(
        after.filter((e) => e.operation === 'DescribeWorkspacesPoolSessions' && e.params.UserId === DEMO_ROAMING_USER_ID).map((e) => `${e.operation} ${String(e.params.PoolId)}`),
        [],
        `no request of the search after the close (every request after it: ${JSON.stringify(after.map((e) => `${e.operation} ${JSON.stringify(e.params)}`))})`,
      );
      assert.strictEqual(api.search.current, undefined);
      assert.deepStrictEqual(api.search.getChildren(), []);
    } finally {
      await emulator.setLatency(0);
    }
  });
});
