import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_TAMPER_ACTIONS } from '../../infra/constructs/evidence-archive';
import { TASK_ENVIRONMENT_KEYS } from '../../infra/gongkai-stack';
import { TABLE_DESIGN } from '../../src/store/table-design';
import { TASK_STATES, type TaskStateName } from '../../src/tasks/contracts';
import { FIXTURE_CONTEXT, synthStack } from './synth-stack';

/** Synthesized CloudFormation is untyped JSON; the assertions below say what they expect of it. */
type Json = ReturnType<typeof JSON.parse>;
type Resource = { Type: string; Properties: Record<string, Json>; DeletionPolicy?: string; Metadata?: Json };
type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: Json;
};

let template: Template;
let resources: Record<string, Resource>;

// Non-default values, so each assertion proves the setting flows from context to template.
const CONTEXT = {
  ...FIXTURE_CONTEXT,
  'gongkai:retentionDays': 400,
  'gongkai:crawlerReservedConcurrency': '3',
  'gongkai:alertEmail': 'supervisor@example.com',
  'gongkai:scheduleExpression': 'cron(30 7 * * ? *)',
};

beforeAll(async () => {
  ({ template } = await synthStack(CONTEXT));
  resources = template.toJSON().Resources;
}, 120_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const refersTo = (value: unknown, logicalId: string) => JSON.stringify(value).includes(`"${logicalId}"`);

function logicalIdOf(type: string, prefix: string): string {
  const found = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}*`).toHaveLength(1);
  return found[0]![0];
}
const functionId = (state: TaskStateName) => logicalIdOf('AWS::Lambda::Function', `${state}Function`);
const roleId = (state: TaskStateName) => logicalIdOf('AWS::IAM::Role', `${state}Role`);
const ARCHIVE = () => logicalIdOf('AWS::S3::Bucket', 'ArchiveBucket');

/** Every identity-policy statement attached to a role, with the role it belongs to. */
function statementsByRole(): { role: string; statement: Statement }[] {
  return ofType('AWS::IAM::Policy').flatMap(([, policy]) =>
    (policy.Properties.Roles as { Ref: string }[]).flatMap((role) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({
        role: role.Ref,
        statement,
      })),
    ),
  );
}

describe('buckets', () => {
  it('block all public access, encrypt, and version every bucket', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets.length).toBeGreaterThanOrEqual(4);
    for (const [, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toBeDefined();
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.DeletionPolicy).toBe('Retain');
    }
  });

  it('deny every request made without TLS, on every bucket', () => {
    const buckets = ofType('AWS::S3::Bucket').map(([id]) => id);
    for (const id of buckets) {
      const policies = ofType('AWS::S3::BucketPolicy').filter(([, p]) => refersTo(p.Properties.Bucket, id));
      expect(policies, `policy of ${id}`).toHaveLength(1);
      const statements = policies[0]![1].Properties.PolicyDocument.Statement as Statement[];
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('lock archived evidence in GOVERNANCE mode for the configured days', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 400 } },
      },
    });
    expect(resources[ARCHIVE()]!.Properties.ObjectLockEnabled).toBe(true);
  });

  it('deny every task role deleting archived objects or changing their retention', () => {
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => refersTo(p.Properties.Bucket, ARCHIVE()))!;
    const deny = (policy[1].Properties.PolicyDocument.Statement as (Statement & { Sid?: string })[]).find(
      (s) => s.Sid === 'DenyTaskRolesTampering',
    )!;
    expect(deny.Effect).toBe('Deny');
    expect(asArray(deny.Action)).toEqual(expect.arrayContaining(ARCHIVE_TAMPER_ACTIONS));
    const roles = JSON.stringify(deny.Condition.ArnEquals['aws:PrincipalArn']);
    for (const state of TASK_STATES) expect(roles).toContain(roleId(state));
  });

  it('expire reports by lifecycle', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'expire-reports', ExpirationInDays: 400, Status: 'Enabled' }),
        ]),
      },
    });
  });
});

describe('table', () => {
  it('is on-demand, encrypted, point-in-time recoverable and retained, with the adapter key schema', () => {
    const [[, table]] = ofType('AWS::DynamoDB::Table') as [[string, Resource]];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
      KeySchema: [
        { AttributeName: TABLE_DESIGN.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey.name, KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
    });
  });
});

describe('task functions', () => {
  it('run on Node.js 22 or newer, on arm64, traced, one per task state', () => {
    for (const state of TASK_STATES) {
      const fn = resources[functionId(state)]!.Properties;
      expect(Number(/^nodejs(\d+)\.x$/.exec(fn.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Timeout).toBeLessThanOrEqual(900);
      for (const key of TASK_ENVIRONMENT_KEYS)
        expect(fn.Environment.Variables[key], `${state} ${key}`).toBeDefined();
      expect(fn.Environment.Variables.HEALTH_RETENTION_DAYS).toBe('760');
    }
  });

  it('reserve the configured concurrency for the crawler only', () => {
    expect(resources[functionId('CrawlSource')]!.Properties.ReservedConcurrentExecutions).toBe(3);
    for (const state of TASK_STATES.filter((s) => s !== 'CrawlSource')) {
      expect(resources[functionId(state)]!.Properties.ReservedConcurrentExecutions).toBeUndefined();
    }
  });

  it('name content-addressed config keys', () => {
    const env = resources[functionId('ListSources')]!.Properties.Environment.Variables;
    expect(env.CATALOGUE_KEY).toMatch(/^config\/catalogue-[0-9a-f]{16}\.json$/);
    expect(env.SOURCES_KEY).toMatch(/^config\/sources-[0-9a-f]{16}\.json$/);
  });
});

describe('least privilege', () => {
  const grants = (action: string, resourceId: string) =>
    statementsByRole()
      .filter(
        ({ statement }) =>
          statement.Effect === 'Allow' &&
          asArray(statement.Action).some(
            (a) => a === action || (a.endsWith('*') && action.startsWith(a.slice(0, -1))),
          ) &&
          refersTo(statement.Resource, resourceId),
      )
      .map(({ role }) => role);

  it('lets only the crawler put objects into the archive', () => {
    expect(new Set(grants('s3:PutObject', ARCHIVE()))).toEqual(new Set([roleId('CrawlSource')]));
  });

  it('lets no role delete from the archive or the table', () => {
    for (const action of ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention']) {
      expect(grants(action, ARCHIVE()), action).toEqual([]);
    }
    const table = logicalIdOf('AWS::DynamoDB::Table', 'EvidenceTable');
    expect(grants('dynamodb:DeleteItem', table)).toEqual([]);
    expect(grants('dynamodb:PutItem', table)).not.toContain(roleId('WriteReport'));
    // ListSources writes the sweep's shards to the table, and touches no archived page.
    expect(grants('dynamodb:BatchWriteItem', table)).toContain(roleId('ListSources'));
    expect(grants('s3:GetObject', ARCHIVE())).not.toContain(roleId('ListSources'));
  });

  it('lets only Notify publish to the flags topic and only WriteReport write reports', () => {
    const flags = logicalIdOf('AWS::SNS::Topic', 'TopicsFlags');
    expect(grants('sns:Publish', flags)).toEqual([roleId('Notify')]);
    const reports = logicalIdOf('AWS::S3::Bucket', 'ReportsBucket');
    expect(grants('s3:PutObject', reports)).toEqual([roleId('WriteReport')]);
  });

  it('allows Resource "*" only for actions that have no resource-level permissions', () => {
    const unscopable =
      /^(xray:|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))/;
    for (const { role, statement } of statementsByRole()) {
      if (statement.Resource !== '*') continue;
      for (const action of asArray(statement.Action)) expect(action, role).toMatch(unscopable);
    }
  });
});

describe('sweep state machine', () => {
  const machine = () => {
    const [[, sm]] = ofType('AWS::StepFunctions::StateMachine') as [[string, Resource]];
    return sm.Properties;
  };

  it('binds every task state to its own function through a substitution', () => {
    const definition = JSON.parse(machine().DefinitionString);
    const tasks: Record<string, string> = {};
    const walk = (states: Record<string, Json>) => {
      for (const [name, state] of Object.entries(states)) {
        if (state.Type === 'Task') tasks[name] = state.Resource;
        if (state.ItemProcessor) walk(state.ItemProcessor.States);
      }
    };
    walk(definition.States);
    expect(Object.keys(tasks).sort()).toEqual([...TASK_STATES].sort());
    for (const state of TASK_STATES) {
      expect(tasks[state]).toBe(`\${${state}FunctionArn}`);
      expect(machine().DefinitionSubstitutions[`${state}FunctionArn`]).toEqual({
        'Fn::GetAtt': [functionId(state), 'Arn'],
      });
    }
  });

  it('may invoke these functions and nothing else', () => {
    const smRole = logicalIdOf('AWS::IAM::Role', 'SweepStateMachineRole');
    const invokes = statementsByRole().filter(
      ({ role, statement }) =>
        role === smRole && asArray(statement.Action).some((a) => a.startsWith('lambda:')),
    );
    expect(invokes).toHaveLength(1);
    expect(asArray(invokes[0]!.statement.Action)).toEqual(['lambda:InvokeFunction']);
    expect(invokes[0]!.statement.Resource).toEqual(
      TASK_STATES.map((state) => ({ 'Fn::GetAtt': [functionId(state), 'Arn'] })),
    );
  });

  it('logs all events to CloudWatch Logs and traces with X-Ray', () => {
    expect(machine().LoggingConfiguration.Level).toBe('ALL');
    expect(machine().TracingConfiguration).toEqual({ Enabled: true });
  });
});

describe('schedule, notifications, alarms', () => {
  it('starts the sweep on Asia/Shanghai time with the scheduled time and execution id', () => {
    const [[, schedule]] = ofType('AWS::Scheduler::Schedule') as [[string, Resource]];
    expect(schedule.Properties.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    expect(schedule.Properties.ScheduleExpression).toBe('cron(30 7 * * ? *)');
    expect(schedule.Properties.Target.Arn).toEqual({
      Ref: logicalIdOf('AWS::StepFunctions::StateMachine', 'Sweep'),
    });
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({
      scheduledTime: '<aws.scheduler.scheduled-time>',
      runId: '<aws.scheduler.execution-id>',
    });
  });

  it('encrypts the topics, requires TLS on them, and subscribes the alert e-mail', () => {
    for (const [, topic] of ofType('AWS::SNS::Topic')) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.resourcePropertiesCountIs(
      'AWS::SNS::Subscription',
      { Protocol: 'email', Endpoint: 'supervisor@example.com' },
      2,
    );
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('alarm on failed and timed-out sweeps, no success in 25 h, crawler errors and failure ratio, and a schedule that could not start', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const metrics = alarms.map((a) => `${a.Namespace}/${a.MetricName}`).sort();
    expect(metrics).toEqual([
      'AWS/Lambda/Errors',
      'AWS/SQS/ApproximateNumberOfMessagesVisible',
      'AWS/States/ExecutionsFailed',
      'AWS/States/ExecutionsSucceeded',
      'AWS/States/ExecutionsTimedOut',
      'undefined/undefined',
    ]);
    const stale = alarms.find((a) => a.MetricName === 'ExecutionsSucceeded')!;
    expect(stale).toMatchObject({
      Period: 3600,
      EvaluationPeriods: 25,
      DatapointsToAlarm: 25,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    const ratio = alarms.find((a) => a.Metrics)!;
    expect(ratio.Threshold).toBe(0.2);
    expect(JSON.stringify(ratio.Metrics)).toContain('errors / invocations');
    const dlq = ofType('AWS::Scheduler::Schedule')[0]![1].Properties.Target.DeadLetterConfig;
    expect(refersTo(dlq, logicalIdOf('AWS::SQS::Queue', 'DailyDeadLetters'))).toBe(true);
    const crawler = alarms.find((a) => a.MetricName === 'Errors')!;
    expect(refersTo(crawler.Dimensions, functionId('CrawlSource'))).toBe(true);
    for (const alarm of alarms)
      expect(refersTo(alarm.AlarmActions, logicalIdOf('AWS::SNS::Topic', 'TopicsAlarms'))).toBe(true);
  });

  it('shows sweeps, task errors, the schedule queue, the alarms and the crawl logs on one dashboard', () => {
    const dashboards = ofType('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
    for (const metric of [
      'ExecutionsFailed',
      'ExecutionTime',
      'ApproximateNumberOfMessagesVisible',
      'Throttles',
    ])
      expect(body).toContain(metric);
    // Every task function's errors are graphed, and the alarms are on it.
    expect(body.match(/\\"Errors\\"/g)?.length).toBe(TASK_STATES.length);
    expect(body).toContain('AlarmsNoSuccessfulSweep');
    // The log queries read the structured logs' correlation keys.
    expect(body).toContain('runId, sourceId');
    expect(body).toMatch(/filter level = \W+ERROR/);
  });

  it('outputs what an operator needs', () => {
    for (const name of [
      'DashboardName',
      'TableName',
      'ArchiveBucketName',
      'ReportsBucketName',
      'StateMachineArn',
      'FlagsTopicArn',
    ]) {
      template.hasOutput(name, {});
    }
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  // Synthesis itself fails on any unacknowledged finding, so reaching here means none is left.
  it('acknowledges findings only with a written reason and, for wildcards, only the exact finding', () => {
    const acknowledged = Object.entries(resources).flatMap(([id, r]) =>
      ((r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[]).map((rule) => ({
        id,
        rule,
      })),
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { id, rule } of acknowledged) {
      expect(rule.reason.length, `${id} ${rule.id}`).toBeGreaterThanOrEqual(40);
      if (/IAM[45]/.test(rule.id)) expect(rule.id, id).toMatch(/^AwsSolutions-IAM[45]\[.+\]$/);
    }
    const onTaskRoles = acknowledged.filter(({ id }) => TASK_STATES.some((s) => id.startsWith(`${s}Role`)));
    expect(onTaskRoles.map(({ rule }) => rule.id)).not.toContain('AwsSolutions-IAM4');
  });
});
