// Quick picks that let every palette command work without a selection: profile → pool → session.
// They read and fill the same caches as the tree, so what one loads the other shows.
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import * as vscode from 'vscode';
import { bidiClosers, escapeIcons } from '../tree/format';
import type { ExplorerTree } from '../tree/explorerTree';
import type { PoolNode, ProfileNode } from '../tree/nodes';
import { Cancelled, UserError } from './wrapper';

interface Item<T> extends vscode.QuickPickItem {
  value?: T;
  action?: 'loadMore' | 'choosePool';
}

/** A quick pick that resolves with the chosen value, or throws Cancelled when dismissed. */
async function pick<T>(title: string, placeholder: string, items: Item<T>[]): Promise<T> {
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: placeholder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  if (!chosen?.value) throw new Cancelled();
  return chosen.value;
}

export async function pickProfile(tree: ExplorerTree, title: string, filter: (p: ProfileNode) => boolean = () => true): Promise<ProfileNode> {
  const profiles = (await tree.profileList()).filter(filter);
  if (profiles.length === 0) throw new UserError('No AWS profile to choose from. Check the AWS config files and the workspacesPools.profiles setting.');
  if (profiles.length === 1) return profiles[0];
  return pick(
    title,
    'Choose an AWS profile',
    profiles.map((p) => ({ label: escapeIcons(p.name), description: p.regionList().join(', '), detail: p.info.kind, value: p })),
  );
}

export async function pickPool(tree: ExplorerTree, title: string, filter: (p: PoolNode) => boolean = () => true): Promise<PoolNode> {
  const profile = await pickProfile(tree, title);
  const pools = (await tree.poolsOf(profile)).filter(filter);
  if (pools.length === 0) throw new UserError(`No matching pool for profile ${profile.name} in ${profile.regionList().join(', ') || 'any region'}.`);
  if (pools.length === 1) return pools[0];
  return pick(
    title,
    `Choose a pool of ${escapeIcons(profile.name)}`,
    pools.map((p) => ({
      label: escapeIcons(p.name),
      description: `${p.pool.State ?? ''} · ${p.region}${p.userFilter ? ` · user: ${escapeIcons(p.userFilter)}` : ''}`,
      detail: p.poolId,
      value: p,
    })),
  );
}

function sessionItem(pool: PoolNode, s: WorkspacesPoolSession, withPool: boolean): Item<{ pool: PoolNode; session: WorkspacesPoolSession }> {
  return {
    label: escapeIcons(s.UserId ?? ''),
    description: bidiClosers(s.UserId ?? '') + (s.SessionId ?? ''),
    detail: withPool ? `${escapeIcons(pool.name)} · ${escapeIcons(pool.profile)} · ${pool.region}` : s.ConnectionState,
    value: { pool, session: s },
  };
}

/** Sessions of one pool, paged: "Load more…" inside the pick appends the next page (to the tree too). */
export async function pickSessionOfPool(pool: PoolNode, title: string): Promise<{ pool: PoolNode; session: WorkspacesPoolSession }> {
  await pool.ensureLoaded();
  if (pool.sessions.error !== undefined && pool.sessions.sessions.length === 0) throw pool.sessions.error;
  const qp = vscode.window.createQuickPick<Item<{ pool: PoolNode; session: WorkspacesPoolSession }>>();
  qp.title = title;
  qp.placeholder = `Choose a session of ${escapeIcons(pool.name)} (type a user or session id)`;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  // A multi-step pick must survive focus moving to a webview or the tree while a page loads.
  qp.ignoreFocusOut = true;
  const render = () => {
    const items: Item<{ pool: PoolNode; session: WorkspacesPoolSession }>[] = pool.sessions.sessions.map((s) => sessionItem(pool, s, false));
    if (pool.sessions.hasMore) {
      items.push({ label: '$(ellipsis) Load more…', description: `${pool.sessions.sessions.length} loaded`, action: 'loadMore', alwaysShow: true });
    }
    qp.items = items;
  };
  render();
  try {
    return await new Promise((resolve, reject) => {
      qp.onDidAccept(async () => {
        const chosen = qp.selectedItems[0];
        if (chosen?.value) {
          resolve(chosen.value);
          return;
        }
        if (chosen?.action === 'loadMore') {
          qp.busy = true;
          await pool.loadMore();
          qp.busy = false;
          if (pool.sessions.error !== undefined) {
            reject(pool.sessions.error);
            return;
          }
          render();
        }
      });
      qp.onDidHide(() => reject(new Cancelled()));
      qp.show();
    });
  } finally {
    qp.dispose();
  }
}

/**
 * A session for a palette command: among sessions loaded anywhere in the tree (by user or id), or,
 * through "Choose a pool…", profile → pool → session.
 */
export async function pickSession(tree: ExplorerTree, title: string): Promise<{ pool: PoolNode; session: WorkspacesPoolSession }> {
  const loaded = tree.knownPools().filter((p) => p.sessions.sessions.length > 0);
  if (loaded.length === 0) return pickSessionOfPool(await pickPool(tree, title), title);
  const items: Item<{ pool: PoolNode; session: WorkspacesPoolSession }>[] = [
    // Not alwaysShow: typing a user or session id must leave the matching sessions first.
    { label: '$(list-tree) Choose a pool…', detail: 'Pick a profile and a pool, then one of its sessions', action: 'choosePool' },
  ];
  for (const pool of loaded) for (const s of pool.sessions.sessions) items.push(sessionItem(pool, s, true));
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose a loaded session (type a user or session id)', matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  if (!chosen) throw new Cancelled();
  if (chosen.value) return chosen.value;
  return pickSessionOfPool(await pickPool(tree, title), title);
}
