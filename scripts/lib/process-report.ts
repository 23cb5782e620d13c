/** What scripts/lib/report-rss.mjs wrote at a process's exit: its peak memory and CPU time. */
import { readFileSync } from 'node:fs';

/** A measured process's peak resident memory (KiB) and CPU time (ms, every thread). */
export interface ProcessReport {
  maxRssKb: number;
  cpuMs: number;
}

/** Reads the report file ("<maxRssKb> <cpuUs>"). */
export function readProcessReport(file: string): ProcessReport {
  const [maxRssKb = NaN, cpuUs = NaN] = readFileSync(file, 'utf8').trim().split(' ').map(Number);
  return { maxRssKb, cpuMs: cpuUs / 1000 };
}
