/**
 * cdk-nag (AwsSolutions) findings this stack accepts, each on the one construct it concerns and
 * each with the reason it is acceptable. Anything not listed here fails `cdk synth`.
 */
import { type CfnElement, type Stack, Token, Validations } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { TASK_STATES } from '../src/tasks/contracts';

function policyOf(scope: IConstruct, rolePath: string[]): IConstruct {
  let node: IConstruct = scope;
  for (const id of [...rolePath, 'DefaultPolicy', 'Resource']) node = node.node.findChild(id);
  return node;
}

/** How cdk-nag spells an account or region: the literal when the stack has one, else the pseudo parameter. */
const orPseudo = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);

const XRAY_REASON =
  'X-Ray PutTraceSegments/PutTelemetryRecords and GetSampling* support no resource-level permissions: Resource "*" is the only form.';

/** Acknowledges the expected findings; called once at the end of the stack constructor. */
export function suppressExpectedFindings(
  stack: Stack,
  buckets: Record<'archive' | 'reports' | 'config', { bucket: IBucket; prefix: string }>,
): void {
  // cdk-nag names a finding by the logical id of the resource the wildcard hangs off.
  const objectsOf = ({ bucket, prefix }: { bucket: IBucket; prefix: string }) =>
    `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>/${prefix ? `${prefix}/` : ''}*]`;
  for (const state of TASK_STATES) {
    Validations.of(policyOf(stack, [state, 'Role'])).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: XRAY_REASON,
    });
  }
  const archiveObjects = objectsOf(buckets.archive);
  Validations.of(policyOf(stack, ['CrawlSource', 'Role'])).acknowledge({
    id: archiveObjects,
    reason:
      'The archive is content-addressed (archive/<sha256 prefix>/<sha256>…): the crawler writes keys it cannot know in advance. Deletion and retention changes are denied by the bucket policy and Object Lock.',
  });
  Validations.of(policyOf(stack, ['WriteReport', 'Role'])).acknowledge(
    {
      id: archiveObjects,
      reason:
        'The report links every verdict to its archived snapshot, whose content-addressed key is only known at run time (read-only: s3:GetObject).',
    },
    {
      id: objectsOf(buckets.reports),
      reason:
        'Report names carry the sweep date and run id; the reports bucket holds nothing else (put-only).',
    },
  );
  Validations.of(policyOf(stack, ['Sweep', 'StateMachine', 'Role'])).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: `CloudWatch Logs delivery actions (logs:CreateLogDelivery, PutResourcePolicy, ...) and X-Ray actions support no resource-level permissions. ${XRAY_REASON}`,
  });

  Validations.of(
    stack.node.findChild('Daily').node.findChild('DeadLetters').node.findChild('Resource'),
  ).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      "This queue is the dead-letter queue of the sweep schedule's target (EventBridge Scheduler), which cdk-nag does not recognise as a DLQ use; the ScheduleDeadLetters alarm watches its depth.",
  });

  // BucketDeployment's singleton Lambda (a CDK-provided custom resource) uploads the config files.
  const deployer = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (deployer) {
    const reason = (what: string) =>
      `CDK's BucketDeployment custom resource, run only during deployment to copy the catalogue and sources into the config bucket: ${what}`;
    Validations.of(deployer.node.findChild('ServiceRole').node.findChild('Resource')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: reason('the managed policy only lets it write its own CloudWatch logs.'),
    });
    Validations.of(policyOf(deployer, ['ServiceRole'])).acknowledge(
      ...[
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
      ].map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: reason(
          'CDK grants these action groups to read the staged asset and sync the destination bucket (pruning is off).',
        ),
      })),
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${orPseudo(stack.account, 'AWS::AccountId')}-${orPseudo(stack.region, 'AWS::Region')}/*]`,
        reason: reason('it reads the staged assets from the CDK bootstrap bucket.'),
      },
      {
        id: objectsOf(buckets.config),
        reason: reason('it writes the content-hashed config keys into the config bucket.'),
      },
    );
    Validations.of(deployer.node.findChild('Resource')).acknowledge({
      id: 'AwsSolutions-L1',
      reason: reason('its Python runtime is chosen and updated by aws-cdk-lib, not by this project.'),
    });
  }
}
