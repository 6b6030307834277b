// The modal confirmation of every action that changes AWS, and the read-only guard in front of it.
import vscode = require('vscode');
import { noticeText } from '../core/text';
import { SETTINGS, SETTINGS_SECTION } from '../ids';
import type { Confirmation } from '../model/sessionActions';
import { Cancelled, UserError } from './wrapper';

/**
 * Asks with a modal dialog; only the action's own button goes ahead (Cancel, Escape and closing
 * the dialog do not). The texts hold outside strings (user ids, pool and profile names).
 */
export async function confirmModal(confirmation: Confirmation): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    noticeText(confirmation.message),
    { modal: true, detail: noticeText(confirmation.detail) },
    confirmation.button,
  );
  return choice === confirmation.button;
}

/** Ends the command quietly unless the user confirms. */
export async function requireConfirmation(confirm: (c: Confirmation) => Promise<boolean>, confirmation: Confirmation): Promise<void> {
  if (!(await confirm(confirmation))) throw new Cancelled();
}

/**
 * The menus hide the actions in read-only mode, but a keybinding, another extension or an old
 * palette entry can still run the command: it is refused here, before anything is asked or sent.
 */
export function refuseWhenReadOnly(readOnly: boolean, title: string): void {
  if (readOnly) {
    throw new UserError(
      `${title} changes AWS, and read-only mode is on (setting ${SETTINGS_SECTION}.${SETTINGS.readOnly}): nothing was sent. Turn the setting off in your user settings to act.`,
    );
  }
}
