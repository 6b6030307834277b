// Made by esbuild.js (plugin `suite-files`) from the files test/suite/**/*.test.ts.
declare module 'virtual:suite-files' {
  /** `load()` evaluates the file; call it between mocha's pre-require and post-require. */
  export const suiteFiles: ReadonlyArray<{ file: string; load(): unknown }>;
}
