// Quick picks that let every palette command work without a selection: profile → pool → session.
// They read and fill the same caches as the tree, so what one loads the other shows. The items
// (escaped for the quick pick's icon syntax) come from pickItems.ts.
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import vscode = require('vscode');
import { escapeIcons } from '../core/text';
import type { ExplorerModel } from '../model/explorerModel';
import type { PoolEntry, ProfileEntry } from '../model/items';
import { poolPickItem, profilePickItem, sessionPickItem } from './pickItems';
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

/** `none`: what to say when no profile passes `filter` (the default speaks of the files and the setting). */
export async function pickProfile(model: ExplorerModel, title: string, filter: (p: ProfileEntry) => boolean = () => true, none?: string): Promise<ProfileEntry> {
  const profiles = (await model.profileList()).filter(filter);
  if (profiles.length === 0) throw new UserError(none ?? 'No AWS profile to choose from. Check the AWS config files and the workspacesPools.profiles setting.');
  if (profiles.length === 1) return profiles[0];
  return pick(
    title,
    'Choose an AWS profile',
    profiles.map((p) => profilePickItem(p, model.regionsOf(p))),
  );
}

export async function pickPool(model: ExplorerModel, title: string, filter: (p: PoolEntry) => boolean = () => true): Promise<PoolEntry> {
  const profile = await pickProfile(model, title);
  return pickPoolOf(model, profile, title, filter);
}

async function pickPoolOf(model: ExplorerModel, profile: ProfileEntry, title: string, filter: (p: PoolEntry) => boolean): Promise<PoolEntry> {
  const pools = (await model.poolsOf(profile)).filter(filter);
  if (pools.length === 0) throw new UserError(`No matching pool for profile ${profile.name} in ${model.regionsOf(profile).join(', ') || 'any region'}.`);
  if (pools.length === 1) return pools[0];
  return pick(
    title,
    `Choose a pool of ${escapeIcons(profile.name)}`,
    pools.map(poolPickItem),
  );
}

/**
 * A pool with a user filter (Clear User Filter): only profiles with a filtered pool are offered, then
 * only their filtered pools; with none, it says so instead of offering what has nothing to clear.
 */
export async function pickFilteredPool(model: ExplorerModel, title: string): Promise<PoolEntry> {
  const profile = await pickProfile(model, title, (p) => model.hasUserFilter(p), 'No pool has a user filter: there is nothing to clear.');
  const regions = model.regionsOf(profile).join(', ') || 'no region';
  const pools = (await model.poolsOf(profile)).filter((p) => p.userFilter !== undefined);
  if (pools.length === 0) throw new UserError(`No pool of profile ${profile.name} listed in ${regions} has a user filter: there is nothing to clear.`);
  return pools.length === 1 ? pools[0] : pickPoolOf(model, profile, title, (p) => p.userFilter !== undefined);
}

/** Sessions of one pool, paged: "Load more…" inside the pick appends the next page (to the tree too). */
export async function pickSessionOfPool(model: ExplorerModel, pool: PoolEntry, title: string): Promise<{ pool: PoolEntry; session: WorkspacesPoolSession }> {
  await model.ensureLoaded(pool);
  if (pool.sessions.error !== undefined && pool.sessions.sessions.length === 0) throw pool.sessions.error;
  const qp = vscode.window.createQuickPick<Item<{ pool: PoolEntry; session: WorkspacesPoolSession }>>();
  qp.title = title;
  qp.placeholder = `Choose a session of ${escapeIcons(pool.name)} (type a user or session id)`;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  // A multi-step pick must survive focus moving to a webview or the tree while a page loads.
  qp.ignoreFocusOut = true;
  const render = () => {
    const items: Item<{ pool: PoolEntry; session: WorkspacesPoolSession }>[] = pool.sessions.sessions.map((s) => sessionPickItem(pool, s, false));
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
          const before = pool.sessions.sessions.length;
          qp.busy = true;
          await model.loadMore(pool);
          qp.busy = false;
          if (pool.sessions.error !== undefined) {
            reject(pool.sessions.error);
            return;
          }
          render();
          // New items would put the highlight back on item 1: keep it where the list grew, on the
          // first new session (it took the place of "Load more…").
          const firstNew = qp.items[before];
          if (firstNew) qp.activeItems = [firstNew];
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
export async function pickSession(model: ExplorerModel, title: string): Promise<{ pool: PoolEntry; session: WorkspacesPoolSession }> {
  const loaded = model.shownPools().filter((p) => p.sessions.sessions.length > 0);
  if (loaded.length === 0) return pickSessionOfPool(model, await pickPool(model, title), title);
  const items: Item<{ pool: PoolEntry; session: WorkspacesPoolSession }>[] = [
    // Not alwaysShow: typing a user or session id must leave the matching sessions first.
    { label: '$(list-tree) Choose a pool…', detail: 'Pick a profile and a pool, then one of its sessions', action: 'choosePool' },
  ];
  for (const pool of loaded) for (const s of pool.sessions.sessions) items.push(sessionPickItem(pool, s, true));
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose a loaded session (type a user or session id)', matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  if (!chosen) throw new Cancelled();
  if (chosen.value) return chosen.value;
  return pickSessionOfPool(model, await pickPool(model, title), title);
}
