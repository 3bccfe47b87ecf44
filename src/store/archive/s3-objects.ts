/**
 * Pure builders of the S3 requests the archive and report sink send, kept apart from the client so
 * the keys, checksums and metadata can be tested without S3.
 */
import { createHash } from 'node:crypto';
import type { PutObjectCommandInput } from '@aws-sdk/client-s3';
import type { ArchiveMeta } from '../ports';
import { type ArchiveMetaRecord, archiveKey, assertSha256, metaRecord, shardOf } from './content-address';

/** Joins a prefix and a key with exactly one slash; an empty prefix means the bucket root. */
export function prefixed(prefix: string, key: string): string {
  const clean = prefix.replace(/^\/+|\/+$/g, '');
  return clean ? `${clean}/${key}` : key;
}

/** S3's x-amz-checksum-sha256: the digest in base64, so S3 rejects bytes damaged on the way. */
export function checksumSha256Base64(sha256Hex: string): string {
  return Buffer.from(assertSha256(sha256Hex), 'hex').toString('base64');
}

/** User metadata must be ASCII and small: URLs are percent-encoded and capped. */
function asciiMeta(value: string, max = 1024): string {
  return encodeURI(value).slice(0, max);
}

/** PutObject for archived content: created only if absent, checksummed, typed. */
export function contentPutInput(
  bucket: string,
  prefix: string,
  bytes: Uint8Array,
  sha256: string,
  meta: ArchiveMeta,
): PutObjectCommandInput {
  return {
    Bucket: bucket,
    Key: prefixed(prefix, archiveKey(sha256, meta.contentType)),
    Body: bytes,
    ContentType: meta.contentType ?? 'application/octet-stream',
    ChecksumSHA256: checksumSha256Base64(sha256),
    IfNoneMatch: '*',
    Metadata: { sha256, 'first-url': asciiMeta(meta.url), 'first-fetched-at': asciiMeta(meta.fetchedAt, 64) },
  };
}

/**
 * One object per fetch (S3 cannot append): `<shard>/<sha>.meta/<fetchedAt>-<hash>.json`. The name is
 * derived from the record, so recording the same fetch twice writes the same key (idempotent).
 */
export function metaObjectKey(prefix: string, record: ArchiveMetaRecord): string {
  const digest = createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 16);
  const stamp = record.fetchedAt.replace(/[^0-9A-Za-z.-]/g, '-');
  return prefixed(prefix, `${shardOf(record.sha256)}/${record.sha256}.meta/${stamp}-${digest}.json`);
}

export function metaPutInput(
  bucket: string,
  prefix: string,
  sha256: string,
  key: string,
  size: number,
  meta: ArchiveMeta,
): PutObjectCommandInput {
  const record = metaRecord(sha256, key, size, meta);
  return {
    Bucket: bucket,
    Key: metaObjectKey(prefix, record),
    Body: JSON.stringify(record),
    ContentType: 'application/json',
    IfNoneMatch: '*',
  };
}

/** Key prefix listing a digest's content and metadata objects. */
export function digestListPrefix(prefix: string, sha256: string): string {
  return prefixed(prefix, `${shardOf(sha256)}/${sha256}.`);
}

/** Strips the archive prefix again: ArchivedObject.key is relative to the archive root. */
export function withoutPrefix(prefix: string, key: string): string {
  const head = prefixed(prefix, '');
  return head && key.startsWith(head) ? key.slice(head.length) : key;
}
