/** Writes report files under a directory, atomically (temp file + rename), never outside it. */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { resolveInside } from '../fs-paths';
import type { ReportSink } from '../ports';

export class DirectoryReportSink implements ReportSink {
  constructor(readonly dir: string) {}

  /** Writes `name` (may contain sub-folders) and returns its absolute path. */
  async write(name: string, body: string | Uint8Array, _contentType: string): Promise<string> {
    const target = resolveInside(this.dir, name);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.part`;
    await writeFile(tmp, body);
    // A reader (or a browser refreshing the report) sees the old file or the new one, never half of one.
    await rename(tmp, target);
    return target;
  }
}
