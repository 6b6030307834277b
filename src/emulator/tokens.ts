// Opaque NextTokens: base64url(JSON payload) + "." + HMAC-SHA256, keyed per emulator instance.
// The payload binds the token to the query it came from (account, region, operation, query key)
// and carries a cursor (the sequence number of the last item returned, not an offset, so that
// items ending between pages shift nothing) and the time it was issued (tokens expire).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

  private mac(data: string): Buffer {
    return createHmac('sha256', this.key).update(data).digest();
  }

  encode(scope: TokenScope, cursor: number): string {
    const payload: Payload = { v: 1, a: scope.accountId, r: scope.region, o: scope.operation, q: scope.query, c: cursor, t: this.clock() };
    const data = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${data}.${this.mac(data).toString('base64url')}`;
  }

  /** The cursor carried by `token`; InvalidParameterValuesException when it is not ours for this query or expired. */
  decode(token: string, scope: TokenScope): number {
    const dot = token.indexOf('.');
    if (dot <= 0) throw invalidParameter(INVALID);
    const data = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.mac(data);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidParameter(INVALID);
    let payload: Payload;
    try {
      payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as Payload;
    } catch {
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
