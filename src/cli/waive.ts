import { z } from 'zod';
import type { Command } from '../cli';
import { recordWaiver } from '../tasks/ledger-entries';
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
  period: z.string().min(1).optional(),
  reason: z.string().min(1),
  until: IsoDateSchema,
  by: BySchema,
  _: z.array(z.string()).max(0),
});

export const command: Command = {
  summary: 'Waive an obligation (or one period) for periods due on or before a date',
  usage:
    'gongkai waive --obligation ID [--period KEY] --reason TEXT --until YYYY-MM-DD [--by NAME] [--catalogue FILE] [--data-dir .gongkai | --target aws --table NAME [--region R]]',
  async run(argv) {
    return appendLocally(
      argv,
      {
        obligation: { type: 'string' },
        period: { type: 'string' },
        reason: { type: 'string' },
        until: { type: 'string' },
        ...BY_FLAG,
      },
      Schema,
      (deps, f: z.infer<typeof Schema>) =>
        recordWaiver(deps, {
          obligationId: f.obligation,
          reason: f.reason,
          until: f.until,
          by: f.by,
          ...(f.period ? { periodKey: f.period } : {}),
        }),
    );
  },
};
