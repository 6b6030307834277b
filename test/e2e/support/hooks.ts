// Root hooks of the UI tests (loaded by test/e2e/.mocharc.json): one workbench for the whole run, and a
// screenshot of the moment any test fails.
import type { Context, Suite } from 'mocha';
import { alreadyPictured, page, screenshot, startWorkbench, stopWorkbench } from './workbench';
import { orderFromEnv, reorder } from './order';

let anyFailed = false;

export const mochaHooks = {
  async beforeAll(this: Context) {
    this.timeout(300_000); // includes packaging the extension and a cold code-server start
    // WSP_E2E_ORDER=reverse|shuffle[:seed]: every test must set up its own state, so any order passes.
    // Mocha reads each suite's tests and child suites only after the suite's beforeAll: reordering here
    // takes effect for this run.
    const order = orderFromEnv();
    if (order.kind !== 'file') {
      const root = this.test?.parent as Suite | undefined;
      if (root) reorder(root, order);
      console.log(`  [e2e] tests in ${order.kind} order${order.kind === 'shuffle' ? ` (seed ${order.seed}: WSP_E2E_ORDER=shuffle:${order.seed} repeats it)` : ''}`);
    }
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
