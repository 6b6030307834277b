// The two bounds of a search's requests (userSearch.ts): per profile and overall. No `vscode`.
/**
 * Runs tasks with at most `perProfile` of one profile and `overall` in all in flight, in the order
 * they came, skipping past a task whose profile is at its bound (so one busy profile never holds
 * the others back). A task whose signal aborts while queued never starts.
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

  private pump(): void {
    for (let i = 0; i < this.queue.length && this.active < this.overall; ) {
      const entry = this.queue[i];
      if ((this.byProfile.get(entry.profile) ?? 0) >= this.perProfile) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      entry.start();
    }
  }
}

function abortedError(): Error {
  const error = new Error('Search cancelled');
  error.name = 'AbortError';
  return error;
}
