// Tree ids in plain Node: any names (profile names with `/` or `%`, the service's ids with anything
// in them) give ids that split back into exactly those names, so two rows never share an id, and
// the saved user filters of the old ids carry over.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import type { WorkspacesPool } from '@aws-sdk/client-workspaces';
import { STATE } from '../../src/ids';
import { Choices, type StateStore } from '../../src/model/choices';
import { childId, idSegment, syntheticId } from '../../src/model/itemIds';
import { ErrorItem, LoadMoreItem, PlaceholderItem, PoolEntry, ProfileEntry, RegionEntry, SessionItem } from '../../src/model/items';
import { PoolSessions } from '../../src/model/poolSessions';

/** The names an id was made of (`!…` segments as they are): the inverse of the encoding. */
function decode(id: string): string[] {
  return id.split('/').map((segment) =>
    segment.startsWith('!')
      ? segment
      : segment
          .split(/(%u[0-9A-F]{4})/)
          .map((part) => (part.startsWith('%u') ? String.fromCharCode(parseInt(part.slice(2), 16)) : decodeURIComponent(part)))
          .join(''),
  );
}

/** Any UTF-16 string, lone surrogates included (JSON from the service may hold them). */
const anyName = fc.string({ unit: fc.oneof(fc.constantFrom('/', '%', '!', ':', '%2F', 'a', '\ud800', '\udc00'), fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))) });

class MapStore implements StateStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T {
    return (this.data.has(key) ? structuredClone(this.data.get(key)) : defaultValue) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    // Through JSON, as globalState stores it.
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

describe('model: tree ids', () => {
  it('a path of names gives an id that splits back into those names, so different paths never share an id', () => {
    fc.assert(
      fc.property(fc.array(anyName, { minLength: 1, maxLength: 4 }), (names) => {
        let id: { id: string } | undefined;
        for (const name of names) id = { id: childId(id, name) };
        assert.deepEqual(decode(id!.id), names);
      }),
      { numRuns: 2000 },
    );
  });

  it('an encoded name holds no `/` and no `!`, so a synthetic row (`!word`) is never a name', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        assert.doesNotMatch(idSegment(name), /[/!]/);
      }),
      { numRuns: 2000 },
    );
    assert.equal(idSegment('acme-prod_2.x~'), 'acme-prod_2.x~', 'plain names keep their ids (and VS Code its expansion state)');
    assert.equal(idSegment('a/us-east-1'), 'a%2Fus-east-1');
    assert.equal(idSegment('100%'), '100%25');
    assert.equal(idSegment('!more'), '%21more');
    assert.equal(idSegment('é'), '%C3%A9');
    assert.equal(syntheticId(undefined, 'missing', 'a/b'), '!missing:a%2Fb');
  });

  it('gives every row of profiles `a` (two regions), `a/us-east-1`, `100%` and `!more` its own id', () => {
    const noPools = async () => [];
    const sessions = () => new PoolSessions(async () => ({ sessions: [] }), undefined);
    const ids: string[] = [];
    for (const name of ['a', 'a/us-east-1', 'a/us-east-1/wspool-1', '100%', '100%25', '!more', '']) {
      const profile = new ProfileEntry({ name, kind: 'static', region: 'us-east-1' });
      ids.push(profile.id, new PlaceholderItem(profile, 'noRegion', 'x').id, new ErrorItem(profile, { kind: 'config', message: 'm', retryable: false }, name, async () => undefined).id);
      for (const regionName of ['us-east-1', 'eu-west-1']) {
        const region = new RegionEntry(profile, regionName, noPools);
        ids.push(region.id, new PlaceholderItem(region, 'empty', 'x').id);
        for (const poolId of ['wspool-1', '!more', 'wspool-1/!more']) {
          const pool = new PoolEntry(region, region, { PoolId: poolId } as WorkspacesPool, sessions);
          ids.push(pool.id, pool.loadMoreItem.id, new LoadMoreItem(pool).id, new ErrorItem(pool, { kind: 'service', message: 'm', retryable: true }, name, async () => undefined).id);
          for (const sessionId of ['s-1', '!more', '!error', '!empty']) ids.push(new SessionItem(pool, { SessionId: sessionId, PoolId: poolId, UserId: 'u' }).id);
        }
      }
      ids.push(new PlaceholderItem(undefined, 'missing', 'x', undefined, name).id);
    }
    ids.push(new ErrorItem(undefined, { kind: 'config', message: 'm', retryable: false }, undefined, async () => undefined).id);
    // The Load more row is one object per pool: its id is counted twice above on purpose, once per object.
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i && !id.endsWith('/!more'));
    assert.deepEqual(duplicates, []);
    const loadMores = ids.filter((id) => id.endsWith('/!more'));
    assert.equal(new Set(loadMores).size, loadMores.length / 2, 'one Load more id per pool');
  });

  describe('saved user filters', () => {
    const pool = (profile: string): PoolEntry => {
      const region = new RegionEntry(new ProfileEntry({ name: profile, kind: 'static', region: 'us-east-1' }), 'us-east-1', async () => []);
      return new PoolEntry(region, region, { PoolId: 'wspool-1' } as WorkspacesPool, () => new PoolSessions(async () => ({ sessions: [] }), undefined));
    };

    it('a filter saved under the old key (`profile/region/poolId` as is) applies after the upgrade, for plain and encoded names', () => {
      const store = new MapStore();
      store.data.set(STATE.legacyUserFilters, { 'acme-prod/us-east-1/wspool-1': 'alice', 'a/b/us-east-1/wspool-1': 'bob', '100%/us-east-1/wspool-1': 'carol' });
      const choices = new Choices(store);
      assert.equal(choices.filter(pool('acme-prod')), 'alice');
      assert.equal(choices.filter(pool('a/b')), 'bob');
      assert.equal(choices.filter(pool('100%')), 'carol');
      assert.equal(choices.filter(pool('a')), undefined);
    });

    it('a filter set or cleared after the upgrade goes under the new key, and the old key goes', async () => {
      const store = new MapStore();
      store.data.set(STATE.legacyUserFilters, { 'a/b/us-east-1/wspool-1': 'bob', '100%/us-east-1/wspool-1': 'carol' });
      const choices = new Choices(store);
      await choices.setFilter(pool('a/b'), 'dave');
      await choices.setFilter(pool('100%'), undefined);
      assert.equal(choices.filter(pool('a/b')), 'dave');
      assert.equal(choices.filter(pool('100%')), undefined, 'cleared stays cleared: the old key does not come back');
      assert.deepEqual(store.data.get(STATE.legacyUserFilters), {});
      assert.deepEqual(store.data.get(STATE.userFilters), { 'a%2Fb/us-east-1/wspool-1': 'dave' });
    });

    it('an old key never applies to another pool whose new id spells it (profile `a%2Fb` then, `a/b` now)', async () => {
      const store = new MapStore();
      store.data.set(STATE.legacyUserFilters, { 'a%2Fb/us-east-1/wspool-1': 'erin' });
      const choices = new Choices(store);
      assert.equal(choices.filter(pool('a/b')), undefined);
      assert.equal(choices.filter(pool('a%2Fb')), 'erin');
    });

    it('regions and filters of a profile called `__proto__` or `constructor` are its own, and survive a save', async () => {
      const store = new MapStore();
      const choices = new Choices(store);
      assert.equal(choices.regions('constructor'), undefined, 'nothing chosen: not Object.prototype.constructor');
      assert.equal(choices.regions('__proto__'), undefined);
      await choices.setRegions('__proto__', ['eu-west-1']);
      await choices.setRegions('constructor', ['us-east-1']);
      assert.deepEqual(choices.regions('__proto__'), ['eu-west-1']);
      assert.deepEqual(choices.regions('constructor'), ['us-east-1']);
      assert.equal(choices.regions('toString'), undefined);
    });
  });
});
