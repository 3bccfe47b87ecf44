import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IAlarm,
  LogQueryWidget,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface SweepDashboardProps {
  stateMachine: IStateMachine;
  /** Every task function by its state name. */
  functions: Record<string, IFunction>;
  crawlerLogs: ILogGroup;
  /** All task functions' log groups, for the error query. */
  logGroups: ILogGroup[];
  deadLetters: IQueue;
  alarms: IAlarm[];
}

/**
 * One page an operator opens when an alarm fires: did today's sweep run, which task failed, which
 * sources failed to crawl and why (from the structured logs, by sourceId and runId), and whether the
 * schedule could start the sweep at all.
 */
export class SweepDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: SweepDashboardProps) {
    super(scope, id);
    const hour = Duration.hours(1);
    const fns = Object.entries(props.functions);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new TextWidget({
            width: 24,
            height: 2,
            markdown:
              '## Gongkai sweep\nA sweep runs once a day. A failed sweep leaves yesterday\'s verdicts and report in place; re-run it from the Step Functions console with the same `{"asOf", "runId"}` input (docs/deploy.md, "Operate").',
          }),
        ],
        [new AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 24, height: 3 })],
        [
          new GraphWidget({
            title: 'Sweeps',
            width: 12,
            left: [
              props.stateMachine.metricSucceeded({ period: hour, statistic: 'Sum' }),
              props.stateMachine.metricFailed({ period: hour, statistic: 'Sum' }),
              props.stateMachine.metricTimedOut({ period: hour, statistic: 'Sum' }),
            ],
          }),
          new GraphWidget({
            title: 'Sweep duration (ms)',
            width: 12,
            left: [props.stateMachine.metricTime({ period: hour, statistic: 'Maximum' })],
          }),
        ],
        [
          new GraphWidget({
            title: 'Task errors',
            width: 12,
            left: fns.map(([state, fn]) => fn.metricErrors({ period: hour, statistic: 'Sum', label: state })),
          }),
          new GraphWidget({
            title: 'Task duration, longest (ms)',
            width: 12,
            left: fns.map(([state, fn]) =>
              fn.metricDuration({ period: hour, statistic: 'Maximum', label: state }),
            ),
          }),
        ],
        [
          new GraphWidget({
            title: 'Crawler invocations and throttles',
            width: 12,
            left: [
              props.functions.CrawlSource!.metricInvocations({ period: hour, statistic: 'Sum' }),
              props.functions.CrawlSource!.metricThrottles({ period: hour, statistic: 'Sum' }),
            ],
          }),
          new GraphWidget({
            title: 'Sweeps the schedule could not start',
            width: 12,
            left: [
              props.deadLetters.metricApproximateNumberOfMessagesVisible({
                period: hour,
                statistic: 'Maximum',
              }),
            ],
          }),
        ],
        [
          new LogQueryWidget({
            title: 'Crawls of the last runs (structured logs)',
            width: 24,
            height: 8,
            logGroupNames: [props.crawlerLogs.logGroupName],
            queryLines: [
              'fields @timestamp, runId, sourceId, reachable, pages, newDocuments, errors',
              'filter message = "crawled" or message = "crawl failed"',
              'sort @timestamp desc',
              'limit 100',
            ],
          }),
        ],
        [
          new LogQueryWidget({
            title: 'Errors by task and source',
            width: 24,
            height: 6,
            logGroupNames: props.logGroups.map((g) => g.logGroupName),
            queryLines: [
              'fields @timestamp, service, runId, sourceId, message, error.message',
              'filter level = "ERROR"',
              'sort @timestamp desc',
              'limit 50',
            ],
          }),
        ],
      ],
    });
  }
}
