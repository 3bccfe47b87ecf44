import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { createFetcher } from '../crawl/fetch/fetcher';
import { readDocument } from '../ingest/document';
import { PlanInputError } from '../ingest/errors';
import { INPUT_FORMATS, type InputFormat, toDraft } from '../ingest/ingest';
import type { Command } from './command';
import { parseFlags, UsageError } from './flags';

const USAGE = `Usage: gongkai ingest <plan file | https://…> --year <YYYY> [--format auto|text|cells|html|docx]
                      [--issuer <name>] [--title <text>] [--out <draft.json>]

Reads a disclosure work plan and writes a catalogue draft { plan, obligations } with verbatim task
and deadline texts, units (lead, supporting, collective), schedules, source lines and review
reasons. The plan may be a text (UTF-8 or GBK: a flattened Word table, a table copied one cell per
line or with | / tab separators, a table run together into one paragraph, a numbered list), a saved
HTML page or its address, or a Word .docx. The shape detected is printed; --format overrides it.
Legacy .doc, PDF and images are refused with what to do instead. Without --out the draft goes to
stdout.

  --year     plan year: dates without a year (6月底) fall in it
  --format   auto (default), text (flattened or prose readers), cells (table readers), html, docx
  --issuer   issuing government (default: read from the start of the title, e.g. 江门市)
  --title    plan title (default: the first line before the items)
  --out      file to write the draft to
  --allow-private-network  let an address resolve to a private or loopback host (an intranet copy)`;

const FlagsSchema = z.object({
  _: z.array(z.string()).length(1, 'give exactly one plan file'),
  year: z
    .string({ error: 'required: the plan year, e.g. 2016' })
    .regex(/^\d{4}$/, 'expected a year like 2016')
    .transform(Number),
  issuer: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  format: z.enum(INPUT_FORMATS as [string, ...string[]]).default('auto'),
  'allow-private-network': z.boolean().default(false),
});

/** 江门市贯彻落实… → 江门市; null when the title does not start with a place name. */
export function issuerFromTitle(title: string | undefined | null): string | null {
  const match = /^([\u4e00-\u9fff]{1,10}?(?:自治区|自治州|省|市|县|区|州|旗))/.exec(title ?? '');
  return match ? match[1]! : null;
}

export const command: Command = {
  usage: USAGE,
  async run(argv) {
    const flags = parseFlags(
      argv,
      {
        year: { type: 'string' },
        issuer: { type: 'string' },
        title: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        'allow-private-network': { type: 'boolean' },
      },
      FlagsSchema,
    );
    const path = flags._[0]!;
    const bytes = await planBytes(path, flags['allow-private-network']);
    if (typeof bytes === 'string') {
      console.error(`gongkai ingest: ${bytes}`);
      return 1;
    }
    try {
      const { format, plan, encoding } = await readDocument(bytes, flags.format as InputFormat);
      const issuer = flags.issuer ?? issuerFromTitle(flags.title ?? plan.title);
      if (!issuer) throw new UsageError('--issuer is required: the title does not start with a place name');
      const draft = toDraft(plan, {
        year: flags.year,
        issuer,
        sourceFile: path,
        ...(flags.title ? { title: flags.title } : {}),
      });
      const json = `${JSON.stringify(draft, null, 2)}\n`;
      const items = new Set(draft.obligations.map((o) => o.item)).size;
      const toReview = draft.obligations.filter((o) => o.review.length > 0).length;
      const collective = draft.obligations.filter((o) => (o.collectiveUnits ?? []).length > 0).length;
      const summary = `${draft.obligations.length} obligations from ${items} items (shape detected: ${format}, ${encoding}); ${toReview} need review; ${collective} name collective units`;
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

/** The plan's bytes from a file, or from an address through the guarded fetcher; a message on failure. */
async function planBytes(path: string, allowPrivateNetwork: boolean): Promise<Uint8Array | string> {
  if (!/^https?:\/\//i.test(path)) {
    try {
      return await readFile(path);
    } catch (error) {
      return `cannot read ${path}: ${(error as Error).message}`;
    }
  }
  let host: string;
  try {
    host = new URL(path).host;
  } catch {
    return `${path} is not a valid address`;
  }
  const fetcher = createFetcher({ hosts: [{ host, allowPrivateNetwork }], retries: { attempts: 2 } });
  try {
    const result = await fetcher.fetch(path);
    if (!result.ok) {
      const status = result.status ? ` (HTTP ${result.status})` : '';
      return `cannot fetch ${path}: ${result.reason}${status}`;
    }
    if (result.notModified) return `cannot fetch ${path}: the server answered 304 Not Modified`;
    return result.body;
  } finally {
    await fetcher.close();
  }
}
