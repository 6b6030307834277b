// Outside strings that reach messages and processes, in the real extension host against the emulator:
// - a region that is not a region code in workspacesPools.regions is refused (logged once as a JSON
//   string, never sent in a request), and the explorer goes on with the valid ones;
// - "Sign In with IAM Identity Center" for a hostile profile name from the credentials file signs in
//   by itself (no process, no task, no terminal: nothing where a shell could run the payload), and
//   its messages carry the name as data, on one line.
// The notification's rendered text is checked in Chromium (test/e2e/security-messages.e2e.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { EmulatorAccount } from '../../emulator';
import { isRegion } from '../../src/core/regions';
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
        `\n[${SHELL_PAYLOAD_PROFILE}]\nsso_session = wsp-sec\nregion = ${account.region}\nendpoint_url = ${emulator.baseUrl}\n`,
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
      const entries = await emulator.log({ since });
      const sent = entries.map((e) => e.region);
      assert.ok(sent.includes(account.region), 'the valid region was asked');
      // Every request carries a region code. Other profiles' own regions may be asked meanwhile (the
      // settings change refreshes the whole explorer, and an earlier suite may have left rows expanded):
      // what matters is that neither hostile value, nor anything made from it, reached the service.
      assert.deepStrictEqual(
        sent.filter((r) => r !== undefined && !isRegion(r)),
        [],
        'only region codes were sent',
      );
      const wire = JSON.stringify(entries);
      for (const h of hostile) assert.ok(!wire.includes(JSON.stringify(h).slice(1, -1)), `${JSON.stringify(h)} never reached the service`);
    });
  });

  describe('Sign In with IAM Identity Center', () => {
    it('signs in a hostile profile name without any process: no task, no terminal, the name on one line in the message', async () => {
      const profile = await profileNamed(SHELL_PAYLOAD_PROFILE);
      assert.ok(profile.isSso, 'an SSO profile');
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(folder, 'the harness opens a folder');
      let startedTask = false;
      const opened: vscode.Terminal[] = [];
      const subs = [vscode.tasks.onDidStartTask(() => (startedTask = true)), vscode.window.onDidOpenTerminal((t) => opened.push(t))];
      try {
        const done = vscode.commands.executeCommand('workspacesPools.ssoLogin', profile);
        // The person denies the code (approving would be the same up to here).
        const code = await emulator.ssoPendingCode('https://wsp-sec.awsapps.com/start');
        await emulator.ssoDecide(code.userCode, 'deny');
        await done;
        const text = await logHolding('command: workspacesPools.ssoLogin: The sign-in for profile');
        const line = text.split('\n').find((l) => l.includes('did not complete')) ?? '';
        // The name on one line: its control characters as spaces (a CR would forge a log line).
        assert.ok(line.includes('profile "wsp-evil touch PWNED "'), line);
        assert.match(line, /denied/);
      } finally {
        for (const s of subs) s.dispose();
      }
      assert.ok(!startedTask, 'no task started');
      assert.deepStrictEqual(opened.map((t) => t.name), [], 'no terminal opened');
      for (const dir of [folder, os.homedir(), process.cwd()]) assert.ok(!fs.existsSync(path.join(dir, 'PWNED')), `a shell ran the payload: ${dir}/PWNED`);
    });
  });
});
