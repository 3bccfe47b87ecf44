/**
 * The evidence archive on S3 (bucket with versioning and Object Lock, see infra/). Content is
 * created only if absent (`If-None-Match: *`) with a SHA-256 checksum S3 verifies; every fetch adds
 * one small metadata object next to it.
 */
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { parseOrThrow } from '../../core/validation';
import type { Archive, ArchivedObject, ArchiveMeta } from '../ports';
import { ArchiveMetaSchema } from '../record-schemas';
import {
  ArchiveIntegrityError,
  type ArchiveMetaRecord,
  type ArchiveMetrics,
  assertSha256,
  contentNameAmong,
  sha256Of,
  shardOf,
} from './content-address';
import { contentPutInput, digestListPrefix, metaPutInput, prefixed, withoutPrefix } from './s3-objects';

export interface S3ArchiveOptions {
  bucket: string;
  /** Key prefix inside the bucket, e.g. `archive`. */
  prefix: string;
  client: S3Client;
  /**
   * `locate` returns a presigned GET URL valid this long; without it, the `s3://bucket/key` URI
   * (readers with bucket access, e.g. the report behind CloudFront or the console).
   */
  presignSeconds?: number;
}

export class S3Archive implements Archive {
  private counters: ArchiveMetrics = { puts: 0, stored: 0, deduplicated: 0, bytesStored: 0, reads: 0 };

  constructor(private readonly options: S3ArchiveOptions) {}

  metrics(): ArchiveMetrics {
    return { ...this.counters };
  }

  async put(bytes: Uint8Array, input: ArchiveMeta): Promise<ArchivedObject> {
    const meta = parseOrThrow(ArchiveMetaSchema, input, 'archive metadata');
    const sha256 = sha256Of(bytes);
    const { bucket, prefix } = this.options;
    this.counters.puts += 1;
    let fullKey = await this.contentKey(sha256);
    let stored = false;
    if (!fullKey) {
      const put = contentPutInput(bucket, prefix, bytes, sha256, meta);
      stored = await this.createIfAbsent(put);
      fullKey = stored ? (put.Key as string) : ((await this.contentKey(sha256)) ?? (put.Key as string));
    }
    if (stored) {
      this.counters.stored += 1;
      this.counters.bytesStored += bytes.byteLength;
    } else {
      this.counters.deduplicated += 1;
    }
    const key = withoutPrefix(prefix, fullKey);
    await this.createIfAbsent(metaPutInput(bucket, prefix, sha256, key, bytes.byteLength, meta));
    return { sha256, key, stored };
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    const key = await this.contentKey(assertSha256(sha256));
    if (!key) return undefined;
    this.counters.reads += 1;
    const out = await this.options.client.send(
      new GetObjectCommand({ Bucket: this.options.bucket, Key: key }),
    );
    if (!out.Body) return undefined;
    const bytes = await out.Body.transformToByteArray();
    if (sha256Of(bytes) !== sha256)
      throw new ArchiveIntegrityError(`archived ${key} no longer matches its sha256`);
    return bytes;
  }

  /** Every fetch recorded for `sha256`, oldest first. */
  async fetches(sha256: string): Promise<ArchiveMetaRecord[]> {
    const { bucket, client, prefix } = this.options;
    const listed = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: `${digestListPrefix(prefix, assertSha256(sha256))}meta/`,
      }),
    );
    const records: ArchiveMetaRecord[] = [];
    for (const object of listed.Contents ?? []) {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
      if (out.Body) records.push(JSON.parse(await out.Body.transformToString()) as ArchiveMetaRecord);
    }
    return records.sort((a, b) => a.fetchedAt.localeCompare(b.fetchedAt));
  }

  /** With the key `put` returned, no request is made: S3 is asked for the key only without it. */
  async locate(sha256: string, known?: string): Promise<string | undefined> {
    const key = known
      ? prefixed(this.options.prefix, assertArchiveKey(sha256, known))
      : await this.contentKey(assertSha256(sha256));
    if (!key) return undefined;
    const { bucket, client, presignSeconds } = this.options;
    if (presignSeconds === undefined) return `s3://${bucket}/${key}`;
    return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: presignSeconds,
    });
  }

  /** Full key of the content object of `sha256`, whatever extension it was first stored with. */
  private async contentKey(sha256: string): Promise<string | undefined> {
    const out = await this.options.client.send(
      new ListObjectsV2Command({
        Bucket: this.options.bucket,
        Prefix: digestListPrefix(this.options.prefix, sha256),
        MaxKeys: 1000,
      }),
    );
    const keys = (out.Contents ?? [])
      .map((object) => object.Key ?? '')
      .filter((key) => !key.includes('.meta/'));
    return contentNameAmong(keys, sha256);
  }

  /** PutObject with If-None-Match: false when S3 says the key exists (412) or a write is racing (409). */
  private async createIfAbsent(input: PutObjectCommandInput): Promise<boolean> {
    try {
      await this.options.client.send(new PutObjectCommand(input));
      return true;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 412 || status === 409 || (error as Error).name === 'PreconditionFailed') return false;
      throw error;
    }
  }
}

/** A recorded key must be the content key of that digest, never a path elsewhere in the bucket. */
function assertArchiveKey(sha256: string, key: string): string {
  const folder = `${shardOf(sha256)}/${assertSha256(sha256)}.`;
  if (!key.startsWith(folder) || !/^[a-z0-9]{1,8}$/.test(key.slice(folder.length)))
    throw new ArchiveIntegrityError(`archive key ${JSON.stringify(key)} is not the content key of ${sha256}`);
  return key;
}
