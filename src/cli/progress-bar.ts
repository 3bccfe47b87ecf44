/**
 * A one-line progress display on stderr (pages, bytes, errors, ETA). Redraws at most every 100 ms
 * and only on a terminal; elsewhere (CI logs, pipes) it prints nothing until the final line.
 */
export interface ProgressCounts {
  done: number;
  total: number;
  pages: number;
  bytes: number;
  errors: number;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** The text of the line, e.g. "[#####-----] 5/10 sources  120 pages  1.2 MB  0 errors  ETA 12 s". */
export function progressLine(c: ProgressCounts, elapsedMs: number, width = 20): string {
  const ratio = c.total === 0 ? 1 : c.done / c.total;
  const filled = Math.round(ratio * width);
  const eta =
    c.done === 0 ? '?' : `${Math.max(0, Math.round(((elapsedMs / c.done) * (c.total - c.done)) / 1000))} s`;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${c.done}/${c.total} sources  ${c.pages} pages  ${formatBytes(c.bytes)}  ${c.errors} errors  ETA ${eta}`;
}

export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  readonly counts: ProgressCounts;

  constructor(
    total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.counts = { done: 0, total, pages: 0, bytes: 0, errors: 0 };
  }

  update(change: Partial<ProgressCounts>): void {
    for (const [k, v] of Object.entries(change) as [keyof ProgressCounts, number][]) this.counts[k] += v;
    const now = performance.now();
    if (!this.stream.isTTY || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.stream.write(`\r${progressLine(this.counts, now - this.started)}\x1b[K`);
  }

  finish(): void {
    const line = progressLine(this.counts, performance.now() - this.started);
    this.stream.write(this.stream.isTTY ? `\r${line}\x1b[K\n` : `${line}\n`);
  }
}
