// What the user chose and the extension remembers: regions per profile, the user filter per pool.
// Kept in globalState (they follow the user, not a folder); any store of that shape works, so the
// unit tests use a Map. No `vscode` import.
import { STATE } from '../ids';

/** The part of vscode.Memento used here. */
export interface StateStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): PromiseLike<void>;
}

export class Choices {
  constructor(private readonly store: StateStore) {}

  /** Regions chosen for a profile with Select Regions…, if any. */
  regions(profile: string): string[] | undefined {
    const chosen = this.store.get<Record<string, string[]>>(STATE.regionsByProfile, {})[profile];
    return chosen?.length ? chosen : undefined;
  }

  async setRegions(profile: string, regions: string[]): Promise<void> {
    const all = { ...this.store.get<Record<string, string[]>>(STATE.regionsByProfile, {}) };
    if (regions.length) all[profile] = regions;
    else delete all[profile];
    await this.store.update(STATE.regionsByProfile, all);
  }

  /** The user filter of a pool, by the pool's tree id. */
  filter(poolKey: string): string | undefined {
    return this.store.get<Record<string, string>>(STATE.userFilters, {})[poolKey];
  }

  async setFilter(poolKey: string, userId: string | undefined): Promise<void> {
    const all = { ...this.store.get<Record<string, string>>(STATE.userFilters, {}) };
    if (userId) all[poolKey] = userId;
    else delete all[poolKey];
    await this.store.update(STATE.userFilters, all);
  }
}
