// Faults end to end in the real extension host: the real extension, its real tree and commands, the
// real SDK, against an emulator this suite starts inside the extension host (so it can stop it,
// start it again on the same port, revoke keys and roll seeded fault dice). Its profile is appended
// to the harness's AWS files, which the extension watches, and removed again at the end. Every case
// ends with clear error nodes and Retry clicks, and then the tree holds exactly the emulator's
// sessions: none missing, none twice, nothing already loaded lost (the plain-Node faults tests cover
// the same faults in bulk; this is the proof through the UI's own tree and commands). A second block
// lists 20 profiles x 2 regions x 25 pools through the same watched files: no request until an expand.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { startEmulator, type Emulator } from '../../emulator/index';
import { buildScenario, poolId, profileName } from '../../emulator/scenarioBuilder';
import type { Item as Node } from '../../src/model/items';
import { treeAccess } from './treeAccess';
import { activateExtension } from './extension';

const REGION = 'us-east-1';
const PAGE = 10;
const scenario = buildScenario({ profiles: 1, regions: [REGION], poolsPerRegion: 2, sessions: 35, profilePrefix: 'faults' });
const PROFILE = profileName(0, 'faults');
const POOLS = [poolId(0, 0, 0), poolId(0, 0, 1)];

let api: ExtensionApi;
let emulator: Emulator;
let configFile: string;
let credentialsFile: string;
let originalConfig: string;
let originalCredentials: string;

const config = () => vscode.workspace.getConfiguration('workspacesPools');

const { children, item, kind } = treeAccess(() => api);
function sessionIds(nodes: Node[]): string[] {
  return nodes.filter((n) => kind(n) === 'session').map((n) => (n as unknown as { sessionId: string }).sessionId);
}
function errorKind(node: Node): string {
  return (node as unknown as { info: { kind: string } }).info.kind;
}
function truth(pool: string): string[] {
  return emulator.sessions(scenario.accounts[0].accountId, REGION, pool).map((s) => s.SessionId!);
}

/** Resolves once `check` returns something after the tree changed (or at once); never a sleep. */
async function treeSettles<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  let wake: () => void = () => undefined;
  const sub = api.provider.onDidChangeTreeData(() => wake());
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const changed = new Promise<void>((resolve) => (wake = resolve));
      const found = await check();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for the tree: ${what}`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([changed, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
      clearTimeout(timer);
    }
  } finally {
    sub.dispose();
  }
}

async function profileNode(): Promise<Node> {
  return treeSettles(async () => (await children()).find((n) => n.id === PROFILE), `profile ${PROFILE} listed`);
}

/**
 * The pool's node. `poolListFaults`: the error kinds the test itself injected into the pool list
 * (DescribeWorkspacesPools); only those are retried, from the error node. Anything else fails at once.
 */
async function poolNode(pool: string, poolListFaults: string[] = []): Promise<Node> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const nodes = await children(await profileNode());
    const found = nodes.find((n) => n.id === `${PROFILE}/${REGION}/${pool}`);
    if (found) return found;
    assert.ok(poolListFaults.length > 0, `pool ${pool} under ${PROFILE} (no fault was injected into the pool list): ${nodes.map((n) => String(item(n).label)).join(', ')}`);
    assert.ok(nodes.length === 1 && kind(nodes[0]).startsWith('error'), `pool ${pool} under ${PROFILE}, or an error node`);
    assertErrorNode(nodes[0], poolListFaults);
    await vscode.commands.executeCommand('workspacesPools.retry', nodes[0]);
  }
  throw new Error(`the pools of ${PROFILE} did not load`);
}

function assertErrorNode(node: Node, allowed: string[]): void {
  const t = item(node);
  assert.match(t.contextValue ?? '', /^error/);
  assert.ok(t.iconPath instanceof vscode.ThemeIcon && t.iconPath.id === 'error', 'error icon');
  assert.ok(String(t.label).length > 10 && !/^Unexpected error/.test(String(t.label)), `a clear message: ${String(t.label)}`);
  assert.ok(allowed.includes(errorKind(node)), `error ${errorKind(node)} (${String(t.label)}) is one of ${allowed.join(', ')}`);
}

/**
 * What a persistent user does with a pool in the tree: expand it, click "Load more" until the end,
 * and click Retry on every error node (which starts over for an expired page token). Checks at
 * every step that nothing shown twice and that a failed "Load more" kept every loaded session.
 */
async function browsePool(pool: string, allowed: string[], poolListFaults: string[] = []): Promise<string[]> {
  const node = await poolNode(pool, poolListFaults);
  // What the pool shows already (a test may have loaded pages, or left an error node).
  let shown = sessionIds(await children(node));
  const errors: string[] = [];
  for (let step = 0; step < 100; step++) {
    const nodes = await children(node);
    const ids = sessionIds(nodes);
    assert.strictEqual(new Set(ids).size, ids.length, 'no session twice');
    const last = nodes[nodes.length - 1];
    if (kind(last).startsWith('error')) {
      assertErrorNode(last, allowed);
      errors.push(errorKind(last));
      if (errorKind(last) !== 'token-expired') assert.deepStrictEqual(ids, shown, 'a failed load kept every loaded session');
      await vscode.commands.executeCommand('workspacesPools.retry', last);
    } else if (kind(last) === 'loadMore') {
      assert.deepStrictEqual(ids.slice(0, shown.length), shown, 'pages are appended after what was loaded');
      shown = ids;
      await vscode.commands.executeCommand('workspacesPools.loadMore', last);
    } else {
      assert.deepStrictEqual(ids, truth(pool), `${pool}: exactly the emulator's sessions, in its order`);
      return errors;
    }
  }
  throw new Error(`${pool} was not fully loaded after 100 clicks`);
}

/** Writes the harness's AWS files plus (or with a changed) section of ours; the extension's watcher reloads. */
function writeFiles(ours: { config?: string; credentials?: string } = {}, source: Emulator = emulator): void {
  const files = source.awsFiles();
  const strip = (text: string) => text.replace(/^#.*\n/, '');
  fs.writeFileSync(configFile, `${originalConfig}\n${ours.config ?? strip(files.config)}`);
  fs.writeFileSync(credentialsFile, `${originalCredentials}\n${ours.credentials ?? strip(files.credentials)}`);
}

/** Activates the extension and reads the harness's AWS files (each describe may run alone under a grep). */
async function setUp(): Promise<void> {
  api = await activateExtension();
  configFile = process.env.AWS_CONFIG_FILE ?? '';
  credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE ?? '';
  assert.ok(configFile && credentialsFile, 'the harness names the AWS files');
  originalConfig = fs.readFileSync(configFile, 'utf8');
  originalCredentials = fs.readFileSync(credentialsFile, 'utf8');
}

/** Puts the harness's files back and waits until the tree no longer shows `profile`. */
async function restoreFiles(profile: string): Promise<void> {
  if (originalConfig === undefined) return;
  fs.writeFileSync(configFile, originalConfig);
  fs.writeFileSync(credentialsFile, originalCredentials);
  await treeSettles(async () => ((await children()).some((n) => n.id === profile) ? undefined : true), `${profile} gone again`);
}

/**
 * Rewrites the files and resolves when the extension's watcher has reloaded the whole tree (a
 * refresh of the root: nothing else refreshes the root while a test runs). The watcher debounces,
 * so the two writes make one reload.
 */
async function rewriteFiles(ours: { config?: string; credentials?: string } = {}, source: Emulator = emulator): Promise<void> {
  // The AWS files are watched from their first read on (watchAwsFilesOnRead): the tree is read first,
  // as the view has done by the time anyone edits them. Without it, a file run alone waited here.
  await children();
  let sub: vscode.Disposable | undefined;
  const reloaded = new Promise<void>((resolve) => {
    sub = api.provider.onDidChangeTreeData((node) => {
      if (node === undefined) resolve();
    });
  });
  try {
    writeFiles(ours, source);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      reloaded,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the AWS files watcher did not reload the tree')), 15_000))),
    ]);
    clearTimeout(timer);
  } finally {
    sub?.dispose();
  }
}

describe('faults through the real tree and commands', function () {
  this.timeout(60_000);

  before(async () => {
    await setUp();
    emulator = await startEmulator({ scenario, faultSeed: 6 });
    await config().update('pageSize', PAGE, vscode.ConfigurationTarget.Global);
    await rewriteFiles();
    await profileNode();
  });

  beforeEach(async () => {
    emulator.clearFaults();
    emulator.setTokenTtl(15 * 60_000);
    api.model.refreshAll();
  });

  after(async () => {
    await config().update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await restoreFiles(PROFILE);
    await emulator?.stop();
  });

  it('30% throttled, 20% 500/503 and dropped connections while both pools load: error nodes, retries, the emulator\'s truth', async () => {
    // Which request gets which roll depends on how the two pools interleave: so that an error node
    // is always shown and checked, the first page of one pool is throttled until its retries run out.
    const kinds = ['throttled', 'service', 'network'];
    emulator.setFaults('DescribeWorkspacesPoolSessions', { throttleRate: 1 });
    const first = await children(await poolNode(POOLS[0]));
    assert.strictEqual(first.length, 1);
    assertErrorNode(first[0], ['throttled']);
    emulator.clearFaults(); // an operation's own faults would outlast the '*' ones set next
    emulator.setFaults('*', { throttleRate: 0.3, serverErrorRate: 0.2, dropRate: 0.1 });
    // Both pools at once, as a user expanding one while the other loads.
    const errors = (await Promise.all(POOLS.map((pool) => browsePool(pool, kinds, kinds)))).flat();
    assert.ok(errors.includes('throttled'), `the throttled first page was shown as an error node, then retried (${errors.join(', ')})`);
    assert.ok(errors.every((k) => kinds.includes(k)), errors.join(', '));
    const faulted = emulator.log.filter((e) => e.fault).length;
    assert.ok(faulted >= 3, `faults were injected (${faulted})`);
  });

  it('a request slower than the requestTimeoutSeconds setting: a timeout error node, loaded page kept, Retry appends the page', async () => {
    await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      const pool = await poolNode(POOLS[0]);
      const first = await children(pool);
      assert.strictEqual(sessionIds(first).length, PAGE);
      emulator.setFaults('DescribeWorkspacesPoolSessions', { latencyMs: 2_500 });
      await vscode.commands.executeCommand('workspacesPools.loadMore', first[first.length - 1]);
      const failed = await children(pool);
      assertErrorNode(failed[failed.length - 1], ['timeout']);
      assert.deepStrictEqual(sessionIds(failed), sessionIds(first), 'the loaded page stays');
      emulator.clearFaults();
      assert.deepStrictEqual(await browsePool(POOLS[0], ['timeout']), ['timeout']);
    } finally {
      await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a NextToken that expires between two "Load more" clicks: the error node says start over, and Retry does', async () => {
    const pool = await poolNode(POOLS[1]);
    const first = await children(pool);
    emulator.setTokenTtl(0);
    await vscode.commands.executeCommand('workspacesPools.loadMore', first[first.length - 1]);
    const failed = await children(pool);
    const error = failed[failed.length - 1];
    assertErrorNode(error, ['token-expired']);
    assert.match(String(item(error).label), /start over/i);
    assert.deepStrictEqual(sessionIds(failed), sessionIds(first), 'the user still sees what was loaded');
    emulator.setTokenTtl(15 * 60_000);
    assert.deepStrictEqual(await browsePool(POOLS[1], ['token-expired']), ['token-expired']);
  });

  it('the AWS config file becomes malformed, then is fixed: an error node naming the file and line, then the tree again', async () => {
    await browsePool(POOLS[1], []);
    const loaded = sessionIds(await children(await poolNode(POOLS[1])));
    await rewriteFiles({ config: `[profile ${PROFILE}\nregion = ${REGION}\n` });
    const error = await treeSettles(async () => {
      const roots = await children();
      return kind(roots[0]).startsWith('error') ? roots[0] : undefined;
    }, 'the root shows the broken file');
    assertErrorNode(error, ['config']);
    // The problem first, then the file's short name (issue 17, item 4); the full path is in the tooltip.
    assert.match(String(item(error).label), new RegExp(`^line \\d+: .*\\(${path.basename(configFile).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`), String(item(error).label));
    // Already-loaded data stays while the file is broken.
    assert.deepStrictEqual(sessionIds(await children(await poolNode(POOLS[1]))), loaded, 'loaded sessions kept');

    await rewriteFiles();
    await profileNode();
    await browsePool(POOLS[1], []);
  });

  it('the emulator stopped and started again on the same port: a network error node, then Retry (or start over) to the truth', async () => {
    const pool = await poolNode(POOLS[0]);
    const first = await children(pool);
    const port = Number(new URL(emulator.url).port);
    await emulator.stop();
    await vscode.commands.executeCommand('workspacesPools.loadMore', first[first.length - 1]);
    const failed = await children(pool);
    assertErrorNode(failed[failed.length - 1], ['network']);
    assert.deepStrictEqual(sessionIds(failed), sessionIds(first), 'the loaded page stays');

    emulator = await startEmulator({ scenario, faultSeed: 6, port });
    const errors = await browsePool(POOLS[0], ['network', 'token-expired']);
    assert.ok(errors.length >= 1, 'the outage was shown');
  });

  it('an expired session token: a "credentials have expired" error node; refreshed credentials bring the tree back', async () => {
    const account = scenario.accounts[0].accountId;
    const sessionCredentials = (ttlSeconds: number) => {
      const c = emulator.issueSessionCredentials(account, ttlSeconds);
      return `[${PROFILE}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\naws_session_token = ${c.sessionToken}\n`;
    };
    const loadsAgain = () =>
      treeSettles(async () => {
        const nodes = await children(await poolNode(POOLS[1]));
        return kind(nodes[nodes.length - 1]) === 'loadMore' ? nodes : undefined;
      }, 'the pool loads with the credentials in the file');
    try {
      await rewriteFiles({ credentials: sessionCredentials(3600) });
      const first = await loadsAgain();
      // Two hours later on the service's clock: the SDK corrects its own clock from the answer's
      // Date header, and the session token is then refused as expired.
      emulator.setClockOffset(2 * 3600_000);
      await vscode.commands.executeCommand('workspacesPools.loadMore', first[first.length - 1]);
      const failed = await children(await poolNode(POOLS[1]));
      const error = failed[failed.length - 1];
      assertErrorNode(error, ['credentials']);
      assert.match(String(item(error).label), /expired/);
      assert.deepStrictEqual(sessionIds(failed), sessionIds(first), 'the loaded page stays');
      assert.ok(emulator.log.some((e) => e.errorType === 'ExpiredTokenException'));

      await rewriteFiles({ credentials: sessionCredentials(4 * 3600) }); // what `aws sso login` or the user's STS tooling does
      await loadsAgain();
      await browsePool(POOLS[1], []);
    } finally {
      emulator.setClockOffset(0);
      await rewriteFiles();
    }
  });

  // Last: the scenario's key stays revoked (the emulator forgets it for good).
  it('credentials revoked mid-session: a credentials error node; a new key in the file brings the tree back', async () => {
    const pool = await poolNode(POOLS[0]);
    const first = await children(pool);
    emulator.revokeAccessKey(scenario.accounts[0].accessKeyId);
    await vscode.commands.executeCommand('workspacesPools.loadMore', first[first.length - 1]);
    const failed = await children(pool);
    assertErrorNode(failed[failed.length - 1], ['credentials']);
    assert.deepStrictEqual(sessionIds(failed), sessionIds(first), 'the loaded page stays');

    const fresh = emulator.issueSessionCredentials(scenario.accounts[0].accountId, 3600);
    await rewriteFiles({ credentials: `[${PROFILE}]\naws_access_key_id = ${fresh.accessKeyId}\naws_secret_access_key = ${fresh.secretAccessKey}\naws_session_token = ${fresh.sessionToken}\n` });
    // The watcher reloads the tree; the pool loads again with the new key.
    await treeSettles(async () => {
      const nodes = await children(await poolNode(POOLS[0]));
      return kind(nodes[nodes.length - 1]) === 'loadMore' ? true : undefined;
    }, 'the pool loads with the new key');
    await browsePool(POOLS[0], []);
  });
});

describe('20 profiles x 2 regions x 25 pools in the real tree', function () {
  this.timeout(60_000);
  const PROFILES = 20;
  const REGIONS = ['us-east-1', 'eu-west-1'];
  const many = buildScenario({ profiles: PROFILES, regions: REGIONS, poolsPerRegion: 25, sessions: (_a, _r, p) => p % 3, profilePrefix: 'many' });
  const name = (a: number) => profileName(a, 'many');
  let big: Emulator;

  before(async () => {
    await setUp();
    big = await startEmulator({ scenario: many });
    await rewriteFiles({}, big);
  });
  after(async () => {
    const target = (await children()).find((n) => n.id === name(7));
    if (target) await api.model.setRegions(target as Parameters<ExtensionApi['model']['setRegions']>[0], []);
    await restoreFiles(name(0));
    await big?.stop();
  });

  it('lists the 20 profiles without a request; the first expand of one asks only for its own pools, one request per region', async () => {
    const roots = await treeSettles(async () => {
      const nodes = await children();
      return Array.from({ length: PROFILES }, (_, a) => name(a)).every((n) => nodes.some((r) => r.id === n)) ? nodes : undefined;
    }, 'all 20 profiles listed');
    for (const root of roots.filter((r) => r.id.startsWith('many-'))) {
      assert.strictEqual(item(root).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'collapsed');
    }
    assert.strictEqual(big.log.length, 0, 'listing 20 profiles sent nothing');

    const target = roots.find((r) => r.id === name(7))!;
    const account = many.accounts[7].accountId;
    const pools = await children(target);
    assert.strictEqual(pools.filter((n) => kind(n).startsWith('pool')).length, 25);
    assert.deepStrictEqual(big.log.map((e) => [e.operation, e.accountId, e.region]), [['DescribeWorkspacesPools', account, REGIONS[0]]]);

    // Both regions for this profile: a region level, and one more request, for the new region only.
    await api.model.setRegions(target as Parameters<ExtensionApi['model']['setRegions']>[0], REGIONS);
    const regions = await children(target);
    assert.deepStrictEqual(regions.map((n) => n.id), REGIONS.map((r) => `${name(7)}/${r}`));
    for (const region of regions) assert.strictEqual((await children(region)).filter((n) => kind(n).startsWith('pool')).length, 25);
    const requests = big.log.map((e) => `${e.operation} ${e.accountId} ${e.region}`);
    assert.ok(requests.every((r) => r.startsWith(`DescribeWorkspacesPools ${account} `)), `only the expanded profile: ${requests.join('; ')}`);
    assert.ok(requests.filter((r) => r.endsWith(REGIONS[1])).length === 1, 'one request for the added region');
  });
});
