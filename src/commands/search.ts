// Find User's Sessions… and the quick search over what is loaded: their handlers, for the command
// table in index.ts. The search itself is src/model/userSearch.ts; its view src/tree/searchView.ts.
import vscode = require('vscode');
import { bidiClosers, escapeIcons, oneLine } from '../core/text';
import { COMMANDS, SEARCH_VIEW } from '../ids';
import type { ExplorerModel } from '../model/explorerModel';
import type { Item, SessionItem } from '../model/items';
import { matchSessions } from '../model/quickSearch';
import type { RecentSearches } from '../model/recentSearches';
import { UserSearch, type SearchScope } from '../model/userSearch';
import type { Gateway } from '../aws/lazyGateway';
import type { SearchView } from '../tree/searchView';
import type { RevealRow } from '../tree/revealRow';
import type { KnownSession, SessionRef } from '../core/session';
import { isRecord } from '../core/guards';
import { validateUserId } from './input';
import { Cancelled, UserError } from './wrapper';
import type { Log } from '../core/log';

export interface SearchDeps {
  model: ExplorerModel;
  gateway: Pick<Gateway, 'sessionsPage' | 'describeError'>;
  searchView: SearchView;
  recent: RecentSearches;
  explorerView: vscode.TreeView<Item>;
  log: Log;
  showDetails(ref: SessionRef, known?: KnownSession): void;
  /** CommandDeps.reveal (src/tree/revealRow.ts). */
  reveal: RevealRow;
}

type Handler = (...args: unknown[]) => unknown;

/** The scope of a search run on a row: a profile, or one region of a profile; none from the palette (the title bars run findUserSessionsEverywhere). */
function scopeOf(arg: unknown): SearchScope {
  if (!isRecord(arg) || typeof arg.id !== 'string') return {};
  if (arg.kind === 'profile' && isRecord(arg.info) && typeof arg.info.name === 'string') return { profile: arg.info.name };
  if (arg.kind === 'region' && isRecord(arg.parent) && isRecord(arg.parent.info) && typeof arg.parent.info.name === 'string' && typeof arg.region === 'string') {
    return { profile: arg.parent.info.name, region: arg.region };
  }
  return {};
}

function scopeText(scope: SearchScope): string {
  if (scope.region !== undefined) return ` in ${oneLine(scope.profile ?? '')} · ${scope.region}`;
  if (scope.profile !== undefined) return ` in ${oneLine(scope.profile)}`;
  return '';
}

/** Checked as the pool filter checks it, except that empty is no search. */
function checkUserId(value: string): string | undefined {
  if (value.trim() === '') return 'Type a user ID (2 to 128 characters): the exact user, as the service filters on it.';
  return validateUserId(value);
}

/** Asks for a user id, offering the recent searches; the typed value is checked as it is typed. */
async function askUserId(recent: string[], scope: SearchScope): Promise<string> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { userId?: string }>();
  qp.title = `Find User's Sessions${escapeIcons(scopeText(scope))}`;
  qp.placeholder = 'The exact user ID, e.g. alice@example.com (recent searches below)';
  qp.ignoreFocusOut = true;
  const recentItems = recent.map((id) => ({ label: escapeIcons(id), description: 'recent search', userId: id }));
  const render = () => {
    const value = qp.value.trim();
    if (value === '') {
      qp.items = recentItems;
      return;
    }
    const problem = checkUserId(value);
    // alwaysShow: the typed value is offered whatever the quick pick's own matching thinks of it.
    const typed = problem
      ? { label: `$(error) ${escapeIcons(problem)}`, alwaysShow: true }
      : { label: `$(search) ${escapeIcons(value)}`, description: 'search for this user', alwaysShow: true, userId: value };
    qp.items = [typed, ...recentItems.filter((i) => i.userId !== value)];
  };
  render();
  try {
    return await new Promise<string>((resolve, reject) => {
      qp.onDidChangeValue(render);
      qp.onDidAccept(() => {
        const chosen = qp.selectedItems[0]?.userId;
        if (chosen !== undefined) resolve(chosen);
      });
      qp.onDidHide(() => reject(new Cancelled()));
      qp.show();
    });
  } finally {
    qp.dispose();
  }
}

/** Runs (or runs again) the search shown, with progress and Cancel; resolves when it ends. */
async function runSearch(search: UserSearch): Promise<void> {
  const running = search.start();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Finding sessions of ${oneLine(search.userId)}`, cancellable: true },
    async (progress, token) => {
      const cancel = token.onCancellationRequested(() => search.cancel());
      const sub = search.onDidChange(() => progress.report({ message: search.summaryText() }));
      try {
        await running;
      } finally {
        cancel.dispose();
        sub.dispose();
      }
    },
  );
  void vscode.window.withProgress({ location: { viewId: SEARCH_VIEW } }, () => search.finished());
}

export function searchCommands(deps: SearchDeps): Record<typeof COMMANDS.findUserSessions | typeof COMMANDS.findUserSessionsEverywhere | typeof COMMANDS.refreshSearch | typeof COMMANDS.clearSearch | typeof COMMANDS.quickSearch, [string, Handler]> {
  const find = async (scope: SearchScope, userIdArg: unknown): Promise<UserSearch> => {
    const userId = typeof userIdArg === 'string' ? userIdArg.trim() : await askUserId(deps.recent.list(), scope);
    const problem = checkUserId(userId);
    if (problem) throw new UserError(problem);
    await deps.recent.add(userId);
    const search = new UserSearch(userId, scope, { model: deps.model, gateway: deps.gateway, log: (line) => deps.log.info(line) });
    deps.searchView.show(search);
    void vscode.commands.executeCommand(`${SEARCH_VIEW}.focus`);
    await runSearch(search);
    return search;
  };
  return {
    [COMMANDS.findUserSessions]: [
      "Find User's Sessions…",
      // (row or nothing, user id): the user id argument is for scripts and tests; people are asked.
      (arg, userIdArg) => find(scopeOf(arg), userIdArg),
    ],

    // The view title bars' button: every profile and region, whatever row has the focus. VS Code runs
    // a tree view's title actions with its focused row as the first argument ($focusedTreeItem), so
    // with findUserSessions a click on a profile row, then on the title bar, searched that profile
    // alone (seen in the UI tests in a shuffled order: "1 profiles, 1 regions").
    [COMMANDS.findUserSessionsEverywhere]: ["Find User's Sessions…", () => find({}, undefined)],

    [COMMANDS.refreshSearch]: [
      'Refresh Search',
      async () => {
        const search = deps.searchView.current;
        if (!search) throw new UserError("No search to refresh: run Find User's Sessions… first.");
        await runSearch(search);
      },
    ],

    [COMMANDS.clearSearch]: ['Clear Search Results', () => deps.searchView.clear()],

    [COMMANDS.quickSearch]: [
      'Quick Search Loaded Sessions…',
      // (query): for scripts and tests, picks the first match without asking.
      async (queryArg) => {
        const explorer = deps.model.knownPools().flatMap((p) => (p.sessions.loaded ? p.sessionItemList() : []));
        const found = deps.searchView.current?.sessionItems() ?? [];
        const all: { item: SessionItem; inSearch: boolean }[] = [...explorer.map((item) => ({ item, inSearch: false })), ...found.map((item) => ({ item, inSearch: true }))];
        if (all.length === 0) throw new UserError('No session is loaded yet: expand a pool, or use Find User\'s Sessions….');
        const chosen = typeof queryArg === 'string' ? matchAll(queryArg, all)[0] : await pickLoaded(all);
        if (!chosen) throw new UserError(`No loaded session matches ${JSON.stringify(queryArg)}.`);
        const { item, inSearch } = chosen;
        if (inSearch) await deps.reveal(deps.searchView.view, item, { select: true, focus: false, expand: true });
        else await deps.reveal(deps.explorerView, item, { select: true, focus: false, expand: true });
        // A plain ref: the details page posts it to the webview, and an item holds its (circular) tree.
        deps.showDetails(item.parent.sessionRef(item.session), { session: item.session, pool: item.parent.pool });
        return { item, inSearch };
      },
    ],
  };
}

type Loaded = { item: SessionItem; inSearch: boolean };

function matchAll(query: string, all: Loaded[]): Loaded[] {
  const items = new Set(matchSessions(query, all.map((a) => a.item)));
  return all.filter((a) => items.has(a.item));
}

async function pickLoaded(all: Loaded[]): Promise<Loaded> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { loaded: Loaded }>();
  qp.title = 'Quick Search Loaded Sessions';
  qp.placeholder = 'Part of a user ID, session ID, instance ID, ENI ID or private IP (no request is sent)';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.ignoreFocusOut = true;
  const toItem = (loaded: Loaded) => {
    const s = loaded.item.session;
    const net = s.NetworkAccessConfiguration;
    return {
      label: escapeIcons(s.UserId ?? ''),
      description: bidiClosers(s.UserId ?? '') + escapeIcons(s.SessionId ?? ''),
      detail: escapeIcons(
        [loaded.inSearch ? 'search results' : 'explorer', loaded.item.parent.name, loaded.item.profile, loaded.item.region, s.InstanceId, net?.EniId, net?.EniPrivateIpAddress]
          .filter(Boolean)
          .join(' · '),
      ),
      // The matching is ours (a substring of five fields), not the quick pick's fuzzy one.
      alwaysShow: true,
      loaded,
    };
  };
  const render = () => (qp.items = matchAll(qp.value, all).slice(0, 500).map(toItem));
  render();
  try {
    return await new Promise<Loaded>((resolve, reject) => {
      qp.onDidChangeValue(render);
      qp.onDidAccept(() => {
        const chosen = qp.selectedItems[0];
        if (chosen) resolve(chosen.loaded);
      });
      qp.onDidHide(() => reject(new Cancelled()));
      qp.show();
    });
  } finally {
    qp.dispose();
  }
}
