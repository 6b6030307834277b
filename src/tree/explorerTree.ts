// The TreeDataProvider of `workspacesPools.explorer`: profiles → (regions) → pools → sessions.
// It owns the caches (profile list, pool lists, session pages) and the remembered choices
// (regions per profile, user filter per pool); nodes render them.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import * as vscode from 'vscode';
import type { Backend, ErrorInfo, ProfileInfo } from './backend';
import { CachedLoad } from './cachedLoad';
import { ErrorNode, Node, PlaceholderNode, PoolNode, ProfileNode, SessionRef, TreeHost } from './nodes';
import { PoolSessions } from './poolSessions';

export const VIEW_ID = 'workspacesPools.explorer';
const REGIONS_KEY = 'workspacesPools.regionsByProfile';
const FILTERS_KEY = 'workspacesPools.userFilters';

export interface ExplorerOptions {
  backend: Backend;
  /** Remembered choices: regions per profile, user filter per pool (globalState: they follow the user, not a folder). */
  state: vscode.Memento;
  settings(): { profiles: string[]; regions: string[]; pageSize: number };
  log(line: string): void;
}

export class ExplorerTree implements vscode.TreeDataProvider<Node>, TreeHost, vscode.Disposable {
  readonly viewId = VIEW_ID;
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly profiles: CachedLoad<ProfileInfo[]>;
  private readonly profileNodes = new Map<string, ProfileNode>();
  /** Emptiness of the root, for the welcome view's `when` clause. */
  private rootState: string | undefined;
  /** Why the AWS files no longer read after a change; meanwhile the tree keeps what it had. */
  private configProblem: unknown;

  constructor(private readonly options: ExplorerOptions) {
    this.profiles = new CachedLoad(() => options.backend.listProfiles());
  }

  dispose(): void {
    this.changed.dispose();
  }

  // TreeDataProvider ---------------------------------------------------------------------------

  getTreeItem(node: Node): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: Node): Node[] | Promise<Node[]> {
    return node ? node.getChildren() : this.rootChildren();
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  resolveTreeItem(treeItem: vscode.TreeItem, node: Node): vscode.TreeItem {
    const resolver = (node as { resolveTreeItem?(t: vscode.TreeItem): vscode.TreeItem }).resolveTreeItem;
    return resolver ? resolver.call(node, treeItem) : treeItem;
  }

  // TreeHost -----------------------------------------------------------------------------------

  refresh(node: Node | undefined): void {
    this.changed.fire(node);
  }

  track<T>(promise: Promise<T>): Promise<T> {
    void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => promise.catch(() => undefined));
    return promise;
  }

  describeError(error: unknown, profile: string): ErrorInfo {
    const info = this.options.backend.describeError(error, profile);
    if (info.kind !== 'cancelled') this.options.log(`error: profile ${profile}: ${info.kind}: ${info.message}`);
    return info;
  }

  regionsFor(profile: ProfileInfo): string[] {
    const chosen = this.options.state.get<Record<string, string[]>>(REGIONS_KEY, {})[profile.name];
    if (chosen?.length) return chosen;
    const defaults = this.options.settings().regions;
    if (defaults.length) return defaults;
    return profile.region ? [profile.region] : [];
  }

  listPools(profile: string, region: string, signal: AbortSignal): Promise<WorkspacesPool[]> {
    return this.options.backend.listPools(profile, region, signal);
  }

  newPoolSessions(node: PoolNode): PoolSessions<WorkspacesPoolSession> {
    const { backend } = this.options;
    return new PoolSessions<WorkspacesPoolSession>(
      ({ userId, nextToken, signal }) =>
        backend.sessionsPage(node.profile, node.region, node.poolId, { userId, nextToken, signal, limit: this.options.settings().pageSize }),
      this.userFilter(node.id),
    );
  }

  userFilter(poolPath: string): string | undefined {
    return this.options.state.get<Record<string, string>>(FILTERS_KEY, {})[poolPath];
  }

  // Used by commands ---------------------------------------------------------------------------

  /** The profiles shown (settings applied). Throws when the config files cannot be read. */
  async profileList(): Promise<ProfileNode[]> {
    const result = await this.track(this.profiles.get());
    if (!result.ok) throw result.error;
    const wanted = this.options.settings().profiles;
    const infos = wanted.length ? result.value.filter((p) => wanted.includes(p.name)) : result.value;
    return infos.map((info) => this.profileNode(info));
  }

  /** All profiles in the config files, whatever the settings select. */
  async allProfiles(): Promise<ProfileInfo[]> {
    const result = await this.track(this.profiles.get());
    if (!result.ok) throw result.error;
    return result.value;
  }

  /** Every pool of a profile across its regions. Throws if no region could be listed. */
  async poolsOf(profile: ProfileNode): Promise<PoolNode[]> {
    const pools: PoolNode[] = [];
    let firstError: unknown;
    for (const region of profile.regionList()) {
      const regionPools = profile.regionPools(region);
      const parent = profile.regionList().length > 1 ? regionPools.node : profile;
      const children = await regionPools.children(parent);
      for (const child of children) {
        if (child instanceof PoolNode) pools.push(child);
        else if (child instanceof ErrorNode) firstError ??= new Error(`${region}: ${child.info.message}`);
      }
    }
    if (pools.length === 0 && firstError) throw firstError;
    return pools;
  }

  /** Pool nodes already created (loaded at least once), for quick picks over what is known. */
  knownPools(): PoolNode[] {
    const pools: PoolNode[] = [];
    for (const profile of this.profileNodes.values()) {
      for (const region of profile.regions.values()) pools.push(...region.poolNodes.values());
    }
    return pools;
  }

  /** A session already loaded in the tree, with its pool: the details panel opens without a request. */
  findLoaded(ref: SessionRef): { session: WorkspacesPoolSession; pool: WorkspacesPool; node: PoolNode } | undefined {
    const node = this.profileNodes.get(ref.profile)?.regions.get(ref.region)?.poolNodes.get(ref.poolId);
    const session = node?.sessions.find(ref.sessionId);
    return node && session ? { session, pool: node.pool, node } : undefined;
  }

  async setUserFilter(pool: PoolNode, userId: string | undefined): Promise<void> {
    const filters = { ...this.options.state.get<Record<string, string>>(FILTERS_KEY, {}) };
    if (userId) filters[pool.id] = userId;
    else delete filters[pool.id];
    await this.options.state.update(FILTERS_KEY, filters);
    this.options.log(`filter: ${pool.id}: ${userId ? 'user set' : 'cleared'}`);
    pool.setFilter(userId);
  }

  async setRegions(profile: ProfileNode, regions: string[]): Promise<void> {
    const all = { ...this.options.state.get<Record<string, string[]>>(REGIONS_KEY, {}) };
    if (regions.length) all[profile.name] = regions;
    else delete all[profile.name];
    await this.options.state.update(REGIONS_KEY, all);
    this.refresh(profile);
  }

  /** Everything again. `configChanged`: the AWS files changed, so clients and credentials go too. */
  refreshAll(configChanged = false): void {
    if (configChanged) this.options.backend.reset();
    this.configProblem = undefined;
    this.profiles.reset();
    for (const profile of this.profileNodes.values()) profile.reset();
    this.refresh(undefined);
  }

  /**
   * The AWS files changed. A file that no longer reads must not cost the user what is loaded: the
   * tree stays as it was (clients included) under an error row naming the problem, until a good
   * file reloads everything.
   */
  async reloadConfig(): Promise<void> {
    if (this.profiles.result?.ok) {
      try {
        await this.options.backend.listProfiles();
      } catch (error) {
        this.configProblem = error;
        this.refresh(undefined);
        return;
      }
    }
    this.configProblem = undefined;
    this.refreshAll(true);
  }

  refreshProfile(profile: ProfileNode): void {
    profile.reset();
    this.refresh(profile);
  }

  /** Sessions again, and the pool's own state and capacity from a fresh pool list. */
  refreshPool(pool: PoolNode): void {
    pool.refresh();
    void this.track(this.options.backend.listPools(pool.profile, pool.region)).then(
      (pools) => {
        const fresh = pools.find((p) => p.PoolId === pool.poolId);
        if (fresh) {
          pool.pool = fresh;
          this.refresh(pool);
        }
      },
      () => undefined, // the session load shows any error under the pool
    );
  }

  // Internals ----------------------------------------------------------------------------------

  private profileNode(info: ProfileInfo): ProfileNode {
    let node = this.profileNodes.get(info.name);
    if (node) node.info = info;
    else {
      node = new ProfileNode(this, info);
      this.profileNodes.set(info.name, node);
    }
    return node;
  }

  private async rootChildren(): Promise<Node[]> {
    const result = (!this.profiles.loading && this.profiles.result) || (await this.track(this.profiles.get()));
    if (!result.ok) {
      this.setRootState('error');
      const info = this.options.backend.describeError(result.error, '');
      this.options.log(`error: AWS config files: ${info.message}`);
      return [new ErrorNode(undefined, info, undefined, () => this.refreshAll(true))];
    }
    const wanted = this.options.settings().profiles;
    const nodes: Node[] = result.value
      .filter((p) => wanted.length === 0 || wanted.includes(p.name))
      .map((info) => this.profileNode(info));
    for (const name of wanted) {
      if (!result.value.some((p) => p.name === name)) {
        nodes.push(new PlaceholderNode(undefined, `missing:${name}`, `Profile ${name} (in settings) is not in the AWS config files`));
      }
    }
    this.setRootState(result.value.length === 0 ? 'noProfiles' : 'ok');
    if (this.configProblem !== undefined) {
      const info = this.options.backend.describeError(this.configProblem, '');
      this.options.log(`error: AWS config files: ${info.message} (showing the profiles read before)`);
      nodes.unshift(new ErrorNode(undefined, info, undefined, () => this.reloadConfig()));
    }
    return nodes;
  }

  private setRootState(state: string): void {
    if (state === this.rootState) return;
    this.rootState = state;
    void vscode.commands.executeCommand('setContext', 'workspacesPools.profilesState', state);
  }
}
