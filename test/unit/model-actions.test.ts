// Which action applies to which item: the model's context values against package.json's menus.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import type { WorkspacesPool } from '@aws-sdk/client-workspaces';
import { join } from 'path';
import type { ErrorDescription } from '../../src/aws/errors';
import type { ProfileInfo } from '../../src/aws/profiles';
import { CHANGING_COMMANDS, COMMANDS, CONTEXT } from '../../src/ids';
import { clickCommand, contextValue } from '../../src/model/actions';
import { ErrorItem, type Item, LoadMoreItem, PlaceholderItem, PoolEntry, ProfileEntry, RegionEntry, SessionItem } from '../../src/model/items';
import { PoolSessions } from '../../src/model/poolSessions';

const menus = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus;

/** The commands package.json offers on a row with this context value (a minimal reader of its `when` clauses). */
function menuCommands(value: string): string[] {
  const matches = (when: string): boolean => {
    const eq = /viewItem == ([\w.]+)/.exec(when);
    if (eq) return eq[1] === value;
    const re = /viewItem =~ \/(.+)\//.exec(when);
    if (re) return new RegExp(re[1]).test(value);
    return false;
  };
  return [...new Set(menus['view/item/context'].filter((m) => m.when && matches(m.when)).map((m) => m.command))].sort();
}

const info = (kind: ProfileInfo['kind']): ProfileInfo => ({ name: 'p', kind, region: 'us-east-1' });
const noPools = async () => [];
const error = (kind: ErrorDescription['kind']): ErrorDescription => ({ kind, message: 'm', retryable: true });

describe('model: actions per item', () => {
  const profile = new ProfileEntry(info('static'));
  const region = new RegionEntry(profile, 'us-east-1', noPools);
  const pool = new PoolEntry(region, profile, { PoolId: 'wspool-abc123def', PoolName: 'x' } as WorkspacesPool, () => new PoolSessions(async () => ({ sessions: [] }), undefined));
  const filtered = new PoolEntry(region, profile, { PoolId: 'wspool-abc123deg' } as WorkspacesPool, () => new PoolSessions(async () => ({ sessions: [] }), 'alice'));
  const session = new SessionItem(pool, { SessionId: 's', PoolId: pool.poolId, UserId: 'u' });

  it('offers each row the commands that apply to it', () => {
    const cases: [Item, string, string[]][] = [
      [profile, 'profile', [COMMANDS.findUserSessions, COMMANDS.refreshProfile, COMMANDS.selectRegions]],
      [new ProfileEntry(info('sso')), 'profile.sso', [COMMANDS.findUserSessions, COMMANDS.refreshProfile, COMMANDS.selectRegions, COMMANDS.ssoLogin, COMMANDS.ssoSignOut]],
      [region, 'region', [COMMANDS.findUserSessions]],
      [pool, 'pool', [COMMANDS.exportSessions, COMMANDS.filterByUser, COMMANDS.refreshPool, COMMANDS.startPool, COMMANDS.stopPool]],
      [filtered, 'pool.filtered', [COMMANDS.clearUserFilter, COMMANDS.exportSessions, COMMANDS.filterByUser, COMMANDS.refreshPool, COMMANDS.startPool, COMMANDS.stopPool]],
      [session, 'session', [COMMANDS.copySessionId, COMMANDS.copySessionJson, COMMANDS.showSessionDetails, COMMANDS.terminateSession]],
      [new LoadMoreItem(pool), 'loadMore', []],
      [new PlaceholderItem(pool, 'empty', 'No sessions'), 'placeholder', []],
      [new ErrorItem(pool, error('throttled'), 'p', async () => undefined), 'error', [COMMANDS.retry, COMMANDS.showLog]],
      [new ErrorItem(pool, error('sso-login'), 'p', async () => undefined), 'error.sso', [COMMANDS.retry, COMMANDS.showLog, COMMANDS.ssoLogin]],
      [new ErrorItem(undefined, error('sso-login'), undefined, async () => undefined), 'error', [COMMANDS.retry, COMMANDS.showLog]],
    ];
    for (const [item, value, commands] of cases) {
      assert.equal(contextValue(item), value, item.id);
      assert.deepEqual(menuCommands(value), [...commands].sort(), value);
    }
  });

  it('hides every action that changes AWS in read-only mode, in menus and palette', () => {
    for (const id of CHANGING_COMMANDS) {
      const entries = Object.values(menus).flat().filter((m) => m.command === id);
      assert.ok(entries.length >= 2, `${id} is in a context menu and the palette`);
      for (const m of entries) assert.match(m.when ?? '', new RegExp(`!${CONTEXT.readOnly.replace('.', '\\.')}\\b`), `${id}: ${m.when}`);
    }
    // And nothing else changes AWS: every other command keeps its menus whatever the mode.
    assert.deepEqual(
      Object.values(menus).flat().filter((m) => m.when?.includes(CONTEXT.readOnly)).map((m) => m.command).filter((c) => !CHANGING_COMMANDS.includes(c as never)),
      [],
    );
  });

  it('runs the right command on a click, with the right argument', () => {
    assert.deepEqual(clickCommand(session), { command: COMMANDS.showSessionDetails, title: 'Show Session Details', argument: session });
    const more = new LoadMoreItem(pool);
    assert.equal(clickCommand(more)?.command, COMMANDS.loadMore);
    const noRegion = new PlaceholderItem(profile, 'noRegion', 'No region', { kind: 'selectRegions', profile });
    assert.deepEqual(clickCommand(noRegion), { command: COMMANDS.selectRegions, title: 'Select Regions…', argument: profile });
    assert.equal(clickCommand(new PlaceholderItem(pool, 'empty', 'No sessions')), undefined);
    assert.equal(clickCommand(pool), undefined, 'a pool row expands');
  });
});
