// Our per-profile endpoint resolution against the SDK's own: for AWS_PROFILE (the only profile the
// SDK resolves configured endpoints for), a real WorkSpacesClient must send to exactly the URL that
// loadProfiles() resolved, at every precedence step. Four loopback servers stand for the four
// places an endpoint can come from; whichever receives the request is the SDK's answer.
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { DescribeWorkspacesPoolsCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { AwsGateway, loadProfiles } from '../../src/aws/index';

type Place = 'envService' | 'envGlobal' | 'servicesSection' | 'profile';
const PLACES: Place[] = ['envService', 'envGlobal', 'servicesSection', 'profile'];

describe('AWS layer: endpoint order agrees with the SDK', () => {
  const servers = new Map<Place, { server: Server; url: string; hits: number }>();
  const saved = { ...process.env };
  let dir: string;

  before(async () => {
    for (const place of PLACES) {
      const entry = { server: createServer(), url: '', hits: 0 };
      entry.server.on('request', (req, res) => {
        entry.hits++;
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${place}` });
          res.end('{"WorkspacesPools":[]}');
        });
      });
      await new Promise<void>((resolve) => entry.server.listen(0, '127.0.0.1', resolve));
      entry.url = `http://127.0.0.1:${(entry.server.address() as AddressInfo).port}`;
      servers.set(place, entry);
    }
    dir = await fs.mkdtemp(join(tmpdir(), 'aws-endpoints-sdk-'));
  });

  after(async () => {
    process.env = saved;
    for (const { server } of servers.values()) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await fs.rm(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  const url = (place: Place) => servers.get(place)!.url;

  /** Writes fresh files (new paths: the SDK caches file contents per path) and sets the environment. */
  let n = 0;
  async function scenario(profileBody: string, env: Record<string, string>): Promise<void> {
    const sub = join(dir, String(n++));
    await fs.mkdir(sub);
    await fs.writeFile(
      join(sub, 'config'),
      `[profile p]\nregion = us-east-1\n${profileBody}\n[services svc]\nworkspaces =\n  endpoint_url = ${url('servicesSection')}\n`,
    );
    await fs.writeFile(join(sub, 'credentials'), '[p]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n');
    process.env = {
      ...saved,
      HOME: sub,
      AWS_CONFIG_FILE: join(sub, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(sub, 'credentials'),
      AWS_PROFILE: 'p',
      ...env,
    };
    for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_WORKSPACES', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']) {
      if (!(name in env)) delete process.env[name];
    }
  }

  /** Where the SDK's own lookup sends a request for AWS_PROFILE. */
  async function sdkChoice(): Promise<Place> {
    for (const s of servers.values()) s.hits = 0;
    const client = new WorkSpacesClient({ region: 'us-east-1', maxAttempts: 1 });
    try {
      await client.send(new DescribeWorkspacesPoolsCommand({}));
    } finally {
      client.destroy();
    }
    const hit = PLACES.filter((p) => servers.get(p)!.hits > 0);
    assert.equal(hit.length, 1, `exactly one server answered: ${hit.join(', ')}`);
    return hit[0];
  }

  async function ourChoice(): Promise<string | undefined> {
    const p = (await loadProfiles(process.env)).find((x) => x.name === 'p');
    return p?.endpoint?.url;
  }

  const steps: { what: string; profile: (u: typeof url) => string; env: (u: typeof url) => Record<string, string>; expected: Place }[] = [
    { what: 'profile endpoint_url only', profile: (u) => `endpoint_url = ${u('profile')}`, env: () => ({}), expected: 'profile' },
    {
      what: 'services section over profile endpoint_url',
      profile: (u) => `services = svc\nendpoint_url = ${u('profile')}`,
      env: () => ({}),
      expected: 'servicesSection',
    },
    {
      what: 'AWS_ENDPOINT_URL over the services section',
      profile: (u) => `services = svc\nendpoint_url = ${u('profile')}`,
      env: (u) => ({ AWS_ENDPOINT_URL: u('envGlobal') }),
      expected: 'envGlobal',
    },
    {
      what: 'AWS_ENDPOINT_URL_WORKSPACES over AWS_ENDPOINT_URL',
      profile: (u) => `services = svc\nendpoint_url = ${u('profile')}`,
      env: (u) => ({ AWS_ENDPOINT_URL: u('envGlobal'), AWS_ENDPOINT_URL_WORKSPACES: u('envService') }),
      expected: 'envService',
    },
    {
      what: 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false over the profile ignore = true',
      profile: (u) => `ignore_configured_endpoint_urls = true\nendpoint_url = ${u('profile')}`,
      env: () => ({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }),
      expected: 'profile',
    },
  ];

  for (const step of steps) {
    it(step.what, async () => {
      await scenario(step.profile(url), step.env(url));
      const sdk = await sdkChoice();
      assert.equal(sdk, step.expected, 'the SDK itself');
      assert.equal(await ourChoice(), url(sdk), 'loadProfiles() resolves what the SDK does');
    });
  }

  it("a profile's calls go to its own endpoint, never to AWS_PROFILE's", async () => {
    const sub = join(dir, 'multi');
    await fs.mkdir(sub);
    await fs.writeFile(
      join(sub, 'config'),
      `[default]\nregion = us-east-1\nendpoint_url = ${url('profile')}\n[profile mine]\nregion = us-east-1\nservices = svc\n` +
        `[profile plain]\nregion = us-east-1\n[services svc]\nworkspaces =\n  endpoint_url = ${url('servicesSection')}\n`,
    );
    await fs.writeFile(
      join(sub, 'credentials'),
      '[default]\naws_access_key_id = A\naws_secret_access_key = B\n[mine]\naws_access_key_id = A\naws_secret_access_key = B\n' +
        '[plain]\naws_access_key_id = A\naws_secret_access_key = B\n',
    );
    const env = { HOME: sub, AWS_CONFIG_FILE: join(sub, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(sub, 'credentials') };
    // What the SDK would do on its own: default's endpoint_url for every client.
    process.env = { ...saved, ...env };
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL_WORKSPACES;
    const lines: string[] = [];
    const gateway = new AwsGateway({ log: (l) => lines.push(l), env: process.env, maxAttempts: 1 });
    try {
      for (const s of servers.values()) s.hits = 0;
      await gateway.listPools('mine', 'us-east-1');
      assert.equal(servers.get('servicesSection')!.hits, 1, "profile 'mine' went to its services section endpoint");
      assert.equal(servers.get('profile')!.hits, 0, "and not to default's endpoint_url");

      // A profile with no endpoint of its own goes to AWS's regional endpoint, not to default's.
      const client = await gateway.clientFor('plain', 'eu-west-1');
      let host: string | undefined;
      client.middlewareStack.add(
        (_next) => async (args) => {
          host = (args.request as { hostname?: string }).hostname;
          throw new Error('stopped before sending');
        },
        { step: 'build', name: 'captureHost' },
      );
      await assert.rejects(gateway.listPools('plain', 'eu-west-1'), /stopped before sending/);
      assert.equal(host, 'workspaces.eu-west-1.amazonaws.com');
      assert.equal(servers.get('profile')!.hits, 0);
    } finally {
      gateway.dispose();
    }
  });
});
