// The one table of `npm run bench`: rows, how other bench modules' results become rows, and markdown.
// Every figure is a count (bytes, requests, sessions/s) or a timing with its baseline from the same
// run and their ratio; a figure read from a file written by an earlier run says how old it is.

export interface Row {
  /** Group in the table: Bundles, Activation, Requests, Pager, Webview, Emulator, Load... */
  section: string;
  figure: string;
  /** The measured figure, with its unit. */
  value: string;
  /** What the figure is compared with, measured in the same run. */
  baseline?: string;
  /** value / baseline (timings), the number that matters. */
  ratio?: string;
  /** Where it comes from (module, file and its age), and anything to know to read it. */
  note?: string;
  /** The figure could not be produced: the row says why, and the run exits non-zero. */
  failed?: boolean;
}

/** Median and range of samples: what a figure of N runs reports (never the best run alone). */
export function spread(samples: number[]): { median: number; min: number; max: number; n: number } {
  if (samples.length === 0) throw new Error('no samples');
  const v = [...samples].sort((a, b) => a - b);
  const median = v.length % 2 ? v[(v.length - 1) >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

export const fmt = {
  kib: (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`,
  ms: (ms: number) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`,
  ratio: (value: number, baseline: number) => (baseline > 0 ? `${(value / baseline).toFixed(2)}×` : 'n/a'),
  count: (n: number, unit: string) => `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`,
  age: (ms: number) => {
    const minutes = Math.round(ms / 60_000);
    if (minutes < 90) return `${minutes} min old`;
    const hours = Math.round(minutes / 60);
    return hours < 48 ? `${hours} h old` : `${Math.round(hours / 24)} days old`;
  },
};

const NAME_KEYS = ['figure', 'name', 'label', 'metric', 'title'];
const VALUE_KEYS = ['value', 'display', 'result'];

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, '');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function pick(o: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) if (o[k] !== undefined) return o[k];
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rows from what another bench module returned. Their shapes were not agreed in advance, so accept
 * the likely ones: Row-like objects (or an array/`rows`/`figures` of them), or a flat record whose
 * scalar fields each become a row. Anything else is shown as JSON rather than dropped.
 */
export function rowsFrom(section: string, result: unknown, note: string): Row[] {
  if (Array.isArray(result)) return result.flatMap((r) => rowsFrom(section, r, note));
  if (!isRecord(result)) return [{ section, figure: '(result)', value: cell(result), note }];
  for (const key of ['rows', 'figures', 'results']) {
    if (Array.isArray(result[key])) return rowsFrom(typeof result.section === 'string' ? result.section : section, result[key], note);
  }
  const name = pick(result, NAME_KEYS);
  const value = pick(result, VALUE_KEYS);
  if (typeof name === 'string' && value !== undefined) {
    const unit = typeof result.unit === 'string' && typeof value === 'number' ? ` ${result.unit}` : '';
    return [
      {
        section: typeof result.section === 'string' ? result.section : section,
        figure: name,
        value: `${cell(value)}${unit}`,
        baseline: cell(result.baseline) || undefined,
        ratio: result.ratio !== undefined ? (typeof result.ratio === 'number' ? `${result.ratio.toFixed(2)}×` : cell(result.ratio)) : undefined,
        note: [cell(result.note), note].filter(Boolean).join('; '),
      },
    ];
  }
  // A flat record of figures: one row per scalar, nested records prefixed with their key.
  const rows: Row[] = [];
  const walk = (prefix: string, o: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(o)) {
      if (k === 'samples' || k === 'name') continue;
      const figure = prefix ? `${prefix}.${k}` : k;
      if (isRecord(v)) walk(figure, v);
      else if (Array.isArray(v)) rows.push({ section, figure, value: `${v.length} items`, note });
      else rows.push({ section, figure, value: cell(v), note });
    }
  };
  walk(typeof result.name === 'string' ? result.name : '', result);
  return rows;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(rows: Row[]): string {
  const lines = ['| Section | Figure | Value | Baseline (same run) | Ratio | Source / note |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(
      `| ${[r.section, r.figure, r.failed ? `**FAILED** ${r.value}` : r.value, r.baseline ?? '', r.ratio ?? '', r.note ?? '']
        .map(escapeCell)
        .join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
