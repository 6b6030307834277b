// The AWS files watcher on real files: an edit (also by rename, as editors save) is reported once,
// and a folder that does not exist yet is polled until the file appears.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sharedFileLocations } from '../../src/aws/configFiles';
import { watchFiles } from '../../src/aws/configWatcher';

function nextChange(files: string[], debounceMs: number, pollMs?: number): { changed: Promise<number>; dispose(): void } {
  let count = 0;
  let resolve!: (n: number) => void;
  const changed = new Promise<number>((r) => (resolve = r));
  const watcher = watchFiles(files, () => resolve(++count), debounceMs, pollMs);
  return { changed, dispose: () => watcher.dispose() };
}

describe('aws: AWS files watcher', function () {
  this.timeout(10_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsp-watch-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes the paths from the AWS layer, as the SDK reads them (~ expanded)', () => {
    const at = sharedFileLocations({ HOME: '/h', AWS_CONFIG_FILE: '~/custom/config' });
    assert.deepStrictEqual([at.configPath, at.credentialsPath], ['/h/custom/config', '/h/.aws/credentials']);
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
