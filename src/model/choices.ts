// What the user chose and the extension remembers: regions per profile, the user filter per pool.
// Kept in globalState (they follow the user, not a folder); any store of that shape works, so the
// unit tests use a Map. No `vscode` import.
import { STATE } from '../ids';

/** The part of vscode.Memento used here. */
export interface StateStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** A pool's keys: its tree id, and the key its filter had before ids were encoded. */
export interface PoolKey {
  id: string;
  legacyFilterKey: string;
}

export class Choices {
  constructor(private readonly store: StateStore) {}

  /** Regions chosen for a profile with Select Regions…, if any. */
  regions(profile: string): string[] | undefined {
    const chosen = own(this.store.get<Record<string, string[]>>(STATE.regionsByProfile, {}), profile);
    return Array.isArray(chosen) && chosen.length ? chosen : undefined;
  }

  async setRegions(profile: string, regions: string[]): Promise<void> {
    await this.store.update(STATE.regionsByProfile, withKey(this.store.get(STATE.regionsByProfile, {}), profile, regions.length ? regions : undefined));
  }

  /**
   * The user filter of a pool. A filter saved before ids were encoded (under `profile/region/poolId`
   * in the old map) still applies until the user sets or clears it; the two maps are apart because
   * an old key can equal a new id of another pool (profile `a%2Fb` then, `a/b` now).
   */
  filter(pool: PoolKey): string | undefined {
    const current = this.store.get<Record<string, string>>(STATE.userFilters, {});
    if (Object.hasOwn(current, pool.id)) return stringOrUndefined(current[pool.id]);
    return stringOrUndefined(own(this.store.get<Record<string, string>>(STATE.legacyUserFilters, {}), pool.legacyFilterKey));
  }

  /**
   * Whether any pool of a profile has a user filter, before its pools are listed: a key is the pool's
   * id, which starts with the profile's id (`profileId/`), or an old key (`profileName/`).
   */
  hasFilterUnder(profile: { id: string; name: string }): boolean {
    const current = this.store.get<Record<string, string>>(STATE.userFilters, {});
    const legacy = this.store.get<Record<string, string>>(STATE.legacyUserFilters, {});
    const under = (record: Record<string, string>, prefix: string) => Object.keys(record).some((k) => k.startsWith(prefix) && stringOrUndefined(record[k]) !== undefined);
    return under(current, `${profile.id}/`) || under(legacy, `${profile.name}/`);
  }

  async setFilter(pool: PoolKey, userId: string | undefined): Promise<void> {
    await this.store.update(STATE.userFilters, withKey(this.store.get(STATE.userFilters, {}), pool.id, userId || undefined));
    const legacy = this.store.get<Record<string, string>>(STATE.legacyUserFilters, {});
    if (Object.hasOwn(legacy, pool.legacyFilterKey)) await this.store.update(STATE.legacyUserFilters, withKey(legacy, pool.legacyFilterKey, undefined));
  }
}

// Keys are outside names (a profile may be called `__proto__` or `constructor`): only own
// properties count, and a write defines one instead of setting a prototype.
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function withKey<T>(record: Record<string, T>, key: string, value: T | undefined): Record<string, T> {
  const copy = { ...record };
  if (value === undefined) delete copy[key];
  else Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
