// Links injected into notifications, in Chromium on the real workbench. A profile from the
// credentials file whose name is a command link, with a region that is a command link too: Refresh
// Pool from the palette shows an error with both in it. The toast holds no <a> to a command, a web
// page or a file, and the words read as written. (The region setting's warning goes through the same
// notify(); the extension-host suite checks it in the log: the workbench here does not pick up an
// edit of the user settings file.)
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { LINK_PAYLOADS } from '../support/security';
import { collapseTree, harness, page, runCommand, screenshot, waitForNotification, waitForRow } from './support/workbench';

const PROFILE = LINK_PAYLOADS[0];
const REGION = '[x](command:workbench.action.quit)';

/** Links in a toast (buttons are anchors without an href) and its message text. */
async function toastContent(toast: Locator): Promise<{ links: string[]; message: string }> {
  const links = await toast.locator('a').evaluateAll((as) =>
    as.map((a) => `${a.getAttribute('href') ?? ''}|${a.getAttribute('data-href') ?? ''}|${a.textContent ?? ''}`).filter((l) => /command:|https?:|file:|Sign in again/.test(l)),
  );
  const message = (await toast.locator('.notification-list-item-message').first().textContent()) ?? '';
  return { links, message: message.replace(/\u200b/g, '') };
}

describe('security in the workbench: links in notifications', function () {
  this.timeout(120_000);
  let originalCredentials = '';
  const credentialsFile = () => path.join(harness().run.aws, 'credentials');

  before(async () => {
    originalCredentials = fs.readFileSync(credentialsFile(), 'utf8');
    fs.writeFileSync(credentialsFile(), `${originalCredentials}\n[${PROFILE}]\naws_access_key_id = AKIDLINKTEST\naws_secret_access_key = x\nregion = ${REGION}\n`);
    // Top level only: the new profile's row is then rendered, whatever an earlier test expanded and
    // scrolled to (the hostile pool's sessions, in a shuffled order).
    await collapseTree();
  });

  after(async () => {
    fs.writeFileSync(credentialsFile(), originalCredentials);
    // Dismiss the toasts this test raised.
    await page().keyboard.press('Escape');
  });

  it('shows a command link in a profile name and its region as text in the error of Refresh Pool', async () => {
    // The profile's own region (no regions in the settings) is refused before any request.
    await waitForRow(PROFILE, 30_000);
    await runCommand('WorkSpaces Pools: Refresh Pool');
    const pick = page().locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Sign in again' }).first();
    await pick.waitFor();
    await pick.click();
    const toast = await waitForNotification(/Refresh Pool:/, 30_000);
    await screenshot('notification-profile-link');
    const { links, message } = await toastContent(toast);
    assert.deepStrictEqual(links, [], 'a link in the toast');
    assert.ok(message.includes(REGION), `the region as written: ${message}`);
    assert.ok(message.includes(`Profile "${PROFILE}"`), `the profile as written: ${message}`);
    assert.match(message, /is not a region code/);
  });
});
