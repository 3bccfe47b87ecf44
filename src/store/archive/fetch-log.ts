/**
 * The line format of the directory archive's fetch logs, and a reader that survives damage.
 *
 * Each line is one JSON record whose last member is `"sum"`: the first 16 hex digits of the sha256
 * of the line as it would be without that member. A line cut short by a full disk or a killed
 * process has no sum (or a wrong one) and is detected, never half-trusted; the line stays valid
 * JSON, so `jq` still reads the log. Lines written before sums existed are read when they parse as
 * a whole record.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ArchiveMetaSchema } from '../record-schemas';
import type { ArchiveMetaRecord } from './content-address';

const SUM_LENGTH = 16;
const SUM_SUFFIX = /,"sum":"([0-9a-f]{16})"\}$/;
/** Every record starts with its digest (see `metaRecord`): where a record merged onto a torn line begins. */
const RECORD_START = '{"sha256":"';

export const ArchiveMetaRecordSchema = ArchiveMetaSchema.extend({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  key: z.string().min(1),
  size: z.number().int().min(0),
}) satisfies z.ZodType<ArchiveMetaRecord>;

function sumOf(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, SUM_LENGTH);
}

/** One fetch-log line, newline included: the record's JSON with its checksum as the last member. */
export function fetchLogLine(record: ArchiveMetaRecord): string {
  const body = JSON.stringify(record);
  return `${body.slice(0, -1)},"sum":"${sumOf(body)}"}\n`;
}

/** A record read from one line's text, or why the text is not one. */
export function recordOfLine(text: string): { record: ArchiveMetaRecord } | { problem: string } {
  const summed = SUM_SUFFIX.exec(text);
  const body = summed ? `${text.slice(0, summed.index)}}` : text;
  if (summed && sumOf(body) !== summed[1]) return { problem: 'checksum does not match' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { problem: summed ? 'not JSON' : 'cut short (not JSON, no checksum)' };
  }
  const parsed = ArchiveMetaRecordSchema.safeParse(json);
  if (!parsed.success) return { problem: `not a fetch record (${parsed.error.issues[0]?.path.join('.')})` };
  return { record: parsed.data };
}

/** A line of a fetch log that is not a whole record. */
export interface DamagedLine {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's start in the log. */
  offset: number;
  problem: string;
  /** The line has no newline after it: the log ends in the middle of a write. */
  unterminated: boolean;
  /** A whole record was found after the damage (a later write appended onto a torn line). */
  recovered: boolean;
}

export interface ParsedFetchLog {
  /** Every whole record, in the log's order. */
  records: ArchiveMetaRecord[];
  damaged: DamagedLine[];
}

/**
 * Reads a fetch log: every whole record, and every line that is not one with its number and
 * offset. A record appended onto a torn line (by a writer that did not start a fresh line) is
 * recovered from the end of that line; the torn part is still reported.
 */
export function parseFetchLog(bytes: Uint8Array): ParsedFetchLog {
  const records: ArchiveMetaRecord[] = [];
  const damaged: DamagedLine[] = [];
  let offset = 0;
  for (let line = 1; offset < bytes.length; line += 1) {
    const end = bytes.indexOf(0x0a, offset);
    const stop = end === -1 ? bytes.length : end;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset + offset, stop - offset).toString('utf8');
    if (text.trim() !== '') {
      const read = recordOfLine(text);
      if ('record' in read) records.push(read.record);
      else {
        const salvaged = salvage(text);
        if (salvaged) records.push(salvaged);
        damaged.push({
          line,
          offset,
          problem: read.problem,
          unterminated: end === -1,
          recovered: !!salvaged,
        });
      }
    }
    offset = stop + 1;
  }
  return { records, damaged };
}

function salvage(text: string): ArchiveMetaRecord | undefined {
  const start = text.lastIndexOf(RECORD_START);
  if (start <= 0) return undefined;
  const read = recordOfLine(text.slice(start));
  return 'record' in read ? read.record : undefined;
}

/** One torn line a writer set aside (`<log>.torn`): where it started in the log, and its text. */
export const SetAsideSchema = z.object({ offset: z.number().int().min(0), text: z.string() });

/** Offsets of the torn lines recorded in a `.torn` file; lines that do not parse are ignored. */
export function setAsideOffsets(text: string): Set<number> {
  const offsets = new Set<number>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = SetAsideSchema.safeParse(JSON.parse(line));
      if (parsed.success) offsets.add(parsed.data.offset);
    } catch {
      // A torn line in the .torn file itself: the log line it named stays reported.
    }
  }
  return offsets;
}

export const TORN_SUFFIX = '.torn';
