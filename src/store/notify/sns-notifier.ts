/** Publishes notifications to an SNS topic (email subscribers get the plain-text rendering). */
import { PublishCommand, type PublishCommandInput, type SNSClient } from '@aws-sdk/client-sns';
import type { Notification, Notifier } from '../ports';
import { buildNotificationMessage } from './message';

export interface SnsNotifierOptions {
  topicArn: string;
  client: SNSClient;
}

/** The Publish input for a notification: pure, so its shape can be tested without SNS. */
export function publishInput(topicArn: string, notification: Notification): PublishCommandInput {
  const { subject, message } = buildNotificationMessage(notification);
  return { TopicArn: topicArn, Subject: subject, Message: JSON.stringify(message), MessageStructure: 'json' };
}

export class SnsNotifier implements Notifier {
  constructor(private readonly options: SnsNotifierOptions) {}

  async notify(notification: Notification): Promise<void> {
    await this.options.client.send(new PublishCommand(publishInput(this.options.topicArn, notification)));
  }
}
