// Which action applies to which item: the `contextValue` that package.json's menus match, and what
// a click on a row does. No `vscode` import; the menus' `when` clauses in package.json are written
// against these values (test/unit/model-actions.test.ts holds the two together).
import { COMMANDS, type CommandId } from '../ids';
import type { Item } from './items';

export function contextValue(item: Item): string {
  switch (item.kind) {
    case 'profile':
      return item.isSso ? 'profile.sso' : 'profile';
    case 'region':
      return 'region';
    case 'pool':
      return item.userFilter ? 'pool.filtered' : 'pool';
    case 'range':
      return 'sessionRange';
    case 'session':
      return 'session';
    case 'loadMore':
      return 'loadMore';
    case 'placeholder':
      return 'placeholder';
    case 'error':
      return isSsoError(item) ? 'error.sso' : 'error';
  }
}

/** An error that signing in to IAM Identity Center can fix, for a known profile. */
export function isSsoError(item: Item): boolean {
  return item.kind === 'error' && item.info.kind === 'sso-login' && item.profile !== undefined;
}

/** The command a click (or Enter) on the row runs, with the row as its argument; none for the others. */
export function clickCommand(item: Item): { command: CommandId; title: string; argument: Item } | undefined {
  switch (item.kind) {
    case 'session':
      return { command: COMMANDS.showSessionDetails, title: 'Show Session Details', argument: item };
    case 'loadMore':
      return { command: COMMANDS.loadMore, title: 'Load More', argument: item };
    case 'placeholder':
      return item.action?.kind === 'selectRegions' ? { command: COMMANDS.selectRegions, title: 'Select Regions…', argument: item.action.profile } : undefined;
    case 'error':
      return isSsoError(item) ? { command: COMMANDS.ssoLogin, title: 'Sign In', argument: item } : undefined;
    default:
      return undefined;
  }
}
