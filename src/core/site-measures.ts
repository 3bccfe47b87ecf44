/**
 * What a site looks like to an inspector on a given day, computed from the crawler's checks: per
 * column (and the home page) the newest dated item and the item count at the last successful check,
 * and the share of checks that failed to open. Site rules (src/core/site-rule.ts) are judged on it,
 * and the forecast says when a rule will trip if nothing new is published.
 *
 * Items without a date count as not updated, as inspectors count them: a column whose items are all
 * undated has no newest date and is stale.
 */
import { addDays, addMonths, type IsoDate, shanghaiDate } from './dates';
import type { AvailabilityRule, MaxAge, SiteRule } from './site-rule';
import type { ColumnKind, Source } from './source';

/**
 * One check of a site's page: did it open, how fast, and what its list showed. The health store
 * keeps every one (HealthCheck in src/store/ports.ts adds the source id).
 */
export interface SiteCheck {
  checkedAt: string;
  ok: boolean;
  url?: string;
  columnId?: string;
  latencyMs?: number;
  status?: number;
  error?: string;
  itemCount?: number;
  undatedCount?: number;
  newestItemDate?: IsoDate | null;
  /** sha256 of the page as read at this check (the archived copy), or as last read for a 304. */
  sha256?: string;
  /** No request was made (robots.txt forbids the page): not a visit the availability rule counts. */
  notVisited?: boolean;
  /** A crawl limit cut the reading of this page's column (links per list page, list pages). */
  limitHit?: string;
}

/** A page whose freshness is judged: a column, or the home page (`id` null, kind `home`). */
export interface SitePage {
  id: string | null;
  name: string;
  url: string;
  kind: ColumnKind;
}

/** A page as last seen, on or before the day judged. */
export interface PageObservation {
  page: SitePage;
  check: SiteCheck;
  checkedOn: IsoDate;
  itemCount: number;
  undatedCount: number;
  newestItemDate: IsoDate | null;
}

export type OffenceKind = 'stale' | 'undated' | 'blank';

export interface Offender {
  observation: PageObservation;
  offence: OffenceKind;
  /** Stale pages: the first day the page counted as not updated. */
  staleSince?: IsoDate;
}

export interface AvailabilityCount {
  total: number;
  failed: number;
  share: number;
  from: IsoDate;
  to: IsoDate;
}

/** A site rule judged on one day. */
export interface RuleOutcome {
  at: IsoDate;
  /** `no-data`: nothing the rule needs was observed by that day. */
  status: 'tripped' | 'clear' | 'no-data';
  count: number;
  threshold: number;
  offenders: Offender[];
  /** The pages the outcome rests on (the last successful check of each). */
  observed: PageObservation[];
  /** Pages of the rule never read successfully by that day: not counted either way. */
  unobserved: SitePage[];
  /** Clear rules: the first day the rule trips if nothing new is published (null: never). */
  tripsOn: IsoDate | null;
  availability?: AvailabilityCount;
}

/** The home page followed by the site's columns. */
export function sitePages(source: Pick<Source, 'homepage' | 'name' | 'columns'>): SitePage[] {
  return [
    { id: null, name: `${source.name}首页`, url: source.homepage, kind: 'home' },
    ...source.columns.map((c) => ({ id: c.id, name: c.name, url: c.url, kind: c.kind })),
  ];
}

/** Last successful check with list statistics, per page, on or before `at` (Asia/Shanghai dates). */
export function observePages(
  pages: readonly SitePage[],
  checks: readonly SiteCheck[],
  at: IsoDate,
): Map<string | null, PageObservation> {
  const byPage = new Map<string | null, PageObservation>();
  const known = new Set(pages.map((p) => p.id));
  const days = dayOfChecks(checks);
  for (const [i, check] of checks.entries()) {
    if (!check.ok || check.itemCount === undefined) continue;
    const id = check.columnId ?? null;
    if (!known.has(id)) continue;
    const day = days[i]!;
    if (day > at) continue;
    const seen = byPage.get(id);
    if (seen && seen.check.checkedAt >= check.checkedAt) continue;
    byPage.set(id, {
      page: pages.find((p) => p.id === id)!,
      check,
      checkedOn: day,
      itemCount: check.itemCount,
      undatedCount: check.undatedCount ?? 0,
      newestItemDate: check.newestItemDate ?? null,
    });
  }
  return byPage;
}

const checkDays = new WeakMap<readonly SiteCheck[], IsoDate[]>();

/**
 * The Asia/Shanghai day of each check, in the list's order. Computed once per list: a sweep judges
 * every site on many days, and turning instants into local days is the costly part.
 */
export function dayOfChecks(checks: readonly SiteCheck[]): IsoDate[] {
  let days = checkDays.get(checks);
  if (!days) {
    days = checks.map((c) => shanghaiDate(c.checkedAt));
    checkDays.set(checks, days);
  }
  return days;
}

const observations = new WeakMap<readonly SiteCheck[], Map<string, Map<string | null, PageObservation>>>();

/** observePages, remembered per checks list and day: a sweep judges each site-day many times. */
function observedOn(pages: readonly SitePage[], checks: readonly SiteCheck[], at: IsoDate) {
  let byDay = observations.get(checks);
  if (!byDay) {
    byDay = new Map();
    observations.set(checks, byDay);
  }
  const key = `${at}|${pages.map((p) => p.url).join(' ')}`;
  let seen = byDay.get(key);
  if (!seen) {
    seen = observePages(pages, checks, at);
    byDay.set(key, seen);
  }
  return seen;
}

/** The first day a page whose newest item is `newest` counts as not updated within `maxAge`. */
export function staleFrom(newest: IsoDate, maxAge: MaxAge): IsoDate {
  return 'days' in maxAge ? addDays(newest, maxAge.days + 1) : addDays(addMonths(newest, maxAge.months), 1);
}

/** Judges one site rule on day `at` from the site's checks. */
export function assessSiteRule(
  rule: SiteRule,
  source: Pick<Source, 'homepage' | 'name' | 'columns'>,
  checks: readonly SiteCheck[],
  at: IsoDate,
): RuleOutcome {
  if (rule.measure === 'availability') return assessAvailability(rule, checks, at);
  const pages = sitePages(source);
  const seen = observedOn(pages, checks, at);
  const groups =
    rule.measure === 'stale-columns'
      ? rule.groups
      : [
          {
            columnKinds: rule.columnKinds ?? pages.filter((p) => p.kind !== 'home').map((p) => p.kind),
            maxAge: null,
          },
        ];
  const offenders: Offender[] = [];
  const observed: PageObservation[] = [];
  const unobserved: SitePage[] = [];
  const upcoming: IsoDate[] = [];
  for (const page of pages) {
    const group = groups.find((g) => g.columnKinds.includes(page.kind));
    if (!group) continue;
    const observation = seen.get(page.id);
    if (!observation) {
      unobserved.push(page);
      continue;
    }
    observed.push(observation);
    if (group.maxAge === null) {
      if (observation.itemCount === 0) offenders.push({ observation, offence: 'blank' });
      continue;
    }
    if (observation.newestItemDate === null) {
      offenders.push({ observation, offence: observation.itemCount === 0 ? 'blank' : 'undated' });
      continue;
    }
    const since = staleFrom(observation.newestItemDate, group.maxAge);
    if (since <= at) offenders.push({ observation, offence: 'stale', staleSince: since });
    else upcoming.push(since);
  }
  const threshold = rule.atLeast;
  const status = observed.length === 0 ? 'no-data' : offenders.length >= threshold ? 'tripped' : 'clear';
  upcoming.sort();
  const tripsOn =
    status === 'clear' && rule.measure === 'stale-columns'
      ? (upcoming[threshold - offenders.length - 1] ?? null)
      : null;
  return { at, status, count: offenders.length, threshold, offenders, observed, unobserved, tripsOn };
}

function assessAvailability(rule: AvailabilityRule, checks: readonly SiteCheck[], at: IsoDate): RuleOutcome {
  const from = addDays(at, 1 - rule.windowDays);
  let total = 0;
  let failed = 0;
  const days = dayOfChecks(checks);
  for (const [i, check] of checks.entries()) {
    const day = days[i]!;
    if (day < from || day > at || check.notVisited) continue;
    total += 1;
    if (!check.ok || (check.latencyMs ?? 0) > rule.slowMs) failed += 1;
  }
  const share = total === 0 ? 0 : failed / total;
  return {
    at,
    status: total === 0 ? 'no-data' : share >= rule.maxFailedShare ? 'tripped' : 'clear',
    count: failed,
    threshold: Math.max(1, Math.ceil(rule.maxFailedShare * total)),
    offenders: [],
    observed: [],
    unobserved: [],
    tripsOn: null,
    availability: { total, failed, share, from, to: at },
  };
}
