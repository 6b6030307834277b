// Debian's Chromium driven by playwright-core (no browser download), profile in the run folder.
// Playwright starts the browser in its own process group and kills that group when it closes.
import * as fs from 'fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { RunDir } from './runDir';

export const CHROMIUM = process.env.WSP_CHROMIUM ?? '/usr/bin/chromium';

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Leaves the workbench first (so code-server ends its extension host), then closes the browser. */
  close(): Promise<void>;
}

export async function launchBrowser(run: RunDir, viewport = { width: 1400, height: 900 }): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run \`npm run harness:setup\` (it installs Debian's chromium)`);
  const context = await chromium.launchPersistentContext(run.browserProfile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    env: run.env,
    args: [
      '--no-sandbox', // runs as root in CI
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    async close() {
      if (closed) return;
      closed = true;
      // Without this, code-server keeps the extension host of the window alive for hours.
      await page.goto('about:blank', { timeout: 5000 }).catch(() => undefined);
      await context.close().catch(() => undefined);
    },
  };
}
