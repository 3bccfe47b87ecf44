import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { TASK_STATES, type TaskStateName } from '../../src/tasks/contracts';
import { PROJECT_ROOT } from '../lambda-bundling';

/** The one sweep definition: the local runner executes the same file. */
export const SWEEP_ASL_PATH = resolve(PROJECT_ROOT, 'src/workflow/sweep.asl.json');

/** `${CrawlSourceFunctionArn}` in the ASL is substituted with the ARN of the CrawlSource function. */
export function substitutionKey(state: TaskStateName): string {
  return `${state}FunctionArn`;
}

/**
 * The Map's MaxConcurrency: how many crawler invocations one sweep runs at once, which the
 * crawler's default reserved concurrency (infra/config.ts) matches.
 */
export function crawlConcurrency(aslText = readFileSync(SWEEP_ASL_PATH, 'utf8')): number {
  const asl = JSON.parse(aslText) as { States: Record<string, { Type: string; MaxConcurrency?: number }> };
  const map = Object.values(asl.States).find((state) => state.Type === 'Map');
  return map?.MaxConcurrency ?? 1;
}

export interface SweepWorkflowProps {
  functions: Record<TaskStateName, IFunction>;
  logRetention: RetentionDays;
}

/**
 * The sweep state machine, built from src/workflow/sweep.asl.json with each task's Resource
 * placeholder replaced by its function ARN. Its role may invoke these functions and nothing else.
 */
export class SweepWorkflow extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: SweepWorkflowProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps CloudWatch's resource-policy size limit out of the way.
      logGroupName: `/aws/vendedlogs/states/gongkai-sweep-${this.node.addr.slice(0, 8)}`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const definitionSubstitutions: Record<string, string> = {};
    for (const state of TASK_STATES) {
      definitionSubstitutions[substitutionKey(state)] = props.functions[state].functionArn;
    }
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      // Inline (not an S3 asset): the template then shows exactly what runs, and tests can read it.
      definitionBody: DefinitionBody.fromString(readFileSync(SWEEP_ASL_PATH, 'utf8')),
      definitionSubstitutions,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        sid: 'InvokeSweepTasks',
        actions: ['lambda:InvokeFunction'],
        resources: TASK_STATES.map((state) => props.functions[state].functionArn),
      }),
    );
  }
}
