import { RemovalPolicy } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface NotificationTopicsProps {
  /** Subscribed to both topics when set (the recipient confirms by e-mail). */
  alertEmail: string;
}

/**
 * Two encrypted topics: `flags` tells supervisors which obligations newly lack evidence; `alarms`
 * tells operators the sweep itself is in trouble. One customer-managed key (rotated) encrypts both,
 * because CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key.
 */
export class NotificationTopics extends Construct {
  readonly key: Key;
  readonly flags: Topic;
  readonly alarms: Topic;

  constructor(scope: Construct, id: string, props: NotificationTopicsProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Gongkai notification topics',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.flags = new Topic(this, 'Flags', {
      displayName: 'Gongkai: obligations without evidence',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.alarms = new Topic(this, 'Alarms', {
      displayName: 'Gongkai: sweep alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alertEmail) {
      this.flags.addSubscription(new EmailSubscription(props.alertEmail));
      this.alarms.addSubscription(new EmailSubscription(props.alertEmail));
    }
  }
}
