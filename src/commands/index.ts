// The command table: id → handler, every handler behind the one wrapper. The entry of dist/commands.js,
// loaded on the first command (src/commands/lazyCommands.ts registers the ids at activation).
// Tree commands receive the node; from the palette they ask for what they need with quick picks.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import vscode = require('vscode');
import { POOL_REGIONS } from '../aws/regions';
import { isRecord } from '../core/guards';
import { checkRegions, isRegion } from '../core/regions';
import { asSessionRef, sessionJson, toSessionView, type KnownSession, type SessionRef } from '../core/session';
import { showHidden } from '../core/invisible';
import { escapeIcons, oneLine } from '../core/text';
import { CATEGORY, COMMANDS, type CommandId } from '../ids';
import type { ExplorerModel } from '../model/explorerModel';
import type { Item, PoolEntry, ProfileEntry } from '../model/items';
import { focusFirstNew } from './loadMoreFocus';
import type { RevealRow } from '../tree/revealRow';
import { listSource, poolSource } from '../export/source';
import type { Gateway } from '../aws/lazyGateway';
import { exportOptionsOf, exportSessions } from './exportSessions';
import { validateUserId } from './input';
import { pickFilteredPool, pickPool, pickProfile, pickSession } from './pickers';
import type { SsoAccess } from '../aws/lazyGateway';
import { signInSso, signOutSso, type SsoCommandDeps } from './ssoLogin';
import { poolConfirmation, PoolActions, type PoolAction } from '../model/poolActions';
import type { StateStore } from '../model/choices';
import { RecentSearches } from '../model/recentSearches';
import { SessionActions, terminateSummary, type ActionsDeps, type Confirmation } from '../model/sessionActions';
import { SearchView } from '../tree/searchView';
import { refuseWhenReadOnly, requireConfirmation } from './confirm';
import { Cancelled, notify, UserError, wrapCommand, WrapperDeps } from './wrapper';
import { searchCommands } from './search';

export interface CommandDeps extends WrapperDeps {
  model: ExplorerModel;
  view: vscode.TreeView<Item>;
  setProfilesSetting(profiles: string[]): Promise<void>;
  profilesSetting(): string[];
  /** Opens (or reveals) the details page of a session; `preview`: in the one preview page (src/details/sessionDetails.ts). */
  showDetails(ref: SessionRef, known?: KnownSession, options?: { preview?: boolean }): void;
  /** IAM Identity Center sign-in and sign-out, and the AWS layer's reset after either. */
  sso: SsoAccess;
  resetAws(): void;
  /** The actions and the User Search view, made on the first command or API call that needs them (commandState()). */
  state(): CommandState;
  /** The modal confirmation of an action that changes AWS: true only when the user chose its button. */
  confirm(confirmation: Confirmation): Promise<boolean>;
  /** workspacesPools.readOnly: actions that change AWS are refused. */
  readOnly(): boolean;
  /** A session ended (terminated, or found gone): its open details page says so. */
  sessionEnded(ref: SessionRef): void;
  /** Export Sessions… reads a whole pool through it, leaving the tree's paging state alone. */
  gateway: Gateway;
  /**
   * Every reveal of a row (src/tree/revealRow.ts). Passed in, not imported: revealRow keeps what each
   * view has read in dist/explorer.js, where the explorer's reads are tracked; this bundle's own copy of the module
   * would know no view, and its reveals would not wait.
   */
  reveal: RevealRow;
}

/**
 * The sessions a Terminate was run on: the selection when the clicked row is part of it (the tree
 * passes `(item, selectedItems)`), else the one row or argument. Anything carrying a SessionRef
 * counts (explorer rows, search results, the details page's ref).
 */
function sessionRefsOf(arg: unknown, selected: unknown): SessionRef[] {
  const refOf = (value: unknown) => asSessionRef(itemOf(value, 'session') ?? value);
  const clicked = refOf(arg);
  if (Array.isArray(selected) && selected.length > 1 && selected.includes(arg)) {
    const refs = selected.map(refOf).filter((r): r is SessionRef => r !== undefined);
    if (refs.length) return refs;
  }
  return clicked ? [clicked] : [];
}

/** After a sign-in or sign-out: credentials resolve afresh, and the profiles of that session reload. */
function ssoDeps(deps: CommandDeps): SsoCommandDeps {
  return {
    sso: deps.sso,
    log: deps.log,
    changed: async (profile) => {
      deps.resetAws();
      let shown: ProfileEntry[];
      try {
        shown = await deps.model.profileList();
      } catch {
        return; // The files no longer read: the tree already says so, and the sign-in itself is done.
      }
      const session = shown.find((p) => p.name === profile)?.info.ssoSession;
      for (const p of shown) if (p.name === profile || (session !== undefined && p.info.ssoSession === session)) deps.model.refreshProfile(p);
    },
  };
}

const NO_SSO_PROFILE = 'No AWS profile uses IAM Identity Center (sso_session or sso_start_url in the AWS config file), so there is nothing to sign in to or out of.';

function statusMessage(text: string): void {
  vscode.window.setStatusBarMessage(`$(check) ${escapeIcons(text)}`, 3000);
}

/** The explorer item a command was run on (from the tree: the row; from the palette: nothing). */
function itemOf<K extends Item['kind']>(arg: unknown, kind: K): Extract<Item, { kind: K }> | undefined {
  return isRecord(arg) && arg.kind === kind && typeof arg.id === 'string' ? (arg as unknown as Extract<Item, { kind: K }>) : undefined;
}

async function sessionFrom(deps: CommandDeps, arg: unknown, title: string): Promise<{ pool: PoolEntry; session: WorkspacesPoolSession }> {
  const item = itemOf(arg, 'session');
  if (item) return { pool: item.parent, session: item.session };
  return pickSession(deps.model, title);
}

function ssoProfileOf(arg: unknown): string | undefined {
  return itemOf(arg, 'error')?.profile ?? itemOf(arg, 'profile')?.name;
}

type Handler = (...args: unknown[]) => unknown;

export function commandTable(deps: CommandDeps): Record<CommandId, [title: string, handler: Handler]> {
  const { model } = deps;
  const profileArg = async (arg: unknown, title: string): Promise<ProfileEntry> => itemOf(arg, 'profile') ?? pickProfile(model, title);
  return {
    [COMMANDS.refresh]: ['Refresh', () => model.refresh()],

    [COMMANDS.refreshProfile]: ['Refresh Profile', async (arg) => model.refreshProfile(await profileArg(arg, 'Refresh Profile'))],

    [COMMANDS.refreshPool]: ['Refresh Pool', async (arg) => model.refreshPool(itemOf(arg, 'pool') ?? (await pickPool(model, 'Refresh Pool')))],

    [COMMANDS.filterByUser]: [
      'Filter Sessions by User',
      async (arg) => {
        const fromTree = itemOf(arg, 'pool');
        const pool = fromTree ?? (await pickPool(model, 'Filter Sessions by User'));
        const value = await vscode.window.showInputBox({
          title: `Filter sessions of ${escapeIcons(pool.name)} by user`,
          prompt: 'The exact user ID (2 to 128 characters), sent to the service as UserId. Leave empty to clear the filter.',
          placeHolder: 'user id, e.g. alice@example.com',
          value: pool.userFilter ?? '',
          validateInput: validateUserId,
          ignoreFocusOut: true,
        });
        if (value === undefined) throw new Cancelled();
        await model.setUserFilter(pool, value.trim() || undefined);
        if (!fromTree) await deps.reveal(deps.view, pool, { expand: true, select: true, focus: false });
      },
    ],

    [COMMANDS.clearUserFilter]: [
      'Clear User Filter',
      async (arg) => {
        const pool = itemOf(arg, 'pool') ?? (await pickFilteredPool(model, 'Clear User Filter'));
        await model.setUserFilter(pool, undefined);
      },
    ],

    [COMMANDS.copySessionId]: [
      'Copy Session ID',
      async (arg) => {
        const { session } = await sessionFrom(deps, arg, 'Copy Session ID');
        await vscode.env.clipboard.writeText(session.SessionId ?? '');
        statusMessage(`Copied session ID of ${showHidden(session.UserId ?? '')}`);
      },
    ],

    [COMMANDS.copySessionJson]: [
      'Copy Session as JSON',
      async (arg) => {
        const { session } = await sessionFrom(deps, arg, 'Copy Session as JSON');
        await vscode.env.clipboard.writeText(sessionJson(toSessionView(session)));
        statusMessage(`Copied session of ${showHidden(session.UserId ?? '')} as JSON`);
      },
    ],

    [COMMANDS.selectRegions]: [
      'Select Regions…',
      async (arg) => {
        const profile = await profileArg(arg, 'Select Regions');
        // Offered: the regions of the service, and those in use if they are region codes (the
        // profile's own comes from the AWS config file, the current ones from settings or globalState).
        const current = checkRegions(model.regionsOf(profile)).valid;
        const own = isRegion(profile.info.region) ? [profile.info.region] : [];
        const regions = [...new Set([...POOL_REGIONS, ...current, ...own])];
        const chosen = await vscode.window.showQuickPick(
          regions.map((r) => ({
            label: escapeIcons(r),
            region: r,
            description: own.includes(r) ? "profile's region" : POOL_REGIONS.includes(r) ? undefined : 'WorkSpaces Pools not offered',
            picked: current.includes(r),
          })),
          { title: `Regions of ${escapeIcons(profile.name)}`, placeHolder: 'Regions to list pools from (none = the default)', canPickMany: true, ignoreFocusOut: true },
        );
        if (!chosen) throw new Cancelled();
        const { valid, invalid } = checkRegions(chosen.map((c) => c.region));
        if (invalid.length) throw new UserError(`Not a region code: ${invalid.map((r) => JSON.stringify(r)).join(', ')}. Regions look like us-east-1.`);
        await model.setRegions(profile, valid);
      },
    ],

    [COMMANDS.selectProfiles]: [
      'Select Profiles…',
      async () => {
        const all = await model.allProfiles();
        if (all.length === 0) throw new UserError('No profiles in the AWS config files.');
        const current = deps.profilesSetting();
        const chosen = await vscode.window.showQuickPick(
          all.map((p) => ({
            label: escapeIcons(p.name),
            name: p.name,
            description: p.region && escapeIcons(p.region),
            detail: p.kind,
            picked: current.length === 0 || current.includes(p.name),
          })),
          { title: 'Profiles shown in the explorer', placeHolder: 'All selected = every profile, including ones added later', canPickMany: true, ignoreFocusOut: true },
        );
        if (!chosen) throw new Cancelled();
        if (chosen.length === 0) throw new UserError('Select at least one profile.');
        await deps.setProfilesSetting(chosen.length === all.length ? [] : chosen.map((c) => c.name));
      },
    ],

    [COMMANDS.loadMore]: [
      'Load More',
      async (arg) => {
        const fromRow = itemOf(arg, 'loadMore');
        const pool = fromRow?.parent ?? itemOf(arg, 'pool');
        if (!pool) return;
        const before = pool.sessions.sessions.length;
        await model.loadMore(pool);
        // From the tree's row (click or Enter): the focus goes to the first new session.
        if (fromRow) await focusFirstNew(deps.view, pool, before, deps.reveal);
      },
    ],

    [COMMANDS.retry]: [
      'Retry',
      async (arg) => {
        await itemOf(arg, 'error')?.retry();
      },
    ],

    [COMMANDS.showLog]: ['Show Log', () => deps.showLog()],

    [COMMANDS.ssoLogin]: [
      'Sign In with IAM Identity Center',
      async (arg) => {
        const name = ssoProfileOf(arg) ?? (await pickProfile(model, 'Sign In with IAM Identity Center', (p) => p.isSso, NO_SSO_PROFILE)).name;
        await signInSso(name, ssoDeps(deps));
      },
    ],

    [COMMANDS.showSessionDetails]: [
      'Show Session Details',
      async (arg, knownArg) => {
        const ref = asSessionRef(arg);
        if (ref) {
          // A row of the tree (its click, Enter, its menu) opens in the preview page, as files do;
          // a bare reference (the API) opens a page of its own.
          const item = itemOf(arg, 'session');
          deps.showDetails(ref, item ? { session: item.session, pool: item.parent.pool } : asKnown(knownArg), { preview: !!item });
          return;
        }
        const { pool, session } = await pickSession(model, 'Show Session Details');
        deps.showDetails(pool.sessionRef(session), { session, pool: pool.pool }, { preview: true });
      },
    ],

    [COMMANDS.ssoSignOut]: [
      'Sign Out of IAM Identity Center',
      async (arg) => {
        const name = ssoProfileOf(arg) ?? (await pickProfile(model, 'Sign Out of IAM Identity Center', (p) => p.isSso, NO_SSO_PROFILE)).name;
        await signOutSso(name, ssoDeps(deps));
      },
    ],

    [COMMANDS.terminateSession]: [
      'Terminate Session…',
      async (arg, selected) => {
        refuseWhenReadOnly(deps.readOnly(), 'Terminate Session');
        let refs = sessionRefsOf(arg, selected);
        if (refs.length === 0) {
          const { pool, session } = await pickSession(model, 'Terminate Session');
          refs = [pool.sessionRef(session)];
        }
        await requireConfirmation(deps.confirm, deps.state().sessionActions.confirmation(refs));
        const { outcomes } = await deps.state().sessionActions.terminate(refs);
        for (const o of outcomes) if (o.result !== 'refused') deps.sessionEnded(o.ref);
        const summary = terminateSummary(outcomes);
        void notify(summary.level, summary.text, ...(summary.level === 'info' ? [] : ['Show Log'])).then((choice) => {
          if (choice === 'Show Log') deps.showLog();
        });
      },
    ],

    [COMMANDS.startPool]: ['Start Pool…', (arg) => poolAction(deps, 'start', arg)],

    [COMMANDS.stopPool]: ['Stop Pool…', (arg) => poolAction(deps, 'stop', arg)],
    [COMMANDS.exportSearchResults]: [
      'Export Search Results…',
      async (_arg, options) => {
        const search = deps.state().searchView.current;
        if (!search) throw new UserError("No search results to export: run Find User's Sessions… first.");
        // What the results view holds now (a search still running exports what has arrived).
        const records = search.found().map((f) => ({ profile: f.profile, region: f.region, session: f.session }));
        if (records.length === 0) throw new UserError(`The search for ${oneLine(search.userId)} found no session: there is nothing to export.`);
        const source = listSource(`search results for ${oneLine(search.userId)}`, records, `search-${search.userId}`);
        return exportSessions(source, deps.log, exportOptionsOf(options));
      },
    ],

    [COMMANDS.exportSessions]: [
      'Export Sessions…',
      async (arg, options) => {
        // A pool the explorer knows, looked up by the row's id (an argument is never taken for a pool as it is).
        const fromTree = itemOf(arg, 'pool');
        const pool = (fromTree && model.knownPools().find((p) => p.id === fromTree.id)) ?? (await pickPool(model, 'Export Sessions'));
        const source = poolSource(deps.gateway, { profile: pool.profile, region: pool.region, poolId: pool.poolId, name: pool.name, userId: pool.userFilter });
        return exportSessions(source, deps.log, exportOptionsOf(options));
      },
    ],

    ...searchCommands({ gateway: deps.gateway, searchView: deps.state().searchView, recent: deps.state().recent, model, explorerView: deps.view, log: deps.log, showDetails: deps.showDetails, reveal: deps.reveal }),
  };
}

async function poolAction(deps: CommandDeps, action: PoolAction, arg: unknown): Promise<void> {
  const title = action === 'start' ? 'Start Pool' : 'Stop Pool';
  refuseWhenReadOnly(deps.readOnly(), title);
  const pool = itemOf(arg, 'pool') ?? (await pickPool(deps.model, title));
  await requireConfirmation(deps.confirm, poolConfirmation(action, pool));
  const outcome = await deps.state().poolActions.run(action, pool);
  if (!outcome.ok) {
    void notify('error', `${title}: ${pool.name} was not ${action === 'start' ? 'started' : 'stopped'}: ${outcome.reason}`, 'Show Log').then((choice) => {
      if (choice === 'Show Log') deps.showLog();
    });
    return;
  }
  statusMessage(`${action === 'start' ? 'Starting' : 'Stopping'} pool ${pool.name}`);
  void outcome.settled.then((state) => {
    if (state) void notify('info', `Pool ${pool.name} is ${state}.`);
  });
}

/** `{ session, pool }` passed by a caller as the second argument of Show Session Details. */
function asKnown(value: unknown): KnownSession | undefined {
  if (!isRecord(value) || !isRecord(value.session)) return undefined;
  return { session: value.session as unknown as WorkspacesPoolSession, pool: isRecord(value.pool) ? (value.pool as unknown as WorkspacesPool) : undefined };
}

/**
 * What only the commands use, and the extension's API shows (src/extension.ts): the actions that change
 * AWS, with what they watch (a pool recovering), and the User Search view with its recent searches.
 * Made once, on the first command or API call that needs them, so that activation loads none of it.
 */
export interface CommandState {
  sessionActions: SessionActions;
  poolActions: PoolActions;
  searchView: SearchView;
  recent: RecentSearches;
}

export interface CommandStateDeps extends ActionsDeps {
  globalState: StateStore;
  /** trackReads() of src/tree/revealRow.ts, the one in dist/explorer.js (see CommandDeps.reveal). */
  trackReads: ConstructorParameters<typeof SearchView>[0];
}

export function commandState(deps: CommandStateDeps): CommandState {
  const actions: ActionsDeps = { gateway: deps.gateway, model: deps.model, log: deps.log };
  return {
    sessionActions: new SessionActions(actions),
    poolActions: new PoolActions(actions),
    searchView: new SearchView(deps.trackReads),
    recent: new RecentSearches(deps.globalState),
  };
}

/**
 * Every command's handler behind the one wrapper, by id. This module is the entry of dist/commands.js:
 * activation registers the ids (src/commands/lazyCommands.ts) and asks for these on the first command.
 */
export function commandHandlers(deps: CommandDeps): Record<CommandId, Handler> {
  // The "Sign In" button of an SSO error starts the sign-in behind the same wrapper (its own errors,
  // e.g. a denied code, are shown the same way), without a command argument to forge.
  const table = commandTable(deps);
  const [ssoTitle] = table[COMMANDS.ssoLogin];
  const withSignIn: WrapperDeps = {
    ...deps,
    signIn: wrapCommand(COMMANDS.ssoLogin, `${CATEGORY}: ${ssoTitle}`, (profile: string) => signInSso(profile, ssoDeps(deps)), deps),
  };
  const entries = Object.entries(table) as [CommandId, [string, Handler]][];
  return Object.fromEntries(entries.map(([id, [title, handler]]) => [id, wrapCommand(id, `${CATEGORY}: ${title}`, handler, withSignIn)])) as Record<CommandId, Handler>;
}
