// src/ids.ts against package.json: one rename in one place and not the other fails here.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { CATEGORY, COMMANDS, CONTEXT, DETAILS_WEBVIEW, EXPLORER_VIEW, SEARCH_VIEW, SETTINGS, SETTINGS_SECTION, VIEW_CONTAINER } from '../../src/ids';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; category: string }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, unknown> };
    menus: Record<string, { command: string; when?: string }[]>;
    viewsWelcome: { view: string; when: string }[];
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('ids: one module of command, view and setting ids, as package.json has them', () => {
  it('every command id is contributed, and every contributed command has its id', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
    for (const c of manifest.contributes.commands) assert.equal(c.category, CATEGORY, c.command);
  });

  it('names the view, its container, the webview and the context key as package.json does', () => {
    assert.deepEqual(Object.keys(manifest.contributes.views), [VIEW_CONTAINER]);
    assert.deepEqual(manifest.contributes.views[VIEW_CONTAINER].map((v) => v.id), [EXPLORER_VIEW, SEARCH_VIEW]);
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${DETAILS_WEBVIEW}`));
    const welcomeKey: Record<string, string> = { [EXPLORER_VIEW]: CONTEXT.profilesState, [SEARCH_VIEW]: CONTEXT.searchShown };
    assert.ok(manifest.contributes.viewsWelcome.every((w) => welcomeKey[w.view] !== undefined && w.when.includes(welcomeKey[w.view])));
    const views = [EXPLORER_VIEW, SEARCH_VIEW].map((v) => v.replace('.', '\\.')).join('|');
    for (const entries of Object.values(manifest.contributes.menus)) {
      for (const e of entries) if (e.when?.includes('view ==')) assert.match(e.when, new RegExp(`view == (${views})\\b`));
    }
  });

  it('every setting is contributed under its section, and nothing else is', () => {
    const contributed = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepEqual(Object.values(SETTINGS).map((k) => `${SETTINGS_SECTION}.${k}`).sort(), contributed);
  });
});
