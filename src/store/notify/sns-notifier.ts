/**
 * Publishes notifications to an SNS topic (email subscribers get the plain-text rendering).
 * The SNS client is loaded on the first notification: only the Notify task publishes, and the
 * client comes from the Lambda runtime's AWS SDK, so no other function bundles or loads it.
 */
import type { PublishCommandInput, SNSClient, SNSClientConfig } from '@aws-sdk/client-sns';
import type { Notification, Notifier } from '../ports';
import { buildNotificationMessage } from './message';

export interface SnsNotifierOptions {
  topicArn: string;
  /** A client, or the config to build one with when the first notification goes out. */
  client: SNSClient | SNSClientConfig;
}

/** The Publish input for a notification: pure, so its shape can be tested without SNS. */
export function publishInput(topicArn: string, notification: Notification): PublishCommandInput {
  const { subject, message, dedupeKey } = buildNotificationMessage(notification);
  return {
    TopicArn: topicArn,
    Subject: subject,
    Message: JSON.stringify(message),
    MessageStructure: 'json',
    ...(dedupeKey
      ? { MessageAttributes: { dedupeKey: { DataType: 'String', StringValue: dedupeKey } } }
      : {}),
  };
}

export class SnsNotifier implements Notifier {
  constructor(private readonly options: SnsNotifierOptions) {}

  async notify(notification: Notification): Promise<void> {
    const sns = await import('@aws-sdk/client-sns');
    const given = this.options.client;
    const client = given instanceof sns.SNSClient ? given : new sns.SNSClient(given as SNSClientConfig);
    await client.send(new sns.PublishCommand(publishInput(this.options.topicArn, notification)));
  }
}
