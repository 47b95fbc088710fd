import { performance } from 'node:perf_hooks';
import { peakRssMb } from './peak-rss';

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
  /** Figures other than time a case measures while it runs (sizes, memory), printed in their own table. */
  figures?: BenchFigure[];
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
  figures: BenchFigure[];
}

/**
 * A measured figure that is not a time: a size, a memory peak or a size ratio, with its own unit and
 * target (for example 610 B per field change against ≤ 64 B, or a 412 MB RSS peak against ≤ 300 MB).
 */
export interface BenchFigure {
  name: string;
  value: number;
  /** How the value is printed: bytes, megabytes or a ratio. */
  unit: 'B' | 'MB' | '×';
  /** The value this figure should stay at or under; printed, never asserted. */
  target?: number;
  /** What was measured against what, in a few words (printed under the table). */
  detail?: string;
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
      figures: benchCase.figures ?? [],
    };
    results.push(result);
    onCaseDone?.(result);
  }
  return results;
}

/** Peak resident set size of the process and the largest heap seen after a timed function, in MB. */
export function memoryPeaks(): { peakRssMb: number; peakHeapUsedMb: number } {
  notePeakHeap();
  return { peakRssMb: peakRssMb(), peakHeapUsedMb: peakHeapUsed / MB };
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

/** `✓ ≤ 3×` or `✗ > 3×`: the value against its target, in the value's unit. */
function verdict(value: number, target: number | undefined, unit: BenchFigure['unit']): string {
  if (target === undefined) return '';
  const shown = `${target}${unit === '×' ? '×' : ` ${unit}`}`;
  return value <= target ? `✓ ≤ ${shown}` : `✗ > ${shown}`;
}

function verdictOf(r: BenchResult): string {
  return verdict(r.ratio, r.targetRatio, '×');
}

/** A figure's value in its unit, with the precision that matters at its size. */
function formatFigure(figure: BenchFigure): string {
  const { value, unit } = figure;
  if (unit === '×') return `${value.toFixed(2)}×`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** Prints rows as a table: the first column left-aligned, the others right-aligned. */
function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((_, col) => Math.max(...[header, ...rows].map((row) => displayWidth(row[col]))));
  const line = (cells: string[]) => cells.map((cell, col) => pad(cell, widths[col], col > 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Prints figures (sizes, memory) as a table with each one's unit and target, then what each measured. */
export function printBenchFigures(figures: BenchFigure[], title = 'sizes and memory — each figure with its own unit and target'): void {
  if (figures.length === 0) return;
  console.log(`\n${title}\n`);
  printTable(
    ['figure', 'value', 'target'],
    figures.map((f) => [f.name, formatFigure(f), verdict(f.value, f.target, f.unit)]),
  );
  const detailed = figures.filter((f) => f.detail);
  if (detailed.length > 0) {
    console.log('\nwhat each figure is:');
    for (const f of detailed) console.log(`  ${f.name}: ${f.detail}`);
  }
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
  console.log('\n暖警台账 benchmarks — median of repetitions, ours and baseline alternating in the same run');
  console.log('ratio = ours ms / baseline ms: how many times longer our code takes than the plain way of doing the same job (lower is better; 1× = as fast as the baseline). Targets are printed, never asserted. heap +MB = heap growth during one run of ours (garbage not yet collected included).\n');
  printTable(header, rows);
  console.log('\nbaselines:');
  for (const r of results) console.log(`  ${r.name}: ${r.baselineLabel}`);
  const noted = results.filter((r) => r.notes.length > 0);
  if (noted.length > 0) {
    console.log('\nnotes:');
    for (const r of noted) for (const note of r.notes) console.log(`  ${r.name}: ${note}`);
  }
  const { peakRssMb, peakHeapUsedMb } = memoryPeaks();
  console.log(`\nmemory of this process: peak RSS ${peakRssMb.toFixed(0)} MB, peak heap used ${peakHeapUsedMb.toFixed(0)} MB (sampled after each timed run)${globalThis.gc ? '' : ' — run with --expose-gc for steadier heap figures'}`);
}
