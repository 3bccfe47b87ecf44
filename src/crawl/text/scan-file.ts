import type { PersonalDataFinding, UnreadFile } from '../../core/privacy';
import { scanSegments } from '../../core/privacy';
import type { TextLimits } from './limits';
import { type FileMeta, readText } from './read-text';

export interface FileScan {
  findings: PersonalDataFinding[];
  unread: UnreadFile[];
}

/** Reads one archived file and scans it for personal data; findings carry the file and its archived copy. */
export async function scanFile(
  bytes: Uint8Array,
  meta: FileMeta & { sha256: string | null },
  limits?: TextLimits,
): Promise<FileScan> {
  const read = await readText(bytes, meta, limits);
  const findings = scanSegments(read.segments).map((f) => ({ ...f, file: meta.url, sha256: meta.sha256 }));
  return { findings, unread: read.unread ? [{ file: meta.url, reason: read.unread }] : [] };
}
