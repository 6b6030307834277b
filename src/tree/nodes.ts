// One class per level of the explorer. Ids are paths (profile/region/poolId/sessionId) so VS Code
// keeps expansion across refreshes; synthetic children end in a `!` segment, which no AWS id holds.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import * as vscode from 'vscode';
import type { ErrorInfo, ProfileInfo } from './backend';
import { CachedLoad } from './cachedLoad';
import { bidiClosers, escapeMarkdown, oneLine, poolDescription, poolTooltip, sessionDescription, sessionTooltip } from './format';
import { PoolSessions } from './poolSessions';
import type { SessionRef } from '../webview/protocol';

export type { SessionRef };


/** What nodes need from the tree that holds them. */
export interface TreeHost {
  readonly viewId: string;
  refresh(node: Node): void;
  track<T>(promise: Promise<T>): Promise<T>;
  describeError(error: unknown, profile: string): ErrorInfo;
  regionsFor(profile: ProfileInfo): string[];
  listPools(profile: string, region: string, signal: AbortSignal): Promise<WorkspacesPool[]>;
  newPoolSessions(node: PoolNode): PoolSessions<WorkspacesPoolSession>;
  userFilter(poolPath: string): string | undefined;
}

export const COMMANDS = {
  loadMore: 'workspacesPools.loadMore',
  retry: 'workspacesPools.retry',
  showSessionDetails: 'workspacesPools.showSessionDetails',
  selectRegions: 'workspacesPools.selectRegions',
  ssoLogin: 'workspacesPools.ssoLogin',
} as const;

export abstract class Node {
  abstract readonly id: string;
  abstract readonly parent: Node | undefined;
  abstract getTreeItem(): vscode.TreeItem;
  getChildren(): Node[] | Promise<Node[]> {
    return [];
  }
}

function item(node: Node, label: string, collapsible: vscode.TreeItemCollapsibleState, contextValue: string): vscode.TreeItem {
  const treeItem = new vscode.TreeItem(oneLine(label), collapsible);
  treeItem.id = node.id;
  treeItem.contextValue = contextValue;
  return treeItem;
}

function md(text: string): vscode.MarkdownString {
  const m = new vscode.MarkdownString(text);
  m.isTrusted = false;
  m.supportHtml = false;
  return m;
}

// ---------------------------------------------------------------------------------------------

export class ProfileNode extends Node {
  readonly parent = undefined;
  readonly id: string;
  /** One pool list per region, kept until a refresh. */
  readonly regions = new Map<string, RegionPools>();

  constructor(
    readonly host: TreeHost,
    public info: ProfileInfo,
  ) {
    super();
    this.id = info.name;
  }

  get name(): string {
    return this.info.name;
  }

  regionList(): string[] {
    return this.host.regionsFor(this.info);
  }

  regionPools(region: string): RegionPools {
    let pools = this.regions.get(region);
    if (!pools) {
      pools = new RegionPools(this, region);
      this.regions.set(region, pools);
    }
    return pools;
  }

  getTreeItem(): vscode.TreeItem {
    const sso = this.info.kind === 'sso' || this.info.kind === 'sso-legacy';
    const t = item(this, this.name, vscode.TreeItemCollapsibleState.Collapsed, sso ? 'profile.sso' : 'profile');
    const regions = this.regionList();
    t.description = regions.length === 0 ? 'no region' : regions.length === 1 ? regions[0] : `${regions.length} regions`;
    t.iconPath = new vscode.ThemeIcon(sso ? 'key' : 'account');
    t.tooltip = md(
      `### ${escapeMarkdown(this.name)}\n\n` +
        [
          ['Credentials', KIND_LABELS[this.info.kind] ?? this.info.kind],
          ['Regions', regions.join(', ') || 'none (use Select Regions…)'],
          ['Endpoint', this.info.endpoint ? `${this.info.endpoint.url} (${this.info.endpoint.source})` : undefined],
          ['SSO session', this.info.ssoSession],
        ]
          .filter(([, v]) => v)
          .map(([k, v]) => `**${k}:** ${escapeMarkdown(v!)}`)
          .join('  \n'),
    );
    t.accessibilityInformation = { label: `Profile ${this.name}, ${t.description}` };
    return t;
  }

  override async getChildren(): Promise<Node[]> {
    const regions = this.regionList();
    if (regions.length === 0) {
      return [new PlaceholderNode(this, 'noRegion', 'No region: choose one with Select Regions…', {
        command: COMMANDS.selectRegions,
        title: 'Select Regions…',
        arguments: [this],
      })];
    }
    if (regions.length === 1) return this.regionPools(regions[0]).children(this);
    return regions.map((region) => this.regionPools(region).node);
  }

  /** Forgets pool lists and sessions (filters are kept: they live in the host's state). */
  reset(): void {
    for (const pools of this.regions.values()) pools.reset();
  }
}

const KIND_LABELS: Record<string, string> = {
  static: 'static access keys',
  'assume-role': 'assumed role',
  process: 'credential process',
  sso: 'IAM Identity Center (sso-session)',
  'sso-legacy': 'IAM Identity Center (legacy)',
  'web-identity': 'web identity token',
  other: 'other',
};

/** A region's pools for one profile: the loaded list and the pool nodes, reused across refreshes. */
export class RegionPools {
  readonly load: CachedLoad<WorkspacesPool[]>;
  readonly poolNodes = new Map<string, PoolNode>();
  readonly node: RegionNode;

  constructor(
    readonly profile: ProfileNode,
    readonly region: string,
  ) {
    this.load = new CachedLoad((signal) => profile.host.listPools(profile.name, region, signal));
    this.node = new RegionNode(this);
  }

  /** Children of the profile (one region) or of the region node (several). */
  async children(parent: Node): Promise<Node[]> {
    const host = this.profile.host;
    // Progress on the view only while a request runs (a cached list would just flash it).
    const result = (!this.load.loading && this.load.result) || (await host.track(this.load.get()));
    if (!result.ok) {
      return [new ErrorNode(parent, host.describeError(result.error, this.profile.name), this.profile.name, () => {
        this.load.reset();
        host.refresh(parent);
      })];
    }
    if (result.value.length === 0) return [new PlaceholderNode(parent, 'empty', `No pools in ${this.region}`)];
    const seen = new Set<string>();
    const nodes: PoolNode[] = [];
    for (const pool of [...result.value].sort((a, b) => (a.PoolName ?? '').localeCompare(b.PoolName ?? ''))) {
      const poolId = pool.PoolId ?? '';
      if (!poolId || seen.has(poolId)) continue;
      seen.add(poolId);
      let node = this.poolNodes.get(poolId);
      if (node) {
        node.pool = pool;
        node.parent = parent;
      } else {
        node = new PoolNode(this, parent, pool);
        this.poolNodes.set(poolId, node);
      }
      nodes.push(node);
    }
    return nodes;
  }

  reset(): void {
    this.load.reset();
    for (const pool of this.poolNodes.values()) pool.sessions.reset();
  }
}

export class RegionNode extends Node {
  readonly id: string;

  constructor(readonly pools: RegionPools) {
    super();
    this.id = `${pools.profile.id}/${pools.region}`;
  }

  get parent(): Node {
    return this.pools.profile;
  }

  getTreeItem(): vscode.TreeItem {
    const t = item(this, this.pools.region, vscode.TreeItemCollapsibleState.Collapsed, 'region');
    t.iconPath = new vscode.ThemeIcon('globe');
    const loaded = this.pools.load.result;
    if (loaded?.ok) t.description = `${loaded.value.length} pool${loaded.value.length === 1 ? '' : 's'}`;
    t.tooltip = `${this.pools.profile.name} in ${this.pools.region}`;
    t.accessibilityInformation = { label: `Region ${this.pools.region} of profile ${this.pools.profile.name}` };
    return t;
  }

  override getChildren(): Promise<Node[]> {
    return this.pools.children(this);
  }
}

const POOL_ICONS: Record<string, [string, string | undefined]> = {
  RUNNING: ['vm-running', 'charts.green'],
  STARTING: ['vm-active', 'charts.yellow'],
  UPDATING: ['vm-active', 'charts.yellow'],
  CREATING: ['vm-active', 'charts.yellow'],
  STOPPING: ['vm-outline', 'charts.yellow'],
  STOPPED: ['vm-outline', 'disabledForeground'],
  DELETING: ['trash', 'charts.red'],
};

export class PoolNode extends Node {
  readonly id: string;
  readonly sessions: PoolSessions<WorkspacesPoolSession>;

  constructor(
    readonly regionPools: RegionPools,
    public parent: Node,
    public pool: WorkspacesPool,
  ) {
    super();
    this.id = `${regionPools.profile.id}/${regionPools.region}/${pool.PoolId}`;
    this.sessions = regionPools.profile.host.newPoolSessions(this);
  }

  get host(): TreeHost {
    return this.regionPools.profile.host;
  }
  get profile(): string {
    return this.regionPools.profile.name;
  }
  get region(): string {
    return this.regionPools.region;
  }
  get poolId(): string {
    return this.pool.PoolId ?? '';
  }
  get name(): string {
    return this.pool.PoolName ?? this.poolId;
  }
  get userFilter(): string | undefined {
    return this.sessions.userId;
  }

  getTreeItem(): vscode.TreeItem {
    const filter = this.userFilter;
    const t = item(this, this.name, vscode.TreeItemCollapsibleState.Collapsed, filter ? 'pool.filtered' : 'pool');
    t.description = poolDescription(this.pool, filter);
    const [icon, color] = this.pool.Errors?.length
      ? ['warning', 'problemsWarningIcon.foreground']
      : (POOL_ICONS[this.pool.State ?? ''] ?? ['vm', undefined]);
    t.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    t.accessibilityInformation = { label: `Pool ${oneLine(this.name)}, ${t.description}` };
    return t;
  }

  resolveTreeItem(t: vscode.TreeItem): vscode.TreeItem {
    t.tooltip = md(poolTooltip(this.pool, this.region, this.userFilter));
    return t;
  }

  override async getChildren(): Promise<Node[]> {
    const model = this.sessions;
    // A reset while waiting (refresh, filter) starts a new first page: wait for that one instead.
    while (!model.loaded && model.error === undefined) await this.host.track(model.ensureFirstPage());
    const children: Node[] = model.sessions.map((s) => new SessionNode(this, s));
    if (model.error !== undefined) {
      const info = this.host.describeError(model.error, this.profile);
      // An expired NextToken cannot be retried: start over from the first page.
      const retry = info.kind === 'token-expired' ? () => this.refresh() : () => this.retry();
      children.push(new ErrorNode(this, info, this.profile, retry));
    } else if (model.state === 'loadingMore' || model.hasMore) {
      children.push(new LoadMoreNode(this, model.state === 'loadingMore'));
    }
    if (children.length === 0) {
      const text = this.userFilter ? `No sessions for user ${oneLine(this.userFilter)}` : 'No sessions';
      children.push(new PlaceholderNode(this, 'empty', text));
    }
    return children;
  }

  /** Appends the next page (the same promise for a second click while it loads). */
  loadMore(): Promise<void> {
    const wasLoading = this.sessions.loading;
    const promise = this.host.track(this.sessions.loadMore());
    if (!wasLoading) this.host.refresh(this);
    return promise.finally(() => this.host.refresh(this));
  }

  retry(): Promise<void> {
    const promise = this.host.track(this.sessions.retry());
    this.host.refresh(this);
    return promise.finally(() => this.host.refresh(this));
  }

  /** Drops the loaded sessions and loads the first page again (filter kept). */
  refresh(): void {
    this.sessions.reset();
    this.host.refresh(this);
  }

  /** A new user filter (undefined clears it): the sessions are loaded again from the first page. */
  setFilter(userId: string | undefined): void {
    this.sessions.reset({ userId });
    this.host.refresh(this);
  }

  /** Loads the first page if needed (quick picks use the same cache as the tree). */
  async ensureLoaded(): Promise<void> {
    while (!this.sessions.loaded && this.sessions.error === undefined) await this.host.track(this.sessions.ensureFirstPage());
  }

  sessionRef(session: WorkspacesPoolSession): SessionRef {
    return {
      profile: this.profile,
      region: this.region,
      poolId: this.poolId,
      sessionId: session.SessionId ?? '',
      userId: session.UserId ?? '',
    };
  }
}

const SESSION_ICONS: Record<string, [string, string | undefined]> = {
  CONNECTED: ['vm-connect', 'charts.green'],
  NOT_CONNECTED: ['debug-disconnect', 'disabledForeground'],
};

export class SessionNode extends Node implements SessionRef {
  readonly id: string;
  readonly profile: string;
  readonly region: string;
  readonly poolId: string;
  readonly sessionId: string;
  readonly userId: string;

  constructor(
    readonly parent: PoolNode,
    readonly session: WorkspacesPoolSession,
  ) {
    super();
    this.profile = parent.profile;
    this.region = parent.region;
    this.poolId = parent.poolId;
    this.sessionId = session.SessionId ?? '';
    this.userId = session.UserId ?? '';
    this.id = `${parent.id}/${this.sessionId}`;
  }

  get ref(): SessionRef {
    return this.parent.sessionRef(this.session);
  }

  getTreeItem(): vscode.TreeItem {
    const t = item(this, this.userId || this.sessionId, vscode.TreeItemCollapsibleState.None, 'session');
    // VS Code renders label and description in one paragraph: a user id with an unclosed U+202E
    // would reverse the description on screen ("CONNECTED · 2h ago" read backwards). Close it first.
    t.description = bidiClosers(this.userId) + sessionDescription(this.session);
    const [icon, color] = SESSION_ICONS[this.session.ConnectionState ?? ''] ?? ['vm', undefined];
    t.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    t.command = { command: COMMANDS.showSessionDetails, title: 'Show Session Details', arguments: [this] };
    t.accessibilityInformation = { label: `Session of ${oneLine(this.userId)}, ${t.description}` };
    return t;
  }

  resolveTreeItem(t: vscode.TreeItem): vscode.TreeItem {
    t.tooltip = md(sessionTooltip(this.session));
    return t;
  }
}

export class LoadMoreNode extends Node {
  readonly id: string;

  constructor(
    readonly parent: PoolNode,
    readonly loading: boolean,
  ) {
    super();
    this.id = `${parent.id}/!more`;
  }

  getTreeItem(): vscode.TreeItem {
    const loaded = this.parent.sessions.sessions.length;
    const t = item(this, this.loading ? 'Loading more…' : 'Load more…', vscode.TreeItemCollapsibleState.None, 'loadMore');
    t.description = `${loaded} loaded`;
    t.iconPath = new vscode.ThemeIcon(this.loading ? 'loading~spin' : 'ellipsis');
    t.command = { command: COMMANDS.loadMore, title: 'Load More', arguments: [this] };
    t.tooltip = `Load the next page of sessions of ${oneLine(this.parent.name)}`;
    t.accessibilityInformation = { label: `Load more sessions, ${loaded} loaded` };
    return t;
  }
}

export class PlaceholderNode extends Node {
  readonly id: string;

  constructor(
    readonly parent: Node | undefined,
    kind: string,
    readonly label: string,
    readonly command?: vscode.Command,
  ) {
    super();
    this.id = `${parent?.id ?? ''}/!${kind}`;
  }

  getTreeItem(): vscode.TreeItem {
    const t = item(this, this.label, vscode.TreeItemCollapsibleState.None, 'placeholder');
    t.iconPath = new vscode.ThemeIcon('info');
    t.command = this.command;
    t.accessibilityInformation = { label: this.label };
    return t;
  }
}

export class ErrorNode extends Node {
  readonly id: string;

  constructor(
    readonly parent: Node | undefined,
    readonly info: ErrorInfo,
    /** The profile to sign in with when the error is an SSO login one. */
    readonly profile: string | undefined,
    readonly retry: () => unknown,
  ) {
    super();
    this.id = `${parent?.id ?? ''}/!error`;
  }

  getTreeItem(): vscode.TreeItem {
    const sso = this.info.kind === 'sso-login' && this.profile !== undefined;
    const t = item(this, this.info.message, vscode.TreeItemCollapsibleState.None, sso ? 'error.sso' : 'error');
    t.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    t.tooltip = md(
      `**${escapeMarkdown(ERROR_TITLES[this.info.kind] ?? 'Error')}**\n\n${escapeMarkdown(this.info.message)}\n\n` +
        (sso
          ? `Sign in with \`aws sso login --profile ${escapeMarkdown(this.profile!)}\`, then retry.`
          : this.info.retryable
            ? 'Retry, or see the log for details.'
            : 'See the log for details.'),
    );
    if (sso) t.command = { command: COMMANDS.ssoLogin, title: 'Sign In', arguments: [this] };
    t.accessibilityInformation = { label: `Error: ${oneLine(this.info.message)}` };
    return t;
  }
}

const ERROR_TITLES: Record<string, string> = {
  'sso-login': 'IAM Identity Center sign-in needed',
  credentials: 'Credentials problem',
  throttled: 'Throttled by AWS',
  'not-found': 'Not found',
  'token-expired': 'Page token expired',
  network: 'Network error',
  timeout: 'Request timed out',
  config: 'AWS configuration problem',
  service: 'Service error',
  cancelled: 'Cancelled',
};
