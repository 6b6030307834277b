// "Sign In with IAM Identity Center": `aws sso login --profile NAME` as a process with an argument
// array, in a task (shown in the terminal panel, where the CLI prints its code and opens the browser).
// A profile name is any bytes but NUL (quotes, control characters, a Ctrl-U that erases a shell's
// line, quote characters PowerShell honours): no shell ever sees it, so there is nothing to quote.
import * as vscode from 'vscode';
import { findExecutable } from './executables';
import { escapeIcons, oneLine } from '../core/text';
import { UserError } from './wrapper';

/** The task type of the sign-in tasks (not contributed: tasks.json cannot define one). */
export const SSO_TASK_TYPE = 'workspacesPools.ssoLogin';

export function ssoLoginTask(aws: string, profile: string): vscode.Task {
  const task = new vscode.Task(
    { type: SSO_TASK_TYPE, profile },
    vscode.TaskScope.Workspace,
    `aws sso login (${escapeIcons(profile)})`,
    'WorkSpaces Pools',
    new vscode.ProcessExecution(aws, ['sso', 'login', '--profile', profile]),
  );
  // echo off: the echoed command line would write the raw name into the terminal, where escape
  // sequences in it would act (title, links). The CLI's own output is its own.
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, focus: true, echo: false, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  task.isBackground = false;
  return task;
}

export async function startSsoLogin(profile: string, log: vscode.LogOutputChannel): Promise<vscode.TaskExecution> {
  const aws = findExecutable('aws');
  if (!aws) {
    throw new UserError(
      `The AWS CLI ("aws") was not found on the PATH, so the IAM Identity Center sign-in for profile "${oneLine(profile)}" cannot start. Install the AWS CLI v2, then sign in again.`,
    );
  }
  log.info(`sso: starting ${aws} sso login --profile ${JSON.stringify(profile)}`);
  try {
    return await vscode.tasks.executeTask(ssoLoginTask(aws, profile));
  } catch (error) {
    // E.g. a window without a folder, where VS Code runs no workspace task.
    log.error(`sso: the sign-in task did not start: ${error instanceof Error ? error.message : String(error)}`);
    throw new UserError(`The sign-in for profile "${oneLine(profile)}" could not start as a task (${error instanceof Error ? error.message : String(error)}). Open a folder and try again.`);
  }
}
