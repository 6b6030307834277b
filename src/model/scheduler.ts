// The two bounds of a search's requests (userSearch.ts): per profile and overall. No `vscode`.
/**
 * Runs tasks with at most `perProfile` of one profile and `overall` in all in flight; a task whose
 * profile is at its bound waits without holding the others back. A task whose signal aborts while
 * queued never starts.
 */
export class Scheduler {
  private active = 0;
  private readonly byProfile = new Map<string, number>();
  private readonly queue: { profile: string; start: () => void; signal: AbortSignal; reject: (e: unknown) => void }[] = [];

  constructor(
    readonly perProfile: number,
    readonly overall: number,
  ) {}

  run<T>(profile: string, signal: AbortSignal, task: () => Promise<T>): Promise<T> {
    if (signal.aborted) return Promise.reject(abortedError());
    return new Promise<T>((resolve, reject) => {
      const entry = {
        profile,
        signal,
        reject,
        start: () => {
          signal.removeEventListener('abort', onAbort);
          this.active++;
          this.byProfile.set(profile, (this.byProfile.get(profile) ?? 0) + 1);
          task()
            .then(resolve, reject)
            .finally(() => {
              this.active--;
              this.byProfile.set(profile, (this.byProfile.get(profile) ?? 1) - 1);
              this.pump();
            });
        },
      };
      const onAbort = () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) this.queue.splice(i, 1);
        reject(abortedError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(entry);
      this.pump();
    });
  }

  /**
   * Fills free slots, each with the earliest task of the profile that has the fewest in flight: the
   * profiles share the overall bound in turn, so a profile listed last is not served last.
   */
  private pump(): void {
    while (this.active < this.overall) {
      let best = -1;
      let bestLoad = Infinity;
      for (let i = 0; i < this.queue.length; i++) {
        const load = this.byProfile.get(this.queue[i].profile) ?? 0;
        if (load < this.perProfile && load < bestLoad) {
          best = i;
          bestLoad = load;
        }
      }
      if (best < 0) return;
      const [entry] = this.queue.splice(best, 1);
      entry.start();
    }
  }
}

function abortedError(): Error {
  const error = new Error('Search cancelled');
  error.name = 'AbortError';
  return error;
}
