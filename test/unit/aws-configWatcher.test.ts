// The AWS files watcher on real files: an edit (also by rename, as editors save) is reported once,
// and a folder that does not exist yet is polled until the file appears.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setTimeout as delay } from 'timers/promises';
import { sharedFileLocations } from '../../src/aws/configFiles';
import { watchAwsFiles, watchAwsFilesOnRead, watchFiles } from '../../src/aws/configWatcher';
import { lazyGateway } from '../../src/aws/lazyGateway';

/** Resolves the n-th time the watcher reports a change (1 = the next one). */
function changes(watch: (onChange: () => void) => { dispose(): void }): { next(): Promise<void>; count(): number; dispose(): void } {
  let count = 0;
  const waiting: (() => void)[] = [];
  const watcher = watch(() => {
    count++;
    waiting.splice(0).forEach((resolve) => resolve());
  });
  return {
    next: () => new Promise<void>((resolve) => waiting.push(resolve)),
    count: () => count,
    dispose: () => watcher.dispose(),
  };
}

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

  // The scenarios below made the watcher deaf before it re-armed itself (issue 10, item 5).

  it('sees edits after the folder is deleted and made again (the old folder watch died with it)', async () => {
    const aws = path.join(dir, '.aws');
    const config = path.join(aws, 'config');
    fs.mkdirSync(aws);
    fs.writeFileSync(config, '[default]\n');
    // A poll of a minute: within this test only re-armed watches can see the folder come back and the edits.
    const w = changes((onChange) => watchFiles([config, path.join(aws, 'credentials')], onChange, 20, 60_000));
    try {
      let next = w.next();
      fs.rmSync(aws, { recursive: true });
      await next; // the file is gone: a change too
      next = w.next();
      fs.mkdirSync(aws);
      fs.writeFileSync(config, '[default]\nregion = eu-west-1\n');
      await next;
      // The new folder is watched: an edit in place and a save by rename are both seen.
      next = w.next();
      fs.writeFileSync(config, '[default]\nregion = eu-central-1\n');
      await next;
      next = w.next();
      fs.writeFileSync(`${config}.tmp`, '[default]\nregion = us-west-2\n');
      fs.renameSync(`${config}.tmp`, config);
      await next;
    } finally {
      w.dispose();
    }
  });

  it("sees edits to a symlinked file's target, in the target's own folder (no polling)", async () => {
    const dotfiles = path.join(dir, 'dotfiles');
    const aws = path.join(dir, '.aws');
    fs.mkdirSync(dotfiles);
    fs.mkdirSync(aws);
    const target = path.join(dotfiles, 'aws-config');
    fs.writeFileSync(target, '[default]\n');
    const config = path.join(aws, 'config');
    fs.symlinkSync(target, config);
    // A poll of a minute: within this test only a watch can see the edit.
    const w = changes((onChange) => watchFiles([config], onChange, 20, 60_000));
    try {
      let next = w.next();
      fs.writeFileSync(target, '[default]\nregion = eu-west-1\n');
      await next;
      // The target saved by rename (a new inode in the same place) is followed too.
      next = w.next();
      fs.writeFileSync(`${target}.tmp`, '[default]\nregion = eu-west-2\n');
      fs.renameSync(`${target}.tmp`, target);
      await next;
      next = w.next();
      fs.writeFileSync(target, '[default]\nregion = eu-west-3\n');
      await next;
    } finally {
      w.dispose();
    }
  });

  it('a link pointed elsewhere: the change is seen, then edits of the new target', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    const aws = path.join(dir, '.aws');
    for (const d of [a, b, aws]) fs.mkdirSync(d);
    fs.writeFileSync(path.join(a, 'config'), '[default]\n');
    fs.writeFileSync(path.join(b, 'config'), '[default]\n');
    const config = path.join(aws, 'config');
    fs.symlinkSync(path.join(a, 'config'), config);
    const w = changes((onChange) => watchFiles([config], onChange, 20, 60_000));
    try {
      let next = w.next();
      fs.symlinkSync(path.join(b, 'config'), `${config}.new`);
      fs.renameSync(`${config}.new`, config);
      await next;
      next = w.next();
      fs.writeFileSync(path.join(b, 'config'), '[default]\nregion = eu-west-1\n');
      await next;
      assert.strictEqual(w.count(), 2);
    } finally {
      w.dispose();
    }
  });

  it('AWS_CONFIG_FILE=~/custom/config: watches the expanded path the AWS layer reads', async () => {
    const custom = path.join(dir, 'custom');
    fs.mkdirSync(custom);
    fs.writeFileSync(path.join(custom, 'config'), '[default]\n');
    const env = { HOME: dir, AWS_CONFIG_FILE: '~/custom/config', AWS_SHARED_CREDENTIALS_FILE: '~/custom/credentials' };
    const w = changes((onChange) => watchAwsFiles(onChange, env, 20, 60_000));
    try {
      let next = w.next();
      fs.writeFileSync(path.join(custom, 'config'), '[default]\nregion = eu-west-1\n');
      await next;
      next = w.next();
      fs.writeFileSync(path.join(custom, 'credentials'), '[default]\n');
      await next;
    } finally {
      w.dispose();
    }
  });

  it("watches from the gateway's first read of the files on, not before (activation opens no watch), with one watch however many reads", async () => {
    const config = path.join(dir, 'config');
    fs.writeFileSync(config, '[default]\nregion = us-east-1\n');
    const env = { HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') };
    let opens = 0;
    let watch!: ReturnType<typeof watchAwsFilesOnRead>;
    const w = changes((onChange) => (watch = watchAwsFilesOnRead(onChange, env)));
    const gateway = lazyGateway({ log: () => undefined, requestTimeoutMs: () => 5_000, env, beforeFilesRead: () => (opens++, watch.open()) });
    try {
      fs.writeFileSync(config, '[default]\nregion = eu-west-1\n');
      await delay(QUIET_MS);
      assert.strictEqual(w.count(), 0, 'an edit before the first read was reported: the watch was open before it');
      assert.deepStrictEqual((await gateway.listProfiles()).map((p) => p.region), ['eu-west-1']);
      assert.strictEqual(opens, 1, 'the profile list did not open the watch before reading');
      let next = w.next();
      fs.writeFileSync(config, '[default]\nregion = eu-west-2\n');
      await next;
      await gateway.listProfiles();
      next = w.next();
      fs.writeFileSync(config, '[default]\nregion = eu-west-3\n');
      await next;
      await delay(QUIET_MS);
      assert.strictEqual(w.count(), 2, 'two edits after the first read, reported once each (one watch for two reads)');
    } finally {
      w.dispose();
    }
  });

  it('a watch disposed before its first read never opens', async () => {
    const config = path.join(dir, 'config');
    fs.writeFileSync(config, '[default]\n');
    let watch!: ReturnType<typeof watchAwsFilesOnRead>;
    const w = changes((onChange) => (watch = watchAwsFilesOnRead(onChange, { HOME: dir, AWS_CONFIG_FILE: config })));
    w.dispose();
    watch.open();
    fs.writeFileSync(config, '[default]\nregion = eu-west-1\n');
    await delay(QUIET_MS);
    assert.strictEqual(w.count(), 0);
  });
});
