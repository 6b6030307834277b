import { strict as assert } from 'node:assert';
import { ServiceError } from '../../src/emulator/errors';
import { TokenCodec, type TokenScope } from '../../src/emulator/tokens';

const scope: TokenScope = { accountId: '111122223333', region: 'us-east-1', operation: 'DescribeWorkspacesPoolSessions', query: 'wspool-abcdef123\n' };

function rejected(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof ServiceError && e.type === 'InvalidParameterValuesException' && message.test(e.message));
}

describe('emulator NextToken', () => {
  let now = 1_000_000;
  const clock = () => now;
  const codec = new TokenCodec(60_000, Buffer.alloc(32, 7), clock);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('round-trips the cursor for the same query', () => {
    const token = codec.encode(scope, 4242);
    assert.equal(codec.decode(token, scope), 4242);
    assert.ok(token.length <= 2048);
  });

  it('rejects a tampered token (payload or signature)', () => {
    const token = codec.encode(scope, 10);
    const [data, mac] = token.split('.');
    const forged = Buffer.from(Buffer.from(data, 'base64url').toString().replace('"c":10', '"c":1000')).toString('base64url');
    rejected(() => codec.decode(`${forged}.${mac}`, scope), /not valid/);
    rejected(() => codec.decode(`${data}.${mac.slice(0, -2)}AA`, scope), /not valid/);
    rejected(() => codec.decode(`${data}x.${mac}`, scope), /not valid/);
    for (const junk of ['x', '.', 'abc.', '.abc', '{}', 'a.b.c']) rejected(() => codec.decode(junk, scope), /not valid/);
  });

  it('rejects a token from another emulator (another key)', () => {
    const other = new TokenCodec(60_000, Buffer.alloc(32, 8), clock);
    rejected(() => codec.decode(other.encode(scope, 1), scope), /not valid/);
  });

  it('rejects a token issued for another account, region, operation, pool or user filter', () => {
    const token = codec.encode(scope, 1);
    for (const other of [
      { ...scope, accountId: '444455556666' },
      { ...scope, region: 'eu-west-1' },
      { ...scope, operation: 'DescribeWorkspacesPools' },
      { ...scope, query: 'wspool-zzzzzzzzz\n' },
      { ...scope, query: 'wspool-abcdef123\nalice@acme.example' },
    ]) {
      rejected(() => codec.decode(token, other), /different request/);
    }
  });

  it('expires after the configured lifetime, and the lifetime can change while running', () => {
    const token = codec.encode(scope, 3);
    now += 59_999;
    assert.equal(codec.decode(token, scope), 3);
    now += 1;
    rejected(() => codec.decode(token, scope), /expired/);
    codec.ttlMs = 120_000;
    assert.equal(codec.decode(token, scope), 3);
    codec.ttlMs = 60_000;
  });
});
