// Profile discovery from real files on disk, read by the real @smithy/shared-ini-file-loader.
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MAX_FILE_BYTES } from '../../src/aws/configFiles';
import { AwsConfigError, loadProfiles, ProfileInfo } from '../../src/aws/index';

interface Files {
  dir: string;
  env: NodeJS.ProcessEnv;
  configPath: string;
  credentialsPath: string;
}

async function awsFiles(config?: string, credentials?: string): Promise<Files> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'aws-profiles-'));
  const configPath = join(dir, 'config');
  const credentialsPath = join(dir, 'credentials');
  if (config !== undefined) await fs.writeFile(configPath, config);
  if (credentials !== undefined) await fs.writeFile(credentialsPath, credentials);
  // HOME too, so that nothing falls back to the real ~/.aws of whoever runs the tests.
  return { dir, configPath, credentialsPath, env: { HOME: dir, AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: credentialsPath } };
}

function byName(list: ProfileInfo[]): Record<string, ProfileInfo> {
  return Object.fromEntries(list.map((p) => [p.name, p]));
}

async function configError(files: Files): Promise<AwsConfigError> {
  try {
    await loadProfiles(files.env);
  } catch (e) {
    assert.ok(e instanceof AwsConfigError, `expected AwsConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('loadProfiles accepted a broken file');
}

describe('AWS layer: profiles', () => {
  const cleanup: string[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
  });
  async function files(config?: string, credentials?: string): Promise<Files> {
    const f = await awsFiles(config, credentials);
    cleanup.push(f.dir);
    return f;
  }

  it('detects every kind of profile the SDK supports, across both files', async () => {
    const f = await files(
      `
# comment
; another comment
[default]
region = eu-west-1

[profile role-src]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default
region = us-west-2

[profile role-env]
role_arn = arn:aws:iam::123456789012:role/Admin
credential_source = Environment

[profile proc]
credential_process = /usr/bin/printf '{}'

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile sso-new]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile sso-old]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile webid]
role_arn = arn:aws:iam::123456789012:role/Web
web_identity_token_file = /tmp/token

[profile region-only]
region = ap-south-1

[services local]
workspaces =
  endpoint_url = http://127.0.0.1:9
`,
      `
[default]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = secretExample

[creds-only]
aws_access_key_id = AKIAEXAMPLE2
aws_secret_access_key = secretExample2
aws_session_token = tokenExample
`,
    );
    const list = await loadProfiles(f.env);
    assert.deepEqual(
      list.map((p) => p.name),
      ['default', 'creds-only', 'proc', 'region-only', 'role-env', 'role-src', 'sso-new', 'sso-old', 'webid'],
      'union of both files, default first; [sso-session] and [services] are not profiles',
    );
    const p = byName(list);
    assert.equal(p.default.kind, 'static');
    assert.equal(p.default.region, 'eu-west-1', 'region from the config file, keys from the credentials file');
    assert.equal(p['creds-only'].kind, 'static');
    assert.equal(p['role-src'].kind, 'assume-role');
    assert.equal(p['role-src'].region, 'us-west-2');
    assert.equal(p['role-env'].kind, 'assume-role');
    assert.equal(p.proc.kind, 'process');
    assert.equal(p['sso-new'].kind, 'sso');
    assert.equal(p['sso-new'].ssoSession, 'corp');
    assert.equal(p['sso-new'].problem, undefined);
    assert.equal(p['sso-old'].kind, 'sso-legacy');
    assert.equal(p.webid.kind, 'web-identity');
    assert.equal(p['region-only'].kind, 'other');
    for (const info of list) assert.equal(info.endpoint, undefined, `${info.name} has no endpoint`);
  });

  it('no AWS files at all is an empty list, not an error', async () => {
    const f = await files();
    assert.deepEqual(await loadProfiles(f.env), []);
  });

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE rather than ~/.aws', async () => {
    const home = await files();
    await fs.mkdir(join(home.dir, '.aws'));
    await fs.writeFile(join(home.dir, '.aws', 'config'), '[profile from-home]\nregion = us-east-1\n');
    assert.deepEqual(
      (await loadProfiles({ HOME: home.dir })).map((p) => p.name),
      ['from-home'],
      'without the variables: ~/.aws/config',
    );
    const elsewhere = await files('[profile from-env]\nregion = us-east-1\n', '[from-env-creds]\naws_access_key_id = A\naws_secret_access_key = B\n');
    const list = await loadProfiles({ ...elsewhere.env, HOME: home.dir });
    assert.deepEqual(
      list.map((p) => p.name),
      ['from-env', 'from-env-creds'],
    );
  });

  it('sees edits at once (no stale cache in the loader)', async () => {
    const f = await files('[profile one]\nregion = us-east-1\n');
    assert.deepEqual((await loadProfiles(f.env)).map((p) => p.name), ['one']);
    await fs.writeFile(f.configPath, '[profile one]\nregion = us-east-1\n[profile two]\nregion = eu-west-1\n');
    assert.deepEqual((await loadProfiles(f.env)).map((p) => p.name), ['one', 'two']);
  });

  it('flags an sso_session that names a missing [sso-session] section', async () => {
    const f = await files('[profile sso]\nsso_session = nowhere\nsso_account_id = 1\nsso_role_name = r\n');
    const [p] = await loadProfiles(f.env);
    assert.equal(p.kind, 'sso');
    assert.match(p.problem ?? '', /sso-session "nowhere"/);
  });

  describe('broken files give a clear AwsConfigError naming the file and line', () => {
    const cases: { what: string; config?: string; credentials?: string; line: number; reason: RegExp; file: 'config' | 'credentials' }[] = [
      { what: 'unclosed section header', config: '[default]\nregion = us-east-1\n[profile dev\nregion = eu-west-1\n', line: 3, reason: /closing '\]'/, file: 'config' },
      { what: 'a line of garbage', config: '[default]\nregion = us-east-1\nthis is not ini\n', line: 3, reason: /neither a \[section\]/, file: 'config' },
      { what: "a 'name: value' setting the CLI reads but the SDK ignores", config: '[default]\nregion: us-east-1\n', line: 2, reason: /uses ':'/, file: 'config' },
      { what: 'a setting with no name', config: '[default]\n= us-east-1\n', line: 2, reason: /no name before '='/, file: 'config' },
      { what: 'a setting before any section', config: 'region = us-east-1\n[default]\n', line: 1, reason: /before the first \[section\]/, file: 'config' },
      { what: 'a profile name the SDK cannot read', config: '[profile my profile]\nregion = us-east-1\n', line: 1, reason: /name in this \[profile/, file: 'config' },
      { what: 'an empty section name', credentials: '[]\naws_access_key_id = A\n', line: 1, reason: /no name/, file: 'credentials' },
      { what: 'garbage in the credentials file', credentials: '[default]\naws_access_key_id AKIASECRETLOOKING\n', line: 2, reason: /neither/, file: 'credentials' },
      { what: '__proto__ as a profile name', credentials: '[__proto__]\naws_access_key_id = A\n', line: 1, reason: /"__proto__" cannot be a profile name/, file: 'credentials' },
      // The loader would set the result's prototype: the profile vanishes, its settings show through every missing name.
      { what: 'a quoted [profile "__proto__"]', config: '[default]\n[profile "__proto__"]\nregion = eu-west-1\n', line: 2, reason: /"__proto__" cannot be a profile name/, file: 'config' },
      { what: "a quoted [profile '__proto__']", config: "[profile '__proto__']\nregion = eu-west-1\n", line: 1, reason: /"__proto__" cannot be a profile name/, file: 'config' },
      { what: 'constructor as a profile name (credentials)', credentials: '[default]\naws_access_key_id = A\n\n[constructor]\naws_access_key_id = AKIASECRETLOOKING\n', line: 4, reason: /"constructor" cannot be a profile name/, file: 'credentials' },
      { what: 'a quoted [profile "constructor"]', config: '[profile "constructor"]\nregion = eu-west-1\n', line: 1, reason: /"constructor" cannot be a profile name/, file: 'config' },
      { what: 'toString as a profile name', credentials: '[toString]\naws_access_key_id = A\n', line: 1, reason: /"toString" cannot be a profile name/, file: 'credentials' },
      { what: 'a setting named __proto__', config: '[default]\n__proto__ = x\n', line: 2, reason: /cannot be named "__proto__"/, file: 'config' },
    ];
    for (const c of cases) {
      it(c.what, async () => {
        const f = await files(c.config, c.credentials);
        const error = await configError(f);
        const path = c.file === 'config' ? f.configPath : f.credentialsPath;
        assert.equal(error.file, path);
        assert.equal(error.line, c.line);
        assert.match(error.reason, c.reason);
        assert.ok(error.message.startsWith(`${path}, line ${c.line}: `), error.message);
        assert.ok(!error.message.includes('AKIASECRETLOOKING'), 'never quotes the line: it may hold a secret');
      });
    }

    it('a [constructor] section never reaches the loader, which would write its settings onto the global Object', async () => {
      const f = await files(undefined, '[constructor]\naws_access_key_id = POLLUTED\n');
      await configError(f);
      assert.equal((Object as unknown as Record<string, unknown>).aws_access_key_id, undefined);
    });

    it('a 10 MB config file is refused at once, unread, with its size (parsing it would stall the extension host for seconds)', async () => {
      const f = await files();
      const profile = (i: number) => `[profile p${i}]\nsso_session = corp\nsso_account_id = ${100000000000 + i}\nsso_role_name = ReadOnly\n\n`;
      const parts: string[] = [];
      let size = 0;
      for (let i = 0; size < 10 * 1024 * 1024; i++) size += (parts[i] = profile(i)).length;
      await fs.writeFile(f.configPath, `[sso-session corp]\nsso_start_url = https://x\nsso_region = us-east-1\n${parts.join('')}`);
      const started = performance.now();
      const error = await configError(f);
      const ms = performance.now() - started;
      assert.equal(error.file, f.configPath);
      assert.match(error.reason, /^is 10\.0 MB; files over 1 MB are not read/);
      assert.ok(ms < 2_000, `refused in ${Math.round(ms)} ms`);
    });

    it('a config file just under the 1 MB limit is read in full', async () => {
      const f = await files();
      const lines = ['[sso-session corp]\nsso_start_url = https://x\nsso_region = us-east-1\n'];
      let size = lines[0].length;
      for (let i = 0; ; i++) {
        const p = `[profile p${i}]\nsso_session = corp\nsso_account_id = ${100000000000 + i}\nsso_role_name = ReadOnly\n\n`;
        if (size + p.length > MAX_FILE_BYTES) break;
        lines.push(p);
        size += p.length;
      }
      await fs.writeFile(f.configPath, lines.join(''));
      assert.equal((await loadProfiles(f.env)).length, lines.length - 1);
    });

    it('a file that cannot be read (a directory where the file should be)', async () => {
      const f = await files();
      await fs.mkdir(f.configPath);
      const error = await configError(f);
      assert.equal(error.file, f.configPath);
      assert.match(error.reason, /directory/);
    });

    it('a binary file', async () => {
      const f = await files();
      await fs.writeFile(f.credentialsPath, Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x00, 0xff, 0x00]));
      const error = await configError(f);
      assert.equal(error.file, f.credentialsPath);
      assert.match(error.reason, /not a text file/);
    });
  });

  it('accepts everything valid the loader accepts: comments, continuations, nested settings, CRLF', async () => {
    const f = await files(
      '[default]\r\nregion = us-east-1 # trailing comment\r\ns3 =\r\n  max_concurrent_requests = 10\r\n\r\n[plugins]\r\ncli_legacy_plugin_path = /x\r\n[profile a.b@c]\r\nregion=eu-west-1\r\n',
    );
    const p = byName(await loadProfiles(f.env));
    assert.equal(p.default.region, 'us-east-1');
    assert.equal(p['a.b@c'].region, 'eu-west-1');
    assert.equal(p.plugins, undefined, 'a [plugins] section of the CLI is not a profile');
  });
});
