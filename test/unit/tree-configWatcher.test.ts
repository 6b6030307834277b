// The AWS files watcher on real files: an edit (also by rename, as editors save) is reported once,
// and a folder that does not exist yet is polled until the file appears.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { awsFilePaths, watchFiles } from '../../src/tree/configWatcher';

function nextChange(files: string[], debounceMs: number, pollMs?: number): { changed: Promise<number>; dispose(): void } {
  let count = 0;
  let resolve!: (n: number) => void;
  const changed = new Promise<number>((r) => (resolve = r));
  const watcher = watchFiles(files, () => resolve(++count), debounceMs, pollMs);
  return { changed, dispose: () => watcher.dispose() };
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
      assert.strictEqual(await w.changed, 1);
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
      await w.changed;
    } finally {
      w.dispose();
    }
    w = nextChange([config, path.join(dir, 'credentials')], 50);
    try {
      fs.writeFileSync(path.join(dir, 'credentials'), '[default]\n');
      await w.changed;
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
      assert.strictEqual(await w.changed, 1);
    } finally {
      w.dispose();
    }
  });
});
