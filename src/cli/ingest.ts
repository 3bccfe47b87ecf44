import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Command } from '../cli';
import { readRegularFile } from '../config/bounded-file';
import { ValidationError } from '../core/validation';
import { decodePlanBytes } from '../ingest/decode';
import { PlanInputError } from '../ingest/errors';
import { ingestPlan, readPlan } from '../ingest/ingest';
import { parseFlags, UsageError } from './flags';

const USAGE = `Usage: gongkai ingest <plan.txt> --year <YYYY> [--issuer <name>] [--title <text>] [--out <draft.json>]

Reads a disclosure work plan (UTF-8 or GBK text: a flattened Word table, a table with a header
row, or a numbered list) and writes a catalogue draft { plan, obligations } with verbatim task and
deadline texts, schedules, source lines and review reasons. Without --out the draft goes to stdout.

  --year     plan year: dates without a year (6月底) fall in it
  --issuer   issuing government (default: read from the start of the title, e.g. 江门市)
  --title    plan title (default: the first line before the items)
  --out      file to write the draft to`;

const FlagsSchema = z.object({
  _: z.array(z.string()).length(1, 'give exactly one plan file'),
  year: z
    .string({ error: 'required: the plan year, e.g. 2016' })
    .regex(/^\d{4}$/, 'expected a year like 2016')
    .transform(Number),
  issuer: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
});

/** 江门市贯彻落实… → 江门市; null when the title does not start with a place name. */
export function issuerFromTitle(title: string | undefined | null): string | null {
  const match = /^([\u4e00-\u9fff]{1,10}?(?:自治区|自治州|省|市|县|区|州|旗))/.exec(title ?? '');
  return match ? match[1]! : null;
}

export const command: Command = {
  summary: 'plan text → catalogue draft (obligations, schedules, review reasons)',
  usage: USAGE,
  async run(argv) {
    const flags = parseFlags(
      argv,
      {
        year: { type: 'string' },
        issuer: { type: 'string' },
        title: { type: 'string' },
        out: { type: 'string' },
      },
      FlagsSchema,
    );
    const path = flags._[0]!;
    let bytes: Buffer;
    try {
      bytes = await readRegularFile(path, 'plan');
    } catch (error) {
      const why = error instanceof ValidationError ? error.problems.join('; ') : (error as Error).message;
      console.error(`gongkai ingest: cannot read ${path}: ${why}`);
      return 1;
    }
    try {
      const { text, encoding } = decodePlanBytes(bytes);
      const issuer = flags.issuer ?? issuerFromTitle(flags.title ?? readPlan(text).plan.title);
      if (!issuer) throw new UsageError('--issuer is required: the title does not start with a place name');
      const { format, draft } = ingestPlan(text, {
        year: flags.year,
        issuer,
        sourceFile: path,
        ...(flags.title ? { title: flags.title } : {}),
      });
      const json = `${JSON.stringify(draft, null, 2)}\n`;
      const items = new Set(draft.obligations.map((o) => o.item)).size;
      const toReview = draft.obligations.filter((o) => o.review.length > 0).length;
      const summary = `${draft.obligations.length} obligations from ${items} items (${format}, ${encoding}); ${toReview} need review`;
      if (flags.out) {
        try {
          await writeFile(flags.out, json);
        } catch (error) {
          console.error(`gongkai ingest: cannot write ${flags.out}: ${(error as Error).message}`);
          return 1;
        }
        console.error(`gongkai ingest: wrote ${flags.out}: ${summary}`);
      } else {
        process.stdout.write(json);
        console.error(`gongkai ingest: ${summary}`);
      }
      return 0;
    } catch (error) {
      if (error instanceof PlanInputError) {
        console.error(`gongkai ingest: ${path}: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};
