// The rows under a pool besides its sessions (src/model/poolRows.ts): the pool's own errors, and
// the "No sessions" text of a filter that a loaded id only seems to match.
import * as assert from 'assert';
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { PoolEntry, ProfileEntry, RegionEntry } from '../../src/model/items';
import { PoolSessions } from '../../src/model/poolSessions';
import { noSessionsLabel, poolErrorRows } from '../../src/model/poolRows';
import { poolPickItem, sessionPickItem } from '../../src/commands/pickItems';

function poolWith(filter: string | undefined, errors?: { ErrorCode: string; ErrorMessage: string }[]): PoolEntry {
  const profile = new ProfileEntry({ name: 'acme', kind: 'static', region: 'us-east-1' });
  const region = new RegionEntry(profile, 'us-east-1', async () => []);
  const sessions = new PoolSessions<WorkspacesPoolSession>(async () => ({ sessions: [] }), filter);
  return new PoolEntry(region, profile, { PoolId: 'wspool-1', PoolName: 'lab', Errors: errors } as WorkspacesPool, () => sessions);
}

describe('model/poolRows', () => {
  it('says "No sessions", naming the filter with its hidden characters written out', () => {
    assert.strictEqual(noSessionsLabel(poolWith(undefined)), 'No sessions');
    assert.strictEqual(noSessionsLabel(poolWith('nobody@x')), 'No sessions for user nobody@x');
    assert.strictEqual(noSessionsLabel(poolWith('ad\u200Bmin@x')), 'No sessions for user ad⟨U+200B⟩min@x');
  });

  it('says when a loaded id differs from the filter only by invisible characters or case', () => {
    const pool = poolWith('admin@globex.example');
    pool.seenUserIds.add('bob@globex.example');
    pool.seenUserIds.add('ad\u200Bmin@globex.example');
    assert.strictEqual(
      noSessionsLabel(pool),
      'No sessions for user admin@globex.example · a loaded user id differs only by invisible characters: ad⟨U+200B⟩min@globex.example',
    );
    const byCase = poolWith('Admin@Globex.example');
    byCase.seenUserIds.add('admin@globex.example');
    assert.match(noSessionsLabel(byCase), /differs only by case: admin@globex\.example$/);
  });

  it('gives each of the pool\'s own errors a row of its own, with a stable id', () => {
    const pool = poolWith(undefined, [
      { ErrorCode: 'IAM_SERVICE_ROLE_IS_MISSING', ErrorMessage: 'The role is missing.' },
      { ErrorCode: 'NETWORK_INTERFACE_LIMIT_EXCEEDED', ErrorMessage: 'Too many ENIs.' },
    ]);
    const rows = poolErrorRows(pool);
    assert.deepStrictEqual(rows.map((r) => r.label), ['Pool error IAM_SERVICE_ROLE_IS_MISSING: The role is missing.', 'Pool error NETWORK_INTERFACE_LIMIT_EXCEEDED: Too many ENIs.']);
    assert.deepStrictEqual(rows.map((r) => r.id), ['acme/us-east-1/wspool-1/!poolError:0', 'acme/us-east-1/wspool-1/!poolError:1']);
    assert.ok(rows.every((r) => r.tone === 'warning'));
    assert.deepStrictEqual(poolErrorRows(poolWith(undefined)), []);
  });
});

describe('palette items of an id with hidden characters (src/commands/pickItems.ts)', () => {
  it('write them out in the session and pool items, with no bidi control left open', () => {
    const pool = poolWith('ad\u200Bmin@x');
    const item = sessionPickItem(pool, { SessionId: 's-1', PoolId: 'wspool-1', UserId: '\u202Egnp.exe@x' }, false);
    assert.strictEqual(item.label, '⟨U+202E⟩gnp.exe@x');
    assert.strictEqual(item.description, 's-1');
    assert.match(poolPickItem(pool).description ?? '', /^user: ad⟨U\+200B⟩min@x · /);
  });
});
