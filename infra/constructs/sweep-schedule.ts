import { Duration, TimeZone } from 'aws-cdk-lib';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** Obligations are judged on Asia/Shanghai dates, so the schedule runs on Shanghai time. */
export const SWEEP_TIME_ZONE = TimeZone.ASIA_SHANGHAI;

/**
 * The execution input the schedule sends. Scheduler can only fill in the scheduled instant (UTC,
 * ISO 8601, e.g. `2026-11-24T22:00:00Z` for 06:00 in Shanghai) and its own execution id: the
 * sweep turns `scheduledTime` into the Shanghai date `asOf` (2026-11-25 in that example).
 */
export const SCHEDULED_SWEEP_INPUT = {
  scheduledTime: ContextAttribute.scheduledTime,
  runId: ContextAttribute.executionId,
};

export interface SweepScheduleProps {
  stateMachine: IStateMachine;
  /** cron(...) or rate(...), interpreted in Asia/Shanghai. */
  expression: string;
}

/** EventBridge Scheduler starting the sweep (daily by default). */
export class SweepSchedule extends Construct {
  readonly schedule: Schedule;
  /** Starts Scheduler could not make after its retries (e.g. throttled, state machine missing). */
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: SweepScheduleProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Starts the Gongkai compliance sweep',
      schedule: ScheduleExpression.expression(props.expression, SWEEP_TIME_ZONE),
      target: new StepFunctionsStartExecution(props.stateMachine, {
        input: ScheduleTargetInput.fromObject(SCHEDULED_SWEEP_INPUT),
        // A missed sweep is made up by the next day's; retrying for a day would overlap it.
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.deadLetters,
      }),
    });
  }
}
