import { describe, expect, it } from 'vitest';
import {
  datesIn,
  readDeadline,
  readFrequency,
  readProseDeadline,
  readSeason,
  readWithin,
} from '../../../src/ingest/schedule-text';

describe('reading deadline cells', () => {
  it('gives a bare month the last day of that month in the plan year', () => {
    expect(readDeadline(['6月底'], 2016).schedule).toEqual({ kind: 'once', dates: ['2016-06-30'] });
    expect(readDeadline(['2月底'], 2016).schedule).toEqual({ kind: 'once', dates: ['2016-02-29'] });
  });

  it('applies a year on its own line to the month on the next', () => {
    expect(readDeadline(['2017年', '3月底'], 2016).schedule).toEqual({ kind: 'once', dates: ['2017-03-31'] });
  });

  it('reads a year-end deadline', () => {
    expect(datesIn('2017年底前', 2016)).toEqual([{ date: '2017-12-31', label: '' }]);
    expect(datesIn('年底前', 2016)).toEqual([{ date: '2016-12-31', label: '' }]);
  });

  it('does not read a calendar day as a time limit', () => {
    expect(readWithin('7月20日')).toBeNull();
    expect(readWithin('20日内')).toEqual({ amount: 20, unit: 'days' });
    expect(readWithin('在2个工作日内')).toEqual({ amount: 2, unit: 'workingDays' });
  });

  it('flags a deadline it cannot read instead of guessing', () => {
    const read = readDeadline(['待定'], 2016);
    expect(read.schedule).toEqual({ kind: 'unspecified' });
    expect(read.review[0]).toContain('not understood');
  });

  it('reads 不定期 as an event without a trigger the monitor can see', () => {
    const read = readDeadline(['(后续不定期进行目录调整)'], 2016);
    expect(read.schedule.kind).toBe('event');
    expect(read.review[0]).toContain('recorded as events');
  });
});

describe('reading frequencies and seasons', () => {
  it('finds the first frequency word', () => {
    expect(readFrequency('每周公开食品抽检信息')?.kind).toBe('weekly');
    expect(readFrequency('季报')?.kind).toBe('quarterly');
    expect(readFrequency('每半年向社会公开')?.kind).toBe('semiannual');
    expect(readFrequency('及时公开')).toBeNull();
  });

  it('reads a season with 每周 as weekly inside it', () => {
    expect(readSeason('汛期(6—9月)每周发布')?.schedule).toEqual({
      kind: 'seasonal',
      fromMonth: 6,
      toMonth: 9,
      every: 'weekly',
    });
    expect(readSeason('6—9月')).toBeNull();
  });

  it('takes the event a prose time limit hangs on', () => {
    expect(readProseDeadline('收到文件后,应在5个工作日内转发。', 2016)?.schedule).toEqual({
      kind: 'event',
      trigger: '收到文件后',
      within: { amount: 5, unit: 'workingDays' },
    });
    expect(readProseDeadline('加强专家库建设。', 2016)).toBeNull();
  });
});
