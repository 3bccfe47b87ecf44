import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendarFile } from '../../../src/config/calendar-file';
import { WorkingDayCalendar } from '../../../src/core/calendar';
import { ValidationError } from '../../../src/core/validation';

describe('loadCalendarFile', () => {
  it('loads a calendar file that extends the built-in calendar to 2027', async () => {
    const file = await loadCalendarFile('test/fixtures/calendar-2027.json');
    const calendar = WorkingDayCalendar.chinese(file);
    expect(calendar.isWorkingDay('2027-10-04')).toBe(false);
    expect(calendar.isWorkingDay('2027-10-09')).toBe(true);
    expect(calendar.warnings).toEqual([]);
  });

  it('names the wrong path of an invalid file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongkai-calendar-'));
    const path = join(dir, 'calendar.json');
    await writeFile(path, JSON.stringify({ years: ['2027'], holidays: [{ date: '2027-13-01' }] }));
    const error = await loadCalendarFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => p.split(':')[0])).toEqual([
      'years[0]',
      'holidays[0].date',
    ]);
  });
});
