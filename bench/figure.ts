/** One figure of a benchmark module, as bench/index.ts collects them into the report. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
  ratio?: number;
  note?: string;
}
