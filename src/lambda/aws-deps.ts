/**
 * TaskDeps on AWS, built once per Lambda cold start from the environment the CDK stack sets
 * (infra/gongkai-stack.ts): DynamoDB stores, the S3 evidence archive, the SNS notifier, the S3
 * report sink, and the catalogue and sources read from the config bucket.
 */
import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { type Catalogue, CatalogueSchema } from '../core/obligation';
import { type SourcesFile, SourcesFileSchema } from '../core/source';
import { formatIssues, parseOrThrow, ValidationError } from '../core/validation';
import { S3Archive } from '../store/archive/s3-archive';
import { createDynamoStores } from '../store/dynamo/create-stores';
import { SnsNotifier } from '../store/notify/sns-notifier';
import { S3ReportSink } from '../store/report-sink/s3-report-sink';
import type { TaskDeps } from '../tasks/deps';
import { jsonLog } from './json-log';

const name = z.string().min(1);

/** The variables the stack sets on every task function. */
export const TaskEnvironmentSchema = z.object({
  TABLE_NAME: name,
  ARCHIVE_BUCKET: name,
  REPORTS_BUCKET: name,
  CONFIG_BUCKET: name,
  CATALOGUE_KEY: name,
  SOURCES_KEY: name,
  TOPIC_ARN: z.string().regex(/^arn:[\w-]+:sns:/, 'expected an SNS topic ARN'),
  ARCHIVE_PREFIX: z.string().default('archive'),
  REPORTS_PREFIX: z.string().default('reports'),
  /** Optional: days health checks are kept before DynamoDB's TTL removes them. */
  HEALTH_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  /** Optional: the lowest log level written (debug, info, warn, error; default info). */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'DEBUG', 'INFO', 'WARN', 'ERROR']).optional(),
});
export type TaskEnvironment = z.infer<typeof TaskEnvironmentSchema>;

/**
 * Validates the environment, naming each missing or wrong variable: a function deployed without
 * one fails at its first invocation with a message that says which.
 */
export function readTaskEnvironment(env: Record<string, string | undefined>): TaskEnvironment {
  const result = TaskEnvironmentSchema.safeParse(env);
  if (!result.success) throw new ValidationError('Lambda environment', formatIssues(result.error));
  return result.data;
}

/** Reads one JSON object from S3 and validates it; the error names the S3 location and JSON path. */
export async function readJsonObject<S extends z.ZodType>(
  s3: S3Client,
  bucket: string,
  key: string,
  schema: S,
): Promise<z.infer<S>> {
  const where = `s3://${bucket}/${key}`;
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = (await out.Body?.transformToString('utf-8')) ?? '';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(where, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseOrThrow(schema, value, where);
}

export interface AwsDepsOptions {
  env?: Record<string, string | undefined>;
  /** SDK settings shared by every client (region, credentials, endpoint overrides). */
  clientConfig?: Pick<S3ClientConfig, 'region' | 'credentials'> & {
    s3Endpoint?: string;
    dynamoEndpoint?: string;
    snsEndpoint?: string;
  };
  now?: () => Date;
}

/** Builds the dependencies of every task function from the Lambda environment. */
export async function awsDeps(options: AwsDepsOptions = {}): Promise<TaskDeps> {
  const env = readTaskEnvironment(options.env ?? process.env);
  const { s3Endpoint, dynamoEndpoint, snsEndpoint, ...shared } = options.clientConfig ?? {};
  const s3 = new S3Client({
    ...shared,
    ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true } : {}),
  });
  const [catalogue, sources]: [Catalogue, SourcesFile] = await Promise.all([
    readJsonObject(s3, env.CONFIG_BUCKET, env.CATALOGUE_KEY, CatalogueSchema),
    readJsonObject(s3, env.CONFIG_BUCKET, env.SOURCES_KEY, SourcesFileSchema),
  ]);
  const dynamo = createDynamoStores({
    tableName: env.TABLE_NAME,
    ...(dynamoEndpoint ? { endpoint: dynamoEndpoint } : {}),
    ...(shared.region ? { region: shared.region as string } : {}),
    ...(shared.credentials ? { credentials: shared.credentials } : {}),
    ...(env.HEALTH_RETENTION_DAYS ? { healthRetentionDays: env.HEALTH_RETENTION_DAYS } : {}),
  });
  const sns = { ...shared, ...(snsEndpoint ? { endpoint: snsEndpoint } : {}) };
  return {
    stores: {
      documents: dynamo.documents,
      health: dynamo.health,
      crawl: dynamo.crawl,
      evidence: dynamo.evidence,
      verdicts: dynamo.verdicts,
      flags: dynamo.flags,
      ledger: dynamo.ledger,
      judgements: dynamo.judgements,
      archive: new S3Archive({ bucket: env.ARCHIVE_BUCKET, prefix: env.ARCHIVE_PREFIX, client: s3 }),
      notifier: new SnsNotifier({ topicArn: env.TOPIC_ARN, client: sns }),
    },
    catalogue,
    sources,
    now: options.now ?? (() => new Date()),
    reportSink: new S3ReportSink({ bucket: env.REPORTS_BUCKET, prefix: env.REPORTS_PREFIX, client: s3 }),
    // Replaced per invocation by the handler's logger, which carries the run's correlation keys.
    log: jsonLog({ service: 'gongkai', level: env.LOG_LEVEL }),
  };
}
