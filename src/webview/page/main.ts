import type { PageToHost } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(message: PageToHost): void };
acquireVsCodeApi().postMessage({ type: 'ready' });
