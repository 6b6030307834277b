import vscode = require('vscode');
import { oneLine } from '../../core/text';
import type { ProfileEntry, RegionEntry } from '../../model/items';
import { profileDescription, profileTooltip } from '../labels';
import { markdown, themeIcon, treeItem } from './common';

export function profileRow(profile: ProfileEntry, regions: string[]): vscode.TreeItem {
  const t = treeItem(profile, profile.name, vscode.TreeItemCollapsibleState.Collapsed);
  t.description = profileDescription(regions);
  t.iconPath = themeIcon(profile.isSso ? 'key' : 'account');
  t.tooltip = markdown(profileTooltip(profile.info, regions));
  t.accessibilityInformation = { label: `Profile ${t.label as string}, ${t.description}` };
  return t;
}

export function regionRow(region: RegionEntry): vscode.TreeItem {
  const t = treeItem(region, region.region, vscode.TreeItemCollapsibleState.Collapsed);
  t.iconPath = themeIcon('globe');
  const loaded = region.pools.result;
  if (loaded?.ok) t.description = `${loaded.value.length} pool${loaded.value.length === 1 ? '' : 's'}`;
  t.tooltip = `${oneLine(region.profile.name)} in ${region.region}`;
  t.accessibilityInformation = { label: `Region ${region.region} of profile ${region.profile.name}` };
  return t;
}
