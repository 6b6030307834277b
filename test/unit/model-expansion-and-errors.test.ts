// Plain Node parts of issue 17: the remembered expansion (src/model/expansion.ts), the config error
// row's label (problem first, file by its name), the join rule of a pool's reads and its stale
// sessions after a failed refresh (src/model/poolSessions.ts).
import * as assert from 'assert';
import { describeError } from '../../src/aws/describeError';
import { AwsConfigError } from '../../src/aws/errors';
import { STATE } from '../../src/ids';
import type { StateStore } from '../../src/model/choices';
import { Expansion } from '../../src/model/expansion';
import type { Item } from '../../src/model/items';
import { PoolSessions, type PageRequest } from '../../src/model/poolSessions';
import { errorLabel, errorTooltip } from '../../src/tree/labels';

class MapStore implements StateStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T {
    return (this.data.has(key) ? this.data.get(key) : defaultValue) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}

const profile = { kind: 'profile', id: 'acme', parent: undefined } as unknown as Item;
const region = (name: string) => ({ kind: 'region', id: `acme/${name}`, parent: profile }) as unknown as Item;
const pool = { kind: 'pool', id: 'acme/us-east-1/wspool-1', parent: profile } as unknown as Item;

describe('model: remembered expansion', () => {
  it('keeps what the user expanded and collapsed, in the store, by id', async () => {
    const store = new MapStore();
    const expansion = new Expansion(store);
    assert.strictEqual(expansion.isExpanded(profile), false);
    await expansion.expanded(profile);
    await expansion.expanded(pool);
    // A new Expansion over the same store: what a window reload sees.
    const reloaded = new Expansion(store);
    assert.strictEqual(reloaded.isExpanded(profile), true);
    assert.strictEqual(reloaded.isExpanded(pool), true);
    await reloaded.collapsed(pool);
    assert.strictEqual(new Expansion(store).isExpanded(pool), false);
    assert.deepStrictEqual(store.get(STATE.expandedRows, {}), { acme: true, 'acme/us-east-1/wspool-1': false });
  });

  it('opens a region row never seen under an expanded profile (a region added), and not under a collapsed one', async () => {
    const expansion = new Expansion(new MapStore());
    assert.strictEqual(expansion.isExpanded(region('eu-west-1')), false);
    await expansion.expanded(profile);
    assert.strictEqual(expansion.isExpanded(region('eu-west-1')), true);
    await expansion.collapsed(region('eu-west-1'));
    assert.strictEqual(expansion.isExpanded(region('eu-west-1')), false, 'a region the user collapsed stays collapsed');
  });

  it('keeps at most 1000 ids, dropping the oldest, and takes ids like __proto__ as data', async () => {
    const store = new MapStore();
    const expansion = new Expansion(store);
    const proto = { kind: 'profile', id: '__proto__', parent: undefined } as unknown as Item;
    await expansion.expanded(proto);
    for (let i = 0; i < 1000; i++) await expansion.expanded({ kind: 'pool', id: `p${i}`, parent: profile } as unknown as Item);
    const saved = store.get<Record<string, boolean>>(STATE.expandedRows, {});
    assert.strictEqual(Object.keys(saved).length, 1000);
    assert.strictEqual(Object.hasOwn(saved, '__proto__'), false, 'the oldest went first');
    assert.strictEqual(saved.p999, true);
  });
});

describe('tree: the AWS config error row', () => {
  it('says the problem first and the file by its name; the full path stays in the tooltip', () => {
    const file = '/home/admin/.aws/config';
    const info = describeError(new AwsConfigError(file, "this section header has no closing ']'.", 23));
    assert.deepStrictEqual(info.location, { file, line: 23, reason: "this section header has no closing ']'." });
    assert.strictEqual(errorLabel(info), "line 23: this section header has no closing ']'. (config)");
    assert.ok(errorTooltip(info, undefined).replace(/\\/g, '').includes(file));
    assert.match(errorTooltip(info, undefined), /open the file at that line/);
  });

  it('keeps the message of a config error with no file (a profile problem)', () => {
    const info = describeError(new AwsConfigError(undefined, 'Profile "x": no region.'));
    assert.strictEqual(info.location, undefined);
    assert.strictEqual(errorLabel(info), 'Profile "x": no region.');
  });
});

describe('model: a pool\'s refresh (join rule, stale sessions)', () => {
  interface S {
    SessionId: string;
  }
  function pager() {
    const waiting: { resolve: () => void; fail?: unknown }[] = [];
    const requests: PageRequest[] = [];
    let fail: unknown;
    return {
      requests,
      failNext(e: unknown) {
        fail = e;
      },
      fetch: async (req: PageRequest) => {
        requests.push(req);
        const f = fail;
        fail = undefined;
        await new Promise<void>((resolve) => waiting.push({ resolve }));
        if (f !== undefined) throw f;
        return { sessions: [{ SessionId: `s${requests.length}` }] as S[], nextToken: undefined };
      },
      async release() {
        waiting.shift()?.resolve();
        await new Promise((r) => setImmediate(r));
      },
    };
  }

  it('a refresh while the first page is in flight joins it; once loaded, a refresh reads again', async () => {
    const p = pager();
    const sessions = new PoolSessions<S>(p.fetch, undefined);
    const first = sessions.ensureFirstPage();
    assert.strictEqual(sessions.refresh(), false, 'joined');
    assert.strictEqual(sessions.refresh(), false, 'joined again');
    await p.release();
    await first;
    assert.strictEqual(p.requests.length, 1);
    assert.strictEqual(sessions.refresh(), true, 'a new read once loaded');
  });

  it('a failed refresh keeps the sessions loaded before, stale, until a first page lands', async () => {
    const p = pager();
    const sessions = new PoolSessions<S>(p.fetch, undefined);
    const first = sessions.ensureFirstPage();
    await p.release();
    await first;
    assert.deepStrictEqual(sessions.sessions.map((s) => s.SessionId), ['s1']);
    sessions.refresh();
    p.failNext(new Error('denied'));
    const failing = sessions.ensureFirstPage();
    await p.release();
    await failing;
    assert.strictEqual(sessions.stale, true);
    assert.deepStrictEqual(sessions.sessions.map((s) => s.SessionId), ['s1'], 'kept');
    assert.ok(sessions.find('s1'));
    const retry = sessions.retry();
    await p.release();
    await retry;
    assert.strictEqual(sessions.stale, false);
    assert.deepStrictEqual(sessions.sessions.map((s) => s.SessionId), ['s3']);
    assert.strictEqual(sessions.find('s1'), undefined);
  });
});
