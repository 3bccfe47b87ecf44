import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface SweepAlarmsProps {
  stateMachine: IStateMachine;
  crawler: IFunction;
  topic: ITopic;
}

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
    ];
    for (const alarm of this.alarms) alarm.addAlarmAction(new SnsAction(props.topic));
  }
}
