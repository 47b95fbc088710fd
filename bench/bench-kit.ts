import { performance } from 'node:perf_hooks';

/** A function a case times: synchronous, or returning a promise that is awaited inside the timing. */
export type TimedFunction = () => unknown | Promise<unknown>;

/** One measured case: ours against a baseline doing the same job the plain way, in the same run. */
export interface BenchCase {
  name: string;
  /** What the baseline is, in a few words. */
  baselineLabel: string;
  /** Prepares fresh state for one repetition; returns the two functions to time. */
  setup(): Promise<{ ours: TimedFunction; baseline: TimedFunction; teardown?: () => void | Promise<void> }>;
  repetitions?: number;
  /**
   * How many times each timed function repeats the operation (for operations too quick to time
   * alone); times are reported per operation.
   */
  operationsPerRun?: number;
  /** A target ratio (ours / baseline) this case should stay under; printed, never asserted in tests. */
  targetRatio?: number;
  /** Facts a case learns while it runs (sizes, counts, a cold first call), printed under the table. */
  notes?: string[];
}

export interface BenchResult {
  name: string;
  baselineLabel: string;
  oursMs: number;
  baselineMs: number;
  ratio: number;
  oursHeapMb: number;
  repetitions: number;
  targetRatio?: number;
  notes: string[];
}

const MB = 1024 * 1024;

/** The largest heap in use seen right after a timed function (before the next collection). */
let peakHeapUsed = 0;

function notePeakHeap(): void {
  peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
}

async function timeOnce(fn: TimedFunction): Promise<{ ms: number; heapMb: number }> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  const heapAfter = process.memoryUsage().heapUsed;
  notePeakHeap();
  return { ms, heapMb: Math.max(0, heapAfter - heapBefore) / MB };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs each case (median of repetitions, baseline and ours alternating) and returns the results. */
export async function runBenchCases(cases: BenchCase[], onCaseDone?: (result: BenchResult) => void): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const benchCase of cases) {
    const ours: number[] = [];
    const baseline: number[] = [];
    const heap: number[] = [];
    const repetitions = Math.max(1, benchCase.repetitions ?? 5);
    for (let i = 0; i < repetitions; i += 1) {
      const run = await benchCase.setup();
      try {
        baseline.push((await timeOnce(run.baseline)).ms);
        const measured = await timeOnce(run.ours);
        ours.push(measured.ms);
        heap.push(measured.heapMb);
      } finally {
        await run.teardown?.();
      }
    }
    const operations = Math.max(1, benchCase.operationsPerRun ?? 1);
    const oursMs = median(ours) / operations;
    const baselineMs = median(baseline) / operations;
    const result: BenchResult = {
      name: benchCase.name,
      baselineLabel: benchCase.baselineLabel,
      oursMs,
      baselineMs,
      ratio: oursMs / baselineMs,
      oursHeapMb: median(heap),
      repetitions,
      targetRatio: benchCase.targetRatio,
      notes: benchCase.notes ?? [],
    };
    results.push(result);
    onCaseDone?.(result);
  }
  return results;
}

/** Peak resident set size of the process and the largest heap seen after a timed function, in MB. */
export function memoryPeaks(): { peakRssMb: number; peakHeapUsedMb: number } {
  notePeakHeap();
  // resourceUsage().maxRSS is in kilobytes.
  return { peakRssMb: process.resourceUsage().maxRSS / 1024, peakHeapUsedMb: peakHeapUsed / MB };
}

/** Columns a text takes in a terminal: CJK characters take two. */
function displayWidth(text: string): number {
  return [...text].reduce((sum, ch) => sum + (/[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
}

function pad(text: string, width: number, alignRight: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? fill + text : text + fill;
}

/** Milliseconds with the precision that matters at their size (0.48, 12.3, 3307). */
function formatMs(ms: number): string {
  return ms >= 1000 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function verdictOf(r: BenchResult): string {
  if (r.targetRatio === undefined) return '';
  return r.ratio <= r.targetRatio ? `✓ ≤ ${r.targetRatio}×` : `✗ > ${r.targetRatio}×`;
}

/** Prints results as a table with the ratio and whether it is within its target, then notes and memory. */
export function printBenchResults(results: BenchResult[]): void {
  const header = ['case', 'ours ms', 'baseline ms', 'ratio', 'target', 'heap +MB', 'reps'];
  const rows = results.map((r) => [
    r.name,
    formatMs(r.oursMs),
    formatMs(r.baselineMs),
    `${r.ratio.toFixed(2)}×`,
    verdictOf(r),
    r.oursHeapMb.toFixed(1),
    String(r.repetitions),
  ]);
  const widths = header.map((_, col) => Math.max(...[header, ...rows].map((row) => displayWidth(row[col]))));
  const line = (cells: string[]) => cells.map((cell, col) => pad(cell, widths[col], col > 0)).join('  ');
  console.log('\n暖警台账 benchmarks — median of repetitions, ours and baseline alternating in the same run');
  console.log('ratio = ours ms / baseline ms: how many times longer our code takes than the plain way of doing the same job (lower is better; 1× = as fast as the baseline). Targets are printed, never asserted. heap +MB = heap growth during one run of ours (garbage not yet collected included).\n');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log('\nbaselines:');
  for (const r of results) console.log(`  ${r.name}: ${r.baselineLabel}`);
  const noted = results.filter((r) => r.notes.length > 0);
  if (noted.length > 0) {
    console.log('\nnotes:');
    for (const r of noted) for (const note of r.notes) console.log(`  ${r.name}: ${note}`);
  }
  const { peakRssMb, peakHeapUsedMb } = memoryPeaks();
  console.log(`\nmemory: peak RSS ${peakRssMb.toFixed(0)} MB, peak heap used ${peakHeapUsedMb.toFixed(0)} MB (sampled after each timed run)${globalThis.gc ? '' : ' — run with --expose-gc for steadier heap figures'}`);
}
