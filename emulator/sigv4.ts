// SigV4 verification of an incoming request: parse the Authorization header, find the signing
// secret, recompute the signature with @smithy/signature-v4 over exactly the headers the client
// signed, and compare. Failures carry the error names AWS JSON services use.
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ServiceError } from './errors';

export interface SigningIdentity {
  accountId: string;
  secretAccessKey: string;
  /** For temporary credentials: the session token the request must carry, and its expiry. */
  sessionToken?: string;
  expiresAt?: number;
}

export interface VerifiedRequest {
  accountId: string;
  accessKeyId: string;
  region: string;
}

/** AWS allows 5 minutes between the client's clock and its own. */
export const MAX_SKEW_MS = 5 * 60 * 1000;

const AUTH_RE = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

const INVALID_TOKEN = 'The security token included in the request is invalid.';
const SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. '
  + 'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

export class SigV4Verifier {
  private readonly signers = new Map<string, SignatureV4>();

  constructor(
    private readonly lookup: (accessKeyId: string) => SigningIdentity | undefined,
    private readonly service: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Forget the cached signer (and its derived keys) of a key that was revoked or replaced. */
  forget(accessKeyId: string): void {
    this.signers.delete(accessKeyId);
  }

  async verify(method: string, path: string, headers: IncomingHttpHeaders, body: string): Promise<VerifiedRequest> {
    const authorization = headers.authorization;
    if (!authorization) throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
    const m = AUTH_RE.exec(authorization);
    if (!m) {
      throw new ServiceError('IncompleteSignatureException', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of an AWS4-HMAC-SHA256 signature.`);
    }
    const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = m;
    const identity = this.lookup(accessKeyId);
    if (!identity) throw new ServiceError('UnrecognizedClientException', INVALID_TOKEN);
    const requestToken = headers['x-amz-security-token'];
    if (identity.sessionToken !== undefined) {
      if (requestToken !== identity.sessionToken) throw new ServiceError('UnrecognizedClientException', INVALID_TOKEN);
      if (identity.expiresAt !== undefined && this.clock() >= identity.expiresAt) {
        throw new ServiceError('ExpiredTokenException', 'The security token included in the request is expired');
      }
    } else if (requestToken !== undefined) {
      throw new ServiceError('UnrecognizedClientException', INVALID_TOKEN);
    }
    if (service !== this.service) {
      throw new ServiceError('InvalidSignatureException', `Credential should be scoped to correct service: '${this.service}'.`);
    }
    const dateHeader = headers['x-amz-date'];
    const signedAt = typeof dateHeader === 'string' ? parseAmzDate(dateHeader) : undefined;
    if (signedAt === undefined || typeof dateHeader !== 'string') {
      throw new ServiceError('IncompleteSignatureException', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
    }
    // The wording matters: the SDK retries an InvalidSignatureException saying "Signature expired"
    // and corrects its clock from our Date header.
    const now = this.clock();
    if (signedAt < now - MAX_SKEW_MS) {
      throw new ServiceError('InvalidSignatureException', `Signature expired: ${dateHeader} is now earlier than ${amzDate(now - MAX_SKEW_MS)} (${amzDate(now)} - 5 min.)`);
    }
    if (signedAt > now + MAX_SKEW_MS) {
      throw new ServiceError('InvalidSignatureException', `Signature not yet current: ${dateHeader} is still later than ${amzDate(now + MAX_SKEW_MS)} (${amzDate(now)} + 5 min.)`);
    }
    if (scopeDate !== dateHeader.slice(0, 8)) {
      throw new ServiceError('InvalidSignatureException', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${dateHeader.slice(0, 8)}', from '${dateHeader}'.`);
    }
    const signed = signedHeaderList.split(';');
    if (!signed.includes('host')) throw new ServiceError('InvalidSignatureException', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    const picked: Record<string, string> = {};
    for (const name of signed) {
      const value = headers[name];
      if (value === undefined) continue;
      picked[name] = Array.isArray(value) ? value.join(',') : value;
    }
    // A signed payload hash stands in for the body in the signature: it must be the body's.
    const claimedHash = picked['x-amz-content-sha256'];
    if (claimedHash !== undefined && claimedHash !== createHash('sha256').update(body).digest('hex')) {
      throw new ServiceError('InvalidSignatureException', "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    const [hostname, port] = (picked.host ?? '').split(':');
    const request = new HttpRequest({ method, protocol: 'http:', hostname, port: port ? Number(port) : undefined, path, headers: picked, body });
    let signer = this.signers.get(accessKeyId);
    if (!signer) {
      signer = new SignatureV4({
        credentials: { accessKeyId, secretAccessKey: identity.secretAccessKey, sessionToken: identity.sessionToken },
        region,
        service: this.service,
        sha256: Hash.bind(null, 'sha256'),
        applyChecksum: false,
      });
      this.signers.set(accessKeyId, signer);
    }
    const resigned = await signer.sign(request, { signingDate: new Date(signedAt), signingRegion: region, signingService: this.service });
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(resigned.headers.authorization))?.[1] ?? '';
    if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
      throw new ServiceError('InvalidSignatureException', SIGNATURE_MISMATCH);
    }
    return { accountId: identity.accountId, accessKeyId, region };
  }
}
