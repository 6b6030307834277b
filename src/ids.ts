// Every id the extension shares with package.json: commands, the view, the webview type, settings,
// context keys and saved-state keys. No `vscode` import; test/unit/ids.test.ts holds it against
// package.json, so a rename in one place and not the other fails.

export const COMMANDS = {
  refresh: 'workspacesPools.refresh',
  refreshProfile: 'workspacesPools.refreshProfile',
  refreshPool: 'workspacesPools.refreshPool',
  filterByUser: 'workspacesPools.filterByUser',
  clearUserFilter: 'workspacesPools.clearUserFilter',
  copySessionId: 'workspacesPools.copySessionId',
  copySessionJson: 'workspacesPools.copySessionJson',
  selectRegions: 'workspacesPools.selectRegions',
  selectProfiles: 'workspacesPools.selectProfiles',
  loadMore: 'workspacesPools.loadMore',
  retry: 'workspacesPools.retry',
  showLog: 'workspacesPools.showLog',
  ssoLogin: 'workspacesPools.ssoLogin',
  showSessionDetails: 'workspacesPools.showSessionDetails',
  ssoSignOut: 'workspacesPools.ssoSignOut',
  terminateSession: 'workspacesPools.terminateSession',
  startPool: 'workspacesPools.startPool',
  stopPool: 'workspacesPools.stopPool',
  exportSessions: 'workspacesPools.exportSessions',
  exportSearchResults: 'workspacesPools.exportSearchResults',
  findUserSessions: 'workspacesPools.findUserSessions',
  /** The title bars' Find User's Sessions…: ignores the focused row VS Code passes (src/commands/search.ts). */
  findUserSessionsEverywhere: 'workspacesPools.findUserSessionsEverywhere',
  refreshSearch: 'workspacesPools.refreshSearch',
  clearSearch: 'workspacesPools.clearSearch',
  quickSearch: 'workspacesPools.quickSearch',
} as const;

/** The commands that change AWS: confirmed, hidden and refused while workspacesPools.readOnly is on. */
export const CHANGING_COMMANDS: readonly CommandId[] = [COMMANDS.terminateSession, COMMANDS.startPool, COMMANDS.stopPool];

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The palette's category of every command. */
export const CATEGORY = 'WorkSpaces Pools';

export const VIEW_CONTAINER = 'workspacesPools';
export const EXPLORER_VIEW = 'workspacesPools.explorer';
/** The results of Find User's Sessions…, in the same container. */
export const SEARCH_VIEW = 'workspacesPools.searchResults';
export const DETAILS_WEBVIEW = 'workspacesPools.sessionDetails';

/** Settings, under SETTINGS_SECTION. */
export const SETTINGS_SECTION = 'workspacesPools';
export const SETTINGS = {
  profiles: 'profiles',
  regions: 'regions',
  pageSize: 'pageSize',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  callDeadlineSeconds: 'callDeadlineSeconds',
  readOnly: 'readOnly',
  autoRefreshSeconds: 'autoRefreshSeconds',
} as const;

/** Context keys for `when` clauses. */
export const CONTEXT = {
  /** 'ok' | 'noProfiles' | 'error': the welcome view shows on 'noProfiles'. */
  profilesState: 'workspacesPools.profilesState',
  /** true while workspacesPools.readOnly is on: the menus hide the actions that change AWS. */
  readOnly: 'workspacesPools.readOnly',
  /** True while the User Search view holds a search (its welcome text shows otherwise). */
  searchShown: 'workspacesPools.searchShown',
} as const;

/** Keys in globalState: remembered choices follow the user, not a folder. */
export const STATE = {
  regionsByProfile: 'workspacesPools.regionsByProfile',
  /** User filter per pool, by the pool's tree id (encoded names, src/model/itemIds.ts). */
  userFilters: 'workspacesPools.poolUserFilters',
  /** The same before ids were encoded, by `profile/region/poolId` as they are: read, never written. */
  legacyUserFilters: 'workspacesPools.userFilters',
  /** Rows expanded (true) or collapsed (false) by the user, by tree id: kept across window reloads. */
  expandedRows: 'workspacesPools.expandedRows',
  /** User ids searched with Find User's Sessions…, most recent first. */
  recentUserSearches: 'workspacesPools.recentUserSearches',
} as const;
