/**
 * `npm start`: the whole monitor on one machine. Starts DynamoDB Local and the demo portal, applies
 * the demo ledger, then runs the sweep state machine (the ASL that AWS runs) once a week of
 * simulated time through the plan year, and leaves the report of the last sweep on disk.
 */
import { loadCatalogue, loadSources } from '../config';
import type { IsoDate } from '../core/dates';
import type { Catalogue } from '../core/obligation';
import { openLocalRuntime, type RuntimeMetrics } from '../local/local-runtime';
import { runSweepLocally } from '../local/sweep-runner';
import type { Report } from '../report/model';
import type { TaskDeps } from '../tasks/deps';
import { recordEvent, recordManualEvidence, recordWaiver } from '../tasks/ledger-entries';
import { buildSweepReport } from '../tasks/write-report';
import { type ChaosCounts, seededChaos } from './chaos';
import { DEFAULT_DEMO_DIR } from './content';
import { DEMO_FIRST_SWEEP, demoSweepDates } from './ground-truth';
import { type DemoLedger, loadDemoLedger } from './ledger';
import { startDemoPortal } from './portal';

export const DEMO_CATALOGUE = 'seeds/jiangmen-2016/catalogue.json';
export const DEMO_LAST_SWEEP: IsoDate = '2017-01-31';

export interface DemoOptions {
  dataDir: string;
  from?: IsoDate;
  to?: IsoDate;
  catalogue?: Catalogue;
  /** A calendar file (holidays, 调休) embedded in the demo catalogue. */
  calendar?: string;
  dynamoEndpoint?: string;
  /** First port of the portal's sites; fixed ports keep document URLs stable across runs. */
  portalBasePort?: number;
  onSweep?: (progress: SweepProgress) => void;
  /** Fault a seeded share of portal requests (see demo-chaos.ts); off by default. */
  chaos?: { seed: number; rate?: number };
}

/** What a chaos run did to the crawler, for docs/reliability.md. */
export interface ChaosFigures {
  seed: number;
  rate: number;
  portalRequests: number;
  injected: ChaosCounts;
  /** Fetches the crawler made (after its own retries) and the extra attempts it spent retrying. */
  fetches: number;
  retries: number;
  /** Fetches that still failed after retrying. */
  failedFetches: number;
  /** DynamoDB requests answered with an injected throttling error (the SDK retried them). */
  throttledStoreRequests: number;
}

export interface SweepProgress {
  asOf: IsoDate;
  index: number;
  total: number;
  pages: number;
  newDocuments: number;
  unreachable: number;
  counts: Record<string, number>;
  ms: number;
}

export interface DemoResult {
  report: Report;
  metrics: RuntimeMetrics & { statesEntered: number };
  reportDir: string;
  dataDir: string;
  sweeps: number;
  portalRequests: number;
  chaos?: ChaosFigures;
}

/** A clock that reads the simulated day at 10:00 Asia/Shanghai, advancing with real time within it. */
export class SimulatedClock {
  private base = 0;
  private startedAt = 0;

  set(day: IsoDate): void {
    this.base = Date.parse(`${day}T10:00:00+08:00`);
    this.startedAt = performance.now();
  }

  now = (): Date => new Date(this.base + Math.floor(performance.now() - this.startedAt));
}

/** Appends the demo's waivers, events and manual evidence through the same code as the CLI. */
export async function applyDemoLedger(deps: TaskDeps, ledger: DemoLedger): Promise<number> {
  let appended = 0;
  for (const e of ledger.events) appended += Number((await recordEvent(deps, e)).appended);
  for (const w of ledger.waivers) appended += Number((await recordWaiver(deps, w)).appended);
  for (const m of ledger.manualEvidence) appended += Number((await recordManualEvidence(deps, m)).appended);
  return appended;
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const from = options.from ?? DEMO_FIRST_SWEEP;
  const to = options.to ?? DEMO_LAST_SWEEP;
  const dates = demoSweepDates(to, from);
  const catalogue =
    options.catalogue ??
    (await loadCatalogue(DEMO_CATALOGUE, options.calendar ? { calendar: options.calendar } : {}));
  const chaos = options.chaos ? seededChaos(options.chaos.seed, options.chaos.rate) : undefined;
  const portal = await startDemoPortal({
    date: dates[0]!,
    ...(chaos ? { chaos } : {}),
    ...(options.portalBasePort ? { basePort: options.portalBasePort } : {}),
  });
  const clock = new SimulatedClock();
  clock.set(dates[0]!);
  try {
    const sources = await loadSources(`${DEFAULT_DEMO_DIR}/sources.json`, {
      substitute: portal.substitutions,
    });
    const runtime = await openLocalRuntime({
      dataDir: options.dataDir,
      catalogue,
      sources,
      now: clock.now,
      ...(options.dynamoEndpoint ? { dynamoEndpoint: options.dynamoEndpoint } : {}),
      // The store is faulted too, at half the portal's rate: throttling the SDK retries with back-off.
      ...(options.chaos
        ? { injectThrottling: { seed: options.chaos.seed, rate: (options.chaos.rate ?? 0.1) / 2 } }
        : {}),
    });
    const fetched = { fetches: 0, retries: 0, failed: 0 };
    runtime.deps.onFetch = (result) => {
      fetched.fetches++;
      fetched.retries += Math.max(0, result.attempts - 1);
      if (!result.ok) fetched.failed++;
    };
    try {
      await applyDemoLedger(runtime.deps, await loadDemoLedger());
      let statesEntered = 0;
      for (const [index, asOf] of dates.entries()) {
        const started = performance.now();
        portal.setDate(asOf);
        clock.set(asOf);
        // Only the last sweep's report is kept: earlier ones would each be overwritten by the next.
        const last = index === dates.length - 1;
        const run = await runSweepLocally(
          { asOf, runId: `demo-${asOf}`, ...(last ? {} : { writeReport: false }) },
          runtime.deps,
        );
        const { output } = run;
        statesEntered += run.statesEntered;
        // The state carries no crawl summaries (they grow with the sources): read this run's crawl runs.
        const crawl = (await runtime.deps.stores.health.listRuns({ asOf })).filter(
          (r) => r.runId === `demo-${asOf}`,
        );
        options.onSweep?.({
          asOf,
          index,
          total: dates.length,
          pages: crawl.reduce((a, c) => a + c.pages, 0),
          newDocuments: crawl.reduce((a, c) => a + c.newDocuments, 0),
          unreachable: crawl.filter((c) => !c.reachable).length,
          counts: ((output.evaluation as { counts?: Record<string, number> })?.counts ?? {}) as Record<
            string,
            number
          >,
          ms: performance.now() - started,
        });
      }
      const report = await buildSweepReport({ asOf: to, runId: `demo-${to}` }, runtime.deps);
      return {
        report,
        metrics: { ...runtime.metrics(), statesEntered },
        reportDir: runtime.reportDir,
        dataDir: runtime.dataDir,
        sweeps: dates.length,
        portalRequests: portal.requests(),
        ...(chaos && options.chaos
          ? {
              chaos: {
                seed: options.chaos.seed,
                rate: options.chaos.rate ?? 0.1,
                portalRequests: portal.requests(),
                injected: chaos.stats().injected,
                fetches: fetched.fetches,
                retries: fetched.retries,
                failedFetches: fetched.failed,
                throttledStoreRequests: runtime.metrics().injectedThrottles,
              },
            }
          : {}),
      };
    } finally {
      await runtime.close();
    }
  } finally {
    await portal.stop();
  }
}
