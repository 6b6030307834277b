// IAM Identity Center sign-in inside the editor, in the real extension host with the real SDK against
// the emulator's identity center (emulator/sso.ts): the person's part (approve, deny, let the code
// expire) is played through the emulator's control API, never a browser; the code is the one the
// extension started (the emulator answers as soon as it exists). The token lands where the SDK and
// the AWS CLI read it (~/.aws/sso/cache under the run's HOME), and the explorer then lists pools
// with credentials from GetRoleCredentials. The cache's exact format is test/integration/aws-sso.test.ts's.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { ssoProfileText, type EmulatorAccount } from '../../emulator';
import { registrationPath, tokenPath } from '../../src/aws/ssoCache';
import type { ExtensionApi } from '../../src/extension';
import type { Item, ProfileEntry } from '../../src/model/items';
import { EmulatorClient } from '../support/emulatorClient';
import { activateExtension, freshTree, treeUntil } from './extension';
import { logHolding } from './logFile';
import { treeAccess } from './treeAccess';

const PROFILE = 'wsp-sso-suite';
const SESSION = 'wsp-suite';
const START_URL = 'https://wsp-suite.awsapps.com/start';
const LEGACY = 'wsp-sso-suite-legacy';
const LEGACY_START_URL = 'https://wsp-suite-legacy.awsapps.com/start';
const SIGN_IN = 'workspacesPools.ssoLogin';
const SIGN_OUT = 'workspacesPools.ssoSignOut';

const emulator = EmulatorClient.fromEnv();
let api: ExtensionApi;
let account: EmulatorAccount;
const { children, kind } = treeAccess(() => api);

const token = { session: SESSION, startUrl: START_URL };
const readToken = () => JSON.parse(fs.readFileSync(tokenPath(token), 'utf8')) as Record<string, string>;

function profileNamed(name: string): Promise<ProfileEntry> {
  const find = async () => (await children()).find((i: Item): i is ProfileEntry => i.kind === 'profile' && i.name === name);
  return treeUntil(api, find, `profile ${name} in the tree`);
}

/** The profile's rows once they are pools (or an error row, when `error` is asked for). */
async function rowsOf(name: string, want: 'pool' | 'error.sso'): Promise<Item[]> {
  return treeUntil(api, async () => {
    const rows = await children(await profileNamed(name));
    return rows.some((r) => kind(r).startsWith(want)) ? rows : undefined;
  }, `${want} rows under ${name}`);
}

/** Runs Sign In for `arg` and lets the person do `decision` with the code the extension shows. */
async function signIn(arg: unknown, startUrl: string, decision: 'approve' | 'deny' | 'expire'): Promise<void> {
  const done = vscode.commands.executeCommand(SIGN_IN, arg);
  const code = await emulator.ssoPendingCode(startUrl);
  await emulator.ssoDecide(code.userCode, decision);
  await done;
}

describe('IAM Identity Center sign-in (device flow, no AWS CLI)', function () {
  this.timeout(90_000);
  const configFile = process.env.AWS_CONFIG_FILE ?? '';
  let original = '';

  before(async () => {
    api = await activateExtension();
    await freshTree(api);
    account = (await emulator.info()).accounts[0];
    original = fs.readFileSync(configFile, 'utf8');
    fs.writeFileSync(
      configFile,
      original +
        ssoProfileText(emulator.baseUrl, account, { profile: PROFILE, session: SESSION, startUrl: START_URL }) +
        ssoProfileText(emulator.baseUrl, account, { profile: LEGACY, startUrl: LEGACY_START_URL }),
    );
    await profileNamed(LEGACY);
  });

  after(async () => {
    fs.writeFileSync(configFile, original);
    for (const t of [token, { startUrl: LEGACY_START_URL }]) fs.rmSync(tokenPath(t), { force: true });
  });

  it('signs in from the profile\'s error row: the code approved, the token cached where the SDK and CLI read it, then the pools load with it', async () => {
    fs.rmSync(tokenPath(token), { force: true });
    const [error] = await rowsOf(PROFILE, 'error.sso');
    const mark = await emulator.mark();
    await signIn(error, START_URL, 'approve');
    const cached = readToken();
    assert.deepStrictEqual(Object.keys(cached).sort(), ['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'refreshToken', 'region', 'registrationExpiresAt', 'startUrl']);
    assert.ok(fs.existsSync(registrationPath({ profile: PROFILE, session: SESSION, startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'] })), 'the registration, cached for reuse');

    // The sign-in reloads the profile: its pools, asked with the role's credentials.
    const rows = await rowsOf(PROFILE, 'pool');
    assert.ok(rows.every((r) => kind(r).startsWith('pool')), rows.map(kind).join(', '));
    const log = await emulator.log({ since: mark });
    assert.deepStrictEqual(log.filter((e) => e.operation === 'GetRoleCredentials').map((e) => [e.status, e.accountId]), [[200, account.accountId]]);
    const describe = log.filter((e) => e.operation === 'DescribeWorkspacesPools');
    assert.ok(describe.length > 0 && describe.every((e) => e.status === 200 && e.accountId === account.accountId), JSON.stringify(describe));
  });

  it('renews with the refresh token when there is one: no code, a new token, and the pools load with it', async () => {
    assert.ok(readToken().refreshToken, 'the first test signed in');
    const before = readToken().accessToken;
    // The access token dies at the service (its file still says it is valid): only a new one works.
    await emulator.ssoExpireAccessTokens();
    const mark = await emulator.mark();
    await vscode.commands.executeCommand(SIGN_IN, await profileNamed(PROFILE));
    assert.notStrictEqual(readToken().accessToken, before);
    const log = await emulator.log({ since: mark });
    assert.deepStrictEqual(log.filter((e) => e.operation.startsWith('StartDevice') || e.operation === 'CreateToken').map((e) => [e.operation, e.params.grantType]), [['CreateToken', 'refresh_token']]);
    await rowsOf(PROFILE, 'pool');
    const roles = (await emulator.log({ since: mark, operation: 'GetRoleCredentials' })).map((e) => e.status);
    assert.deepStrictEqual(roles, [200], 'the portal took the new token');
  });

  it('Sign Out removes the session\'s cached token and nothing else, and the profile asks for a sign-in again', async () => {
    const registration = registrationPath({ profile: PROFILE, session: SESSION, startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'] });
    assert.ok(fs.existsSync(tokenPath(token)) && fs.existsSync(registration));
    await vscode.commands.executeCommand(SIGN_OUT, await profileNamed(PROFILE));
    assert.ok(!fs.existsSync(tokenPath(token)), 'the token file is gone');
    assert.ok(fs.existsSync(registration), 'the client registration stays');
    await rowsOf(PROFILE, 'error.sso');
  });

  for (const [decision, words] of [['deny', 'The sign-in was denied in the browser.'], ['expire', 'The sign-in code expired before it was approved.']] as const) {
    it(`a ${decision === 'deny' ? 'denied' : 'expired'} code ends with a clear message and changes nothing`, async () => {
      fs.rmSync(tokenPath(token), { force: true });
      await signIn(await profileNamed(PROFILE), START_URL, decision);
      assert.ok(!fs.existsSync(tokenPath(token)), 'no token written');
      const needle = `command: ${SIGN_IN}: The sign-in for profile "${PROFILE}" did not complete: ${words}`;
      const line = (await logHolding(needle)).split('\n').find((l) => l.includes(needle)) ?? '';
      assert.match(line, /Nothing was changed/);
      assert.strictEqual(kind((await children(await profileNamed(PROFILE)))[0]), 'error.sso', 'still signed out');
    });
  }

  it('a cancelled sign-in (Sign Out while it waits) stops polling, says so and writes nothing', async () => {
    fs.rmSync(tokenPath(token), { force: true });
    const done = vscode.commands.executeCommand(SIGN_IN, await profileNamed(PROFILE));
    const code = await emulator.ssoPendingCode(START_URL);
    await vscode.commands.executeCommand(SIGN_OUT, await profileNamed(PROFILE));
    // An approval right after finds nobody polling: the flow has ended.
    await emulator.ssoDecide(code.userCode, 'approve');
    await done;
    await logHolding(`command: ${SIGN_IN}: The sign-in for profile "${PROFILE}" was cancelled. Nothing was changed.`);
    // The approved code was never taken: the flow had stopped polling.
    assert.ok(!fs.existsSync(tokenPath(token)), 'no token written');
  });

  it('signs in a legacy sso_* profile: its token under the start URL\'s name, then its pools', async () => {
    await signIn(await profileNamed(LEGACY), LEGACY_START_URL, 'approve');
    const cached = JSON.parse(fs.readFileSync(tokenPath({ startUrl: LEGACY_START_URL }), 'utf8')) as Record<string, string>;
    assert.deepStrictEqual(Object.keys(cached).sort(), ['accessToken', 'expiresAt', 'region', 'startUrl']);
    await rowsOf(LEGACY, 'pool');
  });
});
