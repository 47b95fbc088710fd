import { performance } from 'node:perf_hooks';

/** One measured case: ours against a baseline doing the same job the plain way, in the same run. */
export interface BenchCase {
  name: string;
  /** What the baseline is, in a few words. */
  baselineLabel: string;
  /** Prepares fresh state for one repetition; returns the two functions to time. */
  setup(): Promise<{ ours: () => unknown; baseline: () => unknown; teardown?: () => void }>;
  repetitions?: number;
  /** A target ratio (ours / baseline) this case should stay under; printed, never asserted in tests. */
  targetRatio?: number;
}

export interface BenchResult {
  name: string;
  baselineLabel: string;
  oursMs: number;
  baselineMs: number;
  ratio: number;
  oursHeapMb: number;
  targetRatio?: number;
}

function timeOnce(fn: () => unknown): { ms: number; heapMb: number } {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  fn();
  const ms = performance.now() - start;
  return { ms, heapMb: Math.max(0, process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs each case (median of repetitions, baseline and ours alternating) and returns the results. */
export async function runBenchCases(cases: BenchCase[]): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const benchCase of cases) {
    const ours: number[] = [];
    const baseline: number[] = [];
    const heap: number[] = [];
    for (let i = 0; i < (benchCase.repetitions ?? 5); i += 1) {
      const run = await benchCase.setup();
      baseline.push(timeOnce(run.baseline).ms);
      const measured = timeOnce(run.ours);
      ours.push(measured.ms);
      heap.push(measured.heapMb);
      run.teardown?.();
    }
    const oursMs = median(ours);
    const baselineMs = median(baseline);
    results.push({ name: benchCase.name, baselineLabel: benchCase.baselineLabel, oursMs, baselineMs, ratio: oursMs / baselineMs, oursHeapMb: median(heap), targetRatio: benchCase.targetRatio });
  }
  return results;
}

/** Prints results as a table with the ratio and whether it is within its target. */
export function printBenchResults(results: BenchResult[]): void {
  console.log('\n暖警台账 benchmarks (median of repetitions; ratio = ours / baseline, lower is better)\n');
  for (const r of results) {
    const verdict = r.targetRatio === undefined ? '' : r.ratio <= r.targetRatio ? `  ✓ target ≤ ${r.targetRatio}×` : `  ✗ over target ${r.targetRatio}×`;
    console.log(`${r.name}\n    ours ${r.oursMs.toFixed(1)} ms (heap +${r.oursHeapMb.toFixed(1)} MB)   baseline [${r.baselineLabel}] ${r.baselineMs.toFixed(1)} ms   ratio ${r.ratio.toFixed(2)}×${verdict}`);
  }
}
