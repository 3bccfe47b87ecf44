/**
 * The demo's ground truth for the privacy pack: which demo items carry personal data (their
 * `personalData` annotations, never the monitor's detectors), when the monitor can know they were
 * public (from the sweep dates, as with every other verdict), and so the verdict of every site and
 * month. A month fails when an annotated item was public on some day of it as the sweeps saw it:
 * from the first sweep that lists it to the first sweep that no longer does.
 */
import { type IsoDate, minDate } from '../core/dates';
import type { Obligation } from '../core/obligation';
import type { Period } from '../core/period';
import type { VerdictKind } from '../core/verdict';
import {
  type DemoContent,
  type DemoEntry,
  type DemoSite,
  isDisallowed,
  isVisible,
  outageOn,
} from './content';

export interface PrivacyTruthContext {
  content: DemoContent;
  asOf: IsoDate;
  sweeps: readonly IsoDate[];
}

/** A finding the scan must make: the item it is in and the value (clear: it never leaves the tests). */
export interface ExpectedFinding {
  siteId: string;
  title: string;
  kind: 'resident-id' | 'mobile' | 'bank-card';
  value: string;
}

const siteUp = (site: DemoSite, day: IsoDate) => site.down === undefined && outageOn(site, day) === undefined;

/** Items the monitor can read that carry planted personal data. */
function plantedEntries(content: DemoContent, site: DemoSite): DemoEntry[] {
  return (content.entries.get(site.id) ?? []).filter((entry) => {
    const column = site.columns.find((c) => c.id === entry.columnId);
    return entry.personalData.length > 0 && column !== undefined && !isDisallowed(site, column.path);
  });
}

/** Every finding the demo plants where the monitor can read it. */
export function expectedFindings(content: DemoContent): ExpectedFinding[] {
  return content.sites.flatMap((site) =>
    site.down === undefined
      ? plantedEntries(content, site).flatMap((entry) =>
          entry.personalData.map((p) => ({
            siteId: site.id,
            title: entry.title,
            kind: p.kind,
            value: p.value,
          })),
        )
      : [],
  );
}

/** The spans [from, to) an entry was public as the sweeps saw it (a sweep of a site down sees nothing). */
function seenSpans(entry: DemoEntry, site: DemoSite, sweeps: readonly IsoDate[]) {
  const spans: { from: IsoDate; to: IsoDate | null }[] = [];
  let open: IsoDate | null = null;
  for (const day of sweeps) {
    if (!siteUp(site, day)) continue;
    const visible = isVisible(entry, day);
    if (visible && open === null) open = day;
    if (!visible && open !== null) {
      spans.push({ from: open, to: day });
      open = null;
    }
  }
  if (open !== null) spans.push({ from: open, to: null });
  return spans;
}

/** The verdict of one month of the privacy obligation of one demo site. */
export function judgeDemoPrivacy(
  obligation: Obligation,
  period: Period,
  ctx: PrivacyTruthContext,
): { kind: VerdictKind; reason: string } {
  const { asOf } = ctx;
  if (asOf < period.start) return { kind: 'pending', reason: 'period not started' };
  const site = ctx.content.sites.find((s) => s.id === obligation.site);
  if (!site) return { kind: 'insufficient-data', reason: 'no such site' };
  const sweeps = ctx.sweeps.filter((d) => d <= asOf);
  const at = minDate(period.end, asOf);
  const exposed = plantedEntries(ctx.content, site).filter((entry) =>
    seenSpans(entry, site, sweeps).some((s) => s.from <= at && (s.to === null || s.to > period.start)),
  );
  if (exposed.length > 0)
    return {
      kind: 'missing',
      reason: `personal data public in ${exposed.map((e) => `"${e.title}"`).join(', ')}`,
    };
  const read = sweeps.some((d) => d >= period.start && d <= at && siteUp(site, d));
  return read
    ? { kind: 'met', reason: 'no planted personal data public' }
    : { kind: 'insufficient-data', reason: 'site not read in the month' };
}
