/** What every benchmark writes beside its figures: the machine, medians, its section of docs/benchmarks.md. */
import { cpus, loadavg } from 'node:os';

/** The machine a benchmark ran on, with its load at the start (the machine may be shared). */
export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  return `${cpus().length} CPUs (nproc), ${cpu}, node ${process.version}, ${process.platform}/${process.arch}, load average ${load} (1/5/15 min) at the start`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Replaces (or appends) the section under `heading` of docs/benchmarks.md, leaving the rest alone. */
export function replaceSection(doc: string, heading: string, section: string): string {
  const start = doc.indexOf(heading);
  if (start < 0) return `${doc.trimEnd()}${doc.trim() ? '\n\n' : ''}${section}\n`;
  const next = doc.indexOf('\n## ', start + heading.length);
  const rest = next < 0 ? '' : doc.slice(next + 1);
  return `${doc.slice(0, start)}${section}\n${rest ? `\n${rest}` : ''}`;
}
