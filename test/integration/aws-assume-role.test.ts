// Role profiles resolve through the SDK's real role assumer (fromIni -> STS AssumeRole) and reach
// the emulator with the assumed credentials. STS itself cannot run here, so a minimal loopback STS
// (AssumeRole only, the awsQuery XML the SDK's STS client speaks) stands in for it, found the way a
// user with a VPC endpoint would point the SDK at it: AWS_ENDPOINT_URL_STS. It records which access
// key signed each AssumeRole, and hands out session credentials the emulator issues for the
// account in the role ARN.
import { strict as assert } from 'assert';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { AwsGateway } from '../../src/aws/index';
import { DEMO_BIG_POOL_ID, Emulator, startEmulator } from '../../emulator/index';
import { TempAwsFiles, writeAwsFiles } from '../../emulator/awsFiles';

describe('AWS layer: assume-role profiles (source_profile, credential_source)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let sts: Server;
  let stsUrl: string;
  let files: TempAwsFiles;
  const assumed: { signedWith: string; roleArn: string; sessionName: string }[] = [];
  const savedEnv = { ...process.env };

  before(async () => {
    emulator = await startEmulator({ scenario: 'demo' });
    sts = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const signedWith = /Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization))?.[1] ?? '';
        const roleArn = form.get('RoleArn') ?? '';
        assumed.push({ signedWith, roleArn, sessionName: form.get('RoleSessionName') ?? '' });
        const accountId = /^arn:aws:iam::(\d{12}):role\//.exec(roleArn)?.[1];
        if (form.get('Action') !== 'AssumeRole' || !accountId) {
          res.writeHead(400, { 'content-type': 'text/xml' });
          res.end('<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>bad request</Message></Error></ErrorResponse>');
          return;
        }
        const c = emulator.issueSessionCredentials(accountId, 3600);
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
            `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${c.secretAccessKey}</SecretAccessKey>` +
            `<SessionToken>${c.sessionToken}</SessionToken><Expiration>${c.expiration.toISOString()}</Expiration></Credentials>` +
            `<AssumedRoleUser><Arn>${roleArn}/s</Arn><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser>` +
            `</AssumeRoleResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></AssumeRoleResponse>`,
        );
      });
    });
    await new Promise<void>((resolve) => sts.listen(0, '127.0.0.1', resolve));
    stsUrl = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
  });

  after(async () => {
    process.env = savedEnv;
    sts.closeAllConnections();
    await new Promise((resolve) => sts.close(resolve));
    await emulator.stop();
    files?.cleanup();
  });

  it('source_profile and credential_source = Environment both assume the role, once per profile', async () => {
    const prod = emulator.accounts.find((a) => a.profileName === 'acme-prod')!;
    const helpdesk = emulator.accounts.find((a) => a.profileName === 'globex-helpdesk')!;
    const role = `arn:aws:iam::${prod.accountId}:role/PoolsReadOnly`;
    files = writeAwsFiles({
      config:
        `[profile base]\nregion = us-east-1\n` +
        `[profile via-source]\nregion = us-east-1\nrole_arn = ${role}\nsource_profile = base\nrole_session_name = helpdesk-check\nendpoint_url = ${emulator.url}\n` +
        `[profile via-env]\nregion = us-east-1\nrole_arn = ${role}\ncredential_source = Environment\nendpoint_url = ${emulator.url}\n`,
      // The source keys are another account's: only the assumed role can see acme-prod's pools.
      credentials: `[base]\naws_access_key_id = ${helpdesk.accessKeyId}\naws_secret_access_key = ${helpdesk.secretAccessKey}\n`,
    });
    // The SDK's STS client looks up its endpoint and the Environment source in process.env.
    process.env = {
      ...savedEnv,
      HOME: files.dir,
      AWS_CONFIG_FILE: files.configFile,
      AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
      AWS_ENDPOINT_URL_STS: stsUrl,
      AWS_ACCESS_KEY_ID: helpdesk.accessKeyId,
      AWS_SECRET_ACCESS_KEY: helpdesk.secretAccessKey,
    };
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_SESSION_TOKEN;
    const lines: string[] = [];
    const gateway = new AwsGateway({ log: (l) => lines.push(l), env: process.env });
    try {
      const kinds = Object.fromEntries((await gateway.profiles()).map((p) => [p.name, p.kind]));
      assert.equal(kinds['via-source'], 'assume-role');
      assert.equal(kinds['via-env'], 'assume-role');

      for (const profile of ['via-source', 'via-env']) {
        assumed.length = 0;
        emulator.clearLog();
        const [pools] = await Promise.all([
          gateway.listPools(profile, 'us-east-1'),
          gateway.sessionsPage(profile, 'eu-west-1', DEMO_BIG_POOL_ID, { limit: 1 }).catch(() => undefined),
        ]);
        await gateway.sessionsPage(profile, 'us-east-1', DEMO_BIG_POOL_ID, { limit: 5 });
        assert.deepEqual(
          pools.map((p) => p.PoolId).sort(),
          emulator.pools(prod.accountId, 'us-east-1').map((p) => p.PoolId).sort(),
          `${profile}: the role's account's pools`,
        );
        assert.equal(assumed.length, 1, `${profile}: one AssumeRole for two regions and several calls`);
        assert.equal(assumed[0].roleArn, role);
        assert.equal(assumed[0].signedWith, helpdesk.accessKeyId, `${profile}: signed with the source credentials`);
        assert.ok(emulator.log.every((e) => e.accountId === prod.accountId), 'every call made as the role');
        if (profile === 'via-source') assert.equal(assumed[0].sessionName, 'helpdesk-check', 'role_session_name is used');
        else assert.match(assumed[0].sessionName, /^aws-sdk-js-\d+$/);
      }
      const text = lines.join('\n');
      assert.ok(!text.includes(helpdesk.secretAccessKey));
    } finally {
      gateway.dispose();
    }
  });
});
