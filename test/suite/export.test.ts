// Export Sessions… in the real extension host, against the emulator over real HTTP: the exported
// files, read back with a real CSV parser (csv-parse) and JSON.parse, equal the emulator's sessions
// of a multi-page pool; hostile user ids survive both formats (formulas neutralised in CSV only); a
// failed export leaves no file, an existing file untouched, and the tree's loaded pages as they were.
//
// The command takes `{ target: vscode.Uri, format }` as its second argument (its API, see
// src/commands/exportSessions.ts), so these tests skip the save dialog; the UI test drives the real one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import type { EmulatorAccount } from '../../emulator';
import type { ExtensionApi } from '../../src/extension';
import type { PoolEntry } from '../../src/model/items';
import { EmulatorClient } from '../support/emulatorClient';
import { FLAG_USER_IDS } from '../support/security';
import { activateExtension } from './extension';
import { treeAccess } from './treeAccess';

const EXPORT = 'workspacesPools.exportSessions';
const SESSIONS_OP = 'DescribeWorkspacesPoolSessions';
const COLUMNS = ['Profile', 'Region', 'PoolId', 'SessionId', 'UserId', 'ConnectionState', 'AuthenticationType', 'StartTime', 'ExpirationTime', 'InstanceId', 'EniId', 'EniPrivateIpAddress'];
const HOSTILE = [...FLAG_USER_IDS, '=HYPERLINK("http://evil.example","x")', '+1+cmd|" /C calc"!A0', '-2+3', '@SUM(1,2)', 'comma, "quote"\r\nline', '\u202Egnp.exe@x.example', 'zero\u200Bwidth 张伟 🧑‍💻'];

let api: ExtensionApi;
let emulator: EmulatorClient;
let accounts: EmulatorAccount[];
let dir: string;
const { children } = treeAccess(() => api);

interface Outcome {
  sessions: number;
  file: string;
  format: string;
}

/** A pool shown in the explorer (its profile's own region) whose session count fits `fits`, with its truth. */
async function findPool(fits: (n: number) => boolean): Promise<{ pool: PoolEntry; account: EmulatorAccount; truth: WorkspacesPoolSession[] }> {
  for (const account of accounts) {
    for (const p of await emulator.pools(account.accountId, account.region)) {
      const truth = await emulator.sessions(account.accountId, account.region, p.PoolId!);
      if (!fits(truth.length)) continue;
      const profile = (await children()).find((n) => n.id === account.profileName);
      if (!profile) continue;
      const pool = (await children(profile)).find((n) => n.id === `${account.profileName}/${account.region}/${p.PoolId}`);
      if (pool) return { pool: pool as PoolEntry, account, truth };
    }
  }
  throw new Error('no pool of that size in the explorer');
}

function csvRecords(file: string): Record<string, string>[] {
  const rows = parse(fs.readFileSync(file, 'utf8'), { bom: true }) as string[][];
  assert.deepStrictEqual(rows[0], COLUMNS);
  return rows.slice(1).map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, r[i]])));
}

const iso = (t: Date | string | number | undefined) => (t === undefined ? '' : new Date(t).toISOString());

/** The emulator's session as the CSV must hold it (formula cells prefixed with '). */
function csvOf(s: WorkspacesPoolSession, profile: string, region: string): Record<string, string> {
  const cell = (v: string | undefined) => (v === undefined ? '' : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return {
    Profile: profile,
    Region: region,
    PoolId: s.PoolId!,
    SessionId: s.SessionId!,
    UserId: cell(s.UserId),
    ConnectionState: s.ConnectionState ?? '',
    AuthenticationType: s.AuthenticationType ?? '',
    StartTime: iso(s.StartTime),
    ExpirationTime: iso(s.ExpirationTime),
    InstanceId: s.InstanceId ?? '',
    EniId: s.NetworkAccessConfiguration?.EniId ?? '',
    EniPrivateIpAddress: s.NetworkAccessConfiguration?.EniPrivateIpAddress ?? '',
  };
}

/** The emulator's session as the JSON must hold it: the API's members, times in ISO 8601. */
function jsonOf(s: WorkspacesPoolSession, profile: string, region: string): Record<string, unknown> {
  const wire: Record<string, unknown> = { Profile: profile, Region: region };
  for (const [k, v] of Object.entries(s)) if (v !== undefined) wire[k] = v instanceof Date ? v.toISOString() : v;
  return wire;
}

async function exportTo(pool: PoolEntry, name: string, format?: 'csv' | 'json'): Promise<Outcome | undefined> {
  return vscode.commands.executeCommand<Outcome | undefined>(EXPORT, pool, { target: vscode.Uri.file(path.join(dir, name)), format });
}

describe('export sessions', function () {
  this.timeout(120_000);

  before(async () => {
    api = await activateExtension();
    emulator = EmulatorClient.fromEnv();
    accounts = (await emulator.info()).accounts;
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsp-export-suite-'));
  });

  afterEach(async () => {
    await emulator.clearFaults();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every page of a multi-page pool, in ⌈N/50⌉ requests; CSV and JSON read back equal the emulator, the tree untouched', async () => {
    const { pool, account, truth } = await findPool((n) => n > 100);
    await children(pool); // the first page loaded in the tree
    const loaded = pool.sessions.sessions.length;
    assert.ok(loaded > 0 && pool.sessions.hasMore, 'the tree holds the first page only');

    const since = await emulator.mark();
    const csv = await exportTo(pool, 'pool.csv');
    const requests = await emulator.log({ operation: SESSIONS_OP, since, settle: true });
    assert.strictEqual(requests.length, Math.ceil(truth.length / 50), '⌈N/50⌉ requests');
    assert.ok(requests.every((e) => e.params.PoolId === pool.poolId && e.params.Limit === 50));
    assert.deepStrictEqual(csv, { sessions: truth.length, file: path.join(dir, 'pool.csv'), format: 'csv' });
    assert.deepStrictEqual(csvRecords(csv.file), truth.map((s) => csvOf(s, account.profileName, account.region)));

    const json = await exportTo(pool, 'pool.json');
    assert.strictEqual(json?.format, 'json', 'the format follows the extension');
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(json.file, 'utf8')), truth.map((s) => jsonOf(s, account.profileName, account.region)));

    assert.strictEqual(pool.sessions.sessions.length, loaded, 'the tree keeps what it had loaded, no more');
    assert.strictEqual(pool.sessions.error, undefined);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['pool.csv', 'pool.json'], 'no temporary file left');
  });

  it('keeps hostile user ids exact in JSON and in CSV, formulas neutralised', async () => {
    const { pool, account } = await findPool((n) => n > 0 && n <= 40);
    const added: string[] = [];
    try {
      for (const userId of HOSTILE) {
        const s = await emulator.addSession(account.accountId, account.region, pool.poolId, { UserId: userId, ConnectionState: 'CONNECTED' });
        added.push(s.SessionId!);
      }
      const truth = await emulator.sessions(account.accountId, account.region, pool.poolId);
      const csv = await exportTo(pool, 'hostile.csv');
      const json = await exportTo(pool, 'hostile.json');
      assert.ok(csv && json);
      const rows = csvRecords(csv.file);
      assert.deepStrictEqual(rows, truth.map((s) => csvOf(s, account.profileName, account.region)));
      const parsed = JSON.parse(fs.readFileSync(json.file, 'utf8')) as { UserId: string }[];
      assert.deepStrictEqual(parsed, truth.map((s) => jsonOf(s, account.profileName, account.region)));
      for (const userId of HOSTILE) {
        assert.ok(parsed.some((s) => s.UserId === userId), `JSON holds ${JSON.stringify(userId)} exactly`);
        const inCsv = /^[=+\-@]/.test(userId) ? `'${userId}` : userId;
        assert.ok(rows.some((r) => r.UserId === inCsv), `CSV holds ${JSON.stringify(inCsv)}`);
      }
    } finally {
      for (const id of added) await emulator.endSession(id);
    }
  });

  it('a throttled export leaves no file, an existing file untouched, and the tree as it was', async () => {
    const { pool } = await findPool((n) => n > 100);
    await children(pool);
    const loaded = pool.sessions.sessions.map((s) => s.SessionId);
    const target = path.join(dir, 'existing.csv');
    fs.writeFileSync(target, 'the previous export');
    await emulator.setFaults(SESSIONS_OP, { throttleRate: 1 });
    const outcome = await exportTo(pool, 'existing.csv');
    assert.strictEqual(outcome, undefined, 'the command failed (its error is shown as a notification)');
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'the previous export');
    assert.deepStrictEqual(fs.readdirSync(dir), ['existing.csv'], 'no temporary file left');
    assert.deepStrictEqual(pool.sessions.sessions.map((s) => s.SessionId), loaded);
    assert.strictEqual(pool.sessions.error, undefined, 'the pool shows no error: the export is not the tree');
  });
});
