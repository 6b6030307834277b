// The Node under the extension: the minimum VS Code (engines.vscode, see ARCHITECTURE.md "Supported VS
// Code") runs its extension host on Node 22 or later, so the AWS SDK prints no NodeVersionSupportWarning
// there. The warning goes out through process.emitWarning, which Node prints on the extension host's
// console; the workbench forwards that console, and the harness writes it to the run's
// logs/extension-host-console.log (harness/suite.ts). This test reads every log of the run, that one
// and code-server's own; a probe warning sent the same way first shows that it reads the place where the
// SDK's warning would land.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { activateExtension, treeUntil } from './extension';
import { treeAccess } from './treeAccess';
import type { ExtensionApi } from '../../src/extension';

const WARNING = 'NodeVersionSupportWarning';

/** Every log file code-server and its extension host write in this run (set by harness/codeServer.ts). */
function logFiles(): string[] {
  const roots = [process.env.WSP_RUN_LOGS, process.env.WSP_USER_DATA && path.join(process.env.WSP_USER_DATA, 'logs')].filter((d): d is string => !!d);
  assert.ok(roots.length === 2, 'WSP_RUN_LOGS and WSP_USER_DATA are not set: the harness sets them for code-server');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.log')) files.push(full);
    }
  };
  roots.filter((d) => fs.existsSync(d)).forEach(walk);
  return files;
}

function logsContaining(text: string): string[] {
  return logFiles().filter((file) => fs.readFileSync(file, 'utf8').includes(text));
}


describe('Node of the extension host', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
  });

  it('is Node 22 or later', () => {
    const major = Number(process.versions.node.split('.')[0]);
    assert.ok(major >= 22, `the extension host runs Node ${process.versions.node}; the AWS SDK needs 22 or later`);
  });

  it('logs no NodeVersionSupportWarning once the AWS SDK has made a client', async () => {
    const { children } = treeAccess(() => api);
    // Listing a profile's pools loads the SDK (dist/aws.js) and makes its first client, which is when
    // the SDK checks the Node version.
    const [profile] = await children();
    assert.ok(profile, 'the explorer shows no profile');
    await children(profile);
    await treeUntil(api, async () => (api.isAwsLoaded() ? true : undefined), 'listing a profile to load the AWS layer');
    const probe = `WspLogProbe-${process.pid}-${Date.now()}`;
    process.emitWarning(`${probe}: sent by node.test.ts the way the SDK sends its Node version warning`);
    // A file written by another process gives no event here: poll it.
    const deadline = Date.now() + 30_000;
    while (logsContaining(probe).length === 0) {
      assert.ok(Date.now() < deadline, `the probe warning reached none of ${logFiles().join(', ')} within 30 s: this test reads the wrong logs`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const found = logFiles().flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes(WARNING))
        .map((line) => `${path.basename(file)}: ${line.trim()}`),
    );
    assert.deepStrictEqual(found, [], `the AWS SDK warned about the Node version (${process.versions.node})`);
  });
});
