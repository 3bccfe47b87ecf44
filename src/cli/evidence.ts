import { z } from 'zod';
import type { Command } from '../cli';
import { recordManualEvidence } from '../tasks/ledger-entries';
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
  period: z.string().min(1),
  url: z
    .string()
    .url()
    .refine((u) => /^https?:/.test(u), 'url: only http(s) links'),
  note: z.string().min(1),
  published: IsoDateSchema,
  by: BySchema,
  _: z.tuple([z.literal('add')]),
});

export const command: Command = {
  summary: 'Record evidence found by a person (a URL and a note), marked manual in reports',
  usage:
    'gongkai evidence add --obligation ID --period KEY --url URL --published YYYY-MM-DD --note TEXT [--by NAME] [--catalogue FILE] [--data-dir .gongkai | --target aws --table NAME [--region R]]',
  async run(argv) {
    if (argv[0] !== 'add') throw new UsageError('expected `gongkai evidence add …`');
    return appendLocally(
      argv,
      {
        obligation: { type: 'string' },
        period: { type: 'string' },
        url: { type: 'string' },
        note: { type: 'string' },
        published: { type: 'string' },
        ...BY_FLAG,
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
