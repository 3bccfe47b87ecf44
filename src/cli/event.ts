import { z } from 'zod';
import type { Command } from '../cli';
import { recordEvent } from '../tasks/ledger-entries';
import { UsageError } from './flags';
import {
  appendLocally,
  BY_FLAG,
  BySchema,
  IsoDateSchema,
  LocalFlagsSchema,
  TargetSchema,
} from './ledger-commands';

const Schema = LocalFlagsSchema.extend(TargetSchema.shape).extend({
  obligation: z.string().min(1),
  date: IsoDateSchema,
  note: z.string().min(1),
  by: BySchema,
  _: z.tuple([z.literal('add')]),
});

export const command: Command = {
  summary: 'Record an event that starts an event-based obligation’s clock',
  usage:
    'gongkai event add --obligation ID --date YYYY-MM-DD --note TEXT [--by NAME] [--catalogue FILE] [--data-dir .gongkai | --target aws --table NAME [--region R]]',
  async run(argv) {
    if (argv[0] !== 'add') throw new UsageError('expected `gongkai event add …`');
    return appendLocally(
      argv,
      { obligation: { type: 'string' }, date: { type: 'string' }, note: { type: 'string' }, ...BY_FLAG },
      Schema,
      (deps, f: z.infer<typeof Schema>) =>
        recordEvent(deps, { obligationId: f.obligation, date: f.date, note: f.note, by: f.by }),
    );
  },
};
