// The one wrapper around every command: logs the call, catches the error, shows one message with
// "Show Log"; a cancelled command (a dismissed quick pick, an aborted request) shows nothing.
// It also holds notify(), the one way the extension shows a notification.
import vscode = require('vscode');
import { noticeText, oneLine } from '../core/text';
import type { Log } from '../core/log';

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
  log: Log;
  showLog(): void;
  /**
   * A message for any error (AWS errors are classified by the AWS layer), and the profile whose
   * IAM Identity Center sign-in would fix it, when the error knows one.
   */
  describe(error: unknown): { message: string; cancelled: boolean; signInProfile?: string };
  /** Starts the sign-in for a profile (the "Sign In" button of an SSO error). */
  signIn?(profile: string): Promise<unknown>;
}

const LEVELS = {
  error: vscode.window.showErrorMessage,
  warning: vscode.window.showWarningMessage,
  info: vscode.window.showInformationMessage,
};

/**
 * Shows a notification. Messages carry outside strings (regions, profile names, file paths, the
 * service's error messages), and VS Code renders `[label](command:…)` in a notification as a link
 * that runs the command: the whole text goes through noticeText() here, so no caller can forget.
 */
export function notify<T extends string>(level: keyof typeof LEVELS, text: string, ...buttons: T[]): Thenable<T | undefined> {
  return LEVELS[level](noticeText(text), ...buttons);
}

/**
 * By name as well as by class: a UserError may come from another copy of this module (the suite's
 * bundle, a module loaded twice), and must still never read as "Unexpected error (UserError)".
 */
export function isUserError(error: unknown): boolean {
  return error instanceof UserError || (error instanceof Error && error.name === 'UserError');
}

export function isCancellation(error: unknown): boolean {
  return error instanceof Cancelled || error instanceof vscode.CancellationError || (error instanceof Error && error.name === 'AbortError');
}

const SHOW_LOG = 'Show Log';
const SIGN_IN = 'Sign In';

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
      const userError = isUserError(error);
      const described = isCancellation(error)
        ? { message: '', cancelled: true }
        : userError && error instanceof Error
          ? { message: error.message, cancelled: false }
          : deps.describe(error);
      if (described.cancelled) {
        deps.log.info(`command: ${id}: cancelled`);
        return undefined;
      }
      // A user error is expected (nothing failed): a warning; anything else is an error.
      if (userError) deps.log.warn(`command: ${id}: ${oneLine(described.message)}`);
      else deps.log.error(`command: ${id}: ${oneLine(described.message)}`);
      // The sign-in is offered as a button, never as a command line to copy (see src/aws/errors.ts).
      const signIn = 'signInProfile' in described && described.signInProfile && deps.signIn ? described.signInProfile : undefined;
      const buttons = signIn !== undefined ? [SIGN_IN, SHOW_LOG] : [SHOW_LOG];
      void notify(userError ? 'warning' : 'error', `${title}: ${described.message}`, ...buttons).then((choice) => {
        if (choice === SHOW_LOG) deps.showLog();
        else if (choice === SIGN_IN && signIn !== undefined) void deps.signIn?.(signIn);
      });
      return undefined;
    }
  };
}
