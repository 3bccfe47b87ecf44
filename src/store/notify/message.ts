/**
 * The one notification message format, built once and sent as is: SNS publishes it, the local
 * outbox writes it as a JSON line. Subscribers (email, SQS, Lambda) therefore see the same thing
 * in both places.
 */
import { parseOrThrow } from '../../core/validation';
import type { Notification } from '../ports';
import { NotificationSchema } from '../record-schemas';

/** SNS subjects must be ASCII, without line breaks, under 100 characters. */
const SNS_SUBJECT_MAX = 99;

export interface NotificationMessage {
  /** Safe for SNS (ASCII, one line, ≤ 99 chars); the full subject is in the body. */
  subject: string;
  /**
   * SNS `MessageStructure: 'json'` payload: `default` (and `sqs`, `lambda`, `https`) carry the
   * machine-readable JSON body, `email` a plain-text rendering for people.
   */
  message: { default: string; email: string; sqs: string; lambda: string; https: string };
}

/** The machine-readable body every non-email subscriber receives. */
export interface NotificationBody {
  kind: 'gongkai.flags';
  version: 1;
  subject: string;
  message: string;
  flags: Notification['flags'];
}

/** An SNS-safe subject: the given one when it is plain ASCII, else a fixed English one with the count. */
export function snsSubject(notification: Notification): string {
  const oneLine = notification.subject.replace(/[\r\n\t]+/g, ' ').trim();
  if (/^[\x20-\x7e]+$/.test(oneLine)) return oneLine.slice(0, SNS_SUBJECT_MAX);
  const warnings = notification.flags.filter((f) => f.kind === 'veto-warning').length;
  const n = notification.flags.length - warnings;
  const parts = [
    ...(n > 0 || warnings === 0 ? [`${n} obligation period${n === 1 ? '' : 's'} flagged`] : []),
    ...(warnings > 0 ? [`${warnings} website veto warning${warnings === 1 ? '' : 's'}`] : []),
  ];
  return `Gongkai Monitor: ${parts.join(', ')}`;
}

/**
 * Plain-text rendering for email subscribers: the subject, then the message, which already lists
 * the flags (src/tasks/raise-flags.ts builds it, the one place a flag becomes a line of text).
 */
export function emailText(notification: Notification): string {
  return [notification.subject, '', notification.message].join('\n');
}

/** Builds the message both notifiers send; validates the notification first. */
export function buildNotificationMessage(input: Notification): NotificationMessage {
  const notification = parseOrThrow(NotificationSchema, input, 'notification');
  const body: NotificationBody = {
    kind: 'gongkai.flags',
    version: 1,
    subject: notification.subject,
    message: notification.message,
    flags: notification.flags,
  };
  const json = JSON.stringify(body);
  return {
    subject: snsSubject(notification),
    message: { default: json, email: emailText(notification), sqs: json, lambda: json, https: json },
  };
}
