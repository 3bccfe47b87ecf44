import { relative } from 'node:path';
import { z } from 'zod';
import { IsoDateSchema } from '../core/dates';
import { VERDICT_KINDS } from '../core/verdict';
import { DEMO_LAST_SWEEP, runDemo } from '../demo/run';
import { DEFAULT_DATA_DIR } from '../local/local-runtime';
import { renderSummary } from '../report/render-summary';
import type { Command } from './command';
import { parseFlags } from './flags';

const FlagsSchema = z.object({
  'data-dir': z.string().min(1).default(DEFAULT_DATA_DIR),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.default(DEMO_LAST_SWEEP),
  'portal-port': z.coerce.number().int().min(1024).max(65000).optional(),
  quiet: z.boolean().default(false),
  chaos: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  'chaos-rate': z.coerce.number().min(0).max(1).default(0.1),
  calendar: z.string().min(1).optional(),
  _: z.array(z.string()).max(0, 'demo takes no positional arguments'),
});

export const command: Command = {
  usage: `gongkai demo [--data-dir ${DEFAULT_DATA_DIR}] [--from 2016-01-04] [--to ${DEMO_LAST_SWEEP}] [--portal-port N] [--quiet]
       [--chaos SEED [--chaos-rate 0.1]] [--calendar FILE]

Starts DynamoDB Local and the demo portal, runs the sweep state machine once a week of simulated
time through the plan year, and writes the report (JSON, CSV, HTML, summary) to <data-dir>/report/.

--calendar adds a calendar file (holidays and 调休 working days) to the built-in data.
--chaos SEED makes the portal fault a seeded share (--chaos-rate) of its requests: 503, 500, 429
with Retry-After, connection resets, truncated and stalled bodies. Verdicts may then turn into
insufficient-data, never into a different met or missing (except the website availability rule,
which is judged from failed visits).`,
  async run(argv) {
    const flags = parseFlags(
      argv,
      {
        'data-dir': { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'portal-port': { type: 'string' },
        quiet: { type: 'boolean' },
        chaos: { type: 'string' },
        'chaos-rate': { type: 'string' },
        calendar: { type: 'string' },
      },
      FlagsSchema,
    );
    const started = performance.now();
    const result = await runDemo({
      dataDir: flags['data-dir'],
      to: flags.to,
      ...(flags.from ? { from: flags.from } : {}),
      ...(flags['portal-port'] ? { portalBasePort: flags['portal-port'] } : {}),
      ...(flags.calendar ? { calendar: flags.calendar } : {}),
      ...(flags.chaos === undefined ? {} : { chaos: { seed: flags.chaos, rate: flags['chaos-rate'] } }),
      onSweep: (p) => {
        if (flags.quiet) return;
        const counts = VERDICT_KINDS.filter((k) => p.counts[k])
          .map((k) => `${k} ${p.counts[k]}`)
          .join(', ');
        process.stderr.write(
          `[${String(p.index + 1).padStart(2)}/${p.total}] ${p.asOf}  pages ${String(p.pages).padStart(4)}  new docs ${String(p.newDocuments).padStart(3)}  unreachable ${p.unreachable}  ${Math.round(p.ms)} ms  ${counts}\n`,
        );
      },
    });
    console.log(renderSummary(result.report));
    const where = relative(process.cwd(), result.reportDir) || '.';
    console.log(
      `Report: ${where}/report.html (also report.en.html, report.json, report.csv, report.en.csv, summary.txt)`,
    );
    console.log(
      `${result.sweeps} sweeps, ${result.portalRequests} portal requests, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const { dynamo, archive, statesEntered } = result.metrics;
    console.log(
      `Requests (for the cost formula in docs/deploy.md): ${statesEntered} states entered; DynamoDB ${dynamo.readRequests} read requests (${Math.round(dynamo.readCapacityUnits)} RCU), ${dynamo.writeRequests} write requests (${Math.round(dynamo.writeCapacityUnits)} WCU); archive ${archive.puts} puts, ${archive.stored} new objects (${(archive.bytesStored / 1024 / 1024).toFixed(1)} MB)`,
    );
    if (result.chaos) {
      const c = result.chaos;
      const faults = Object.entries(c.injected)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');
      console.log(
        `Chaos (seed ${c.seed}, rate ${c.rate}): ${c.portalRequests} portal requests, faults injected: ${faults}; crawler made ${c.fetches} fetches, ${c.retries} retries, ${c.failedFetches} fetches failed after retrying; ${c.throttledStoreRequests} DynamoDB requests throttled on purpose (retried by the SDK)`,
      );
    }
    return 0;
  },
};
