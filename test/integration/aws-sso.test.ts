// IAM Identity Center sign-in without the AWS CLI (src/aws/ssoSignIn.ts): the real SSO-OIDC client
// over HTTP to the emulator's identity center (emulator/sso.ts), the cache files checked against
// what the AWS CLI (botocore) and the SDK read, and the SDK's own providers reading them.
import { strict as assert } from 'assert';
import { createHash } from 'crypto';
import { existsSync, readdirSync, readFileSync, statSync, appendFileSync } from 'fs';
import { join } from 'path';
import { fromSSO } from '@aws-sdk/credential-providers';
import { fromSso } from '@aws-sdk/token-providers';
import { Emulator, ssoProfileText, startEmulator } from '../../emulator/index';
import { TempAwsFiles, useAwsFiles, writeAwsFiles } from '../../emulator/awsFiles';
import { AwsGateway } from '../../src/aws/index';
import { pythonJson, registrationPath, signOutSso, tokenPath, writeCacheFile } from '../../src/aws/ssoCache';
import { signInSso, type DeviceCodePrompt, type SsoSignInOptions } from '../../src/aws/ssoSignIn';

const SESSION = 'emu-corp';
const START_URL = 'https://emulator.awsapps.com/start';
const LEGACY_START_URL = 'https://legacy.awsapps.com/start';
const PROFILE = 'emu-sso';
const LEGACY = 'emu-sso-legacy';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
/** Times as the AWS CLI writes them (and as botocore's dateutil and the SDK's Date both parse). */
const CLI_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe('IAM Identity Center sign-in (device flow) against the emulator', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let files: TempAwsFiles;
  let env: NodeJS.ProcessEnv;
  let restoreEnv: () => void;
  let savedHome: string | undefined;
  let accountId: string;
  let region: string;

  before(async () => {
    emulator = await startEmulator({ scenario: 'demo' });
    files = writeAwsFiles(emulator.awsFiles());
    const account = emulator.accounts[0];
    accountId = account.accountId;
    region = account.region;
    appendFileSync(files.configFile, ssoProfileText(emulator.url, account, { profile: PROFILE, session: SESSION, startUrl: START_URL }));
    appendFileSync(files.configFile, ssoProfileText(emulator.url, account, { profile: LEGACY, startUrl: LEGACY_START_URL }));
    env = { HOME: files.dir, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    // The SDK's SSO providers read process.env (files and the token cache under HOME).
    restoreEnv = useAwsFiles(files);
    savedHome = process.env.HOME;
    process.env.HOME = files.dir;
  });
  after(async () => {
    process.env.HOME = savedHome;
    restoreEnv();
    await emulator.stop();
    files.cleanup();
  });
  beforeEach(async () => {
    emulator.clearLog();
    emulator.sso.configure({ intervalSeconds: 1, accessTokenTtlSeconds: 3600 });
    await signOutSso(PROFILE, env);
    await signOutSso(LEGACY, env);
  });

  const calls = (operation: string) => emulator.log.filter((e) => e.operation === operation);
  const cacheFiles = () => (existsSync(join(files.dir, '.aws', 'sso', 'cache')) ? readdirSync(join(files.dir, '.aws', 'sso', 'cache')).sort() : []);
  const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

  /** Options whose onCode does what the test's person does with the code. */
  function options(onCode: (prompt: DeviceCodePrompt) => void, extra: Partial<SsoSignInOptions> = {}): SsoSignInOptions {
    return { env, log: () => undefined, onCode, ...extra };
  }
  const approve = (p: DeviceCodePrompt) => emulator.sso.decide(p.userCode, 'approve');

  it('signs in an sso-session profile: code shown, approved, token and registration written as the AWS CLI writes them, and WorkSpaces answers with the role credentials', async () => {
    const prompts: DeviceCodePrompt[] = [];
    const result = await signInSso(PROFILE, options((p) => {
      prompts.push(p);
      approve(p);
    }));
    assert.equal(result.how, 'device');
    assert.equal(prompts.length, 1);
    assert.match(prompts[0].userCode, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(prompts[0].verificationUriComplete, `${emulator.url}/device?user_code=${prompts[0].userCode}`);

    // The token file: sha1 of the session's name, as botocore's SSOTokenLoader and the SDK name it.
    const tokenFile = join(files.dir, '.aws', 'sso', 'cache', `${sha1(SESSION)}.json`);
    assert.equal(result.tokenFile, tokenFile);
    const token = readJson(tokenFile);
    assert.deepEqual(Object.keys(token).sort(), ['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'refreshToken', 'region', 'registrationExpiresAt', 'startUrl']);
    assert.equal(token.startUrl, START_URL);
    assert.equal(token.region, 'us-east-1');
    assert.match(String(token.expiresAt), CLI_TIME);
    assert.match(String(token.registrationExpiresAt), CLI_TIME);
    assert.ok(Math.abs(Date.parse(String(token.expiresAt)) - (Date.now() + 3600_000)) < 10_000, 'expires in the hour the service gave');
    assert.equal(statSync(tokenFile).mode & 0o777, 0o600, 'readable by its owner only');

    // The registration file, named as botocore's SSOTokenFetcher._registration_cache_key names it:
    // sha1 of Python's json.dumps({...}, sort_keys=True). The expected text is written out by hand.
    const key = `{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "${SESSION}", "startUrl": "${START_URL}", "tool": "botocore"}`;
    const registrationFile = join(files.dir, '.aws', 'sso', 'cache', `${sha1(key)}.json`);
    assert.equal(registrationPath({ profile: PROFILE, session: SESSION, startUrl: START_URL, region: 'us-east-1', scopes: ['sso:account:access'] }, env), registrationFile);
    const registration = readJson(registrationFile);
    assert.deepEqual(Object.keys(registration).sort(), ['clientId', 'clientSecret', 'expiresAt', 'scopes']);
    assert.equal(registration.clientId, token.clientId);
    assert.equal(registration.expiresAt, token.registrationExpiresAt);
    assert.deepEqual(cacheFiles(), [`${sha1(SESSION)}.json`, `${sha1(key)}.json`].sort(), 'nothing else in the cache');

    // The service asked for a poll every second: the first poll, a second after the code, got the token.
    assert.deepEqual(calls('CreateToken').map((e) => [e.status, e.errorType ?? 'ok']), [[200, 'ok']]);

    // The explorer's own path: fromIni -> the SDK's SSO provider reads the token, GetRoleCredentials
    // at the emulator's portal, then DescribeWorkspacesPools signed with those credentials.
    const gateway = new AwsGateway({ log: () => undefined, env });
    try {
      const pools = await gateway.listPools(PROFILE, region);
      assert.ok(pools.length > 0);
    } finally {
      gateway.dispose();
    }
    assert.equal(calls('GetRoleCredentials').length, 1);
    const describe = calls('DescribeWorkspacesPools');
    assert.ok(describe.length > 0 && describe.every((e) => e.status === 200 && e.accountId === accountId), JSON.stringify(describe));
  });

  it('the SDK\'s own providers read the written token: token-providers fromSso and credential-providers fromSSO', async () => {
    await signInSso(PROFILE, options(approve));
    const token = readJson(tokenPath({ session: SESSION, startUrl: START_URL }, env));
    const read = await fromSso({ profile: PROFILE, filepath: files.credentialsFile, configFilepath: files.configFile, ignoreCache: true })();
    assert.equal(read.token, token.accessToken);
    assert.equal(read.expiration?.toISOString().replace('.000Z', 'Z'), token.expiresAt);
    const credentials = await fromSSO({ profile: PROFILE, filepath: files.credentialsFile, configFilepath: files.configFile, ignoreCache: true, clientConfig: { endpoint: emulator.url } })();
    assert.match(credentials.accessKeyId, /^ASIA/);
    assert.ok(credentials.sessionToken);
  });

  it('signs in a legacy sso_* profile: the token under sha1(start URL), with the four fields the CLI reads', async () => {
    const result = await signInSso(LEGACY, options(approve));
    const tokenFile = join(files.dir, '.aws', 'sso', 'cache', `${sha1(LEGACY_START_URL)}.json`);
    assert.equal(result.tokenFile, tokenFile);
    const token = readJson(tokenFile);
    assert.deepEqual(Object.keys(token).sort(), ['accessToken', 'expiresAt', 'region', 'startUrl']);
    // A legacy registration: session_name and scopes null in botocore's key.
    const key = `{"region": "us-east-1", "scopes": null, "session_name": null, "startUrl": "${LEGACY_START_URL}", "tool": "botocore"}`;
    assert.ok(existsSync(join(files.dir, '.aws', 'sso', 'cache', `${sha1(key)}.json`)), 'the legacy registration file');
    const credentials = await fromSSO({ profile: LEGACY, filepath: files.credentialsFile, configFilepath: files.configFile, ignoreCache: true, clientConfig: { endpoint: emulator.url } })();
    assert.ok(credentials.accessKeyId);
  });

  it('reuses the client registration while it is valid', async () => {
    await signInSso(PROFILE, options(approve));
    await signOutSso(PROFILE, env);
    emulator.clearLog();
    await signInSso(PROFILE, options(approve));
    assert.equal(calls('RegisterClient').length, 0, 'no second registration');
    assert.equal(calls('StartDeviceAuthorization').length, 1);
  });

  it('renews with the refresh token, without a device code, when there is one', async () => {
    await signInSso(PROFILE, options(approve));
    const file = tokenPath({ session: SESSION, startUrl: START_URL }, env);
    const first = readJson(file);
    emulator.sso.expireAccessTokens();
    emulator.clearLog();
    const result = await signInSso(PROFILE, options(() => assert.fail('no code for a refresh')));
    assert.equal(result.how, 'refreshed');
    assert.equal(calls('StartDeviceAuthorization').length, 0);
    assert.deepEqual(calls('CreateToken').map((e) => e.params.grantType), ['refresh_token']);
    const second = readJson(file);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.notEqual(second.refreshToken, first.refreshToken, 'the rotated refresh token is kept');
    assert.deepEqual(Object.keys(second).sort(), Object.keys(first).sort());
  });

  it('falls back to the device flow when the refresh token is refused', async () => {
    await signInSso(PROFILE, options(approve));
    const file = tokenPath({ session: SESSION, startUrl: START_URL }, env);
    const token = readJson(file);
    // A refresh token the service does not know (revoked, or used by another tool meanwhile).
    await writeCacheFile(file, { ...token, refreshToken: 'emu-rt-unknown' });
    emulator.clearLog();
    const result = await signInSso(PROFILE, options(approve));
    assert.equal(result.how, 'device');
    assert.deepEqual(calls('CreateToken').map((e) => [e.params.grantType, e.errorType ?? 'ok']), [
      ['refresh_token', 'InvalidGrantException'],
      ['urn:ietf:params:oauth:grant-type:device_code', 'ok'],
    ]);
  });

  it('backs off by 5 s after slow_down, as the service asks', async () => {
    emulator.sso.slowDownNext(1);
    await signInSso(PROFILE, options(approve));
    // The emulator enforces the interval (1 s, then 6 s after its slow_down): a second slow_down
    // would mean the client polled too soon.
    assert.deepEqual(calls('CreateToken').map((e) => e.errorType ?? 'ok'), ['SlowDownException', 'ok']);
  });

  it('keeps polling while authorization is pending, and takes the token once approved', async () => {
    // The person approves after the second pending answer (the emulator's log says when it was given).
    const approved = new Promise<void>((resolve, reject) => {
      void signInSso(PROFILE, options((p) => {
        const timer = setInterval(() => {
          if (calls('CreateToken').length < 2) return;
          clearInterval(timer);
          approve(p);
        }, 50);
      })).then(() => resolve(), reject);
    });
    await approved;
    assert.deepEqual(calls('CreateToken').map((e) => e.errorType ?? 'ok'), ['AuthorizationPendingException', 'AuthorizationPendingException', 'ok']);
  });

  for (const [decision, reason, message] of [
    ['deny', 'denied', /denied/],
    ['expire', 'expired', /expired/],
  ] as const) {
    it(`a ${reason} code ends with a clear error and writes no token`, async () => {
      const before = cacheFiles();
      await assert.rejects(signInSso(PROFILE, options((p) => emulator.sso.decide(p.userCode, decision))), (e: Error & { reason?: string }) => {
        assert.equal(e.name, 'SsoSignInError');
        assert.equal(e.reason, reason);
        assert.match(e.message, message);
        return true;
      });
      assert.ok(!existsSync(tokenPath({ session: SESSION, startUrl: START_URL }, env)), 'no token file');
      assert.deepEqual(cacheFiles().filter((f) => !before.includes(f)).filter((f) => f !== registrationFileName()), []);
    });
  }

  it('a cancelled sign-in stops polling at once and writes no token', async () => {
    const abort = new AbortController();
    await assert.rejects(signInSso(PROFILE, options(() => abort.abort(), { signal: abort.signal })), { name: 'AbortError' });
    assert.ok(!existsSync(tokenPath({ session: SESSION, startUrl: START_URL }, env)));
    assert.equal(calls('CreateToken').length, 0, 'no poll after the cancel');
  });

  it('Sign Out removes the session\'s token file and nothing else', async () => {
    await signInSso(PROFILE, options(approve));
    await signInSso(LEGACY, options(approve));
    const all = cacheFiles();
    const out = await signOutSso(PROFILE, env);
    assert.equal(out.removed, true);
    assert.deepEqual(cacheFiles(), all.filter((f) => f !== `${sha1(SESSION)}.json`));
    assert.equal((await signOutSso(PROFILE, env)).removed, false, 'a second sign-out finds nothing');
  });

  it('pythonJson is Python\'s json.dumps: separators, sorted keys, ASCII escapes', () => {
    assert.equal(pythonJson({ b: [1, 'x'], a: null, 'é': 'ü\n"' }), '{"a": null, "b": [1, "x"], "\\u00e9": "\\u00fc\\n\\""}');
    assert.equal(pythonJson('😀'), '"\\ud83d\\ude00"');
  });

  function registrationFileName(): string {
    return `${sha1(`{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "${SESSION}", "startUrl": "${START_URL}", "tool": "botocore"}`)}.json`;
  }
});
