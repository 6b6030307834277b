// The command table: id → handler, registered in one loop, every handler behind the one wrapper.
// Tree commands receive the node; from the palette they ask for what they need with quick picks.
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import * as vscode from 'vscode';
import { escapeIcons, sessionJson } from '../tree/format';
import type { ExplorerTree } from '../tree/explorerTree';
import { ErrorNode, LoadMoreNode, Node, PoolNode, ProfileNode, SessionNode } from '../tree/nodes';
import { shellQuote, validateUserId } from './input';
import { pickPool, pickProfile, pickSession } from './pickers';
import { Cancelled, UserError, wrapCommand, WrapperDeps } from './wrapper';

export interface CommandDeps extends WrapperDeps {
  tree: ExplorerTree;
  view: vscode.TreeView<Node>;
  /** Regions where WorkSpaces Pools are offered. */
  poolRegions(): readonly string[];
  setProfilesSetting(profiles: string[]): Promise<void>;
  profilesSetting(): string[];
}

const CATEGORY = 'WorkSpaces Pools';

function statusMessage(text: string): void {
  vscode.window.setStatusBarMessage(`$(check) ${escapeIcons(text)}`, 3000);
}

async function sessionFrom(deps: CommandDeps, node: unknown, title: string): Promise<{ pool: PoolNode; session: WorkspacesPoolSession }> {
  if (node instanceof SessionNode) return { pool: node.parent, session: node.session };
  return pickSession(deps.tree, title);
}

function ssoProfileOf(node: unknown): string | undefined {
  if (node instanceof ErrorNode) return node.profile;
  if (node instanceof ProfileNode) return node.name;
  return undefined;
}

type Handler = (...args: unknown[]) => unknown;

export function commandTable(deps: CommandDeps): Record<string, [title: string, handler: Handler]> {
  const { tree } = deps;
  return {
    'workspacesPools.refresh': ['Refresh', () => tree.refreshAll()],

    'workspacesPools.refreshProfile': [
      'Refresh Profile',
      async (node) => tree.refreshProfile(node instanceof ProfileNode ? node : await pickProfile(tree, 'Refresh Profile')),
    ],

    'workspacesPools.refreshPool': [
      'Refresh Pool',
      async (node) => tree.refreshPool(node instanceof PoolNode ? node : await pickPool(tree, 'Refresh Pool')),
    ],

    'workspacesPools.filterByUser': [
      'Filter Sessions by User',
      async (node) => {
        const pool = node instanceof PoolNode ? node : await pickPool(tree, 'Filter Sessions by User');
        const value = await vscode.window.showInputBox({
          title: `Filter sessions of ${escapeIcons(pool.name)} by user`,
          prompt: 'The exact user ID (2 to 128 characters), sent to the service as UserId. Leave empty to clear the filter.',
          placeHolder: 'user id, e.g. alice@example.com',
          value: pool.userFilter ?? '',
          validateInput: validateUserId,
          ignoreFocusOut: true,
        });
        if (value === undefined) throw new Cancelled();
        await tree.setUserFilter(pool, value.trim() || undefined);
        if (!(node instanceof PoolNode)) await deps.view.reveal(pool, { expand: true, select: true, focus: false });
      },
    ],

    'workspacesPools.clearUserFilter': [
      'Clear User Filter',
      async (node) => {
        const pool = node instanceof PoolNode ? node : await pickPool(tree, 'Clear User Filter', (p) => p.userFilter !== undefined);
        await tree.setUserFilter(pool, undefined);
      },
    ],

    'workspacesPools.copySessionId': [
      'Copy Session ID',
      async (node) => {
        const { session } = await sessionFrom(deps, node, 'Copy Session ID');
        await vscode.env.clipboard.writeText(session.SessionId ?? '');
        statusMessage(`Copied session ID of ${session.UserId ?? ''}`);
      },
    ],

    'workspacesPools.copySessionJson': [
      'Copy Session as JSON',
      async (node) => {
        const { session } = await sessionFrom(deps, node, 'Copy Session as JSON');
        await vscode.env.clipboard.writeText(sessionJson(session));
        statusMessage(`Copied session of ${session.UserId ?? ''} as JSON`);
      },
    ],

    'workspacesPools.selectRegions': [
      'Select Regions…',
      async (node) => {
        const profile = node instanceof ProfileNode ? node : await pickProfile(tree, 'Select Regions');
        const current = new Set(profile.regionList());
        const regions = [...new Set([...deps.poolRegions(), ...current, ...(profile.info.region ? [profile.info.region] : [])])];
        const chosen = await vscode.window.showQuickPick(
          regions.map((r) => ({
            label: r,
            description: r === profile.info.region ? "profile's region" : deps.poolRegions().includes(r) ? undefined : 'WorkSpaces Pools not offered',
            picked: current.has(r),
          })),
          { title: `Regions of ${escapeIcons(profile.name)}`, placeHolder: 'Regions to list pools from (none = the default)', canPickMany: true, ignoreFocusOut: true },
        );
        if (!chosen) throw new Cancelled();
        await tree.setRegions(profile, chosen.map((c) => c.label));
      },
    ],

    'workspacesPools.selectProfiles': [
      'Select Profiles…',
      async () => {
        const all = await tree.allProfiles();
        if (all.length === 0) throw new UserError('No profiles in the AWS config files.');
        const current = deps.profilesSetting();
        const chosen = await vscode.window.showQuickPick(
          all.map((p) => ({ label: escapeIcons(p.name), name: p.name, description: p.region, detail: p.kind, picked: current.length === 0 || current.includes(p.name) })),
          { title: 'Profiles shown in the explorer', placeHolder: 'All selected = every profile, including ones added later', canPickMany: true, ignoreFocusOut: true },
        );
        if (!chosen) throw new Cancelled();
        if (chosen.length === 0) throw new UserError('Select at least one profile.');
        await deps.setProfilesSetting(chosen.length === all.length ? [] : chosen.map((c) => c.name));
      },
    ],

    'workspacesPools.loadMore': [
      'Load More',
      async (node) => {
        if (node instanceof LoadMoreNode) await node.parent.loadMore();
        else if (node instanceof PoolNode) await node.loadMore();
      },
    ],

    'workspacesPools.retry': [
      'Retry',
      async (node) => {
        if (node instanceof ErrorNode) await node.retry();
      },
    ],

    'workspacesPools.showLog': ['Show Log', () => deps.showLog()],

    'workspacesPools.ssoLogin': [
      'Sign In with IAM Identity Center',
      async (node) => {
        const name =
          ssoProfileOf(node) ??
          (await pickProfile(tree, 'Sign In with IAM Identity Center', (p) => p.info.kind === 'sso' || p.info.kind === 'sso-legacy')).name;
        const terminal = vscode.window.createTerminal({ name: `AWS SSO: ${name}` });
        terminal.show();
        terminal.sendText(`aws sso login --profile ${shellQuote(name)}`);
        deps.log.info(`sso: started aws sso login for profile ${name}`);
      },
    ],
  };
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commandTable(deps)).map(([id, [title, handler]]) =>
    vscode.commands.registerCommand(id, wrapCommand(id, `${CATEGORY}: ${title}`, handler, deps)),
  );
}
