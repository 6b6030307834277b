// The configured endpoint of each profile, step by step through the SDK's precedence order.
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadProfiles, ProfileInfo } from '../../src/aws/index';

const CONFIG = `
[default]
region = us-east-1

[profile global]
endpoint_url = http://profile-global.example:1

[profile both]
services = svc
endpoint_url = http://profile-global.example:1

[profile svc-only]
services = svc

[profile other-service]
services = s3-only
endpoint_url = http://profile-global.example:1

[profile ignoring]
ignore_configured_endpoint_urls = true
services = svc
endpoint_url = http://profile-global.example:1

[profile not-ignoring]
ignore_configured_endpoint_urls = false
endpoint_url = http://profile-global.example:1

[profile missing-services]
services = nowhere

[profile bad-url]
endpoint_url = not a url

[profile bad-ignore]
ignore_configured_endpoint_urls = yes

[services svc]
workspaces =
  endpoint_url = http://services-section.example:2
s3 =
  endpoint_url = http://s3.example:3

[services s3-only]
s3 =
  endpoint_url = http://s3.example:3
`;

describe('AWS layer: endpoints per profile', () => {
  let dir: string;
  let base: NodeJS.ProcessEnv;

  before(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'aws-endpoints-'));
    await fs.writeFile(join(dir, 'config'), CONFIG);
    await fs.writeFile(
      join(dir, 'credentials'),
      '[creds-endpoint]\naws_access_key_id = A\naws_secret_access_key = B\nendpoint_url = http://from-credentials.example:4\n',
    );
    base = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  async function profiles(env: NodeJS.ProcessEnv = {}): Promise<Record<string, ProfileInfo>> {
    return Object.fromEntries((await loadProfiles({ ...base, ...env })).map((p) => [p.name, p]));
  }

  it('none configured: no endpoint (the SDK uses the regional AWS endpoint)', async () => {
    const p = await profiles();
    assert.equal(p.default.endpoint, undefined);
    assert.equal(p.default.problem, undefined);
  });

  it("step 4: the profile's own endpoint_url (also from the credentials file)", async () => {
    const p = await profiles();
    assert.deepEqual(p.global.endpoint, { url: 'http://profile-global.example:1', source: 'endpoint_url in the profile' });
    assert.equal(p['creds-endpoint'].endpoint?.url, 'http://from-credentials.example:4');
    assert.equal(p['other-service'].endpoint?.url, 'http://profile-global.example:1', 'a services section without workspaces falls through');
  });

  it('step 3: the workspaces endpoint_url of the [services] section beats the profile endpoint_url', async () => {
    const p = await profiles();
    assert.deepEqual(p.both.endpoint, { url: 'http://services-section.example:2', source: '[services svc] workspaces endpoint_url' });
    assert.equal(p['svc-only'].endpoint?.url, 'http://services-section.example:2');
  });

  it('step 2: AWS_ENDPOINT_URL beats both file settings, for every profile', async () => {
    const p = await profiles({ AWS_ENDPOINT_URL: 'http://env-global.example:5' });
    for (const name of ['default', 'global', 'both', 'svc-only']) {
      assert.deepEqual(p[name].endpoint, { url: 'http://env-global.example:5', source: 'AWS_ENDPOINT_URL' }, name);
    }
  });

  it('step 1: AWS_ENDPOINT_URL_WORKSPACES beats AWS_ENDPOINT_URL', async () => {
    const p = await profiles({ AWS_ENDPOINT_URL: 'http://env-global.example:5', AWS_ENDPOINT_URL_WORKSPACES: 'http://env-ws.example:6' });
    for (const name of ['default', 'global', 'both']) {
      assert.deepEqual(p[name].endpoint, { url: 'http://env-ws.example:6', source: 'AWS_ENDPOINT_URL_WORKSPACES' }, name);
    }
  });

  it('empty variables count as unset', async () => {
    const p = await profiles({ AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_WORKSPACES: '', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: '' });
    assert.equal(p.both.endpoint?.url, 'http://services-section.example:2');
  });

  it('ignore_configured_endpoint_urls = true in a profile disables all of it for that profile only', async () => {
    const p = await profiles({ AWS_ENDPOINT_URL_WORKSPACES: 'http://env-ws.example:6' });
    assert.equal(p.ignoring.endpoint, undefined);
    assert.equal(p.ignoring.problem, undefined);
    assert.equal(p['not-ignoring'].endpoint?.url, 'http://env-ws.example:6');
  });

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true disables all of it; =false overrides the profile setting', async () => {
    const on = await profiles({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_WORKSPACES: 'http://env-ws.example:6' });
    for (const info of Object.values(on)) assert.equal(info.endpoint, undefined, info.name);
    const off = await profiles({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' });
    assert.equal(off.ignoring.endpoint?.url, 'http://services-section.example:2');
  });

  it('unusable settings are reported on the profile, not thrown for the whole list', async () => {
    const p = await profiles();
    assert.match(p['missing-services'].problem ?? '', /services section "nowhere"/);
    assert.match(p['bad-url'].problem ?? '', /endpoint_url in the profile is not an http\(s\) URL/);
    assert.match(p['bad-ignore'].problem ?? '', /ignore_configured_endpoint_urls must be "true" or "false"/);
    assert.equal(p.global.problem, undefined);
    const env = await profiles({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'maybe' });
    assert.match(env.default.problem ?? '', /AWS_IGNORE_CONFIGURED_ENDPOINT_URLS/);
  });
});
