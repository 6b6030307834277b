// The user ids searched with Find User's Sessions…, most recent first, offered the next time. Kept
// in globalState like the other remembered choices (choices.ts); no `vscode` import.
import { STATE } from '../ids';
import type { StateStore } from './choices';

const KEEP = 10;

export class RecentSearches {
  constructor(private readonly store: StateStore) {}

  list(): string[] {
    const saved = this.store.get<unknown>(STATE.recentUserSearches, []);
    return Array.isArray(saved) ? saved.filter((v): v is string => typeof v === 'string' && v !== '').slice(0, KEEP) : [];
  }

  async add(userId: string): Promise<void> {
    await this.store.update(STATE.recentUserSearches, [userId, ...this.list().filter((v) => v !== userId)].slice(0, KEEP));
  }
}
