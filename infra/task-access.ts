/**
 * What each task function may touch, as data: the stack turns it into IAM statements, the infra
 * tests and docs/deploy.md read the same table. Nothing here may delete: the table and the archive
 * are the audit trail.
 */
import type { TaskStateName } from '../src/tasks/contracts';

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
  timeoutSeconds: number;
}

export const TASK_ACCESS: Record<TaskStateName, TaskAccess> = {
  // Reads only the sources file (config bucket), which every function reads at cold start.
  ListSources: {
    table: 'none',
    archive: 'none',
    reports: false,
    publish: false,
    memorySize: 256,
    timeoutSeconds: 30,
  },
  // Fetching 200 pages politely (per-host delay, 15 s timeouts) takes minutes: the longest task.
  CrawlSource: {
    table: 'read-write',
    archive: 'write',
    reports: false,
    publish: false,
    memorySize: 1024,
    timeoutSeconds: 900,
  },
  RecordCrawlFailure: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: false,
    memorySize: 256,
    timeoutSeconds: 60,
  },
  MatchEvidence: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: false,
    memorySize: 1024,
    timeoutSeconds: 300,
  },
  EvaluateVerdicts: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: false,
    memorySize: 1024,
    timeoutSeconds: 300,
  },
  RaiseFlags: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: false,
    memorySize: 512,
    timeoutSeconds: 120,
  },
  Notify: {
    table: 'read-write',
    archive: 'none',
    reports: false,
    publish: true,
    memorySize: 256,
    timeoutSeconds: 120,
  },
  // Reads the archive to sign links to the snapshots a verdict cites.
  WriteReport: {
    table: 'read',
    archive: 'read',
    reports: true,
    publish: false,
    memorySize: 1024,
    timeoutSeconds: 300,
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
