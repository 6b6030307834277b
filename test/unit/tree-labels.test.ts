// What the tree shows for pools and sessions, and that AWS strings are shown literally.
import * as assert from 'assert';
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import { bidiClosers, escapeIcons, escapeMarkdown, oneLine } from '../../src/core/text';
import { poolDescription, poolTooltip, sessionDescription, sessionTooltip } from '../../src/tree/labels';

const pool: WorkspacesPool = {
  PoolId: 'wspool-abc123def',
  PoolArn: 'arn:aws:workspaces:us-east-1:123456789012:workspacespool/wspool-abc123def',
  PoolName: 'Finance',
  State: 'RUNNING',
  CapacityStatus: { ActiveUserSessions: 12, DesiredUserSessions: 20, AvailableUserSessions: 8, ActualUserSessions: 20 },
  CreatedAt: new Date('2026-01-01T00:00:00Z'),
  BundleId: 'wsb-1',
  DirectoryId: 'wsd-1',
  RunningMode: 'AUTO_STOP',
};

describe('tree: format', () => {
  it('describes a pool as state and capacity, with the user filter', () => {
    assert.strictEqual(poolDescription(pool), 'RUNNING · 12 active / 20');
    // The filter first: the end of a description is cut at the default sidebar width.
    assert.strictEqual(poolDescription(pool, 'alice'), 'user: alice · RUNNING · 12 active / 20');
    assert.strictEqual(poolDescription(pool, 'ad\u200Bmin'), 'user: ad⟨U+200B⟩min · RUNNING · 12 active / 20');
    // Counts in the user's locale.
    const big = { ...pool, CapacityStatus: { ActiveUserSessions: 5000, DesiredUserSessions: 5000, AvailableUserSessions: 0, ActualUserSessions: 5000 } };
    assert.strictEqual(poolDescription(big, undefined, { locale: 'en' }), 'RUNNING · 5,000 active / 5,000');
    assert.strictEqual(poolDescription(big, undefined, { locale: 'de' }), 'RUNNING · 5.000 active / 5.000');
    assert.strictEqual(
      poolDescription({ ...pool, Errors: [{ ErrorCode: 'IAM_SERVICE_ROLE_IS_MISSING', ErrorMessage: 'x' }] }),
      'RUNNING · 12 active / 20 · 1 error',
    );
  });

  it('describes a session as connection state and how long ago it started', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    const s: WorkspacesPoolSession = { SessionId: 'x', PoolId: 'p', UserId: 'u', ConnectionState: 'CONNECTED', StartTime: new Date(now - 2 * 3600_000) };
    assert.strictEqual(sessionDescription(s, now), 'CONNECTED · 2h ago');
    assert.strictEqual(sessionDescription({ ...s, StartTime: new Date(now - 10_000) }, now), 'CONNECTED · 10s ago');
    assert.strictEqual(sessionDescription({ ...s, StartTime: undefined }, now), 'CONNECTED');
  });

  it('escapes markdown, HTML and links in tooltips', () => {
    const hostile = '<img src=x onerror=alert(1)> [click](command:workbench.action.quit) **bold** `code`\n# heading';
    const text = sessionTooltip({ SessionId: 's', PoolId: 'p', UserId: hostile, InstanceId: hostile });
    // Each markup character keeps a backslash before it.
    const unescaped = (t: string, s: string) => new RegExp(`(?<!\\\\)${s.replace(/[[\]()*]/g, '\\$&')}`).test(t);
    assert.ok(!unescaped(text, '<img'), text);
    assert.ok(!unescaped(text, '](command'), text);
    assert.ok(!unescaped(text, '**bold'), text);
    assert.ok(!/\n# heading/.test(text), 'no newline from data');
    const tip = poolTooltip({ ...pool, Description: hostile, Errors: [{ ErrorCode: 'IAM_SERVICE_ROLE_IS_MISSING', ErrorMessage: hostile }] }, 'us-east-1');
    assert.ok(!unescaped(tip, '<img') && !unescaped(tip, '](command'), tip);
    assert.ok(tip.includes('**Errors:**'));
    // Every ASCII punctuation character is escaped, so nothing is markup.
    assert.strictEqual(escapeMarkdown('a*b_c'), 'a\\*b\\_c');
  });

  it('closes the bidi overrides a user id leaves open, so they do not reverse what follows', () => {
    assert.strictEqual(bidiClosers('alice'), '');
    assert.strictEqual(bidiClosers('\u202Egnp.exe@globex.example'), '\u202C');
    assert.strictEqual(bidiClosers('\u202Ea\u202C'), '', 'already closed');
    assert.strictEqual(bidiClosers('\u2067x\u202Ey'), '\u2069\u202C');
  });

  it('breaks $(icon) syntax and control characters in one-line texts', () => {
    assert.strictEqual(escapeIcons('$(alert) hi'), '$\u200b(alert) hi');
    assert.strictEqual(oneLine('a\nb\r\u0007c'), 'a b c');
  });
});
