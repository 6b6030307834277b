// The rows of the User Search view above the sessions: profile → region → pool, each saying how
// many sessions it holds. Sessions and errors are the explorer's own rows (session.ts, status.ts),
// so every session command and Retry apply there as in the explorer.
import vscode = require('vscode');
import { oneLine } from '../../core/text';
import type { SearchPool, SearchProfile, SearchRegion } from '../../model/userSearch';
import { poolTooltip } from '../labels';
import { markdown, themeIcon } from './common';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function counts(sessions: number, failures: number): string {
  return [sessions ? plural(sessions, 'session') : '', failures ? `${failures} failed` : ''].filter(Boolean).join(' · ');
}

function row(id: string, label: string, contextValue: string, icon: string): vscode.TreeItem {
  const t = new vscode.TreeItem(oneLine(label), vscode.TreeItemCollapsibleState.Expanded);
  t.id = id;
  t.contextValue = contextValue;
  t.iconPath = themeIcon(icon);
  return t;
}

const poolsOf = (region: SearchRegion) => [...region.pools.values()];
const sessionsIn = (pools: SearchPool[]) => pools.reduce((n, p) => n + p.sessions.length, 0);
const failuresIn = (pools: SearchPool[]) => pools.filter((p) => p.error).length;

export function searchProfileRow(node: SearchProfile): vscode.TreeItem {
  const t = row(node.id, node.name, 'searchProfile', 'account');
  const pools = node.regions.flatMap(poolsOf);
  t.description = counts(sessionsIn(pools), failuresIn(pools) + node.regions.filter((r) => r.error).length);
  t.accessibilityInformation = { label: `Profile ${oneLine(node.name)}, ${t.description}` };
  return t;
}

export function searchRegionRow(node: SearchRegion): vscode.TreeItem {
  const t = row(node.id, node.region, 'searchRegion', 'globe');
  const pools = poolsOf(node);
  t.description = counts(sessionsIn(pools), failuresIn(pools) + (node.error ? 1 : 0));
  t.tooltip = `${oneLine(node.profile)} in ${node.region}: ${plural(pools.length, 'pool')} searched`;
  t.accessibilityInformation = { label: `Region ${node.region} of profile ${oneLine(node.profile)}, ${t.description}` };
  return t;
}

export function searchPoolRow(node: SearchPool): vscode.TreeItem {
  const t = row(node.id, node.entry.name, 'searchPool', 'vm');
  t.description = counts(node.sessions.length, node.error ? 1 : 0);
  t.tooltip = markdown(poolTooltip(node.entry.pool, node.entry.region));
  t.accessibilityInformation = { label: `Pool ${oneLine(node.entry.name)}, ${t.description}` };
  return t;
}
