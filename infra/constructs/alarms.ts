import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface SweepAlarmsProps {
  stateMachine: IStateMachine;
  crawler: IFunction;
  topic: ITopic;
  /** The schedule's dead-letter queue: a message there is a sweep that was never started. */
  deadLetters: IQueue;
}

/** A daily sweep plus an hour's slack: longer than this without a success is an outage. */
export const NO_SUCCESS_HOURS = 25;
/** Share of crawler invocations failing in an hour that means sites changed or block the crawler. */
export const CRAWL_FAILURE_RATIO = 0.2;

/**
 * Operational alarms: a sweep that failed or timed out means no verdicts that day; crawler errors
 * that survive the state machine's retries usually mean a site changed or blocks us.
 */
export class SweepAlarms extends Construct {
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: SweepAlarmsProps) {
    super(scope, id);
    const window = Duration.minutes(5);
    const anyIn = (name: string, metric: IMetric, description: string, threshold = 1) =>
      new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
    this.alarms = [
      anyIn(
        'SweepFailed',
        props.stateMachine.metricFailed({ period: window, statistic: 'Sum' }),
        'A sweep execution failed: no verdicts or report for that run.',
      ),
      anyIn(
        'SweepTimedOut',
        props.stateMachine.metricTimedOut({ period: window, statistic: 'Sum' }),
        'A sweep execution timed out.',
      ),
      anyIn(
        'CrawlerErrors',
        props.crawler.metricErrors({ period: Duration.hours(1), statistic: 'Sum' }),
        'The crawler failed 3 or more times in an hour (after which sources are recorded unreachable).',
        3,
      ),
      new Alarm(this, 'NoSuccessfulSweep', {
        metric: props.stateMachine.metricSucceeded({ period: Duration.hours(1), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: NO_SUCCESS_HOURS,
        datapointsToAlarm: NO_SUCCESS_HOURS,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        // No execution at all reports no data: that is the outage this alarm is for.
        treatMissingData: TreatMissingData.BREACHING,
        alarmDescription: `No sweep succeeded in ${NO_SUCCESS_HOURS} hours: verdicts and the report are stale.`,
      }),
      new Alarm(this, 'CrawlFailureRatio', {
        metric: new MathExpression({
          expression: 'IF(invocations > 0, errors / invocations, 0)',
          usingMetrics: {
            errors: props.crawler.metricErrors({ period: Duration.hours(1), statistic: 'Sum' }),
            invocations: props.crawler.metricInvocations({ period: Duration.hours(1), statistic: 'Sum' }),
          },
          period: Duration.hours(1),
          label: 'crawler failure ratio',
        }),
        threshold: CRAWL_FAILURE_RATIO,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `More than ${CRAWL_FAILURE_RATIO * 100}% of crawler invocations failed in an hour.`,
      }),
      anyIn(
        'ScheduleDeadLetters',
        props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: window, statistic: 'Maximum' }),
        'The schedule could not start a sweep (its dead-letter queue holds the start): start it by hand.',
      ),
    ];
    for (const alarm of this.alarms) alarm.addAlarmAction(new SnsAction(props.topic));
  }
}
