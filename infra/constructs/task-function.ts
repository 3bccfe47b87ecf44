import { resolve } from 'node:path';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TaskStateName } from '../../src/tasks/contracts';
import { LAMBDA_RUNTIME, lambdaEntry, nodejsBundling, PROJECT_ROOT } from '../lambda-bundling';

export interface TaskFunctionProps {
  state: TaskStateName;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  reservedConcurrentExecutions?: number;
}

/** `CrawlSource` → `crawl-source.ts`: the entry file under functions/ for a state. */
export function entryFileFor(state: TaskStateName): string {
  return `${state.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`;
}

/**
 * The Lambda behind one task state of the sweep. Its role starts empty except for writing its own
 * log group and X-Ray segments; the stack grants each function exactly what its task touches.
 */
export class TaskFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TaskFunctionProps) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Gongkai sweep task ${props.state}`,
    });
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      description: `Gongkai sweep task ${props.state} (src/workflow/sweep.asl.json)`,
      entry: lambdaEntry(entryFileFor(props.state)),
      handler: 'handler',
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: resolve(PROJECT_ROOT, 'package-lock.json'),
      // The crawler scans PDF attachments: its asset carries the PDF reader module beside its bundle.
      bundling: nodejsBundling({ pdfReader: props.state === 'CrawlSource' }),
    });
    this.logGroup.grantWrite(this.role);
  }
}
