import { z } from 'zod';
import { recordWaiver } from '../tasks/ledger-entries';
import type { Command } from './command';
import { appendLocally, EntryFlagsSchema, IsoDateSchema, WHERE_USAGE } from './ledger-commands';

const Schema = EntryFlagsSchema.extend({
  period: z.string().min(1).optional(),
  reason: z.string().min(1),
  until: IsoDateSchema,
  _: z.array(z.string()).max(0),
});

export const command: Command = {
  usage: `gongkai waive --obligation ID [--period KEY] --reason TEXT --until YYYY-MM-DD ${WHERE_USAGE}`,
  async run(argv) {
    return appendLocally(
      argv,
      { period: { type: 'string' }, reason: { type: 'string' }, until: { type: 'string' } },
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
