import { z } from 'zod';
import { recordManualEvidence } from '../tasks/ledger-entries';
import type { Command } from './command';
import { UsageError } from './flags';
import { appendLocally, EntryFlagsSchema, IsoDateSchema, WHERE_USAGE } from './ledger-commands';

const Schema = EntryFlagsSchema.extend({
  period: z.string().min(1),
  url: z
    .string()
    .url()
    .refine((u) => /^https?:/.test(u), 'url: only http(s) links'),
  note: z.string().min(1),
  published: IsoDateSchema,
  _: z.tuple([z.literal('add')]),
});

export const command: Command = {
  usage: `gongkai evidence add --obligation ID --period KEY --url URL --published YYYY-MM-DD --note TEXT ${WHERE_USAGE}`,
  async run(argv) {
    if (argv[0] !== 'add') throw new UsageError('expected `gongkai evidence add …`');
    return appendLocally(
      argv,
      {
        period: { type: 'string' },
        url: { type: 'string' },
        note: { type: 'string' },
        published: { type: 'string' },
      },
      Schema,
      (deps, f: z.infer<typeof Schema>) =>
        recordManualEvidence(deps, {
          obligationId: f.obligation,
          periodKey: f.period,
          url: f.url,
          note: f.note,
          publishedOn: f.published,
          by: f.by,
        }),
    );
  },
};
