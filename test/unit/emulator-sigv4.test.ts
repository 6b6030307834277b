// SigV4 verification cases, with requests signed by @smithy/signature-v4 as the SDK signs them.
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { strict as assert } from 'node:assert';
import type { IncomingHttpHeaders } from 'node:http';
import { ServiceError } from '../../emulator/errors';
import { SigV4Verifier, type SigningIdentity } from '../../emulator/sigv4';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const KEY = { accessKeyId: 'AKIAEXAMPLE000000001', secretAccessKey: 'secret/secret+secret/secret+secret/secre' };
const TEMP = { accessKeyId: 'ASIAEXAMPLE000000002', secretAccessKey: 'temporarysecrettemporarysecrettemporary0', sessionToken: 'token-abc' };
const BODY = '{"PoolId":"wspool-abcdef123"}';

async function signed(options: { credentials?: typeof KEY & { sessionToken?: string }; date?: number; service?: string; region?: string; body?: string } = {}): Promise<IncomingHttpHeaders> {
  const request = new HttpRequest({
    method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4567, path: '/',
    headers: { host: '127.0.0.1:4567', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'WorkspacesService.DescribeWorkspacesPoolSessions' },
    body: options.body ?? BODY,
  });
  const signer = new SignatureV4({ credentials: options.credentials ?? KEY, region: options.region ?? 'eu-west-1', service: options.service ?? 'workspaces', sha256: Hash.bind(null, 'sha256') });
  const out = await signer.sign(request, { signingDate: new Date(options.date ?? NOW) });
  // What node:http hands the server: lower-case names.
  return Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), v]));
}

describe('emulator SigV4 verification', () => {
  let now = NOW;
  const identities: Record<string, SigningIdentity> = {
    [KEY.accessKeyId]: { accountId: '111122223333', secretAccessKey: KEY.secretAccessKey },
    [TEMP.accessKeyId]: { accountId: '444455556666', secretAccessKey: TEMP.secretAccessKey, sessionToken: TEMP.sessionToken, expiresAt: NOW + 60_000 },
  };
  const verifier = new SigV4Verifier((id) => identities[id], 'workspaces', () => now);
  const verify = (headers: IncomingHttpHeaders, body = BODY) => verifier.verify('POST', '/', headers, body);
  const refused = async (headers: IncomingHttpHeaders, type: string, message?: RegExp, body = BODY) => {
    await assert.rejects(verify(headers, body), (e: unknown) => e instanceof ServiceError && e.type === type && (!message || message.test(e.message)));
  };

  beforeEach(() => {
    now = NOW;
  });

  it('accepts a correctly signed request and takes the region from the credential scope', async () => {
    assert.deepEqual(await verify(await signed()), { accountId: '111122223333', accessKeyId: KEY.accessKeyId, region: 'eu-west-1' });
    // Headers added after signing (not in SignedHeaders) do not matter.
    assert.equal((await verify({ ...(await signed()), 'user-agent': 'curl/8' })).accountId, '111122223333');
  });

  it('refuses a wrong secret, a changed body and a changed signed header', async () => {
    await refused(await signed({ credentials: { ...KEY, secretAccessKey: 'x'.repeat(40) } }), 'InvalidSignatureException', /does not match/);
    await refused(await signed(), 'InvalidSignatureException', /does not match/, '{"PoolId":"wspool-zzzzzzzzz"}');
    await refused({ ...(await signed()), 'x-amz-target': 'WorkspacesService.TerminateWorkspacesPoolSession' }, 'InvalidSignatureException');
    await refused({ ...(await signed()), host: '127.0.0.1:9999' }, 'InvalidSignatureException');
  });

  it('refuses unknown keys, no or malformed Authorization, and another service', async () => {
    await refused(await signed({ credentials: { accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: KEY.secretAccessKey } }), 'UnrecognizedClientException');
    const { authorization: _drop, ...unsigned } = await signed();
    await refused(unsigned, 'MissingAuthenticationTokenException');
    await assert.rejects(verify(unsigned), (e: unknown) => e instanceof ServiceError && e.status === 403);
    await refused({ ...(await signed()), authorization: 'AWS4-HMAC-SHA256 Credential=garbage' }, 'IncompleteSignatureException');
    await refused(await signed({ service: 'ec2' }), 'InvalidSignatureException', /scoped to correct service: 'workspaces'/);
  });

  it('allows 5 minutes of clock skew and words the refusal the way the SDK recognises', async () => {
    now = NOW + 5 * 60_000;
    await verify(await signed());
    now = NOW + 5 * 60_000 + 1000;
    await refused(await signed(), 'InvalidSignatureException', /^Signature expired: 20261128T120000Z is now earlier than 20261128T120001Z \(20261128T120501Z - 5 min\.\)$/);
    now = NOW - 5 * 60_000 - 1000;
    await refused(await signed(), 'InvalidSignatureException', /^Signature not yet current: 20261128T120000Z is still later than/);
  });

  it('checks session tokens: required, matching, not expired', async () => {
    assert.equal((await verify(await signed({ credentials: TEMP }))).accountId, '444455556666');
    const { 'x-amz-security-token': _t, ...noToken } = await signed({ credentials: TEMP });
    await refused(noToken, 'UnrecognizedClientException');
    await refused(await signed({ credentials: { ...TEMP, sessionToken: 'other' } }), 'UnrecognizedClientException');
    await refused(await signed({ credentials: { ...KEY, sessionToken: 'stray' } }), 'UnrecognizedClientException');
    now = NOW + 60_000;
    await refused(await signed({ credentials: TEMP, date: now }), 'ExpiredTokenException', /expired/);
  });
});
