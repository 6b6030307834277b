// Narrowing for values from outside (webview messages, saved state, command arguments).

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
