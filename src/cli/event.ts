import { z } from 'zod';
import { recordEvent } from '../tasks/ledger-entries';
import type { Command } from './command';
import { UsageError } from './flags';
import { appendLocally, EntryFlagsSchema, IsoDateSchema, WHERE_USAGE } from './ledger-commands';

const Schema = EntryFlagsSchema.extend({
  date: IsoDateSchema,
  note: z.string().min(1),
  _: z.tuple([z.literal('add')]),
});

export const command: Command = {
  usage: `gongkai event add --obligation ID --date YYYY-MM-DD --note TEXT ${WHERE_USAGE}`,
  async run(argv) {
    if (argv[0] !== 'add') throw new UsageError('expected `gongkai event add …`');
    return appendLocally(
      argv,
      { date: { type: 'string' }, note: { type: 'string' } },
      Schema,
      (deps, f: z.infer<typeof Schema>) =>
        recordEvent(deps, { obligationId: f.obligation, date: f.date, note: f.note, by: f.by }),
    );
  },
};
