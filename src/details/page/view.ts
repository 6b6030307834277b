// The details page: built once, then updated in place, so that focus and the screen reader's
// position survive a refresh. Every value from AWS is set as text (see dom.ts).
import { HIDDEN_CHARACTERS_NOTE, hasHiddenCharacters, showHidden } from '../../core/invisible';
import type { ConsoleTarget, CopyField, DetailsData, DetailsStatus, PageActions, SessionRef } from '../protocol';
import { el, icon, setText } from './dom';
import { elapsed, localTime, relative, remaining } from './time';

export interface ViewActions {
  refresh(): void;
  copy(field: CopyField): void;
  openConsole(target: ConsoleTarget): void;
  keepOpen(): void;
  terminate(): void;
}

interface Row {
  dt: string;
  field: string;
  kind?: 'code' | 'time';
  extras?: HTMLElement[];
}

function button(label: string, iconName: string, onClick: () => void, options: { iconOnly?: boolean; id?: string } = {}): HTMLElement {
  const b = el(
    'vscode-button',
    {
      icon: iconName,
      secondary: true,
      'icon-only': !!options.iconOnly,
      'aria-label': label,
      title: label,
      id: options.id ?? false,
    },
    options.iconOnly ? undefined : label,
  );
  b.addEventListener('click', onClick);
  return b;
}

export class DetailsView {
  private readonly fields = new Map<string, HTMLElement>();
  private readonly copyButtons = new Map<CopyField, HTMLElement>();
  private readonly consoleButtons = new Map<ConsoleTarget, HTMLElement>();
  private readonly banner: HTMLElement;
  private readonly bannerIcon: HTMLElement;
  private readonly bannerText: HTMLElement;
  private readonly retry: HTMLElement;
  private readonly status: HTMLElement;
  private readonly refreshButton: HTMLElement;
  private readonly copyJson: HTMLElement;
  private readonly keepOpen: HTMLElement;
  private readonly terminate: HTMLElement;
  private readonly previewNote: HTMLElement;
  private readonly hiddenNote: HTMLElement;
  private readonly body: HTMLElement;
  private data: DetailsData | undefined;
  private state: DetailsStatus = { kind: 'loading' };

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: ViewActions,
  ) {
    root.replaceChildren();
    root.setAttribute('aria-busy', 'true');

    const title = el('span', { class: 'title-text', 'data-field': 'title' });
    this.fields.set('title', title);
    const subtitle = el('span', { 'data-field': 'subtitle' });
    this.fields.set('subtitle', subtitle);
    this.refreshButton = button('Refresh', 'refresh', () => actions.refresh(), { id: 'refresh' });
    this.copyJson = button('Copy as JSON', 'json', () => actions.copy('json'), { id: 'copy-json' });
    // A preview page (the one the next click in the tree replaces) says so, next to the way out.
    this.keepOpen = button('Keep Open', 'pinned', () => actions.keepOpen(), { id: 'keep-open' });
    // Changes AWS: the host asks for a confirmation first. Shown only when the host offers it (not
    // in read-only mode, not once the session has ended).
    this.terminate = button('Terminate Session…', 'debug-stop', () => actions.terminate(), { id: 'terminate' });
    this.terminate.hidden = true;
    this.previewNote = el('span', { id: 'preview-note', class: 'preview-note' }, 'Preview: the next session you open replaces this page.');
    this.hiddenNote = el('p', { id: 'hidden-note', class: 'hidden-note', role: 'note', hidden: true }, icon('warning'), HIDDEN_CHARACTERS_NOTE);
    const header = el(
      'header',
      { class: 'header' },
      el('h1', { id: 'title' }, icon('account'), title),
      el('p', { class: 'subtitle' }, subtitle),
      this.hiddenNote,
      el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Session actions' }, this.refreshButton, this.copyJson, this.terminate, this.keepOpen, this.previewNote),
    );

    this.bannerIcon = icon('info');
    this.bannerText = el('span', { id: 'banner-text' });
    this.retry = button('Retry', 'refresh', () => actions.refresh(), { id: 'retry' });
    this.banner = el('div', { id: 'banner', class: 'banner', hidden: true }, this.bannerIcon, this.bannerText, this.retry);
    this.status = el('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' });

    const session = this.section('session', 'Session', 'person', [
      { dt: 'User ID', field: 'userId', extras: [this.copyButton('userId', 'Copy user ID')] },
      { dt: 'Session ID', field: 'sessionId', kind: 'code', extras: [this.copyButton('sessionId', 'Copy session ID')] },
      { dt: 'Connection state', field: 'connectionState' },
      { dt: 'Authentication', field: 'authenticationType' },
      { dt: 'Started', field: 'startTime', kind: 'time' },
      { dt: 'Expires', field: 'expirationTime', kind: 'time' },
      { dt: 'Running for', field: 'elapsed' },
      { dt: 'Time left', field: 'remaining' },
      {
        dt: 'Instance ID',
        field: 'instanceId',
        kind: 'code',
        extras: [this.copyButton('instanceId', 'Copy instance ID'), this.consoleButton('instance', 'Open instance in AWS Console')],
      },
    ]);
    const network = this.section('network', 'Network', 'plug', [
      {
        dt: 'ENI ID',
        field: 'eniId',
        kind: 'code',
        extras: [this.copyButton('eniId', 'Copy ENI ID'), this.consoleButton('eni', 'Open network interface in AWS Console')],
      },
      { dt: 'Private IP', field: 'eniPrivateIp', kind: 'code', extras: [this.copyButton('eniPrivateIp', 'Copy private IP')] },
    ]);
    const pool = this.section('pool', 'Pool', 'server-environment', [
      { dt: 'Name', field: 'poolName', extras: [this.consoleButton('pool', 'Open pool in AWS Console')] },
      { dt: 'Pool ID', field: 'poolId', kind: 'code', extras: [this.copyButton('poolId', 'Copy pool ID')] },
      { dt: 'State', field: 'poolState' },
      { dt: 'Capacity', field: 'capacity' },
      { dt: 'Running mode', field: 'runningMode' },
      { dt: 'Region', field: 'region' },
      { dt: 'Profile', field: 'profile' },
      { dt: 'Account', field: 'account', kind: 'code', extras: [this.copyButton('account', 'Copy account ID')] },
    ]);

    const fetched = el('time', { 'data-field': 'fetchedAt' });
    this.fields.set('fetchedAt', fetched);
    const footer = el('footer', { class: 'footer' }, 'Data from ', fetched);

    this.body = el('div', { class: 'sections' }, session, network, pool);
    root.append(header, this.banner, this.status, this.body, footer);
  }

  private copyButton(field: CopyField, label: string): HTMLElement {
    const b = button(label, 'copy', () => this.actions.copy(field), { iconOnly: true });
    b.dataset.copy = field;
    this.copyButtons.set(field, b);
    return b;
  }

  private consoleButton(target: ConsoleTarget, label: string): HTMLElement {
    const b = button(label, 'link-external', () => this.actions.openConsole(target), { iconOnly: true });
    b.dataset.console = target;
    this.consoleButtons.set(target, b);
    return b;
  }

  private section(id: string, heading: string, iconName: string, rows: Row[]): HTMLElement {
    const dl = el('dl');
    for (const row of rows) {
      const tag = row.kind === 'code' ? 'code' : row.kind === 'time' ? 'time' : 'span';
      const value = el(tag, { 'data-field': row.field, class: 'value' });
      this.fields.set(row.field, value);
      const dd = el('dd', {}, value);
      if (row.kind === 'time') {
        const rel = el('span', { 'data-field': `${row.field}Relative`, class: 'relative' });
        this.fields.set(`${row.field}Relative`, rel);
        dd.append(' ', rel);
      }
      if (row.extras?.length) dd.append(el('span', { class: 'actions' }, ...row.extras));
      dl.append(el('div', { class: 'row' }, el('dt', {}, row.dt), dd));
    }
    return el(
      'section',
      { 'aria-labelledby': `h-${id}`, id: `section-${id}` },
      el('h2', { id: `h-${id}` }, icon(iconName), heading),
      dl,
    );
  }

  /** Shows a state: data (the last known, when any) and how fresh it is. */
  show(ref: SessionRef, data: DetailsData | undefined, status: DetailsStatus, preview = false, actions?: PageActions): void {
    this.data = data;
    this.state = status;
    const s = data?.session;
    const p = data?.pool;
    const f = (name: string) => this.fields.get(name) as HTMLElement;

    // Invisible and direction-control characters written out (src/core/invisible.ts), and flagged.
    const userId = s?.userId ?? ref.userId;
    setText(f('title'), showHidden(userId));
    document.title = showHidden(userId);
    this.hiddenNote.hidden = !hasHiddenCharacters(userId);
    this.keepOpen.hidden = !preview;
    this.previewNote.hidden = !preview;
    // No actions from the host (a state saved before a reload): nothing that changes AWS is offered.
    const terminate = actions?.terminate ?? 'hidden';
    this.terminate.hidden = terminate === 'hidden';
    this.terminate.toggleAttribute('disabled', terminate === 'running');
    const poolLabel = p?.poolName ?? ref.poolId;
    setText(f('subtitle'), `${s?.connectionState ? s.connectionState.replace(/_/g, ' ').toLowerCase() + ' · ' : ''}pool ${poolLabel} · ${ref.region} · profile ${ref.profile}`);

    setText(f('userId'), showHidden(userId));
    setText(f('sessionId'), s?.sessionId ?? ref.sessionId);
    setText(f('connectionState'), s?.connectionState);
    f('connectionState').dataset.state = s?.connectionState ?? '';
    setText(f('authenticationType'), s?.authenticationType);
    setText(f('instanceId'), s?.instanceId);
    setText(f('eniId'), s?.eniId);
    setText(f('eniPrivateIp'), s?.eniPrivateIp);

    setText(f('poolName'), p?.poolName);
    setText(f('poolId'), p?.poolId ?? ref.poolId);
    setText(f('poolState'), p?.state);
    setText(f('capacity'), capacityText(p?.capacity));
    setText(f('runningMode'), p?.runningMode?.replace(/_/g, ' '));
    setText(f('region'), ref.region);
    setText(f('profile'), ref.profile);
    setText(f('account'), data?.account);

    this.setTime('fetchedAt', data?.fetchedAt, 'nothing yet');
    this.tick();

    for (const [field, b] of this.copyButtons) {
      const value = field === 'poolId' ? (p?.poolId ?? ref.poolId) : field === 'account' ? data?.account : s && field !== 'json' ? s[field] : undefined;
      b.toggleAttribute('disabled', !value);
    }
    this.copyJson.toggleAttribute('disabled', !s);
    for (const [target, b] of this.consoleButtons) b.hidden = !data?.links[target];

    this.showStatus(data, status);
  }

  private showStatus(data: DetailsData | undefined, status: DetailsStatus): void {
    const stale = status.kind === 'gone' || status.kind === 'error';
    this.root.classList.toggle('stale', stale && !!data);
    this.root.setAttribute('aria-busy', String(status.kind === 'loading'));
    this.refreshButton.toggleAttribute('icon-spin', status.kind === 'loading');
    // One round at a time: no second Refresh while one runs (the host also joins a second request).
    this.refreshButton.toggleAttribute('disabled', status.kind === 'loading');
    const since = data ? ` Showing the last known data, from ${localTime(data.fetchedAt)}.` : '';
    let bannerText = '';
    let bannerIcon = 'info';
    switch (status.kind) {
      case 'fresh':
        if (!data) this.status.textContent = '';
        else if (status.source === 'explorer') this.status.textContent = 'As loaded in the explorer. Refresh reads it again.';
        else this.status.textContent = `Updated ${localTime(data.fetchedAt)}.`;
        break;
      case 'loading':
        this.status.textContent = data ? 'Refreshing…' : 'Loading session details…';
        break;
      case 'gone':
        bannerIcon = 'warning';
        bannerText = `${status.message}${since}`;
        this.status.textContent = status.message;
        break;
      case 'error':
        bannerIcon = 'error';
        bannerText = `${status.message}${since}`;
        this.status.textContent = `Could not load the session: ${status.message}`;
        break;
    }
    this.banner.hidden = !bannerText;
    // The live region still announces; on screen the banner already says it.
    this.status.classList.toggle('visually-hidden', !!bannerText);
    this.banner.dataset.kind = status.kind;
    this.banner.setAttribute('role', status.kind === 'error' ? 'alert' : 'note');
    this.bannerIcon.className = `codicon codicon-${bannerIcon}`;
    this.bannerText.textContent = bannerText;
    this.retry.hidden = !(status.kind === 'error' && status.retryable);
  }

  /** Relative times and durations move with the clock. */
  tick(now = new Date()): void {
    const s = this.data?.session;
    this.setTime('startTime', s?.startTime);
    this.setTime('expirationTime', s?.expirationTime);
    setText(this.fields.get('startTimeRelative') as HTMLElement, s?.startTime && `(${relative(s.startTime, now)})`, '');
    setText(this.fields.get('expirationTimeRelative') as HTMLElement, s?.expirationTime && `(${relative(s.expirationTime, now)})`, '');
    const gone = this.state.kind === 'gone';
    setText(this.fields.get('elapsed') as HTMLElement, gone ? undefined : elapsed(s?.startTime, now), gone ? 'Ended' : 'Not reported');
    setText(this.fields.get('remaining') as HTMLElement, gone ? undefined : remaining(s?.expirationTime, now), gone ? 'Ended' : 'Not reported');
  }

  private setTime(field: string, iso: string | undefined, missing?: string): void {
    const node = this.fields.get(field) as HTMLElement;
    setText(node, iso && localTime(iso), missing);
    if (iso) {
      node.setAttribute('datetime', iso);
      node.setAttribute('title', iso);
    } else {
      node.removeAttribute('datetime');
      node.removeAttribute('title');
    }
  }

  notice(text: string): void {
    // Clearing first makes screen readers announce the same text twice in a row.
    this.status.textContent = '';
    requestAnimationFrame(() => (this.status.textContent = text));
  }
}

function capacityText(c: { available?: number; desired?: number; actual?: number; active?: number } | undefined): string | undefined {
  if (!c) return undefined;
  const n = (v: number | undefined) => (v === undefined ? '?' : String(v));
  return `${n(c.active)} active of ${n(c.actual)} running, ${n(c.available)} available, ${n(c.desired)} desired`;
}
