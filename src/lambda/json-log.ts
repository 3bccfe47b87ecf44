/**
 * Structured logs for the Lambda functions: one JSON object per line with a level, a timestamp, the
 * function and the keys that tie lines of one sweep together (runId, sourceId, asOf, requestId), so
 * CloudWatch Logs Insights can answer "what happened to source X in run Y" with one query. The shape
 * follows Powertools for AWS Lambda's Logger (level, message, timestamp, service, cold_start) without
 * its weight in the crawler's bundle.
 */

import { LOG_LEVELS, type LogFn, type LogLevel } from '../tasks/deps';

export interface JsonLogOptions {
  /** The lowest level written (LOG_LEVEL; default info). An unknown name means info. */
  level?: string;
  /** The function or tool writing (Powertools' `service`). */
  service: string;
  /** Keys written on every line of this logger. */
  keys?: Record<string, unknown>;
  now?: () => Date;
  write?: (line: string) => void;
}

const rank = (level: string | undefined): number => {
  const i = LOG_LEVELS.indexOf((level ?? 'info').toLowerCase() as LogLevel);
  return i < 0 ? 1 : i;
};

/** An Error as JSON (its name, message and stack), anything else as it is. */
function plain(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** A logger writing one JSON line per call at or above its level. */
export function jsonLog(options: JsonLogOptions): LogFn {
  const threshold = rank(options.level);
  const now = options.now ?? (() => new Date());
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  return (message, detail = {}, level = 'info') => {
    if (rank(level) < threshold) return;
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(detail)) fields[key] = plain(value);
    write(
      JSON.stringify({
        level: level.toUpperCase(),
        message,
        timestamp: now().toISOString(),
        service: options.service,
        ...options.keys,
        ...fields,
      }),
    );
  };
}

/**
 * The correlation keys of a task's input: the sweep's runId and asOf, and the sourceId of a crawl,
 * when the input has them as strings (an invalid input still logs what it carries); and a crawl's
 * shard and pass, when they are whole numbers.
 */
export function correlationKeys(event: unknown): Record<string, string | number> {
  const keys: Record<string, string | number> = {};
  if (event && typeof event === 'object') {
    const input = event as Record<string, unknown>;
    for (const key of ['runId', 'asOf', 'sourceId'] as const) {
      const value = input[key];
      if (typeof value === 'string') keys[key] = value.slice(0, 200);
    }
    for (const key of ['shard', 'pass'] as const) {
      const value = input[key];
      if (Number.isSafeInteger(value)) keys[key] = value as number;
    }
  }
  return keys;
}
