// The command table: id → handler, registered in one loop, every handler behind the one wrapper.
// Tree commands receive the node; from the palette they ask for what they need with quick picks.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import * as vscode from 'vscode';
import { POOL_REGIONS } from '../aws/regions';
import { isRecord } from '../core/guards';
import { checkRegions, isRegion } from '../core/regions';
import { asSessionRef, sessionJson, toSessionView, type KnownSession, type SessionRef } from '../core/session';
import { escapeIcons } from '../core/text';
import { CATEGORY, COMMANDS, type CommandId } from '../ids';
import type { ExplorerModel } from '../model/explorerModel';
import type { Item, PoolEntry, ProfileEntry } from '../model/items';
import { validateUserId } from './input';
import { pickPool, pickProfile, pickSession } from './pickers';
import { searchCommands, type SearchDeps } from './search';
import { startSsoLogin } from './ssoLogin';
import { Cancelled, UserError, wrapCommand, WrapperDeps } from './wrapper';

export interface CommandDeps extends WrapperDeps {
  model: ExplorerModel;
  view: vscode.TreeView<Item>;
  setProfilesSetting(profiles: string[]): Promise<void>;
  profilesSetting(): string[];
  /** Opens (or reveals) the details page of a session. */
  showDetails(ref: SessionRef, known?: KnownSession): void;
  /** What Find User's Sessions… and the quick search need besides the above. */
  search: Pick<SearchDeps, 'gateway' | 'searchView' | 'recent'>;
}

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
        if (!fromTree) await deps.view.reveal(pool, { expand: true, select: true, focus: false });
      },
    ],

    [COMMANDS.clearUserFilter]: [
      'Clear User Filter',
      async (arg) => {
        const pool = itemOf(arg, 'pool') ?? (await pickPool(model, 'Clear User Filter', (p) => p.userFilter !== undefined));
        await model.setUserFilter(pool, undefined);
      },
    ],

    [COMMANDS.copySessionId]: [
      'Copy Session ID',
      async (arg) => {
        const { session } = await sessionFrom(deps, arg, 'Copy Session ID');
        await vscode.env.clipboard.writeText(session.SessionId ?? '');
        statusMessage(`Copied session ID of ${session.UserId ?? ''}`);
      },
    ],

    [COMMANDS.copySessionJson]: [
      'Copy Session as JSON',
      async (arg) => {
        const { session } = await sessionFrom(deps, arg, 'Copy Session as JSON');
        await vscode.env.clipboard.writeText(sessionJson(toSessionView(session)));
        statusMessage(`Copied session of ${session.UserId ?? ''} as JSON`);
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
        const pool = itemOf(arg, 'loadMore')?.parent ?? itemOf(arg, 'pool');
        if (pool) await model.loadMore(pool);
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
        const name = ssoProfileOf(arg) ?? (await pickProfile(model, 'Sign In with IAM Identity Center', (p) => p.isSso)).name;
        await startSsoLogin(name, deps.log);
      },
    ],

    [COMMANDS.showSessionDetails]: [
      'Show Session Details',
      async (arg, knownArg) => {
        const ref = asSessionRef(arg);
        if (ref) {
          const item = itemOf(arg, 'session');
          deps.showDetails(ref, item ? { session: item.session, pool: item.parent.pool } : asKnown(knownArg));
          return;
        }
        const { pool, session } = await pickSession(model, 'Show Session Details');
        deps.showDetails(pool.sessionRef(session), { session, pool: pool.pool });
      },
    ],

    ...searchCommands({ ...deps.search, model, explorerView: deps.view, log: deps.log, showDetails: deps.showDetails }),
  };
}

/** `{ session, pool }` passed by a caller as the second argument of Show Session Details. */
function asKnown(value: unknown): KnownSession | undefined {
  if (!isRecord(value) || !isRecord(value.session)) return undefined;
  return { session: value.session as unknown as WorkspacesPoolSession, pool: isRecord(value.pool) ? (value.pool as unknown as WorkspacesPool) : undefined };
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  // The "Sign In" button of an SSO error starts the sign-in behind the same wrapper (its own errors,
  // e.g. no `aws` on the PATH, are shown the same way), without a command argument to forge.
  const table = commandTable(deps);
  const [ssoTitle] = table[COMMANDS.ssoLogin];
  const withSignIn: WrapperDeps = {
    ...deps,
    signIn: wrapCommand(COMMANDS.ssoLogin, `${CATEGORY}: ${ssoTitle}`, (profile: string) => startSsoLogin(profile, deps.log), deps),
  };
  return Object.entries(table).map(([id, [title, handler]]) => vscode.commands.registerCommand(id, wrapCommand(id, `${CATEGORY}: ${title}`, handler, withSignIn)));
}
