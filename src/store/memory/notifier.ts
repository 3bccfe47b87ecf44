/** A notifier and a report sink that keep what they were given, for tests and dry runs. */
import type { Notification, Notifier, ReportSink } from '../ports';

export class MemoryNotifier implements Notifier {
  readonly sent: Notification[] = [];

  async notify(notification: Notification): Promise<void> {
    this.sent.push(structuredClone(notification));
  }
}

export class MemoryReportSink implements ReportSink {
  readonly files = new Map<string, { body: string | Uint8Array; contentType: string }>();

  async write(name: string, body: string | Uint8Array, contentType: string): Promise<string> {
    this.files.set(name, { body, contentType });
    return `memory:${name}`;
  }
}
