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

/** SNS refuses a publication over 256 KiB (message, subject and attributes together). */
export const SNS_MESSAGE_MAX_BYTES = 256 * 1024;

/** A message SNS would refuse; thrown before publishing, locally as on AWS. */
export class NotificationTooLargeError extends Error {
  override name = 'NotificationTooLargeError';
}

export interface NotificationMessage {
  /** Safe for SNS (ASCII, one line, ≤ 99 chars); the full subject is in the body. */
  subject: string;
  /**
   * SNS `MessageStructure: 'json'` payload: `default` carries the machine-readable JSON body (SNS
   * sends it to every protocol not named, i.e. SQS, Lambda, HTTPS), `email` a plain-text rendering
   * for people. One copy of the body, not one per protocol, keeps 100 flags far under 256 KiB.
   */
  message: { default: string; email: string };
  /** Repeated on every publication of the same content (also an SNS message attribute). */
  dedupeKey?: string;
}

/** The machine-readable body every non-email subscriber receives. */
export interface NotificationBody {
  kind: 'gongkai.flags';
  version: 1;
  subject: string;
  message: string;
  /** Subscribers drop a message whose key they have seen: a retried publish repeats it. */
  dedupeKey?: string;
  part?: 'summary' | 'flags';
  totals?: Notification['totals'];
  flags: Notification['flags'];
}

/** An SNS-safe subject: the given one when it is plain ASCII, else a fixed English one with the count. */
export function snsSubject(notification: Notification): string {
  const oneLine = notification.subject.replace(/[\r\n\t]+/g, ' ').trim();
  if (/^[\x20-\x7e]+$/.test(oneLine)) return oneLine.slice(0, SNS_SUBJECT_MAX);
  const warnings =
    notification.totals?.warnings ?? notification.flags.filter((f) => f.kind === 'veto-warning').length;
  const leaks =
    notification.totals?.leaks ?? notification.flags.filter((f) => f.kind === 'personal-data').length;
  const n = notification.totals?.missing ?? notification.flags.length - warnings - leaks;
  const parts = [
    ...(n > 0 || (warnings === 0 && leaks === 0)
      ? [`${n} obligation period${n === 1 ? '' : 's'} flagged`]
      : []),
    ...(warnings > 0 ? [`${warnings} website veto warning${warnings === 1 ? '' : 's'}`] : []),
    ...(leaks > 0 ? [`${leaks} document${leaks === 1 ? '' : 's'} with personal data`] : []),
  ];
  return `Gongkai Monitor: ${parts.join(', ')}`;
}

/**
 * Plain-text rendering for email subscribers: the subject, then the message, which already lists
 * the flags (src/tasks/notify.ts builds it, the one place a flag becomes a line of text).
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
    ...(notification.dedupeKey ? { dedupeKey: notification.dedupeKey } : {}),
    ...(notification.part ? { part: notification.part } : {}),
    ...(notification.totals ? { totals: notification.totals } : {}),
    flags: notification.flags,
  };
  const json = JSON.stringify(body);
  const built: NotificationMessage = {
    subject: snsSubject(notification),
    message: { default: json, email: emailText(notification) },
    ...(notification.dedupeKey ? { dedupeKey: notification.dedupeKey } : {}),
  };
  const bytes = publishedBytes(built);
  if (bytes > SNS_MESSAGE_MAX_BYTES) {
    throw new NotificationTooLargeError(
      `notification of ${notification.flags.length} flag(s) is ${bytes} bytes; SNS takes at most ${SNS_MESSAGE_MAX_BYTES}`,
    );
  }
  return built;
}

/** What SNS counts against its limit: the published message, the subject and the attribute. */
export function publishedBytes(built: NotificationMessage): number {
  const attribute = built.dedupeKey ? Buffer.byteLength(`dedupeKey String ${built.dedupeKey}`) : 0;
  return Buffer.byteLength(JSON.stringify(built.message)) + Buffer.byteLength(built.subject) + attribute;
}
