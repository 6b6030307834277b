// The extension's remembered state (VS Code's globalState) for plain-Node tests of the model: a Map.
import type { StateStore } from '../../src/model/choices';

export class MapStore implements StateStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T {
    return (this.data.has(key) ? this.data.get(key) : defaultValue) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, value);
  }
}
