// The session details feature: one panel per session, the "Show Session Details" command, and the
// serializer that brings panels back after a window reload.
import * as vscode from 'vscode';
import { Cancelled, wrapCommand } from '../commands/wrapper';
import { DetailsPanel, webviewOptions, type KnownSession, type PanelLog, type SessionSource } from './detailsPanel';
import { asSessionRef, sessionKey, VIEW_TYPE, type DetailsData, type PageState, type SessionRef } from './protocol';

export const SHOW_SESSION_DETAILS = 'workspacesPools.showSessionDetails';

export interface SessionDetailsDeps {
  /** The AWS layer's explorer (loading dist/aws.js on first call). */
  explorer(): SessionSource;
  describeError(error: unknown, profile: string): { kind: string; message: string; retryable: boolean };
  log: PanelLog & vscode.LogOutputChannel;
  showLog(): void;
  /** Session and pool the tree already holds for this ref, if any: shown without a request. */
  findLoaded?(ref: SessionRef): KnownSession | undefined;
  /** The palette's quick pick (profile → pool → session); throws Cancelled (or resolves undefined) when dismissed. */
  pickSession?(): Promise<{ ref: SessionRef; known?: KnownSession } | undefined>;
}

class SessionDetailsManager implements vscode.Disposable {
  readonly panels = new Map<string, DetailsPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: SessionDetailsDeps,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => this.restore(panel, state),
      }),
    );
  }

  show(ref: SessionRef, known?: KnownSession): DetailsPanel {
    const existing = this.panels.get(sessionKey(ref));
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, ref.userId, vscode.ViewColumn.Active, webviewOptions(this.context.extensionUri));
    return this.adopt(panel, ref, { known: known ?? this.deps.findLoaded?.(ref) });
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

  private adopt(panel: vscode.WebviewPanel, ref: SessionRef, init: { known?: KnownSession; lastData?: DetailsData }): DetailsPanel {
    const details = new DetailsPanel(
      panel,
      ref,
      {
        extensionUri: this.context.extensionUri,
        source: () => this.deps.explorer(),
        describeError: (error, profile) => this.deps.describeError(error, profile),
        log: this.deps.log,
      },
      init,
    );
    const key = details.key;
    this.panels.set(key, details);
    details.onDidDispose(() => {
      if (this.panels.get(key) === details) this.panels.delete(key);
    });
    return details;
  }

  async command(arg?: unknown, knownArg?: unknown): Promise<void> {
    let ref = asSessionRef(arg);
    let known = asKnown(knownArg) ?? asKnownFromNode(arg);
    if (!ref) {
      if (!this.deps.pickSession) {
        void vscode.window.showInformationMessage('Pick a session in the WorkSpaces Pools explorer to see its details.');
        return;
      }
      const picked = await this.deps.pickSession();
      if (!picked) throw new Cancelled();
      ref = picked.ref;
      known = picked.known;
    }
    this.show(ref, known);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `{ session, pool }` passed by a caller (second command argument). */
function asKnown(value: unknown): KnownSession | undefined {
  if (!isRecord(value) || !isRecord(value.session)) return undefined;
  return { session: value.session as unknown as KnownSession['session'], pool: isRecord(value.pool) ? (value.pool as unknown as KnownSession['pool']) : undefined };
}

/** A tree node (the tree passes its SessionNode: `session`, and a parent holding `pool`). */
function asKnownFromNode(value: unknown): KnownSession | undefined {
  if (!isRecord(value) || !isRecord(value.session)) return undefined;
  const parent = value.parent;
  return asKnown({ session: value.session, pool: isRecord(parent) ? parent.pool : undefined });
}

/** The page's saved data after a reload: kept only when it is about the same session. */
function asDetailsData(value: unknown, ref: SessionRef): DetailsData | undefined {
  if (!isRecord(value) || !isRecord(value.session) || typeof value.fetchedAt !== 'string') return undefined;
  const data = value as unknown as DetailsData;
  if (data.session.sessionId !== ref.sessionId || Number.isNaN(new Date(data.fetchedAt).getTime())) return undefined;
  return data;
}

let manager: SessionDetailsManager | undefined;

/** Opens (or reveals) the details panel of a session. */
export function showSessionDetails(ref: SessionRef, known?: KnownSession): void {
  if (!manager) throw new Error('Session details are not registered yet');
  manager.show(ref, known);
}

/** What the extension-host tests reach through globalThis (only outside production mode). */
export interface SessionDetailsTestHooks {
  panel(ref: SessionRef): DetailsPanel | undefined;
  panelCount(): number;
}
export const TEST_HOOKS_KEY = Symbol.for('workspacesPools.sessionDetails.testHooks');

export function registerSessionDetails(context: vscode.ExtensionContext, deps: SessionDetailsDeps): vscode.Disposable {
  const current = new SessionDetailsManager(context, deps);
  manager = current;
  const command = vscode.commands.registerCommand(
    SHOW_SESSION_DETAILS,
    wrapCommand(SHOW_SESSION_DETAILS, 'WorkSpaces Pools: Show Session Details', (arg?: unknown, known?: unknown) => current.command(arg, known), {
      log: deps.log,
      showLog: deps.showLog,
      describe: (error) => {
        const info = deps.describeError(error, '');
        return { message: info.message, cancelled: info.kind === 'cancelled' };
      },
    }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    const hooks: SessionDetailsTestHooks = {
      panel: (ref) => current.panels.get(sessionKey(ref)),
      panelCount: () => current.panels.size,
    };
    (globalThis as Record<symbol, unknown>)[TEST_HOOKS_KEY] = hooks;
  }
  return vscode.Disposable.from(command, current, {
    dispose: () => {
      if (manager === current) manager = undefined;
      delete (globalThis as Record<symbol, unknown>)[TEST_HOOKS_KEY];
    },
  });
}
