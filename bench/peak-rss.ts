import { readFileSync } from 'node:fs';

/**
 * This process's peak resident set size so far, in MB. On Linux from VmHWM in /proc/self/status:
 * `process.resourceUsage().maxRSS` (getrusage) of a spawned child starts at its parent's RSS at the
 * fork — a 600 MB parent gives its child a 600 MB `maxRSS` before the child runs a line — while
 * VmHWM belongs to the process's own memory. Elsewhere, getrusage's figure.
 */
export function peakRssMb(): number {
  try {
    const kilobytes = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kilobytes) return Number(kilobytes) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
