// The explorer when things change under it, in the real extension host against the emulator:
// the AWS config file edited while running (new SSO profile, broken file, fixed file), several
// regions per profile, and a NextToken that expires between two "Load more" clicks.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Item, ProfileEntry as ProfileNode } from '../../src/model/items';
import type { EmulatorAccount } from '../../emulator';
import { EmulatorClient } from '../support/emulatorClient';
import { treeAccess } from './treeAccess';
import { activateExtension, treeUntil, nextFullRefresh } from './extension';

const BIG_POOL = 'wspool-bigpool50';

let api: ExtensionApi;
let emulator: EmulatorClient;
let accounts: EmulatorAccount[];

const { children, item, kind } = treeAccess(() => api);

describe('explorer: changes under it', function () {
  this.timeout(60_000);

  before(async () => {
    api = await activateExtension();
    emulator = EmulatorClient.fromEnv();
    accounts = (await emulator.info()).accounts;
    // The tree read once, as the view does when it shows: the AWS files are watched from their first
    // read on (watchAwsFilesOnRead), so an edit made before any read refreshes nothing. Without this,
    // the file's first test waited forever for a refresh when the file ran alone.
    await children();
  });

  describe('AWS config file edited while running', () => {
    const configPath = process.env.AWS_CONFIG_FILE ?? '';
    let original: string;

    before(() => {
      assert.ok(configPath && fs.existsSync(configPath), 'the harness sets AWS_CONFIG_FILE to the config it wrote');
      original = fs.readFileSync(configPath, 'utf8');
    });

    after(async () => {
      const refreshed = nextFullRefresh(api);
      fs.writeFileSync(configPath, original);
      await refreshed;
    });

    it('shows a new SSO profile without a reload, keeping the other nodes, and says when its login is missing', async () => {
      const before = await children();
      const first = before[0];
      fs.writeFileSync(
        configPath,
        `${original}\n[profile sso-admin]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = us-east-1\n\n` +
          `[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n`,
      );
      // The tree's refreshes until it lists the new profile, not the next one: a refresh for an
      // earlier edit (another file's restore, caught by the watcher's poll) can come first (seen once
      // in a fresh-clone run: the next refresh listed the three profiles of before).
      const after = await treeUntil(api, async () => {
        const now = await children();
        return now.some((n) => n.id === 'sso-admin') ? now : undefined;
      }, 'the new profile sso-admin in the tree');
      assert.ok(after.includes(first), 'existing profile nodes are kept (same ids, so VS Code keeps them expanded)');
      const sso = after.find((n) => n.id === 'sso-admin');
      assert.ok(sso, `the new profile is not in the tree: ${after.map((n) => n.id)}`);
      assert.strictEqual(kind(sso), 'profile.sso');

      const [error] = await children(sso);
      assert.strictEqual(kind(error), 'error.sso', `expected an SSO error node, got ${kind(error)}: ${item(error).label}`);
      assert.match(String(item(error).label), /sign-in for profile "sso-admin" is missing or has expired/);
      assert.strictEqual(item(error).command?.command, 'workspacesPools.ssoLogin');

      // What the click does (the device flow, ending in pools) is test/suite/sso.test.ts's.
    });

    it('shows a broken config file as an error naming the file and line, and recovers when it is fixed', async () => {
      assert.ok((await children()).length > 0, 'the tree shows profiles before the file breaks');
      let refreshed = nextFullRefresh(api);
      fs.writeFileSync(configPath, `${original}\n[profile broken\nregion = us-east-1\n`);
      await refreshed;
      const roots = await children();
      assert.strictEqual(kind(roots[0]), 'error');
      // The problem first and the file by its name (the sidebar is narrow); the full path in the tooltip.
      const brokenLine = original.split('\n').length + 1;
      const label = String(item(roots[0]).label);
      assert.ok(label.startsWith(`line ${brokenLine}: `), label);
      assert.ok(label.endsWith(`(${path.basename(configPath)})`), label);
      assert.ok(!label.includes(path.dirname(configPath)), `no directory in the label: ${label}`);
      const tooltip = item(roots[0]).tooltip;
      assert.ok(tooltip instanceof vscode.MarkdownString && tooltip.value.replace(/\\/g, '').includes(configPath), 'the full path in the tooltip');
      // A click opens the file at that line.
      const click = item(roots[0]).command;
      assert.ok(click, 'the row has a click command');
      const opened = new Promise<vscode.TextEditor>((resolve) => {
        const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
          if (e?.document.uri.fsPath === configPath) {
            sub.dispose();
            resolve(e);
          }
        });
      });
      await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
      const editor = vscode.window.activeTextEditor?.document.uri.fsPath === configPath ? vscode.window.activeTextEditor : await opened;
      assert.strictEqual(editor.selection.active.line, brokenLine - 1, 'the cursor on the line at fault');
      assert.match(editor.document.lineAt(brokenLine - 1).text, /^\[profile broken/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      // Nothing loaded is lost while the file is broken: the profiles read before stay below the error.
      const kept = roots.slice(1).map((n) => n.id);
      for (const a of accounts) assert.ok(kept.includes(a.profileName), `${a.profileName} stays while the file is broken`);
      // So does the Refresh command: what is loaded stays under the error row.
      refreshed = nextFullRefresh(api);
      await vscode.commands.executeCommand('workspacesPools.refresh');
      await refreshed;
      const again = await children();
      assert.strictEqual(kind(again[0]), 'error', 'the error row stays on Refresh');
      for (const a of accounts) assert.ok(again.some((n) => n.id === a.profileName), `${a.profileName} stays on Refresh while the file is broken`);

      refreshed = nextFullRefresh(api);
      fs.writeFileSync(configPath, original);
      await refreshed;
      const names = (await children()).map((n) => n.id);
      for (const a of accounts) assert.ok(names.includes(a.profileName), `${a.profileName} is back`);
    });
  });

  it('reaches every row of profiles `a` (two regions), `a/us-east-1`, `a%2Fus-east-1` and `100%`: no two rows share an id', async function () {
    this.timeout(120_000);
    const configPath = process.env.AWS_CONFIG_FILE ?? '';
    const original = fs.readFileSync(configPath, 'utf8');
    const byName = (name: string) => accounts.find((a) => a.profileName === name) ?? accounts[0];
    // `a` lists two regions, so its region rows were `a/us-east-1`, the old id of the profile `a/us-east-1`.
    const odd: [name: string, account: EmulatorAccount][] = [
      ['a', byName('globex-helpdesk')],
      ['a/us-east-1', byName('acme-dev')],
      ['a%2Fus-east-1', byName('acme-dev')],
      ['100%', byName('globex-helpdesk')],
    ];
    const sections = odd.map(
      ([name, account]) =>
        `\n[profile ${name}]\nregion = us-east-1\nendpoint_url = ${process.env.WSP_EMULATOR_URL}\n` +
        `aws_access_key_id = ${account.accessKeyId}\naws_secret_access_key = ${account.secretAccessKey}\n`,
    );
    let refreshed = nextFullRefresh(api);
    fs.writeFileSync(configPath, `${original}${sections.join('')}`);
    await refreshed;
    const profileA = (await children()).find((n): n is ProfileNode => n.kind === 'profile' && n.name === 'a');
    assert.ok(profileA, 'profile a is listed');
    await api.model.setRegions(profileA, ['us-east-1', 'eu-west-1']);
    try {
      // reveal() makes VS Code's own tree (in this extension host) fetch and register every row on
      // the way: a repeated id rejects with "Element with id … is already registered".
      const reached: Item[] = [];
      const visit = async (node: Item): Promise<void> => {
        await api.view.reveal(node, { select: false, focus: false, expand: false });
        reached.push(node);
        for (const child of await children(node)) await visit(child);
      };
      const roots = await children();
      for (const [name] of odd) {
        const profile = roots.find((n) => n.kind === 'profile' && n.name === name);
        assert.ok(profile, `${name} is listed`);
        await visit(profile);
      }
      const ids = reached.map((n) => n.id);
      assert.strictEqual(new Set(ids).size, ids.length, 'ids are unique');
      for (const [name, account] of odd) {
        const regions = name === 'a' ? ['us-east-1', 'eu-west-1'] : ['us-east-1'];
        const pools = reached.filter((n) => n.kind === 'pool' && n.profile === name);
        const truth = (await Promise.all(regions.map(async (r) => (await emulator.pools(account.accountId, r)).map((p) => `${r} ${p.PoolId}`)))).flat();
        assert.deepStrictEqual(pools.map((p) => (p.kind === 'pool' ? `${p.region} ${p.poolId}` : '')).sort(), truth.sort(), `every pool of ${name} is reached`);
        for (const pool of pools) {
          if (pool.kind !== 'pool') continue;
          const sessions = reached.filter((n) => n.kind === 'session' && n.parent === pool).map((n) => (n.kind === 'session' ? n.sessionId : ''));
          const truthSessions = (await emulator.sessions(account.accountId, pool.region, pool.poolId)).slice(0, 50).map((s) => s.SessionId);
          assert.deepStrictEqual(sessions, truthSessions, `the first page of ${name} ${pool.region} ${pool.poolId} is reached`);
        }
      }
    } finally {
      await api.model.setRegions(profileA, []);
      refreshed = nextFullRefresh(api);
      fs.writeFileSync(configPath, original);
      await refreshed;
    }
  });

  it('shows nothing (so the welcome view explains what to do) when the AWS files hold no profile', async () => {
    const configPath = process.env.AWS_CONFIG_FILE ?? '';
    const credentialsPath = process.env.AWS_SHARED_CREDENTIALS_FILE ?? '';
    assert.ok(fs.existsSync(configPath) && fs.existsSync(credentialsPath));
    const saved = [fs.readFileSync(configPath, 'utf8'), fs.readFileSync(credentialsPath, 'utf8')];
    try {
      const refreshed = nextFullRefresh(api);
      fs.writeFileSync(configPath, '');
      fs.writeFileSync(credentialsPath, '');
      await refreshed;
      // The watcher may see the two writes as one change or two: wait until both are read.
      let roots = await children();
      while (roots.length > 0) {
        await nextFullRefresh(api);
        roots = await children();
      }
      assert.deepStrictEqual(roots, []);
    } finally {
      const refreshed = nextFullRefresh(api);
      fs.writeFileSync(configPath, saved[0]);
      fs.writeFileSync(credentialsPath, saved[1]);
      await refreshed;
    }
    let names = (await children()).map((n) => n.id);
    while (!accounts.every((a) => names.includes(a.profileName))) {
      await nextFullRefresh(api);
      names = (await children()).map((n) => n.id);
    }
  });

  it('shows only the profiles of workspacesPools.profiles, and says which listed ones do not exist', async () => {
    const config = vscode.workspace.getConfiguration('workspacesPools');
    const shown = accounts[accounts.length - 1].profileName;
    let refreshed = nextFullRefresh(api);
    await config.update('profiles', [shown, 'no-such-profile'], vscode.ConfigurationTarget.Global);
    await refreshed;
    try {
      const roots = await children();
      assert.deepStrictEqual(roots.map((n) => n.id), [shown, '!missing:no-such-profile']);
      assert.match(String(item(roots[1]).label), /Profile no-such-profile \(in settings\) is not in the AWS config files/);
    } finally {
      refreshed = nextFullRefresh(api);
      await config.update('profiles', undefined, vscode.ConfigurationTarget.Global);
      await refreshed;
    }
    const names = (await children()).map((n) => n.id);
    for (const a of accounts) assert.ok(names.includes(a.profileName), `${a.profileName} is shown again`);
  });

  it('groups pools by region when a profile has several, with stable ids and "No pools in REGION"', async () => {
    const account = accounts[0];
    const profile = (await children()).find((n) => n.id === account.profileName) as ProfileNode;
    const other = account.region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1';
    await api.model.setRegions(profile, [account.region, other]);
    try {
      const regions = await children(profile);
      assert.deepStrictEqual(regions.map((n) => n.id), [`${account.profileName}/${account.region}`, `${account.profileName}/${other}`]);
      assert.ok(regions.every((n) => kind(n) === 'region'));
      for (const [i, region] of [account.region, other].entries()) {
        const truth = await emulator.pools(account.accountId, region);
        const pools = await children(regions[i]);
        if (truth.length === 0) assert.deepStrictEqual(pools.map((n) => item(n).label), [`No pools in ${region}`]);
        else assert.deepStrictEqual(pools.map((n) => n.id).sort(), truth.map((p) => `${account.profileName}/${region}/${p.PoolId}`).sort());
      }
    } finally {
      await api.model.setRegions(profile, []);
    }
    assert.ok((await children(profile)).every((n) => kind(n).startsWith('pool') || kind(n) === 'placeholder'));
  });

  it('tells the user when a NextToken expired between two "Load more" clicks, and starts over', async () => {
    const account = accounts.find((a) => a.profileName === 'acme-prod') ?? accounts[0];
    api.model.refreshAll();
    const profile = (await children()).find((n) => n.id === account.profileName)!;
    const pool = (await children(profile)).find((n) => n.id.endsWith(`/${BIG_POOL}`))!;
    await emulator.setTokenTtl(1);
    try {
      const first = await children(pool);
      // Let the token age past its 1 ms lifetime (the emulator's clock, not a synchronisation).
      await new Promise((resolve) => setTimeout(resolve, 20));
      await vscode.commands.executeCommand('workspacesPools.loadMore', first[first.length - 1]);
      const failed = await children(pool);
      const error = failed[failed.length - 1];
      assert.strictEqual(kind(error), 'error');
      assert.match(String(item(error).label), /expired/i);
      assert.strictEqual(failed.filter((n) => kind(n) === 'session').length, 50, 'the loaded page stays');

      await emulator.setTokenTtl(15 * 60_000);
      await vscode.commands.executeCommand('workspacesPools.retry', error);
      const again = await children(pool);
      const truth = await emulator.sessions(account.accountId, account.region, BIG_POOL);
      assert.deepStrictEqual(
        again.filter((n) => kind(n) === 'session').map((n) => (n as unknown as { sessionId: string }).sessionId),
        truth.slice(0, 50).map((s) => s.SessionId),
        'started over from the first page',
      );
      assert.strictEqual(kind(again[again.length - 1]), 'loadMore');
    } finally {
      await emulator.setTokenTtl(15 * 60_000);
    }
  });
});
