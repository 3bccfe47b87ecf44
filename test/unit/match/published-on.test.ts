import { describe, expect, it } from 'vitest';
import { columnChecksFrom, columnKey, presenceOn, publishedOn } from '../../../src/core/match/published-on';
import { doc } from './builders';

const shown = doc({ title: '通知', date: '2016-07-01', firstSeen: '2016-07-10T02:00:00Z' });
const checksAt = (...instants: string[]) => new Map([[columnKey('lyj', 'tzgg'), instants]]);

describe('publishedOn', () => {
  it('takes the shown date when no check contradicts it', () => {
    expect(publishedOn(shown)).toEqual({ date: '2016-07-01', origin: 'shown' });
    expect(publishedOn(shown, checksAt('2016-06-30T02:00:00Z'))).toEqual({
      date: '2016-07-01',
      origin: 'shown',
    });
  });

  it('allows a check within the tolerance after the shown date (the column was not refreshed yet)', () => {
    // 2016-07-04 23:59 Shanghai is still within shown + 3 days.
    expect(publishedOn(shown, checksAt('2016-07-04T15:59:00Z')).origin).toBe('shown');
  });

  it('flags a successful check after shown date + tolerance and before first seen as backdating', () => {
    expect(publishedOn(shown, checksAt('2016-07-04T16:00:00Z'))).toEqual({
      date: '2016-07-10',
      origin: 'backdated',
      contradictingCheck: '2016-07-04T16:00:00Z',
    });
  });

  it('ignores checks after the document was first seen', () => {
    expect(publishedOn(shown, checksAt('2016-07-10T03:00:00Z')).origin).toBe('shown');
  });

  it('honours a wider tolerance', () => {
    expect(publishedOn(shown, checksAt('2016-07-06T02:00:00Z'), 7).origin).toBe('shown');
  });

  it('uses the first-seen day in Asia/Shanghai for an undated item', () => {
    const undated = doc({ title: '通知', date: null, firstSeen: '2016-07-09T16:30:00Z' });
    expect(publishedOn(undated)).toEqual({ date: '2016-07-10', origin: 'first-seen' });
  });
});

describe('columnChecksFrom', () => {
  it('keeps successful column checks, sorted, per column', () => {
    const map = columnChecksFrom([
      { sourceId: 'lyj', columnId: 'tzgg', checkedAt: '2016-07-05T00:00:00Z', ok: true },
      { sourceId: 'lyj', columnId: 'tzgg', checkedAt: '2016-07-01T00:00:00Z', ok: true },
      { sourceId: 'lyj', columnId: 'tzgg', checkedAt: '2016-07-03T00:00:00Z', ok: false },
      { sourceId: 'lyj', checkedAt: '2016-07-02T00:00:00Z', ok: true },
    ]);
    expect([...map.entries()]).toEqual([
      [columnKey('lyj', 'tzgg'), ['2016-07-01T00:00:00Z', '2016-07-05T00:00:00Z']],
    ]);
  });
});

describe('presenceOn', () => {
  const d = doc({
    title: '办事指南',
    date: '2016-01-02',
    firstSeen: '2016-01-02T02:00:00Z',
    absences: [{ from: '2016-02-01T02:00:00Z', to: '2016-02-10T02:00:00Z' }],
  });
  it('is absent before first seen', () =>
    expect(presenceOn(d, '2016-01-01')).toEqual({ present: false, since: null }));
  it('is present once seen', () => expect(presenceOn(d, '2016-01-15')).toEqual({ present: true }));
  it('is absent while vanished', () =>
    expect(presenceOn(d, '2016-02-05')).toEqual({ present: false, since: '2016-02-01' }));
  it('is present again on the day it came back', () =>
    expect(presenceOn(d, '2016-02-10')).toEqual({ present: true }));
});
