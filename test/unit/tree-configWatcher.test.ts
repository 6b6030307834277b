// The AWS files watcher on real files: an edit (also by rename, as editors save) is reported once,
// and a folder that does not exist yet is polled until the file appears.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setTimeout as delay } from 'timers/promises';
import { awsFilePaths, watchFiles } from '../../src/tree/configWatcher';

/**
 * How long after the first report a second one would have come: one save's events arrive within a
 * few ms, then a second report would follow at most one debounce window (50 ms here) or one poll
 * (50 ms) later. Waiting is the only way to see that no second report comes: there is no event to await.
 */
const QUIET_MS = 400;

function nextChange(
  files: string[],
  debounceMs: number,
  pollMs?: number,
): { changed: Promise<number>; reportsAfterQuiet(): Promise<number>; dispose(): void } {
  let count = 0;
  let resolve!: (n: number) => void;
  const changed = new Promise<number>((r) => (resolve = r));
  const watcher = watchFiles(
    files,
    () => {
      count += 1;
      resolve(count);
    },
    debounceMs,
    pollMs,
  );
  return {
    changed,
    /** The number of reports once the first has come and then QUIET_MS passed. */
    async reportsAfterQuiet() {
      await changed;
      await delay(QUIET_MS);
      return count;
    },
    dispose: () => watcher.dispose(),
  };
}

describe('tree: AWS files watcher', function () {
  this.timeout(10_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsp-watch-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the files where the SDK does', () => {
    assert.deepStrictEqual(awsFilePaths({ HOME: '/h' }), ['/h/.aws/config', '/h/.aws/credentials']);
    assert.deepStrictEqual(awsFilePaths({ HOME: '/h', AWS_CONFIG_FILE: '/c', AWS_SHARED_CREDENTIALS_FILE: '/k' }), ['/c', '/k']);
  });

  it('reports an edit in place', async () => {
    const config = path.join(dir, 'config');
    fs.writeFileSync(config, '[default]\n');
    const w = nextChange([config, path.join(dir, 'credentials')], 50);
    try {
      fs.writeFileSync(config, '[default]\nregion = us-east-1\n');
      assert.strictEqual(await w.reportsAfterQuiet(), 1, 'one edit, one report');
    } finally {
      w.dispose();
    }
  });

  it('reports a save by rename (how editors write), and a new credentials file', async () => {
    const config = path.join(dir, 'config');
    fs.writeFileSync(config, '[default]\n');
    let w = nextChange([config, path.join(dir, 'credentials')], 50);
    try {
      fs.writeFileSync(`${config}.tmp`, '[default]\nregion = eu-west-1\n');
      fs.renameSync(`${config}.tmp`, config);
      assert.strictEqual(await w.reportsAfterQuiet(), 1, 'one save by rename, one report');
    } finally {
      w.dispose();
    }
    w = nextChange([config, path.join(dir, 'credentials')], 50);
    try {
      fs.writeFileSync(path.join(dir, 'credentials'), '[default]\n');
      assert.strictEqual(await w.reportsAfterQuiet(), 1, 'one new file, one report');
    } finally {
      w.dispose();
    }
  });

  it('polls a file whose folder does not exist yet', async function () {
    const config = path.join(dir, 'later', 'config');
    const w = nextChange([config], 10, 50);
    try {
      fs.mkdirSync(path.dirname(config));
      fs.writeFileSync(config, '[default]\n');
      assert.strictEqual(await w.reportsAfterQuiet(), 1, 'one new file, one report');
    } finally {
      w.dispose();
    }
  });
});
