import { type CalendarFile, CalendarFileSchema } from '../core/calendar';
import { loadJsonFile } from './json-file';

/** Loads a user calendar file (holidays and 调休 working days for years the built-in data lacks or gets wrong). */
export function loadCalendarFile(path: string): Promise<CalendarFile> {
  return loadJsonFile(CalendarFileSchema, path, 'calendar file');
}
