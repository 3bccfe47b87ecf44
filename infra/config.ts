/**
 * Deployment settings, read from cdk.json context (keys `gongkai:*`) or `cdk deploy -c key=value`,
 * validated here so a bad value fails synthesis with the key it came from, before anything deploys.
 */
import { z } from 'zod';
import { ValidationError } from '../src/core/validation';
import { HEALTH_RETENTION_DAYS, MIN_HEALTH_RETENTION_DAYS } from '../src/store/table-design';

/** Context keys, exactly as written in cdk.json. */
export const CONTEXT_KEYS = {
  catalogue: 'gongkai:catalogue',
  sources: 'gongkai:sources',
  scheduleExpression: 'gongkai:scheduleExpression',
  alertEmail: 'gongkai:alertEmail',
  retentionDays: 'gongkai:retentionDays',
  crawlerReservedConcurrency: 'gongkai:crawlerReservedConcurrency',
  reportRetentionDays: 'gongkai:reportRetentionDays',
  logRetentionDays: 'gongkai:logRetentionDays',
  healthRetentionDays: 'gongkai:healthRetentionDays',
} as const;
type ConfigField = keyof typeof CONTEXT_KEYS;

/** `-c key=5` arrives as the string "5"; cdk.json gives numbers. Both are accepted. */
const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value),
    z.number().int().min(min).max(max),
  );

/** EventBridge Scheduler accepts cron(6 fields) or rate(n unit); the timezone is fixed to Asia/Shanghai. */
const ScheduleExpressionSchema = z
  .string()
  .regex(
    /^(cron\(\S+ \S+ \S+ \S+ \S+ \S+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/,
    'expected cron(min hour day-of-month month day-of-week year) or rate(n days)',
  );

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const InfraConfigSchema = z.object({
  catalogue: z.string().min(1).describe('Path of the reviewed catalogue JSON, relative to the project root'),
  sources: z.string().min(1).describe('Path of the sources JSON, relative to the project root'),
  scheduleExpression: ScheduleExpressionSchema.default('cron(0 6 * * ? *)'),
  alertEmail: z
    .union([z.literal(''), z.email('expected an e-mail address or an empty string')])
    .default('')
    .describe('Subscribed to flag notifications and operational alarms; empty for none'),
  retentionDays: wholeNumber(1, 36_500)
    .default(365)
    .describe('Object Lock (GOVERNANCE) retention of archived evidence'),
  crawlerReservedConcurrency: wholeNumber(0, 1000)
    .optional()
    .describe(
      "Reserved concurrency of the crawler; default: the sweep Map's MaxConcurrency; 0 leaves it unreserved (accounts with a low quota)",
    ),
  reportRetentionDays: wholeNumber(1, 36_500).default(400).describe('Reports expire after this many days'),
  healthRetentionDays: wholeNumber(MIN_HEALTH_RETENTION_DAYS, 36_500)
    .default(HEALTH_RETENTION_DAYS)
    .describe(
      "Health checks expire (DynamoDB TTL) this many days after they were made; the website rules judge a plan year's checks into the following year",
    ),
  logRetentionDays: wholeNumber(1, 3653)
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      message: `CloudWatch Logs accepts only ${LOG_RETENTION_DAYS.join(', ')}`,
    })
    .default(90),
});
export type InfraConfig = z.infer<typeof InfraConfigSchema>;

/**
 * Reads and validates the `gongkai:*` context. Errors name the context key (`gongkai:retentionDays:
 * Too small…`) because that is what a deployer edits, not the field name here.
 */
export function readInfraConfig(getContext: (key: string) => unknown): InfraConfig {
  const raw: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(CONTEXT_KEYS)) {
    const value = getContext(key);
    if (value !== undefined && value !== null) raw[field] = value;
  }
  const result = InfraConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path[0] as ConfigField | undefined;
    const key = field ? CONTEXT_KEYS[field] : '(context)';
    const value = field ? raw[field] : undefined;
    return `${key}: ${issue.message}${value === undefined ? ' (not set)' : ` (got ${JSON.stringify(value)})`}`;
  });
  throw new ValidationError('CDK context', problems);
}

/** The `stage` context key (`cdk deploy -c stage=prod`): lower-case letters, digits and dashes. */
export const StageSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,19}$/, 'expected a stage name such as dev or prod (a-z, 0-9, -; at most 20)');

/**
 * The stack id: `Gongkai-<stage>` with `-c stage=…`, so a dev and a prod stack can share an
 * account (every resource name derives from the stack's construct path); `Gongkai` without it,
 * the id stacks deployed before stages existed keep.
 */
export function stackIdFor(stage: unknown): string {
  if (stage === undefined || stage === null || stage === '') return 'Gongkai';
  const parsed = StageSchema.safeParse(stage);
  if (!parsed.success) {
    throw new ValidationError('CDK context', [
      `stage: ${parsed.error.issues[0]?.message} (got ${JSON.stringify(stage)})`,
    ]);
  }
  return `Gongkai-${parsed.data}`;
}
