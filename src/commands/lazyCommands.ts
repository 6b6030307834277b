// The commands' code (the command table, the quick picks, Find User's Sessions…, Export Sessions…, the
// sign-in) is a bundle of its own, dist/commands.js, loaded on the first command: activation registers
// every command id at once (the palette, menus, keybindings and tree rows name them), each behind a
// handler from here that loads the bundle when it is first called. So dist/extension.js carries what
// the views' first paint needs, not the commands (bench/README.md, activation). No `vscode`:
// extension.ts registers these handlers; tested in plain Node (test/unit/commands-lazy.test.ts).
import { COMMANDS, type CommandId } from '../ids';
import type * as Commands from './index';
import type { CommandDeps } from './index';

type CommandsModule = Pick<typeof Commands, 'commandHandlers' | 'commandState'>;
type HandlersModule = Pick<CommandsModule, 'commandHandlers'>;
type Handler = (...args: unknown[]) => Promise<unknown>;

let loaded: CommandsModule | undefined;

/** dist/commands.js, loaded once; also for the state only commands use (commandState). */
export function loadCommands(): CommandsModule {
  // Resolved next to dist/extension.js at run time (esbuild leaves './commands.js' external).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./commands.js') as CommandsModule;
  return loaded;
}

export interface LazyCommandsOptions {
  /**
   * The command did not run because its code did not load: shows and logs `text` (one line; the
   * error's first line), with the error for the log.
   */
  loadFailed(text: string, error: unknown): void;
  /** Tests, in plain Node: the module to use instead of dist/commands.js. */
  load?(): HandlersModule;
}

/** Every command id with its handler; the first call of any loads dist/commands.js and makes them all. */
export function lazyCommands(deps: CommandDeps, options: LazyCommandsOptions): [CommandId, Handler][] {
  const load = options.load ?? loadCommands;
  let handlers: Partial<Record<CommandId, (...args: unknown[]) => unknown>> | undefined;
  const handler =
    (id: CommandId): Handler =>
    async (...args) => {
      let run: ((...args: unknown[]) => unknown) | undefined;
      try {
        // Not kept when it throws: the next command tries again (require keeps no failed module).
        handlers ??= load().commandHandlers(deps);
        run = handlers[id];
        if (!run) throw new Error(`it has no handler for ${id}`);
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        options.loadFailed(`The command ${id} did not run: the extension's commands (dist/commands.js) did not load: ${reason}`, error);
        return undefined;
      }
      return run(...args);
    };
  return Object.values(COMMANDS).map((id) => [id, handler(id)]);
}
