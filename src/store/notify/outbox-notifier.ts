/**
 * Local stand-in for SNS: appends each notification, exactly as SNS would receive it, as one JSON
 * line to `<dataDir>/outbox.jsonl`. Tests and the demo read the outbox to see what was sent.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Notification, Notifier } from '../ports';
import { buildNotificationMessage, type NotificationMessage } from './message';

export class OutboxNotifier implements Notifier {
  constructor(readonly file: string) {}

  async notify(notification: Notification): Promise<void> {
    const line = `${JSON.stringify(buildNotificationMessage(notification))}\n`;
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, line, { flag: 'a' });
  }

  /** Every message sent so far, oldest first. */
  async sent(): Promise<NotificationMessage[]> {
    try {
      const text = await readFile(this.file, 'utf8');
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as NotificationMessage);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
