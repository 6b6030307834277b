// One session details panel: owns its webview, answers the page's messages, fetches the session.
import type { WorkspacesPool, WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import * as fs from 'fs';
import vscode = require('vscode');
import type { Gateway } from '../aws/lazyGateway';
import { consoleUrls } from '../core/consoleLinks';
import { sessionJson, sessionKey, toPoolView, toSessionView, type KnownSession } from '../core/session';
import { hasHiddenCharacters, showHidden } from '../core/invisible';
import { truncate } from '../core/text';
import { buildHtml } from './html';
import {
  parsePageMessage,
  type ConsoleTarget,
  type CopyField,
  type DetailsData,
  type DetailsStatus,
  type HostToPage,
  type PageActions,
  type PageToHost,
  type PoolView,
  type SessionRef,
} from './protocol';
import { SETTINGS, SETTINGS_SECTION } from '../ids';
import { buildDetails } from './viewModel';

/** The part of the AWS gateway the panel uses. */
export type DetailsGateway = Pick<Gateway, 'findSession' | 'listPools' | 'describeError'>;

export interface PanelLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface PanelServices {
  extensionUri: vscode.Uri;
  gateway: DetailsGateway;
  log: PanelLog;
  /** What a refresh learned (the session, undefined when it no longer exists; its pool if read): the explorer shows it too. */
  learned?(ref: SessionRef, session: WorkspacesPoolSession | undefined, pool: WorkspacesPool | undefined): void;
  /** workspacesPools.readOnly: the page offers no action that changes AWS, and refuses one asked for anyway. */
  readOnly?(): boolean;
  /**
   * Runs the explorer's Terminate Session command on this session (its confirmation, outcomes and
   * log line); settles when the command is done. Without it the page offers no Terminate.
   */
  terminate?(ref: SessionRef): Thenable<unknown>;
}

const COPY_LABELS: Record<CopyField, string> = {
  sessionId: 'session ID',
  userId: 'user ID',
  instanceId: 'instance ID',
  eniId: 'ENI ID',
  eniPrivateIp: 'private IP',
  poolId: 'pool ID',
  account: 'account ID',
  json: 'session as JSON',
};

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

/** The tab title: the user id with its hidden characters written out, flagged, cut to fit a tab. */
export function detailsTitle(userId: string): string {
  return truncate(`${hasHiddenCharacters(userId) ? '⚠ ' : ''}${showHidden(userId)}`, 40);
}

/** The page bundle's files, read on the first page and kept: they go inline in every page's HTML (html.ts). */
const pageFiles = new Map<string, string>();
function pageFile(uri: vscode.Uri): string {
  let text = pageFiles.get(uri.fsPath);
  if (text === undefined) {
    // Synchronous, once per file (about 45 KiB in all): the panel's HTML is set as it is made.
    text = fs.readFileSync(uri.fsPath, 'utf8');
    pageFiles.set(uri.fsPath, text);
  }
  return text;
}

export class DetailsPanel implements vscode.Disposable {
  private currentRef: SessionRef;
  private currentKey: string;
  /**
   * A preview page is the one the next click on another session replaces (sessionDetails.ts); Keep
   * Open (or a double click) makes it a page of its own.
   */
  private isPreview: boolean;
  private data: DetailsData | undefined;
  private current: DetailsStatus = { kind: 'loading' };
  private fetching: AbortController | undefined;
  /** The refresh round in flight: a second Refresh joins it instead of sending another. */
  private round: Promise<void> | undefined;
  /** The session whose Terminate (confirmation, then requests) is under way from this page, if any. */
  private terminating: string | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDidDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDidDisposeEmitter.event;
  private readonly onDidChangeStatusEmitter = new vscode.EventEmitter<DetailsStatus>();
  /** Fires with every status the page is sent (loading when a fetch starts, then its outcome), and when its actions change. */
  readonly onDidChangeStatus = this.onDidChangeStatusEmitter.event;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    ref: SessionRef,
    private readonly services: PanelServices,
    init: { known?: KnownSession; lastData?: DetailsData; preview?: boolean },
  ) {
    this.currentRef = ref;
    this.currentKey = sessionKey(ref);
    this.isPreview = !!init.preview;
    const webview = panel.webview;
    webview.options = webviewOptions(services.extensionUri);
    panel.title = detailsTitle(ref.userId);
    panel.iconPath = {
      light: vscode.Uri.joinPath(services.extensionUri, 'media', 'session-light.svg'),
      dark: vscode.Uri.joinPath(services.extensionUri, 'media', 'session-dark.svg'),
    };
    const asset = (file: string) => vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview', file);
    webview.html = buildHtml({
      cspSource: webview.cspSource,
      script: pageFile(asset('main.js')),
      style: pageFile(asset('main.css')),
      codicons: webview.asWebviewUri(asset('codicon.css')).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      this.onDidChangeStatusEmitter,
      panel.onDidDispose(() => this.dispose()),
    );

    this.load(init);
    // Sent now as well as in answer to 'ready': the webview holds it until the page has loaded and
    // hands it over then, a message round trip sooner (50-170 ms while the page starts: bench/README.md,
    // details page). A page that loads again (moved, or shown again) still gets it by asking. Without
    // known data, the fetch's first status was just sent.
    if (init.known) this.postState();
  }

  get ref(): SessionRef {
    return this.currentRef;
  }

  get key(): string {
    return this.currentKey;
  }

  get preview(): boolean {
    return this.isPreview;
  }

  private load(init: { known?: KnownSession; lastData?: DetailsData }): void {
    const ref = this.currentRef;
    if (init.known) {
      // Already loaded by the tree a moment ago: show it without a request.
      const pool = init.known.pool && toPoolView(init.known.pool);
      this.data = buildDetails(ref, toSessionView(init.known.session, ref), pool, new Date());
      this.current = { kind: 'fresh', source: 'explorer' };
    } else {
      this.data = init.lastData && buildDetails(ref, init.lastData.session, init.lastData.pool, new Date(init.lastData.fetchedAt));
      void this.refresh();
    }
  }

  /**
   * The preview page shows another session: same tab, new content. A fetch for the session shown
   * before is cancelled, so its answer cannot land on the new one.
   */
  replace(ref: SessionRef, known: KnownSession | undefined): void {
    this.fetching?.abort();
    this.fetching = undefined;
    this.currentRef = ref;
    this.currentKey = sessionKey(ref);
    this.panel.title = detailsTitle(ref.userId);
    this.data = undefined;
    this.current = { kind: 'loading' };
    this.load({ known });
    if (known) this.setStatus(this.current);
  }

  /** The page stops being the preview: the next click opens a page of its own. */
  keepOpen(): void {
    if (!this.isPreview) return;
    this.isPreview = false;
    this.setStatus(this.current);
  }

  /** How fresh the data is: what the page shows in its status line and banner. */
  get status(): DetailsStatus {
    return this.current;
  }

  /**
   * What the page offers that changes AWS. Terminate is hidden in read-only mode and once the
   * session has ended, and shown disabled while its confirmation or requests are under way.
   */
  get actions(): PageActions {
    if (!this.services.terminate || this.services.readOnly?.() !== false || this.current.kind === 'gone') return { terminate: 'hidden' };
    return { terminate: this.terminating === this.currentKey ? 'running' : 'offered' };
  }

  /** Something the actions depend on changed (the read-only setting): the page draws them again. */
  actionsChanged(): void {
    this.setStatus(this.current);
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** The explorer terminated this session (or found it gone): the page says so and keeps the last data. */
  markEnded(message: string): void {
    this.fetching?.abort();
    this.setStatus({ kind: 'gone', checkedAt: new Date().toISOString(), message });
  }

  /** Handles a message from the page: untrusted input, checked before anything is done with it. */
  receive(raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (!message) {
      this.services.log.warn('Session details: ignored a malformed message from the page');
      return Promise.resolve();
    }
    return this.handle(message);
  }

  private async handle(message: PageToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.postState();
        break;
      case 'refresh':
        await this.refresh();
        break;
      case 'copy':
        await this.copy(message.field);
        break;
      case 'openConsole':
        await this.openConsole(message.target);
        break;
      case 'keepOpen':
        this.keepOpen();
        break;
      case 'terminate':
        await this.terminate();
        break;
    }
  }

  private post(message: HostToPage): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  private setStatus(status: DetailsStatus): void {
    this.current = status;
    this.postState();
    if (!this.disposed) this.onDidChangeStatusEmitter.fire(status);
  }

  private postState(): void {
    this.post({ type: 'state', ref: this.ref, data: this.data, status: this.current, preview: this.isPreview, actions: this.actions });
  }

  /** Reads the session (and its pool) again; a Refresh while one runs joins it (one round at a time). */
  private refresh(): Promise<void> {
    this.round ??= this.read().finally(() => (this.round = undefined));
    return this.round;
  }

  private async read(): Promise<void> {
    const controller = new AbortController();
    this.fetching = controller;
    const { signal } = controller;
    const ref = this.ref;
    this.setStatus({ kind: 'loading' });
    const started = Date.now();
    let next: DetailsStatus;
    try {
      const source = this.services.gateway;
      // The pool is read alongside; if only it fails, the session is still worth showing.
      const [session, pool] = await Promise.all([
        source.findSession(ref.profile, ref.region, ref.poolId, ref.sessionId, ref.userId, signal),
        source.listPools(ref.profile, ref.region, signal).then(
          (pools) => pools.find((p) => p.PoolId === ref.poolId),
          (error: unknown) => {
            if (signal.aborted) throw error;
            this.services.log.warn(`Session details: pool ${ref.poolId} not read: ${this.services.gateway.describeError(error, ref.profile).message}`);
            return undefined;
          },
        ),
      ]);
      if (signal.aborted || this.disposed) return;
      const poolView: PoolView | undefined = pool ? toPoolView(pool) : this.data?.pool;
      this.services.learned?.(ref, session, pool);
      if (session) {
        this.data = buildDetails(ref, toSessionView(session, ref), poolView, new Date());
        next = { kind: 'fresh', source: 'service' };
        this.services.log.info(`Session details: ${ref.sessionId} read in ${Date.now() - started} ms`);
      } else {
        if (this.data) this.data = { ...this.data, pool: poolView ?? this.data.pool };
        next = {
          kind: 'gone',
          checkedAt: new Date().toISOString(),
          message: `This session no longer exists in pool ${ref.poolId}: it has ended or was terminated.`,
        };
        this.services.log.info(`Session details: ${ref.sessionId} no longer exists`);
      }
    } catch (error) {
      if (signal.aborted || this.disposed) return;
      const described = this.services.gateway.describeError(error, ref.profile);
      if (described.kind === 'cancelled') return;
      if (described.kind === 'not-found') {
        next = {
          kind: 'gone',
          checkedAt: new Date().toISOString(),
          message: `The pool ${ref.poolId} no longer exists, and neither does this session.`,
        };
      } else {
        next = { kind: 'error', message: described.message, retryable: described.retryable };
      }
      this.services.log.warn(`Session details: ${ref.sessionId} not read: ${described.message}`);
    } finally {
      if (this.fetching === controller) this.fetching = undefined;
    }
    this.setStatus(next);
  }

  private copyValue(field: CopyField): string | undefined {
    if (field === 'poolId') return this.data?.pool?.poolId || this.ref.poolId;
    if (field === 'account') return this.data?.account;
    const s = this.data?.session;
    if (!s) return undefined;
    return field === 'json' ? sessionJson(s) : s[field];
  }

  private async copy(field: CopyField): Promise<void> {
    const value = this.copyValue(field);
    const label = COPY_LABELS[field];
    if (!value) {
      this.post({ type: 'notice', text: `There is no ${label} to copy.` });
      return;
    }
    await vscode.env.clipboard.writeText(value);
    vscode.window.setStatusBarMessage(`$(copy) Copied ${label}`, 2500);
    this.post({ type: 'notice', text: `Copied ${label} to the clipboard.` });
  }

  /** The URL is built here from known data: the page only names the target. */
  private consoleUrl(target: ConsoleTarget): string | undefined {
    const s = this.data?.session;
    return consoleUrls(this.ref.region, this.ref.poolId, s?.instanceId, s?.eniId)[target];
  }

  private async openConsole(target: ConsoleTarget): Promise<void> {
    const url = this.consoleUrl(target);
    if (!url) {
      this.post({ type: 'notice', text: 'No AWS Console link is known for this item.' });
      return;
    }
    this.services.log.info(`Session details: opening the AWS Console (${target}, ${this.ref.region})`);
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  /**
   * The page's Terminate Session…: the explorer's command on this page's session, so that the
   * confirmation, the outcome messages and the log line are the tree's. The button is hidden when it
   * does not apply, but a message can still arrive (an old page, a crafted one): checked here again,
   * before anything is asked or sent.
   */
  private async terminate(): Promise<void> {
    const ref = this.ref;
    const key = this.currentKey;
    const refuse = (why: string) => {
      this.services.log.warn(`Session details: Terminate Session on ${ref.sessionId} refused: ${why}`);
      this.post({ type: 'notice', text: `Nothing was sent: ${why}.` });
      this.postState();
    };
    if (!this.services.terminate) return refuse('this page cannot terminate sessions');
    if (this.services.readOnly?.() !== false) return refuse(`read-only mode is on (setting ${SETTINGS_SECTION}.${SETTINGS.readOnly})`);
    if (this.current.kind === 'gone') return refuse('the session has already ended');
    if (this.terminating === key) return; // One at a time: its confirmation is already open.
    this.terminating = key;
    this.setStatus(this.current);
    try {
      // The command shows its own outcome (and any error); when the session ended, the explorer
      // tells this page through sessionEnded().
      await this.services.terminate(ref);
    } finally {
      if (this.terminating === key) this.terminating = undefined;
      if (!this.disposed) this.setStatus(this.current);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.fetching?.abort();
    this.onDidDisposeEmitter.fire();
    this.onDidDisposeEmitter.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
