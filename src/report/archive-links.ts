/**
 * The report's links to archived copies, as data. On AWS a sweep writes them as `s3://bucket/key`
 * URIs, which no browser opens; `gongkai report --target aws --share` signs each one and renders
 * the report again with the signed links (src/aws/share-report.ts). Pure: finding and replacing.
 */
import type { Document } from '../core/document';
import type { HealthCheck } from '../core/health-check';
import type { Report } from './model';

const S3_URI = /^s3:\/\/([^/]+)\/(.+)$/;

/** An `s3://bucket/key` URI split into its bucket and key; null for any other link. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | null {
  const match = S3_URI.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : null;
}

/**
 * The archive keys the crawl recorded beside each copy's sha256: documents, their attachments, and
 * the pages read at each check (home pages and list pages). The archive links these without a
 * lookup (on S3, no ListObjectsV2) and trusts each only as its digest's content key; a copy
 * recorded without one (records written before keys were) is looked up as before.
 */
export function recordedArchiveKeys(
  documents: Iterable<Document>,
  checks: Iterable<readonly HealthCheck[]>,
): Map<string, string> {
  const keys = new Map<string, string>();
  const note = (sha256: string | null | undefined, key: string | undefined) => {
    if (sha256 && key && !keys.has(sha256)) keys.set(sha256, key);
  };
  for (const doc of documents) {
    note(doc.sha256, doc.archiveKey);
    for (const attachment of doc.attachments) note(attachment.sha256, attachment.archiveKey);
  }
  for (const list of checks) for (const check of list) note(check.sha256, check.archiveKey);
  return keys;
}

/** Every distinct `s3://` URI an `archived` link of the report points at. */
export function archiveUris(report: Report): Set<string> {
  const found = new Set<string>();
  visitArchived(report, (value) => {
    if (parseS3Uri(value)) found.add(value);
    return value;
  });
  return found;
}

/** A copy of the report with each `archived` link that `links` names replaced; others stay. */
export function withArchiveLinks(report: Report, links: ReadonlyMap<string, string>): Report {
  const copy = structuredClone(report);
  visitArchived(copy, (value) => links.get(value) ?? value);
  return copy;
}

/** Calls `replace` on every string value of a property named `archived`, anywhere in the report. */
function visitArchived(node: unknown, replace: (value: string) => string): void {
  if (Array.isArray(node)) {
    for (const item of node) visitArchived(item, replace);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  for (const [name, value] of Object.entries(record)) {
    if (name === 'archived' && typeof value === 'string') record[name] = replace(value);
    else visitArchived(value, replace);
  }
}
