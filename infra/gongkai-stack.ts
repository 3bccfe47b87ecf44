import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../src/store/table-design';
import { TASK_STATES, type TaskStateName } from '../src/tasks/contracts';
import type { InfraConfig } from './config';
import { SweepAlarms } from './constructs/alarms';
import { EvidenceArchive } from './constructs/evidence-archive';
import { EvidenceTable } from './constructs/evidence-table';
import { NotificationTopics } from './constructs/notification-topics';
import { ReportBucket } from './constructs/report-bucket';
import { secureBucket } from './constructs/secure-bucket';
import { SweepConfig } from './constructs/sweep-config';
import { SweepDashboard } from './constructs/sweep-dashboard';
import { SweepSchedule } from './constructs/sweep-schedule';
import { crawlConcurrency, SweepWorkflow } from './constructs/sweep-workflow';
import { TaskFunction } from './constructs/task-function';
import { suppressExpectedFindings } from './nag-suppressions';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS, TASK_ACCESS } from './task-access';

export interface GongkaiStackProps extends StackProps {
  config: InfraConfig;
  /** Validated catalogue and sources JSON, uploaded to the config bucket. */
  catalogueJson: string;
  sourcesJson: string;
}

/** The environment variables src/lambda/aws-deps.ts reads at cold start. */
export const TASK_ENVIRONMENT_KEYS = [
  'TABLE_NAME',
  'ARCHIVE_BUCKET',
  'REPORTS_BUCKET',
  'CONFIG_BUCKET',
  'CATALOGUE_KEY',
  'SOURCES_KEY',
  'TOPIC_ARN',
  'ARCHIVE_PREFIX',
  'REPORTS_PREFIX',
  'HEALTH_RETENTION_DAYS',
] as const;

/** Key prefixes inside the archive and reports buckets; IAM grants are scoped to them. */
export const ARCHIVE_PREFIX = 'archive';
export const REPORTS_PREFIX = 'reports';

/**
 * Gongkai Monitor on AWS: the table and the evidence archive (the audit trail, both retained), the
 * eight task functions, the sweep state machine from src/workflow/sweep.asl.json, its daily
 * schedule in Asia/Shanghai time, notification topics and alarms.
 */
export class GongkaiStack extends Stack {
  readonly functions: Record<TaskStateName, TaskFunction>;

  constructor(scope: Construct, id: string, props: GongkaiStackProps) {
    super(scope, id, props);
    // Log delivery by bucket policy, not ACLs: every bucket here enforces bucket-owner ownership.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const { config } = props;
    const logRetention = config.logRetentionDays as RetentionDays;

    const accessLogs = secureBucket(this, 'AccessLogs', {
      accessLogs: 'self-is-log-bucket',
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    const table = new EvidenceTable(this, 'Evidence').table;
    const archive = new EvidenceArchive(this, 'Archive', { accessLogs, retentionDays: config.retentionDays });
    const reports = new ReportBucket(this, 'Reports', {
      accessLogs,
      expireAfterDays: config.reportRetentionDays,
    }).bucket;
    const sweepConfig = new SweepConfig(this, 'Config', {
      accessLogs,
      catalogueJson: props.catalogueJson,
      sourcesJson: props.sourcesJson,
    });
    const topics = new NotificationTopics(this, 'Topics', { alertEmail: config.alertEmail });

    const environment: Record<(typeof TASK_ENVIRONMENT_KEYS)[number], string> = {
      TABLE_NAME: table.tableName,
      ARCHIVE_BUCKET: archive.bucket.bucketName,
      REPORTS_BUCKET: reports.bucketName,
      CONFIG_BUCKET: sweepConfig.bucket.bucketName,
      CATALOGUE_KEY: sweepConfig.catalogueKey,
      SOURCES_KEY: sweepConfig.sourcesKey,
      TOPIC_ARN: topics.flags.topicArn,
      ARCHIVE_PREFIX,
      REPORTS_PREFIX,
      HEALTH_RETENTION_DAYS: String(config.healthRetentionDays),
    };

    // As many crawler instances as one sweep's Map runs at once, unless configured otherwise.
    const crawlerReserved = config.crawlerReservedConcurrency ?? crawlConcurrency();
    const functions = {} as Record<TaskStateName, TaskFunction>;
    for (const state of TASK_STATES) {
      const access = TASK_ACCESS[state];
      const task = new TaskFunction(this, state, {
        state,
        memorySize: access.memorySize,
        timeout: Duration.seconds(access.timeoutSeconds),
        environment,
        logRetention,
        reservedConcurrentExecutions:
          state === 'CrawlSource' && crawlerReserved > 0 ? crawlerReserved : undefined,
      });
      // Configuration must be in place before any function can cold-start against it.
      task.fn.node.addDependency(sweepConfig.deployment);
      const role = task.role;
      const allow = (sid: string, actions: string[], resources: string[]) =>
        role.addToPrincipalPolicy(new PolicyStatement({ sid, actions, resources }));

      allow(
        'ReadSweepConfig',
        ['s3:GetObject'],
        [sweepConfig.catalogueKey, sweepConfig.sourcesKey].map((key) =>
          sweepConfig.bucket.arnForObjects(key),
        ),
      );
      if (access.table !== 'none') {
        const actions =
          access.table === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
        allow('EvidenceTable', actions, tableResources(table.tableArn));
      }
      if (access.archive !== 'none') {
        allow('ListArchive', ['s3:ListBucket'], [archive.bucket.bucketArn]);
        const actions = access.archive === 'write' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'];
        allow('ArchiveObjects', actions, [archive.bucket.arnForObjects(`${ARCHIVE_PREFIX}/*`)]);
      }
      if (access.reports)
        allow('WriteReports', ['s3:PutObject'], [reports.arnForObjects(`${REPORTS_PREFIX}/*`)]);
      if (access.publish) {
        allow('PublishFlags', ['sns:Publish'], [topics.flags.topicArn]);
        allow('EncryptFlags', ['kms:GenerateDataKey', 'kms:Decrypt'], [topics.key.keyArn]);
      }
      functions[state] = task;
    }
    this.functions = functions;
    archive.denyTampering(TASK_STATES.map((state): IRole => functions[state].role));

    const fns = {} as Record<TaskStateName, IFunction>;
    for (const state of TASK_STATES) fns[state] = functions[state].fn;
    const workflow = new SweepWorkflow(this, 'Sweep', { functions: fns, logRetention });
    const schedule = new SweepSchedule(this, 'Daily', {
      stateMachine: workflow.stateMachine,
      expression: config.scheduleExpression,
    });
    const alarms = new SweepAlarms(this, 'Alarms', {
      stateMachine: workflow.stateMachine,
      crawler: functions.CrawlSource.fn,
      topic: topics.alarms,
      deadLetters: schedule.deadLetters,
    });
    const dashboard = new SweepDashboard(this, 'Operations', {
      stateMachine: workflow.stateMachine,
      functions: fns,
      crawlerLogs: functions.CrawlSource.logGroup,
      logGroups: TASK_STATES.map((state) => functions[state].logGroup),
      deadLetters: schedule.deadLetters,
      alarms: alarms.alarms,
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('TableName', table.tableName, 'DynamoDB table (documents, evidence, verdicts, flags, ledger)');
    output('ArchiveBucketName', archive.bucket.bucketName, 'Evidence archive (Object Lock)');
    output('ReportsBucketName', reports.bucketName, 'Sweep reports');
    output('ConfigBucketName', sweepConfig.bucket.bucketName, 'Catalogue and sources read by the functions');
    output('CatalogueKey', sweepConfig.catalogueKey, 'Key of the deployed catalogue');
    output('SourcesKey', sweepConfig.sourcesKey, 'Key of the deployed sources');
    output('StateMachineArn', workflow.stateMachine.stateMachineArn, 'The sweep state machine');
    output('FlagsTopicArn', topics.flags.topicArn, 'Notifications of newly missing evidence');
    output('AlarmsTopicArn', topics.alarms.topicArn, 'Operational alarms');
    output('DashboardName', dashboard.dashboard.dashboardName, 'CloudWatch dashboard of the sweep');
    output('ScheduleName', schedule.schedule.scheduleName, 'EventBridge Scheduler schedule (Asia/Shanghai)');

    suppressExpectedFindings(this, {
      archive: { bucket: archive.bucket, prefix: ARCHIVE_PREFIX },
      reports: { bucket: reports, prefix: REPORTS_PREFIX },
      config: { bucket: sweepConfig.bucket, prefix: '' },
    });
  }
}

/** The table, plus its indexes only when it has any (a wildcard grant is then unavoidable). */
function tableResources(tableArn: string): string[] {
  return TABLE_DESIGN.globalSecondaryIndexes.length > 0 ? [tableArn, `${tableArn}/index/*`] : [tableArn];
}
