import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PathOutsideRootError } from '../../../src/store/fs-paths';
import { buildNotificationMessage, snsSubject } from '../../../src/store/notify/message';
import { OutboxNotifier } from '../../../src/store/notify/outbox-notifier';
import { publishInput } from '../../../src/store/notify/sns-notifier';
import type { Notification } from '../../../src/store/ports';
import { DirectoryReportSink } from '../../../src/store/report-sink/directory-report-sink';
import { reportObjectKey, reportPutInput } from '../../../src/store/report-sink/s3-report-sink';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-out-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const notification: Notification = {
  subject: '政务公开：2 项义务逾期未公开',
  message: '以下义务在截止日期前未找到公开证据。',
  flags: [
    { obligationId: 'drug-sampling', periodKey: '2016-Q2', due: '2016-07-29', units: ['食药监局'] },
    { obligationId: 'budget', periodKey: '2016-H1', due: '2016-07-29', units: ['财政局', '审计局'] },
  ],
};

describe('notification message', () => {
  it('gives SNS an ASCII subject and keeps the full subject in the body', () => {
    const built = buildNotificationMessage(notification);
    expect(built.subject).toBe('Gongkai Monitor: 2 obligation periods flagged');
    const body = JSON.parse(built.message.default);
    expect(body).toMatchObject({ kind: 'gongkai.flags', version: 1, subject: notification.subject });
    expect(body.flags).toEqual(notification.flags);
    expect(built.message.email).toBe(`${notification.subject}\n\n${notification.message}`);
  });

  it('keeps a plain ASCII subject, on one line, under 100 characters', () => {
    expect(snsSubject({ ...notification, subject: 'Overdue\nitems' })).toBe('Overdue items');
    expect(snsSubject({ ...notification, subject: 'x'.repeat(300) })).toHaveLength(99);
  });

  it('rejects a flag with an impossible due date, naming it', () => {
    const bad = { ...notification, flags: [{ ...notification.flags[0]!, due: '2016-02-30' }] };
    expect(() => buildNotificationMessage(bad)).toThrow(/flags\[0\]\.due/);
  });
});

describe('OutboxNotifier', () => {
  it('appends one line per notification, the same message SNS publishes', async () => {
    const outbox = new OutboxNotifier(join(dir, 'data', 'outbox.jsonl'));
    await outbox.notify(notification);
    await outbox.notify({ ...notification, flags: notification.flags.slice(1) });
    const lines = (await readFile(outbox.file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    const publish = publishInput('arn:aws:sns:ap-southeast-1:123456789012:gongkai', notification);
    expect(publish.Subject).toBe(first.subject);
    expect(JSON.parse(publish.Message!)).toEqual(first.message);
    expect(publish.MessageStructure).toBe('json');
    expect((await outbox.sent()).map((m) => JSON.parse(m.message.default).flags.length)).toEqual([2, 1]);
  });

  it('has sent nothing before the first notification', async () => {
    expect(await new OutboxNotifier(join(dir, 'none.jsonl')).sent()).toEqual([]);
  });
});

describe('DirectoryReportSink', () => {
  it('writes a report file, replacing the previous one, and returns its path', async () => {
    const sink = new DirectoryReportSink(join(dir, 'report'));
    const where = await sink.write('2016-07-04/index.html', '<h1>旧</h1>', 'text/html');
    await sink.write('2016-07-04/index.html', '<h1>新</h1>', 'text/html');
    expect(where).toBe(join(dir, 'report', '2016-07-04', 'index.html'));
    expect(await readFile(where, 'utf8')).toBe('<h1>新</h1>');
  });

  it('refuses names outside its directory', async () => {
    const sink = new DirectoryReportSink(join(dir, 'report'));
    await expect(sink.write('../escape.html', 'x', 'text/html')).rejects.toThrow(PathOutsideRootError);
  });
});

describe('S3ReportSink request', () => {
  it('puts under the prefix with the content type and no caching', () => {
    expect(reportPutInput('bucket', 'reports/', 'a/report.csv', 'x', 'text/csv')).toMatchObject({
      Bucket: 'bucket',
      Key: 'reports/a/report.csv',
      ContentType: 'text/csv',
      CacheControl: 'no-cache',
    });
  });

  it('refuses report names with empty, dot or dot-dot segments', () => {
    for (const name of ['../x', 'a/../../x', '/abs', 'a//b', './x']) {
      expect(() => reportObjectKey('reports', name)).toThrow(/refused/);
    }
  });
});
