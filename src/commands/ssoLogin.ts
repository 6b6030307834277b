// "Sign In with IAM Identity Center" and "Sign Out of IAM Identity Center", inside the editor: no
// AWS CLI needed. The device flow itself (src/aws/ssoSignIn.ts, in dist/aws.js) knows nothing of
// `vscode`; this shows its code in a progress notification with Cancel, opens the verification
// page with openExternal, offers to copy the code, and turns each way it can end into one message.
// Denied, expired and cancelled flows write nothing (the flow writes only once it has a token).
import vscode = require('vscode');
import type { SsoAccess } from '../aws/lazyGateway';
import { escapeIcons, oneLine } from '../core/text';
import { notify, UserError } from './wrapper';
import type { Log } from '../core/log';

export interface SsoCommandDeps {
  sso: SsoAccess;
  log: Log;
  /** After a sign-in or sign-out: forget credentials and reload what the change affects. */
  changed(profile: string): void | Promise<void>;
}

/**
 * The sign-ins running now, by profile: a second Sign In for the profile replaces the first (its
 * code may have been lost), and Sign Out cancels it, as the notification's Cancel does.
 */
const running = new Map<string, AbortController>();

const COPY = 'Copy Code';
const OPEN = 'Open Browser';

/** Only a web page is opened: the address comes from the service (or whatever answers at the configured endpoint). */
function webUri(address: string): vscode.Uri | undefined {
  try {
    const uri = vscode.Uri.parse(address, true);
    return uri.scheme === 'https' || uri.scheme === 'http' ? uri : undefined;
  } catch {
    return undefined;
  }
}

export async function signInSso(profile: string, deps: SsoCommandDeps): Promise<void> {
  const name = escapeIcons(oneLine(profile));
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `IAM Identity Center sign-in for profile "${name}"`, cancellable: true },
    async (progress, cancel) => {
      running.get(profile)?.abort();
      const abort = new AbortController();
      running.set(profile, abort);
      const sub = cancel.onCancellationRequested(() => abort.abort());
      try {
        progress.report({ message: 'starting…' });
        return await deps.sso.signIn(profile, {
          log: (line) => deps.log.info(line),
          signal: abort.signal,
          onCode: (prompt) => {
            const code = escapeIcons(oneLine(prompt.userCode));
            const page = webUri(prompt.verificationUriComplete ?? prompt.verificationUri);
            progress.report({ message: `approve code ${code} in the browser…` });
            if (page) void vscode.env.openExternal(page);
            else deps.log.warn('sso: the verification address is not an http(s) URL; not opened');
            void notify('info', `To sign in profile "${profile}", approve the code ${prompt.userCode} on the page that opened${page ? '' : ' (open the IAM Identity Center page yourself)'}.`, COPY, OPEN).then(async (choice) => {
              if (choice === COPY) await vscode.env.clipboard.writeText(prompt.userCode);
              else if (choice === OPEN && page) await vscode.env.openExternal(page);
            });
          },
        });
      } catch (error) {
        throw outcome(error, profile, abort.signal.aborted);
      } finally {
        sub.dispose();
        if (running.get(profile) === abort) running.delete(profile);
      }
    },
  );
  await deps.changed(profile);
  const session = result.target.session ? `the sso-session "${result.target.session}"` : `profile "${profile}"`;
  void notify('info', `Signed in to IAM Identity Center for ${session}${result.how === 'refreshed' ? ' (renewed, no browser needed)' : ''}. The sign-in is valid until ${result.expiresAt.toLocaleString()}.`);
}

/** Each way the flow can end without a token, as one message; anything else goes to the wrapper. */
function outcome(error: unknown, profile: string, cancelled: boolean): unknown {
  const p = `"${oneLine(profile)}"`;
  // By name: the errors are thrown by the copy of the classes inside dist/aws.js.
  const name = error instanceof Error ? error.name : '';
  if (cancelled || name === 'AbortError') return new UserError(`The sign-in for profile ${p} was cancelled. Nothing was changed.`);
  if (name === 'SsoSignInError') return new UserError(`The sign-in for profile ${p} did not complete: ${(error as Error).message} Nothing was changed; sign in again to get a new code.`);
  if (name === 'SsoConfigError') return new UserError((error as Error).message);
  return error;
}

export async function signOutSso(profile: string, deps: SsoCommandDeps): Promise<void> {
  running.get(profile)?.abort();
  let result;
  try {
    result = await deps.sso.signOut(profile);
  } catch (error) {
    if (error instanceof Error && error.name === 'SsoConfigError') throw new UserError(error.message);
    throw error;
  }
  deps.log.info(`sso: sign out: ${result.removed ? 'removed' : 'there was no'} cached token for ${result.target.session ? `sso-session ${JSON.stringify(result.target.session)}` : `profile ${JSON.stringify(profile)}`}`);
  await deps.changed(profile);
  const session = result.target.session ? `sso-session "${result.target.session}"` : `profile "${profile}"`;
  void notify('info', result.removed ? `Signed out of IAM Identity Center: the cached sign-in of ${session} was removed.` : `There was no cached IAM Identity Center sign-in for ${session}.`);
}
