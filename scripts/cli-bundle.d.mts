// Types of scripts/cli-bundle.mjs for the TypeScript tests.

/** The project root and the files of the CLI bundle. */
export interface CliBundlePaths {
  root: string;
  outdir: string;
  entry: string;
  bundle: string;
  /** The long-job worker of web mode, and its entry. */
  jobWorker: string;
  jobWorkerEntry: string;
  manifest: string;
  lazyFile(name: string): string;
  tempOf(path: string): string;
}

export function cliBundlePaths(): CliBundlePaths;
export function writeCliInputs(paths: CliBundlePaths, inputs: string[], outputs: string[]): void;
export function isCliBundleCurrent(paths?: CliBundlePaths): boolean;
