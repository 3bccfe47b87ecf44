/**
 * Pure rules of the evidence archive, shared by the directory and S3 adapters: how content is
 * addressed (sha256), how keys are built, which fetch headers are kept with each copy; and the
 * metrics and integrity error both adapters report.
 */
import { createHash } from 'node:crypto';
import type { ArchiveMeta } from '../ports';

export interface ArchiveMetrics {
  puts: number;
  /** Puts that wrote new content. */
  stored: number;
  /** Puts whose content was already there (only metadata appended). */
  deduplicated: number;
  bytesStored: number;
  reads: number;
}

export class ArchiveIntegrityError extends Error {
  override name = 'ArchiveIntegrityError';
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(text: string): boolean {
  return SHA256_HEX.test(text);
}

export class InvalidArchiveKeyError extends Error {
  override name = 'InvalidArchiveKeyError';
}

/** Refuses anything but a lowercase sha256: it is what keys and file paths are built from. */
export function assertSha256(text: string): string {
  if (!isSha256(text))
    throw new InvalidArchiveKeyError(`not a sha256 digest: ${JSON.stringify(text.slice(0, 80))}`);
  return text;
}

const EXTENSIONS: Record<string, string> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/xml': 'xml',
  'application/xml': 'xml',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/zip': 'zip',
  'application/x-rar-compressed': 'rar',
  'application/vnd.rar': 'rar',
  'application/wps-office.wps': 'wps',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** A file extension for a content type; unknown or missing types get `bin` (never text from the server). */
export function extensionFor(contentType: string | undefined): string {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return EXTENSIONS[mime] ?? 'bin';
}

/** `sha256/ab/abcdef….html`: the first byte fans objects out over 256 folders. */
export function archiveKey(sha256: string, contentType: string | undefined): string {
  return `${shardOf(sha256)}/${contentFileName(sha256, contentType)}`;
}

/** The content's file name inside its shard folder: `abcdef….html`. */
export function contentFileName(sha256: string, contentType: string | undefined): string {
  return `${assertSha256(sha256)}.${extensionFor(contentType)}`;
}

/** The folder holding a digest's content and its metadata. */
export function shardOf(sha256: string): string {
  return `sha256/${assertSha256(sha256).slice(0, 2)}`;
}

/**
 * Directory layout: the fetch log of a shard folder, one JSON line per fetch of any digest in it.
 * One log per folder rather than one file per digest: creating a file is the dearest step of a put,
 * and a folder's log stays small enough (1/256 of all fetches) to scan for one digest's lines.
 */
export function fetchLogKey(sha256: string): string {
  return `${shardOf(sha256)}/${FETCH_LOG_NAME}`;
}

export const FETCH_LOG_NAME = 'fetches.jsonl';

/** Archives written before the shard fetch log kept one sidecar per digest; they are still read. */
export function metaSidecarKey(sha256: string): string {
  return `${shardOf(sha256)}/${sha256}.meta.jsonl`;
}

/**
 * Among file names (or keys) in a digest's folder, the one holding the content: `<sha>.<ext>`,
 * not the metadata. Identical bytes fetched with another content type keep their first extension.
 */
export function contentNameAmong(names: readonly string[], sha256: string): string | undefined {
  const digest = assertSha256(sha256);
  return names.find((name) => contentDigestOf(name) === digest);
}

/** The digest a content file's name (or key) carries, `<sha>.<ext>`; undefined for other files. */
export function contentDigestOf(name: string): string | undefined {
  // Plain comparisons rather than a RegExp per name: shard folders are listed while crawling.
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (base[64] !== '.' || !CONTENT_EXTENSION.test(base.slice(65))) return undefined;
  const digest = base.slice(0, 64);
  return isSha256(digest) ? digest : undefined;
}

const CONTENT_EXTENSION = /^[a-z0-9]+$/;

/** Response headers worth keeping with an archived copy: what an auditor asks about a fetch. */
export const KEPT_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-disposition',
  'etag',
  'last-modified',
  'date',
  'server',
  'cache-control',
  'expires',
  'location',
] as const;

/** Keeps KEPT_HEADERS (names lowercased, values capped), dropping cookies and everything else. */
export function selectHeaders(
  headers: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!headers) return undefined;
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if ((KEPT_HEADERS as readonly string[]).includes(lower)) kept[lower] = String(value).slice(0, 1024);
  }
  return kept;
}

/** One fetch of archived content: what the sidecar line or meta object holds. */
export interface ArchiveMetaRecord extends ArchiveMeta {
  sha256: string;
  key: string;
  size: number;
}

export function metaRecord(sha256: string, key: string, size: number, meta: ArchiveMeta): ArchiveMetaRecord {
  const headers = selectHeaders(meta.headers);
  return {
    sha256,
    key,
    size,
    url: meta.url,
    finalUrl: meta.finalUrl,
    status: meta.status,
    fetchedAt: meta.fetchedAt,
    ...(meta.contentType !== undefined ? { contentType: meta.contentType } : {}),
    ...(headers ? { headers } : {}),
  };
}
