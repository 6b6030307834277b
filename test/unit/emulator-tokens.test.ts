import { strict as assert } from 'node:assert';
import { ServiceError } from '../../emulator/errors';
import { TokenCodec, type TokenScope } from '../../emulator/tokens';

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

  it('reveals nothing of the query it carries', () => {
    const token = codec.encode({ ...scope, query: 'wspool-abcdef123\nalice@acme.example' }, 10);
    const bytes = Buffer.from(token, 'base64url').toString('latin1');
    for (const secret of ['alice', '111122223333', 'wspool', 'us-east-1']) assert.ok(!bytes.includes(secret) && !token.includes(secret), secret);
    assert.notEqual(codec.encode(scope, 10), codec.encode(scope, 10), 'a fresh IV every time');
  });

  it('rejects a tampered token: any changed, missing or added byte', () => {
    const token = codec.encode(scope, 10);
    const raw = Buffer.from(token, 'base64url');
    for (let i = 0; i < raw.length; i += 7) {
      const changed = Buffer.from(raw);
      changed[i] ^= 1;
      rejected(() => codec.decode(changed.toString('base64url'), scope), /not valid/);
    }
    rejected(() => codec.decode(raw.subarray(0, raw.length - 1).toString('base64url'), scope), /not valid/);
    rejected(() => codec.decode(Buffer.concat([raw, Buffer.from([0])]).toString('base64url'), scope), /not valid/);
    for (const junk of ['x', '.', 'abc.def', '{}', 'a'.repeat(60), `${token}=`]) rejected(() => codec.decode(junk, scope), /not valid/);
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
