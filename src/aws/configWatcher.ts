// Watches the AWS shared config and credentials files so that editing them updates the explorer
// without a reload. No `vscode` import. The paths are the AWS layer's own (sharedFileLocations():
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE with `~/` expanded, else ~/.aws/...), so the files
// watched are the files read.
//
// A folder watch (fs.watch) sees a save by rename, which a watch of the file itself would lose, but
// it dies with its folder: delete ~/.aws and make it again, and the old watch hears nothing. And an
// edit of a symlinked file's target touches the target's folder, not the link's. So each file's
// folder AND, for a link, its target's folder are watched; after any event, an error, or on a slow
// poll, the set of folders is worked out again and a watch is re-armed wherever its folder is new
// (another inode), came back, or the link now points elsewhere; while a folder is missing, its
// nearest existing parent is watched for its return. A slow poll also compares each file's stat
// (through links), which catches whatever no watch reported.
// Changes are debounced because one save is often several events.
// Named imports: esbuild copies a namespace import of a Node module into a new object at load.
import { realpathSync, statSync, watch as watchFolder, type FSWatcher } from 'fs';
import { basename, dirname } from 'path';
import { sharedFileLocations, statStamp } from './configFiles';

export interface Watcher {
  dispose(): void;
}

/** Watches the AWS files where the AWS layer reads them, for this environment. */
export function watchAwsFiles(onChange: () => void, env: NodeJS.ProcessEnv = process.env, debounceMs?: number, pollMs?: number): Watcher {
  const { configPath, credentialsPath } = sharedFileLocations(env);
  return watchFiles([configPath, credentialsPath], onChange, debounceMs, pollMs);
}

/** A watch of the AWS files that is opened by `open()`, not before; `dispose()` closes it, or keeps it from opening. */
export interface WatchOnRead extends Watcher {
  open(): void;
}

/**
 * The AWS files watched from their first read on, not from activation: until the extension has read
 * them nothing shown can be stale, and opening the watch (stats, realpath, fs.watch, a poll timer)
 * was the costliest step of activate(). The gateway calls `open()` before each read
 * (GatewayOptions.beforeFilesRead): the baseline is taken before the first read, so an edit made
 * while the files are being read is a change.
 */
export function watchAwsFilesOnRead(onChange: () => void, env: NodeJS.ProcessEnv = process.env): WatchOnRead {
  let watcher: Watcher | undefined;
  let disposed = false;
  return {
    open() {
      if (!watcher && !disposed) watcher = watchAwsFiles(onChange, env);
    },
    dispose() {
      disposed = true;
      watcher?.dispose();
    },
  };
}

interface FolderWatch {
  /** Names in the folder whose events are changes: the files, or the targets of links. */
  names: Set<string>;
  watcher?: FSWatcher;
  /** The inode of the folder the watch was opened on: another one means the folder was made again. */
  ino?: number;
}

export function watchFiles(files: string[], onChange: () => void, debounceMs = 200, pollMs = 2000): Watcher {
  let disposed = false;
  let timer: NodeJS.Timeout | undefined;
  let checkPending = false;
  // Taken now, synchronously: a file created right after this call is a change.
  let baseline = stamps(files);
  const folders = new Map<string, FolderWatch>();

  const fire = () => {
    if (disposed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      baseline = stamps(files);
      onChange();
    }, debounceMs);
  };

  /** Opens, re-opens or closes folder watches so that they match the files' folders and link targets now. */
  const arm = () => {
    const wanted = foldersOf(files);
    // A missing folder cannot be watched: its nearest existing parent is, for its return (no
    // names: its events only make the check run).
    for (const dir of [...wanted.keys()]) {
      if (inode(dir) !== undefined) continue;
      const parent = existingAncestor(dir);
      if (parent !== undefined && !wanted.has(parent)) wanted.set(parent, new Set());
    }
    for (const [dir, watch] of folders) {
      if (!wanted.has(dir)) {
        watch.watcher?.close();
        folders.delete(dir);
      }
    }
    for (const [dir, names] of wanted) {
      let watch = folders.get(dir);
      if (!watch) folders.set(dir, (watch = { names }));
      watch.names = names;
      const ino = inode(dir);
      if (watch.watcher && watch.ino === ino) continue;
      watch.watcher?.close();
      watch.watcher = undefined;
      watch.ino = undefined;
      if (ino === undefined) continue; // missing: the poll looks again
      const current = watch;
      try {
        const watcher = watchFolder(dir, { persistent: false }, (_event, name) => {
          if (name === null || current.names.has(name.toString())) fire();
          // Whatever the event, the folder may have gone (Linux then reports its own name) or a
          // link may point elsewhere now.
          scheduleCheck();
        });
        watcher.on('error', () => {
          // The folder went or cannot be read: drop this watch, the check opens a new one if it can.
          watcher.close();
          if (current.watcher === watcher) current.watcher = undefined;
          scheduleCheck();
        });
        watch.watcher = watcher;
        watch.ino = ino;
      } catch {
        // Gone between the stat and the watch, or not readable: the poll tries again.
      }
    }
  };

  const check = () => {
    checkPending = false;
    if (disposed) return;
    arm();
    const now = stamps(files);
    if (now.some((s, i) => s !== baseline[i])) fire();
  };

  const scheduleCheck = () => {
    if (checkPending || disposed) return;
    checkPending = true;
    setImmediate(check);
  };

  arm();
  const poll = setInterval(check, pollMs);
  poll.unref();

  return {
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      clearInterval(poll);
      for (const watch of folders.values()) watch.watcher?.close();
      folders.clear();
    },
  };
}

/** Each file's folder, and for a symlink (or a chain of them) also its final target's folder. */
function foldersOf(files: string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (file: string) => {
    const dir = dirname(file);
    if (!out.has(dir)) out.set(dir, new Set());
    out.get(dir)!.add(basename(file));
  };
  for (const file of files) {
    add(file);
    try {
      const real = realpathSync(file);
      if (real !== file) add(real);
    } catch {
      // Missing, or a dangling link: its folder alone is watched until it resolves.
    }
  }
  return out;
}

function existingAncestor(dir: string): string | undefined {
  for (let up = dirname(dir); ; up = dirname(up)) {
    if (inode(up) !== undefined) return up;
    if (dirname(up) === up) return undefined;
  }
}

function inode(dir: string): number | undefined {
  try {
    const s = statSync(dir);
    return s.isDirectory() ? s.ino : undefined;
  } catch {
    return undefined;
  }
}

function stamps(files: string[]): string[] {
  // statSync follows links: a target's edit changes the stamp of the link.
  return files.map(statStamp);
}
