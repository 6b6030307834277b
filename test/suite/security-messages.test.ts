// Outside strings that reach messages and processes, in the real extension host against the emulator:
// - a region that is not a region code in workspacesPools.regions is refused (logged once as a JSON
//   string, never sent in a request), and the explorer goes on with the valid ones;
// - "Sign In with IAM Identity Center" for a hostile profile name from the credentials file runs
//   `aws sso login --profile NAME` as a task with a ProcessExecution and an argument array: the name
//   arrives byte for byte as one argument, and no shell runs the payload in it;
// - without `aws` on the PATH it starts nothing and says so.
// The notification's rendered text is checked in Chromium (test/e2e/security-messages.e2e.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { EmulatorAccount } from '../../emulator';
import type { ExtensionApi } from '../../src/extension';
import type { Item, ProfileEntry } from '../../src/model/items';
import { EmulatorClient } from '../support/emulatorClient';
import { LINK_PAYLOADS } from '../support/security';
import { activateExtension, treeUntil } from './extension';
import { logHolding } from './logFile';

/** The payload: Ctrl-U erases the shell's line, then CR runs `touch PWNED`. */
const SHELL_PAYLOAD_PROFILE = 'wsp-evil\x15touch PWNED\r';

/** A profile with no region of its own: its regions come from workspacesPools.regions only. */
const NO_REGION_PROFILE = 'wsp-sec-no-region';

const emulator = EmulatorClient.fromEnv();
let api: ExtensionApi;
let account: EmulatorAccount;

/** The profile entry named `name`, waiting for the AWS files watcher to show it. */
function profileNamed(name: string, timeoutMs = 20_000): Promise<ProfileEntry> {
  const find = async () => (await api.provider.getChildren()).find((i: Item): i is ProfileEntry => i.kind === 'profile' && i.name === name);
  return treeUntil(api, find, `profile ${JSON.stringify(name)} in the tree`, timeoutMs);
}

describe('security: messages and processes', function () {
  this.timeout(90_000);

  const configFile = process.env.AWS_CONFIG_FILE ?? '';
  const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE ?? '';
  let originalConfig: string | undefined;
  let originalCredentials: string | undefined;

  before(async () => {
    api = await activateExtension();
    account = (await emulator.info()).accounts[0];
    assert.ok(account);
    originalConfig = fs.readFileSync(configFile, 'utf8');
    originalCredentials = fs.readFileSync(credentialsFile, 'utf8');
    fs.writeFileSync(
      configFile,
      `${originalConfig}\n[profile ${NO_REGION_PROFILE}]\nendpoint_url = ${emulator.baseUrl}\n` +
        `\n[sso-session wsp-sec]\nsso_start_url = https://wsp-sec.awsapps.com/start\nsso_region = us-east-1\n`,
    );
    // The credentials file takes any byte but NUL in a section name (the config file's headers are checked).
    fs.writeFileSync(
      credentialsFile,
      `${originalCredentials}\n[${NO_REGION_PROFILE}]\naws_access_key_id = ${account.accessKeyId}\naws_secret_access_key = ${account.secretAccessKey}\n` +
        `\n[${SHELL_PAYLOAD_PROFILE}]\nsso_session = wsp-sec\nregion = ${account.region}\n`,
    );
  });

  after(async () => {
    if (originalConfig !== undefined) fs.writeFileSync(configFile, originalConfig);
    if (originalCredentials !== undefined) fs.writeFileSync(credentialsFile, originalCredentials);
  });

  describe('regions from settings', () => {
    const config = () => vscode.workspace.getConfiguration('workspacesPools');
    let before: unknown;

    after(async () => {
      await config().update('regions', before, vscode.ConfigurationTarget.Global);
    });

    it('refuses a region with a command link: logged as a JSON string, never sent, the valid region still listed', async () => {
      before = config().inspect('regions')?.globalValue;
      const hostile = [LINK_PAYLOADS[0], 'us-east-1\n[x](command:workbench.action.quit)'];
      const since = (await emulator.log()).length;
      await config().update('regions', [...hostile, account.region], vscode.ConfigurationTarget.Global);

      // Reported once, each value as a JSON string on one line (a newline cannot forge a log line).
      const text = await logHolding(JSON.stringify(hostile[1]));
      const line = text.split('\n').find((l) => l.includes('not region codes, ignored'));
      assert.ok(line, 'the warning line');
      for (const h of hostile) assert.ok(line.includes(JSON.stringify(h)), `${JSON.stringify(h)} in ${line}`);

      // The explorer lists the valid region only: a profile without a region of its own uses the setting.
      const profile = await profileNamed(NO_REGION_PROFILE);
      assert.deepStrictEqual(api.model.regionsOf(profile), [account.region]);
      await vscode.commands.executeCommand('workspacesPools.refreshProfile', profile);
      const kids = await api.provider.getChildren(profile);
      assert.ok(kids.some((k) => k.kind === 'pool'), `pools of ${account.region} listed: ${kids.map((k) => k.kind).join(', ')}`);
      const sent = (await emulator.log({ since })).map((e) => e.region);
      assert.ok(sent.includes(account.region), 'the valid region was asked');
      assert.deepStrictEqual(
        sent.filter((r) => r !== undefined && r !== account.region),
        [],
        'no request for another region',
      );
    });
  });

  describe('Sign In with IAM Identity Center', () => {
    const originalPath = process.env.PATH;
    let bin = '';

    before(async () => {
      // A stand-in `aws` that writes its arguments, NUL-separated, next to itself.
      bin = fs.mkdtempSync(path.join(os.tmpdir(), 'wsp-aws-'));
      fs.writeFileSync(path.join(bin, 'aws'), '#!/bin/sh\nprintf \'%s\\0\' "$@" > "$(dirname "$0")/args"\n', { mode: 0o755 });
    });

    after(async () => {
      process.env.PATH = originalPath;
      fs.rmSync(bin, { recursive: true, force: true });
    });

    it('runs aws with an argument array for a hostile profile name: the name arrives as one argument, no shell runs it', async () => {
      const profile = await profileNamed(SHELL_PAYLOAD_PROFILE);
      assert.ok(profile.isSso, 'an SSO profile');
      process.env.PATH = `${bin}${path.delimiter}${originalPath ?? ''}`;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(folder, 'the harness opens a folder');

      const opened: vscode.Terminal[] = [];
      const subs = [vscode.window.onDidOpenTerminal((t) => opened.push(t))];
      const started = new Promise<vscode.TaskExecution>((resolve) => subs.push(vscode.tasks.onDidStartTask((e) => resolve(e.execution))));
      const ended = new Promise<number | undefined>((resolve) => subs.push(vscode.tasks.onDidEndTaskProcess((e) => resolve(e.exitCode))));
      try {
        await vscode.commands.executeCommand('workspacesPools.ssoLogin', profile);
        const execution = await started;
        const run = execution.task.execution;
        assert.ok(run instanceof vscode.ProcessExecution, `a ProcessExecution, not ${run?.constructor.name}`);
        assert.strictEqual(run.process, path.join(bin, 'aws'), 'the aws found on the PATH, by its absolute path');
        assert.deepStrictEqual(run.args, ['sso', 'login', '--profile', SHELL_PAYLOAD_PROFILE]);
        assert.strictEqual(await ended, 0, 'the stand-in aws ran');
      } finally {
        for (const s of subs) s.dispose();
      }

      const args = fs.readFileSync(path.join(bin, 'args'), 'utf8').split('\0').slice(0, -1);
      assert.deepStrictEqual(args, ['sso', 'login', '--profile', SHELL_PAYLOAD_PROFILE], 'the process got the name byte for byte');
      for (const dir of [folder, bin, os.homedir(), process.cwd()]) assert.ok(!fs.existsSync(path.join(dir, 'PWNED')), `a shell ran the payload: ${dir}/PWNED`);
      // The only terminal opened is the task's (the command opens none of its own to type into).
      for (const t of opened) assert.ok(t.creationOptions.name === undefined || !t.creationOptions.name.startsWith('AWS SSO'), `a terminal of its own: ${t.name}`);
      assert.ok(opened.length <= 1, `terminals opened: ${opened.map((t) => t.name).join(', ')}`);
      for (const t of opened) t.dispose();
    });

    it('without aws on the PATH starts nothing and says that the AWS CLI is missing', async () => {
      const profile = await profileNamed(SHELL_PAYLOAD_PROFILE);
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'wsp-nopath-'));
      process.env.PATH = empty;
      let startedTask = false;
      const sub = vscode.tasks.onDidStartTask(() => (startedTask = true));
      try {
        await vscode.commands.executeCommand('workspacesPools.ssoLogin', profile);
        const text = await logHolding('command: workspacesPools.ssoLogin: The AWS CLI ("aws") was not found on the PATH');
        const line = text.split('\n').find((l) => l.includes('was not found on the PATH')) ?? '';
        // The name on one line: its control characters as spaces (a CR would forge a log line).
        assert.ok(line.includes('profile "wsp-evil touch PWNED "'), line);
        assert.ok(!startedTask, 'no task started');
      } finally {
        sub.dispose();
        process.env.PATH = originalPath;
        fs.rmSync(empty, { recursive: true, force: true });
      }
    });
  });
});
