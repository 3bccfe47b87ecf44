/**
 * What each task function may touch, as data: the stack turns it into IAM statements, the infra
 * tests and docs/deploy.md read the same table. Nothing here may delete: the table and the archive
 * are the audit trail.
 */
import type { TaskStateName } from '../src/tasks/contracts';
import { taskTimeouts } from '../src/workflow/definition';

export interface TaskAccess {
  /** DynamoDB: `read` = Get/Query/Scan; `read-write` adds Put/Update/BatchWrite (never Delete). */
  table: 'none' | 'read' | 'read-write';
  /** Evidence archive: `read` = Get (and List, so a missing key is a 404); `write` adds Put. */
  archive: 'none' | 'read' | 'write';
  /** May put objects into the reports bucket. */
  reports: boolean;
  /** May publish to the flags topic. */
  publish: boolean;
  memorySize: number;
  /** From the sweep definition's `TimeoutSeconds` for the state: one budget for Lambda and ASL. */
  timeoutSeconds: number;
}

const TIMEOUTS = taskTimeouts();

/** A task's time budget, in seconds: its state's `TimeoutSeconds` in the sweep definition. */
function budget(state: TaskStateName): number {
  const seconds = TIMEOUTS.get(state);
  if (seconds === undefined) throw new Error(`no Task state "${state}" in the sweep definition`);
  return seconds;
}

export const TASK_ACCESS: Record<TaskStateName, TaskAccess> = {
  // Reads the sources file (config bucket, as every function does at cold start) and writes the
  // sweep's shards of source ids to the table, so the state carries only their indices.
  ListSources: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: false,
    memorySize: 256,
    timeoutSeconds: budget('ListSources'),
  },
  // Fetching 200 pages politely (per-host delay, 15 s timeouts) takes minutes: the longest task.
  CrawlSource: {
    table: 'read-write',
    archive: 'write',
    reports: false,
    publish: false,
    memorySize: 1024,
    timeoutSeconds: budget('CrawlSource'),
  },
  RecordCrawlFailure: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: false,
    memorySize: 256,
    timeoutSeconds: budget('RecordCrawlFailure'),
  },
  MatchEvidence: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: false,
    memorySize: 1024,
    timeoutSeconds: budget('MatchEvidence'),
  },
  EvaluateVerdicts: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: false,
    memorySize: 1024,
    timeoutSeconds: budget('EvaluateVerdicts'),
  },
  RaiseFlags: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: false,
    memorySize: 512,
    timeoutSeconds: budget('RaiseFlags'),
  },
  Notify: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: true,
    memorySize: 256,
    timeoutSeconds: budget('Notify'),
  },
  // Reads the archive to sign links to the snapshots a verdict cites.
  WriteReport: {
    table: 'read',
    archive: 'read',
    reports: true,
    publish: false,
    memorySize: 1024,
    timeoutSeconds: budget('WriteReport'),
  },
};

export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'];
