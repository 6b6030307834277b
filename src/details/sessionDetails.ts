// The session details pages: one panel per session (shown again rather than duplicated), and the
// serializer that brings panels back after a window reload. The command that opens them lives in
// the command table (src/commands).
//
// Preview, as VS Code does for files: webview panels have no preview flag, so it is kept here. A
// click on a session in the tree (or a pick in the palette) opens it in the preview page, the one
// page that the next such click replaces (same tab, new content: DetailsPanel.replace). The preview
// becomes a page of its own, and the next click opens a new preview, on a double click (the tree
// runs a row's command on each click: the same session opened in the preview again within
// DOUBLE_CLICK_MS) or on the page's "Keep Open" button. Pages opened by reference (the API, a
// restored window) are pages of their own from the start. The tab title cannot be set in italics;
// the page says it is a preview next to its Keep Open button.
import vscode = require('vscode');
import { isRecord } from '../core/guards';
import { asSessionRef, sessionKey, type KnownSession, type SessionRef } from '../core/session';
import { DETAILS_WEBVIEW } from '../ids';
import type { DetailsPanel, DetailsGateway, PanelLog, PanelServices } from './detailsPanel';
import { detailsPanel } from './lazyPanel';
import type { DetailsData, DetailsStatus, PageActions, PageState } from './protocol';

/** An open details page as the public API shows it: which session, and how fresh its data is. */
export interface DetailsPage {
  readonly ref: SessionRef;
  /** The preview page: the next click on another session replaces its content. */
  readonly preview: boolean;
  /** Loading while a fetch is under way; then fresh, gone (the last known data is kept) or error. */
  readonly status: DetailsStatus;
  /** The actions that change AWS the page offers (its Terminate Session… button: offered, running or hidden). */
  readonly actions: PageActions;
}

/**
 * The details pages in the extension's public API (`activate()` returns it as `details`). What the
 * page renders is not here: the page is the place to read it.
 */
export interface DetailsApi {
  /**
   * Opens the page of a session, or reveals it when it is open. `known`: data to show without a
   * request. `preview`: in the preview page (replacing the session it showed), see above.
   */
  show(ref: SessionRef, known?: KnownSession, options?: { preview?: boolean }): void;
  /** The open page of a session, if any. */
  page(ref: SessionRef): DetailsPage | undefined;
  /** Every open page. */
  pages(): DetailsPage[];
  /** Fires when a page opens, closes, or its status changes. */
  readonly onDidChange: vscode.Event<void>;
  /** The session was terminated (or found gone): its open page, if any, says it ended. */
  sessionEnded(ref: SessionRef): void;
  /**
   * Hands `message` to the host of the session's page as if that page had posted it: the same
   * checks and handling (settles when handled). The extension-host tests press the page's buttons
   * this way; in Chromium the page itself is clicked.
   */
  fromPage(ref: SessionRef, message: unknown): Promise<void>;
}

export interface SessionDetailsDeps {
  gateway: DetailsGateway;
  log: PanelLog;
  /** Session and pool the explorer already holds for this ref, if any: shown without a request. */
  findLoaded(ref: SessionRef): KnownSession | undefined;
  /** What a page's refresh learned about its session: the explorer's model takes it (one source of truth). */
  learned?: PanelServices['learned'];
  /** workspacesPools.readOnly, read when a page draws its actions or one is asked for. */
  readOnly?: PanelServices['readOnly'];
  /** The explorer's Terminate Session command on one session (the page's Terminate Session… button). */
  terminate?: PanelServices['terminate'];
}

/** Two opens of the same session in the preview this close together are a double click: it is kept open. */
export const DOUBLE_CLICK_MS = 500;

export class SessionDetails implements DetailsApi, vscode.Disposable {
  private readonly panels = new Map<string, DetailsPanel>();
  private previewPanel: DetailsPanel | undefined;
  private lastPreviewOpen: { key: string; at: number } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: SessionDetailsDeps,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(DETAILS_WEBVIEW, {
        deserializeWebviewPanel: async (panel, state: unknown) => this.restore(panel, state),
      }),
    );
  }

  show(given: SessionRef, known?: KnownSession, options: { preview?: boolean } = {}): void {
    // Only the reference's own fields: a tree item passed as the ref would drag its parents along
    // (postMessage and saved state need plain data).
    const { profile, region, poolId, sessionId, userId } = given;
    const ref: SessionRef = { profile, region, poolId, sessionId, userId };
    const key = sessionKey(ref);
    const now = Date.now();
    const doubleClick = !!options.preview && this.lastPreviewOpen?.key === key && now - this.lastPreviewOpen.at <= DOUBLE_CLICK_MS;
    this.lastPreviewOpen = options.preview ? { key, at: now } : undefined;
    const existing = this.panels.get(key);
    if (existing) {
      if (doubleClick) existing.keepOpen();
      existing.reveal();
      return;
    }
    const preview = this.previewPanel?.preview ? this.previewPanel : undefined;
    if (options.preview && preview) {
      this.panels.delete(preview.key);
      preview.replace(ref, known ?? this.deps.findLoaded(ref));
      this.panels.set(preview.key, preview);
      preview.reveal();
      this.changed.fire();
      return;
    }
    const { detailsTitle, webviewOptions } = detailsPanel();
    const panel = vscode.window.createWebviewPanel(DETAILS_WEBVIEW, detailsTitle(ref.userId), vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    const details = this.adopt(panel, ref, { known: known ?? this.deps.findLoaded(ref), preview: options.preview });
    if (options.preview) this.previewPanel = details;
  }

  page(ref: SessionRef): DetailsPage | undefined {
    const panel = this.panels.get(sessionKey(ref));
    return panel && { ref: panel.ref, status: panel.status, preview: panel.preview, actions: panel.actions };
  }

  fromPage(ref: SessionRef, message: unknown): Promise<void> {
    const panel = this.panels.get(sessionKey(ref));
    return panel ? panel.receive(message) : Promise.resolve();
  }

  /** workspacesPools.readOnly changed: every page draws its actions again. */
  readOnlyChanged(): void {
    for (const panel of this.panels.values()) panel.actionsChanged();
  }

  sessionEnded(ref: SessionRef): void {
    this.panels.get(sessionKey(ref))?.markEnded(`This session has ended: it was terminated from the explorer at ${new Date().toLocaleTimeString()}.`);
  }

  pages(): DetailsPage[] {
    return [...this.panels.values()].map((panel) => ({ ref: panel.ref, status: panel.status, preview: panel.preview, actions: panel.actions }));
  }

  private restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = (state ?? {}) as Partial<PageState>;
    const ref = asSessionRef(saved.ref);
    if (!ref || this.panels.has(sessionKey(ref))) {
      // Nothing usable to show (or already shown): an empty panel would only confuse.
      panel.dispose();
      return;
    }
    this.adopt(panel, ref, { lastData: asDetailsData(saved.lastData, ref) });
    this.deps.log.info(`Session details: restored the panel of session ${ref.sessionId}`);
  }

  private adopt(panel: vscode.WebviewPanel, ref: SessionRef, init: { known?: KnownSession; lastData?: DetailsData; preview?: boolean }): DetailsPanel {
    const { gateway, log, learned, readOnly, terminate } = this.deps;
    const details = new (detailsPanel().DetailsPanel)(panel, ref, { extensionUri: this.extensionUri, gateway, log, learned, readOnly, terminate }, init);
    this.panels.set(details.key, details);
    details.onDidChangeStatus(() => this.changed.fire());
    details.onDidDispose(() => {
      // Its key now: a preview page changes session.
      if (this.panels.get(details.key) === details) this.panels.delete(details.key);
      if (this.previewPanel === details) this.previewPanel = undefined;
      this.changed.fire();
    });
    this.changed.fire();
    return details;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}

/** The page's saved data after a reload: kept only when it is about the same session. */
function asDetailsData(value: unknown, ref: SessionRef): DetailsData | undefined {
  if (!isRecord(value) || !isRecord(value.session) || typeof value.fetchedAt !== 'string') return undefined;
  const data = value as unknown as DetailsData;
  if (data.session.sessionId !== ref.sessionId || Number.isNaN(new Date(data.fetchedAt).getTime())) return undefined;
  return data;
}
