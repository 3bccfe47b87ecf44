/**
 * `gongkai verify`: an auditor's check that the archived copies a report cites are still the bytes
 * the report vouches for. Every `archived` link of the report's evidence and near misses is
 * resolved the way a browser resolves it from the report file (relative to the report directory),
 * the file is re-hashed, and the digest is compared with the report's sha256.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { byText } from '../core/compare';
import { parseOrThrow, ValidationError } from '../core/validation';
import {
  EvidenceRefSchema,
  PageCheckSchema,
  ReportObligationSchema,
  ReportPeriodSchema,
  ReportSchema,
} from '../report/model';
import { archiveRootOf, type DamagedLogLine, damagedFetchLogLines } from './verify-logs';

const CitedRefSchema = EvidenceRefSchema.pick({ kind: true, url: true, archived: true, sha256: true });

/**
 * Only what verification needs from report.json, taken from the report model: an older or newer
 * report whose other parts changed shape can still be verified.
 */
export const VerifiableReportSchema = ReportSchema.pick({ schemaVersion: true }).extend({
  obligations: z.array(
    ReportObligationSchema.pick({ id: true }).extend({
      periods: z.array(
        ReportPeriodSchema.pick({ key: true }).extend({
          evidence: z.array(CitedRefSchema),
          candidates: z.array(CitedRefSchema),
          pagesRead: z.array(PageCheckSchema.pick({ url: true, archived: true, sha256: true })).optional(),
        }),
      ),
    }),
  ),
});
export type VerifiableReport = z.infer<typeof VerifiableReportSchema>;

/** Where a file is cited: `<obligation> <period> evidence|candidate <page url>`. */
export interface Citation {
  obligationId: string;
  periodKey: string;
  /** page-read: a column read by the due date of a missing or insufficient-data period. */
  role: 'evidence' | 'candidate' | 'page-read';
  url: string;
}

/** One archived file the report cites, with the digest it vouches for. */
export interface CitedFile {
  /** The link exactly as the report has it. */
  archived: string;
  /** Absolute local path it resolves to. */
  path: string;
  expected: string;
  citedBy: Citation[];
}

/** A cited link that cannot be checked on this machine, and why. */
export interface SkippedLink {
  archived: string;
  reason: 'remote' | 'unsupported-scheme' | 'no-sha256';
  citedBy: Citation[];
}

export interface Mismatch extends CitedFile {
  actual: string;
}

/** A cited path that is not an archived copy at all (a device, a folder, a file outside the archive). */
export interface Refused extends CitedFile {
  why: string;
}

export interface VerifyResult {
  reportDir: string;
  /** Local files looked at: matched + mismatched + missing. */
  checked: number;
  matched: CitedFile[];
  mismatched: Mismatch[];
  missing: CitedFile[];
  /** Cited paths that are not archived copies: never read, never counted as matched. */
  refused: Refused[];
  skipped: SkippedLink[];
  /**
   * Citations with no archived copy though they need one (crawled evidence, or anything with a
   * sha256): a failure, since an auditor cannot open what the verdict rests on.
   */
  notArchived: Citation[];
  /** Archived links that do not point at the archive's copy of their digest: a failure, never read. */
  outside: CitedFile[];
  /**
   * Lines of the cited archives' fetch logs that are not whole records (a full disk, a killed
   * writer): a failure unless a later run has set the line aside.
   */
  damagedLogLines: DamagedLogLine[];
}

export class ReportNotFoundError extends Error {
  override name = 'ReportNotFoundError';
}

function citationKey(c: Citation): string {
  return `${c.obligationId} ${c.periodKey} ${c.role} ${c.url}`;
}

/**
 * Resolves an `archived` link against the report directory as a browser would from report.html
 * (percent-escapes decoded, query and fragment ignored); null for links that leave the machine.
 */
export function resolveArchivedLink(
  archived: string,
  reportDir: string,
): { path: string } | { skip: SkippedLink['reason'] } {
  const base = pathToFileURL(`${resolve(reportDir)}/`);
  let url: URL;
  try {
    url = new URL(archived.trim(), base);
  } catch {
    return { skip: 'unsupported-scheme' };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return { skip: 'remote' };
  if (url.protocol !== 'file:' || url.host !== '') return { skip: 'unsupported-scheme' };
  url.search = '';
  url.hash = '';
  return { path: fileURLToPath(url) };
}

/** Every archived file a report cites, grouped by file and expected digest. Pure. */
export function citedFiles(
  report: VerifiableReport,
  reportDir: string,
): { files: CitedFile[]; skipped: SkippedLink[]; notArchived: Citation[]; outside: CitedFile[] } {
  const files = new Map<string, CitedFile>();
  const skipped = new Map<string, SkippedLink>();
  const notArchived: Citation[] = [];
  const outside = new Map<string, CitedFile>();
  for (const o of report.obligations) {
    for (const p of o.periods) {
      const refs = [
        ...p.evidence.map((ref) => ({ ref, role: 'evidence' as const })),
        ...p.candidates.map((ref) => ({ ref, role: 'candidate' as const })),
        ...(p.pagesRead ?? []).map((ref) => ({
          ref: { ...ref, kind: 'observation' as const },
          role: 'page-read' as const,
        })),
      ];
      for (const { ref, role } of refs) {
        const citation: Citation = { obligationId: o.id, periodKey: p.key, role, url: ref.url };
        if (!ref.archived) {
          // Crawled evidence always rests on an archived copy; a near miss with a hash had one.
          if (ref.sha256 || (role === 'evidence' && ref.kind === 'match')) notArchived.push(citation);
          continue;
        }
        const resolved = ref.sha256
          ? resolveArchivedLink(ref.archived, reportDir)
          : { skip: 'no-sha256' as const };
        if ('skip' in resolved) {
          const key = `${resolved.skip} ${ref.archived}`;
          const entry = skipped.get(key) ?? { archived: ref.archived, reason: resolved.skip, citedBy: [] };
          entry.citedBy.push(citation);
          skipped.set(key, entry);
          continue;
        }
        const expected = (ref.sha256 ?? '').trim().toLowerCase();
        if (!insideArchive(resolved.path, expected)) {
          const entry = outside.get(resolved.path) ?? {
            archived: ref.archived,
            path: resolved.path,
            expected,
            citedBy: [],
          };
          entry.citedBy.push(citation);
          outside.set(resolved.path, entry);
          continue;
        }
        const key = `${resolved.path}\u0000${expected}`;
        const entry = files.get(key) ?? {
          archived: ref.archived,
          path: resolved.path,
          expected,
          citedBy: [],
        };
        if (!entry.citedBy.some((c) => citationKey(c) === citationKey(citation)))
          entry.citedBy.push(citation);
        files.set(key, entry);
      }
    }
  }
  return {
    files: [...files.values()],
    skipped: [...skipped.values()],
    notArchived,
    outside: [...outside.values()],
  };
}

/**
 * Whether a path is where the archive keeps the content of `sha256`: `…/sha256/<first two hex
 * digits>/<sha256>.<ext>`. Anything else (`/dev/zero`, `../../etc/passwd`, another digest's file)
 * is not an archived copy, whatever its bytes hash to, and is never read.
 */
export function insideArchive(path: string, sha256: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return false;
  const parts = path.split(/[\\/]/);
  const [root, shard, name] = parts.slice(-3);
  return (
    parts.length >= 3 &&
    root === 'sha256' &&
    shard === sha256.slice(0, 2) &&
    (name === sha256 || (name?.startsWith(`${sha256}.`) === true && /^[a-z0-9]+$/.test(name.slice(65))))
  );
}

/**
 * Why a cited path cannot be an archived copy, or null when it can: archived copies are regular
 * files named after their own digest in the archive's `sha256/<xx>/` folders. A report citing
 * `/dev/zero` or `/etc/passwd` fails here, before anything is read.
 */
export function notAnArchivedCopy(path: string, expected: string): string | null {
  const parts = path.split(/[\\/]/);
  const [name = '', shard = '', root = ''] = parts.slice(-3).reverse();
  const digest = name.split('.')[0] ?? '';
  if (root !== 'sha256' || shard !== digest.slice(0, 2) || !/^[0-9a-f]{64}$/.test(digest))
    return 'outside the archive: archived copies are sha256/<xx>/<sha256>.<ext> files';
  if (digest !== expected) return `the file is named after another digest (${digest})`;
  return null;
}

/** The sha256 of a file, streamed (archived attachments can be large); undefined when absent. */
async function hashFile(path: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    // A FIFO or device opened for reading can block or never end: only regular files are hashed.
    const info = await lstat(path);
    if (!info.isFile()) throw new NotRegularFileError();
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    if (error instanceof NotRegularFileError) return NOT_REGULAR;
    throw error;
  }
  return hash.digest('hex');
}

class NotRegularFileError extends Error {}
const NOT_REGULAR = 'not a regular file';

/** Reads and validates `<reportDir>/report.json` (only the parts verification needs). */
export async function loadVerifiableReport(reportDir: string): Promise<VerifiableReport> {
  const file = join(reportDir, 'report.json');
  let textContent: string;
  try {
    textContent = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new ReportNotFoundError(`no report.json in ${reportDir}`);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(textContent);
  } catch (error) {
    throw new ValidationError(file, [`(root): not JSON: ${(error as Error).message}`]);
  }
  return parseOrThrow(VerifiableReportSchema, json, file);
}

/**
 * Re-hashes every archived file the report in `reportDir` cites and sorts them into matched,
 * mismatched and missing. Links to remote copies (presigned URLs) are listed as skipped: this
 * check never touches the network.
 */
export async function verifyReportDir(
  reportDir: string,
  options: { concurrency?: number } = {},
): Promise<VerifyResult> {
  const report = await loadVerifiableReport(reportDir);
  const { files, skipped, notArchived, outside } = citedFiles(report, reportDir);
  const result: VerifyResult = {
    reportDir: resolve(reportDir),
    checked: files.length,
    matched: [],
    mismatched: [],
    missing: [],
    refused: [],
    skipped,
    notArchived,
    outside,
    damagedLogLines: [],
  };
  const digests = new Map<string, Promise<string | undefined>>();
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const outside = notAnArchivedCopy(file.path, file.expected);
      if (outside) {
        result.refused.push({ ...file, why: outside });
        continue;
      }
      // One file cited under two digests is read once.
      let digest = digests.get(file.path);
      if (!digest) {
        digest = hashFile(file.path);
        digests.set(file.path, digest);
      }
      const actual = await digest;
      if (actual === undefined) result.missing.push(file);
      else if (actual === NOT_REGULAR)
        result.refused.push({ ...file, why: `${NOT_REGULAR}: not an archived copy` });
      else if (actual === file.expected) result.matched.push(file);
      else result.mismatched.push({ ...file, actual });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  const byLink = byText((file: CitedFile) => file.archived);
  result.matched.sort(byLink);
  result.mismatched.sort(byLink);
  result.missing.sort(byLink);
  result.refused.sort(byLink);
  result.damagedLogLines = await damagedFetchLogLines(
    files.filter((file) => insideArchive(file.path, file.expected)).map((file) => archiveRootOf(file.path)),
  );
  return result;
}

/** "N files checked, M mismatched, K missing[, J not archived, I outside the archive]": the line an auditor quotes. */
export function verifySummary(result: VerifyResult): string {
  const failures = [
    ...(result.notArchived.length > 0 ? [`${result.notArchived.length} not archived`] : []),
    ...(result.outside.length > 0 ? [`${result.outside.length} outside the archive`] : []),
    ...(result.refused.length > 0 ? [`${result.refused.length} not archived copies`] : []),
    ...(openDamage(result).length > 0 ? [`${openDamage(result).length} damaged fetch-log lines`] : []),
  ];
  return [
    `${result.checked} files checked, ${result.mismatched.length} mismatched, ${result.missing.length} missing`,
    ...failures,
  ].join(', ');
}

/** True when every citation has its archived copy, inside the archive, present and matching its digest. */
export function verified(result: VerifyResult): boolean {
  return (
    result.mismatched.length === 0 &&
    result.missing.length === 0 &&
    result.notArchived.length === 0 &&
    result.outside.length === 0 &&
    result.refused.length === 0 &&
    openDamage(result).length === 0
  );
}

/** Damaged fetch-log lines no run has set aside yet: the ones that fail verification. */
export function openDamage(result: VerifyResult): DamagedLogLine[] {
  return result.damagedLogLines.filter((line) => !line.setAside);
}
