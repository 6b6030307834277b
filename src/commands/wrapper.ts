// The one wrapper around every command: logs the call, catches the error, shows one message with
// "Show Log"; a cancelled command (a dismissed quick pick, an aborted request) shows nothing.
import * as vscode from 'vscode';

/** Thrown when the user dismisses a prompt: the command ends quietly. */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

/** An expected problem the user can act on: shown as a warning, not as a failure. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export interface WrapperDeps {
  log: vscode.LogOutputChannel;
  showLog(): void;
  /** A message for any error (AWS errors are classified by the AWS layer). */
  describe(error: unknown): { message: string; cancelled: boolean };
}

export function isCancellation(error: unknown): boolean {
  return error instanceof Cancelled || error instanceof vscode.CancellationError || (error instanceof Error && error.name === 'AbortError');
}

export function wrapCommand<A extends unknown[]>(
  id: string,
  title: string,
  handler: (...args: A) => unknown,
  deps: WrapperDeps,
): (...args: A) => Promise<unknown> {
  return async (...args: A) => {
    deps.log.info(`command: ${id}`);
    try {
      return await handler(...args);
    } catch (error) {
      const described = isCancellation(error) ? { message: '', cancelled: true } : deps.describe(error);
      if (described.cancelled) {
        deps.log.info(`command: ${id}: cancelled`);
        return undefined;
      }
      const show = error instanceof UserError ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
      deps.log.error(`command: ${id}: ${described.message}`);
      void show(`${title}: ${described.message}`, 'Show Log').then((choice) => {
        if (choice) deps.showLog();
      });
      return undefined;
    }
  };
}
