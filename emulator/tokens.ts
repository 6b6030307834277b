// Opaque NextTokens: base64url(iv | AES-256-GCM(JSON payload) | tag), keyed per emulator instance,
// so that a token reveals nothing (not the user filter it carries) and any change to it is caught
// by the authentication tag. The payload binds the token to the query it came from (account, region, operation, query key)
// and carries a cursor (the sequence number of the last item returned, not an offset, so that
// items ending between pages shift nothing) and the time it was issued (tokens expire).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { invalidParameter } from './errors';

export interface TokenScope {
  accountId: string;
  region: string;
  operation: string;
  /** Everything else the result depends on: pool id, user filter, pool ids, filters. */
  query: string;
}

interface Payload {
  v: 1;
  a: string;
  r: string;
  o: string;
  q: string;
  c: number;
  t: number;
}

// Said of every token we cannot use: the real service does not tell a forged token from a stale
// one in any documented way; InvalidParameterValuesException is what its operations declare.
const INVALID = 'The value for NextToken is not valid.';

export class TokenCodec {
  private readonly key: Buffer;

  constructor(
    public ttlMs: number,
    key?: Buffer,
    private readonly clock: () => number = Date.now,
  ) {
    this.key = key ?? randomBytes(32);
  }

  encode(scope: TokenScope, cursor: number): string {
    const payload: Payload = { v: 1, a: scope.accountId, r: scope.region, o: scope.operation, q: scope.query, c: cursor, t: this.clock() };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** The cursor carried by `token`; InvalidParameterValuesException when it is not ours for this query or expired. */
  decode(token: string, scope: TokenScope): number {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalidParameter(INVALID);
    const raw = Buffer.from(token, 'base64url');
    if (raw.length < 12 + 16 + 2) throw invalidParameter(INVALID);
    let payload: Payload;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
      payload = JSON.parse(plain.toString('utf8')) as Payload;
    } catch {
      // Wrong key (another emulator), altered bytes, truncated: the tag check fails.
      throw invalidParameter(INVALID);
    }
    if (payload.a !== scope.accountId || payload.r !== scope.region || payload.o !== scope.operation || payload.q !== scope.query) {
      throw invalidParameter(`${INVALID} It was issued for a different request.`);
    }
    if (this.clock() - payload.t >= this.ttlMs) {
      throw invalidParameter('The NextToken has expired. Start again without a NextToken.');
    }
    return payload.c;
  }
}
