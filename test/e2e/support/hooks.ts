// Root hooks of the UI tests (loaded by test/e2e/.mocharc.json): one workbench for the whole run, and a
// screenshot of the moment any test fails.
import type { Context } from 'mocha';
import { alreadyPictured, page, screenshot, startWorkbench, stopWorkbench } from './workbench';

let anyFailed = false;

export const mochaHooks = {
  async beforeAll(this: Context) {
    this.timeout(300_000); // includes packaging the extension and a cold code-server start
    await startWorkbench();
  },
  async afterEach(this: Context) {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    anyFailed = true;
    // A helper that failed has pictured that moment already.
    if (!alreadyPictured(test.err)) {
      const file = await screenshot(`FAILED ${test.fullTitle()}`).catch((e: unknown) => `(no screenshot: ${String(e)})`);
      console.log(`      screenshot of the failure: ${file}`);
    }
    // Close what was left open (palette, menus) only after the picture of the failure is taken.
    await page()
      .keyboard.press('Escape')
      .catch(() => undefined);
  },
  async afterAll(this: Context) {
    this.timeout(30_000);
    await stopWorkbench(anyFailed);
  },
};
