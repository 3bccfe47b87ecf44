/**
 * CPU time and memory peak of a process's descendants, read from /proc (Linux). The monitor's
 * DynamoDB Local runs as a JVM child of the crawler process; its cost belongs to the monitor's bill
 * even though getrusage of the crawler does not include it.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const TICKS_PER_SECOND = 100;

export interface TreeUsage {
  /** User + system CPU seconds of the descendants alive now. */
  cpuSeconds: number;
  /** Sum of the descendants' peak resident set sizes (VmHWM). */
  peakRssBytes: number;
  processes: number;
}

function statOf(pid: string): { ppid: number; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function peakRssOf(pid: string): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Usage of every descendant of `root` (not `root` itself); undefined where /proc is absent. */
export function descendantUsage(root = process.pid): TreeUsage | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const children = new Map<number, string[]>();
  const stats = new Map<string, { ppid: number; ticks: number }>();
  for (const pid of entries) {
    const stat = statOf(pid);
    if (!stat) continue;
    stats.set(pid, stat);
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  }
  const usage: TreeUsage = { cpuSeconds: 0, peakRssBytes: 0, processes: 0 };
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    usage.cpuSeconds += (stats.get(pid)?.ticks ?? 0) / TICKS_PER_SECOND;
    usage.peakRssBytes += peakRssOf(pid);
    usage.processes += 1;
    queue.push(...(children.get(Number(pid)) ?? []));
  }
  return usage;
}
