// The live view's interval setting (workspacesPools.autoRefreshSeconds): its bounds and how a value
// applies. Apart from the live view itself (autoRefresh.ts, its own bundle dist/live.js, loaded only
// once the setting is on) so that reading the settings never loads it. No `vscode` import.

/** Off by default: a tick spends the account's API request rate, which other tools share. */
export const AUTO_REFRESH_DEFAULT_SECONDS = 0;
/** The shortest interval: what a person watching can take in, and at most 6 ticks a minute. */
export const AUTO_REFRESH_MIN_SECONDS = 10;
export const AUTO_REFRESH_MAX_SECONDS = 3600;

/** The setting as it applies: 0 (off), or whole seconds within the bounds. */
export function autoRefreshSeconds(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(AUTO_REFRESH_MAX_SECONDS, Math.max(AUTO_REFRESH_MIN_SECONDS, Math.round(value)));
}
