/** Small builders for catalogue entries and crawled documents used by the matching and verdict tests. */
import { WorkingDayCalendar } from '../../../src/core/calendar';
import type { IsoDate } from '../../../src/core/dates';
import { type Document, DocumentSchema } from '../../../src/core/document';
import { type Obligation, ObligationSchema } from '../../../src/core/obligation';
import type { Period } from '../../../src/core/period';
import { periodsFor, type RecordedEvent } from '../../../src/core/periods';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import type { Schedule } from '../../../src/core/schedule';

export const calendar = WorkingDayCalendar.chinese();

export function obligation(
  id: string,
  schedule: Schedule,
  evidence: Record<string, unknown>,
  units: string[] = ['市旅游局'],
): Obligation {
  return ObligationSchema.parse({
    id,
    item: 1,
    category: null,
    task: '测试任务',
    units,
    unitsCarried: false,
    deadlineText: null,
    schedule,
    review: [],
    source: { lines: [1, 1] },
    evidence,
  });
}

let serial = 0;

export function doc(fields: Partial<Document> & { title: string; date: IsoDate | null }): Document {
  serial++;
  const firstSeen = fields.firstSeen ?? `${fields.date ?? '2016-06-01'}T02:00:00Z`;
  return DocumentSchema.parse({
    url: `http://127.0.0.1/lyj/tzgg/${serial}.htm`,
    sourceId: 'lyj',
    columnId: 'tzgg',
    columnKind: 'notice',
    units: ['市旅游局'],
    dateText: fields.date,
    dateOrigin: fields.date ? 'list' : 'none',
    lastSeen: firstSeen,
    sha256: `sha-${serial}`,
    ...fields,
    firstSeen,
  });
}

export function periods(o: Obligation, events: RecordedEvent[] = []): Period[] {
  return periodsFor(o, { year: 2016, policy: DEFAULT_POLICY, calendar, events });
}

export const unitSources = new Map([
  ['市旅游局', ['lyj']],
  ['市食品药品监督管理局', ['spj']],
]);
