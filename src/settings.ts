// Typed access to the extension's settings: the one place that knows their names and limits.
import vscode = require('vscode');
import { checkRegions } from './core/regions';
import { SETTINGS, SETTINGS_SECTION } from './ids';
import { autoRefreshSeconds } from './model/autoRefreshInterval';

export interface Settings {
  /** Profiles shown in the explorer; empty = all. */
  profiles: string[];
  /** Default regions for profiles with no regions chosen; empty = each profile's own region. Region codes only. */
  regions: string[];
  /** Sessions per DescribeWorkspacesPoolSessions page (1-50). */
  pageSize: number;
  /** Timeout of one attempt of an AWS request, in milliseconds. */
  requestTimeoutMs: number;
  /** Overall deadline of one AWS call (waiting for a slot, all attempts), in milliseconds. */
  callDeadlineMs: number;
  /** Actions that change AWS are hidden and refused. */
  readOnly: boolean;
  /** Auto-refresh interval in seconds; 0 = off (src/model/autoRefreshInterval.ts holds the bounds). */
  autoRefreshSeconds: number;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()))] : [];
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    profiles: strings(c.get(SETTINGS.profiles)),
    // The schema's pattern only underlines a bad value in the editor; the value still arrives. A
    // region goes into a host name, a signature and messages: what is not a region code is dropped
    // here (and reported once by invalidRegionsSetting()).
    regions: checkRegions(strings(c.get(SETTINGS.regions))).valid,
    pageSize: clamp(c.get(SETTINGS.pageSize), 1, 50, 50),
    requestTimeoutMs: clamp(c.get(SETTINGS.requestTimeoutSeconds), 1, 300, 10) * 1000,
    // At most 2 minutes whatever a workspace sets: a call holds one of its profile's 4 slots until it ends.
    callDeadlineMs: clamp(c.get(SETTINGS.callDeadlineSeconds), 1, 120, 20) * 1000,
    // Read when asked: `inspect()` costs far more than `get()` in the extension host (it works out every
    // scope and language override), and most readers (every request's timeout, activation) never ask.
    get readOnly() {
      return readOnlySetting();
    },
    autoRefreshSeconds: autoRefreshSeconds(c.get(SETTINGS.autoRefreshSeconds)),
  };
}

/**
 * workspacesPools.readOnly as the user set it. The schema's "application" scope already keeps a
 * folder's value out of get(); reading only the user's own values here says so in code as well, so
 * that a cloned repository's .vscode/settings.json can never turn the actions back on.
 */
export function readOnlySetting(): boolean {
  const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<boolean>(SETTINGS.readOnly);
  return (inspected?.globalValue ?? inspected?.defaultValue) === true;
}

/** The values of workspacesPools.regions that are not region codes (readSettings() leaves them out). */
export function invalidRegionsSetting(): unknown[] {
  const value: unknown = vscode.workspace.getConfiguration(SETTINGS_SECTION).get(SETTINGS.regions);
  return Array.isArray(value) ? checkRegions(value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '')).invalid : [];
}

export async function setProfiles(profiles: string[]): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(SETTINGS.profiles, profiles, vscode.ConfigurationTarget.Global);
}

/** Fires when one of the named settings changes. */
export function onSettingsChanged(keys: (keyof typeof SETTINGS)[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (keys.some((k) => e.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS[k]}`))) listener();
  });
}
