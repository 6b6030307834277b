// Watches the AWS shared config and credentials files (where sharedFileLocations() says they are)
// so that editing them updates the explorer without a reload. No `vscode` import. Editors save by rename and the folder may not exist yet,
// so it watches the folder when it can and polls the file's stat otherwise; changes are debounced
// because one save is often several events.
import * as fs from 'fs';
import * as path from 'path';

export interface Watcher {
  dispose(): void;
}

export function watchFiles(files: string[], onChange: () => void, debounceMs = 200, pollMs = 2000): Watcher {
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, debounceMs);
  };
  const closers: (() => void)[] = [];
  const dirs = new Map<string, Set<string>>();
  for (const file of files) {
    const dir = path.dirname(file);
    if (!dirs.has(dir)) dirs.set(dir, new Set());
    dirs.get(dir)!.add(path.basename(file));
  }
  for (const [dir, names] of dirs) {
    let watched = false;
    try {
      const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || names.has(name.toString())) fire();
      });
      watcher.on('error', () => undefined);
      closers.push(() => watcher.close());
      watched = true;
    } catch {
      // The folder does not exist (yet): fall back to polling below.
    }
    if (!watched) {
      for (const name of names) {
        // The baseline is taken now, synchronously: a file created right after this call is a change.
        const file = path.join(dir, name);
        let last = stamp(file);
        const poll = setInterval(() => {
          const now = stamp(file);
          if (now !== last) {
            last = now;
            fire();
          }
        }, pollMs);
        poll.unref();
        closers.push(() => clearInterval(poll));
      }
    }
  }
  return {
    dispose() {
      if (timer) clearTimeout(timer);
      for (const close of closers) close();
    },
  };
}

function stamp(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'absent';
  }
}
