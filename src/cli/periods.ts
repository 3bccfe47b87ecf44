import { z } from 'zod';
import { loadCalendarFile } from '../config/calendar-file';
import { loadCatalogue } from '../config/catalogue';
import { WorkingDayCalendar } from '../core/calendar';
import type { Period } from '../core/period';
import { periodsFor } from '../core/periods';
import { DEFAULT_POLICY } from '../core/policy';
import type { Command } from './command';
import { parseFlags } from './flags';

const usage = `Usage: gongkai periods --catalogue <file> [--year <year>] [--obligation <id>] [--calendar <file>] [--json] [--rule-dir <dir>]
  Lists every obligation's periods and due dates for the plan year (default: the catalogue's).
  --calendar adds a calendar file (holidays and 调休 working days) to the built-in data.
  Event obligations have periods only for recorded events, so none are listed here.
  Warnings about years without holiday data go to stderr.`;

const Flags = z.object({
  _: z.array(z.string()).max(0, 'periods takes no positional arguments'),
  catalogue: z.string({ error: 'required: the catalogue file' }).min(1),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  obligation: z.string().optional(),
  calendar: z.string().optional(),
  json: z.boolean().default(false),
  'rule-dir': z.string().optional(),
});

export const command: Command = {
  usage,
  async run(argv) {
    const flags = parseFlags(
      argv,
      {
        catalogue: { type: 'string' },
        year: { type: 'string' },
        obligation: { type: 'string' },
        calendar: { type: 'string' },
        json: { type: 'boolean' },
        'rule-dir': { type: 'string' },
      },
      Flags,
    );
    const catalogue = await loadCatalogue(flags.catalogue, { ruleDir: flags['rule-dir'] });
    const calendar = WorkingDayCalendar.chinese(
      flags.calendar ? await loadCalendarFile(flags.calendar) : undefined,
    );
    const policy = catalogue.policy ?? DEFAULT_POLICY;
    const year = flags.year ?? catalogue.plan.year;
    const obligations = flags.obligation
      ? catalogue.obligations.filter((o) => o.id === flags.obligation)
      : catalogue.obligations;
    if (obligations.length === 0) {
      console.error(`gongkai periods: no obligation "${flags.obligation}" in ${flags.catalogue}`);
      return 2;
    }
    const rows = obligations.map((o) => ({
      id: o.id,
      kind: o.schedule.kind,
      periods: periodsFor(o, { year, policy, calendar }),
    }));
    if (flags.json) {
      console.log(JSON.stringify({ year, obligations: rows }, null, 2));
    } else {
      console.log(renderTable(rows));
    }
    for (const warning of calendar.warnings) console.error(`warning: ${warning}`);
    return 0;
  },
};

const HEADER = ['id', 'key', 'label', 'start', 'end', 'due', 'default'];

function renderTable(rows: { id: string; kind: string; periods: Period[] }[]): string {
  const cells: string[][] = [HEADER];
  for (const row of rows) {
    if (row.periods.length === 0) {
      cells.push([
        row.id,
        '—',
        row.kind === 'event' ? '(no recorded event)' : '(no periods)',
        '',
        '',
        '',
        '',
      ]);
      continue;
    }
    for (const p of row.periods) {
      cells.push([row.id, p.key, p.label, p.start, p.end, p.due, p.defaultApplied ?? '']);
    }
  }
  const widths = HEADER.map((_, col) => Math.max(...cells.map((line) => displayWidth(line[col] ?? ''))));
  return cells
    .map((line) =>
      line
        .map((cell, col) => (col === line.length - 1 ? cell : padDisplay(cell, widths[col] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
