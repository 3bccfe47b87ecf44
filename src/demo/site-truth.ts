/**
 * The demo's ground truth for site rules (the website-inspection rule pack and any rule written with
 * `evidence.site`): what each demo site shows the monitor at every sweep, derived from the content
 * the portal serves, and the verdict and veto forecast that follow from the rules as the pack and
 * docs/verdicts.md state them. It does not call the monitor's site-measures code: the end-to-end
 * test is only worth something if the two are derived separately.
 *
 * What a sweep sees of a site on day `d`, from the content alone:
 * - the site is up unless it is `down` or in one of its `outages`; a sweep of a site that is down
 *   fails every visit (the home page and each column);
 * - the home page lists the site's newest items (as of the day before `home.frozenFrom` once frozen)
 *   and its pinned links, which carry no date;
 * - each column lists every visible item; a column robots.txt forbids is never read and, as no
 *   request is made, is no visit either;
 * - the newest date of a page is the newest date shown; undated items never count as updates.
 */
import { addDays, addMonths, daysBetween, type IsoDate, minDate } from '../core/dates';
import type { Obligation } from '../core/obligation';
import type { Period } from '../core/period';
import type { SiteRule } from '../core/site-rule';
import type { ColumnKind } from '../core/source';
import type { VerdictKind } from '../core/verdict';
import {
  type DemoContent,
  type DemoSite,
  homeContentDay,
  isDisallowed,
  isVisible,
  outageOn,
} from './content';
import { HOME_LATEST } from './render';

/** What one sweep read of one page: how many items it listed and the newest date shown. */
export interface DemoPageSight {
  /** Column id; null for the home page. */
  pageId: string | null;
  kind: ColumnKind | 'home';
  itemCount: number;
  newest: IsoDate | null;
}

/** What one sweep saw of a site. */
export interface DemoSweepSight {
  day: IsoDate;
  up: boolean;
  /** Requests that count as visits (home page and every column robots.txt allows). */
  visits: number;
  failedVisits: number;
  /** Pages read successfully, by column id (null: home). */
  pages: Map<string | null, DemoPageSight>;
}

/** What a sweep on `day` sees of `site`, from the content alone. */
export function demoSweepSight(content: DemoContent, site: DemoSite, day: IsoDate): DemoSweepSight {
  const entries = content.entries.get(site.id) ?? [];
  const readable = site.columns.filter((column) => !isDisallowed(site, column.path));
  const visits = 1 + readable.length;
  const up = site.down === undefined && outageOn(site, day) === undefined;
  const pages = new Map<string | null, DemoPageSight>();
  if (!up) return { day, up, visits, failedVisits: visits, pages };
  const newestOf = (shown: IsoDate[]) => shown.reduce<IsoDate | null>((a, b) => (a && a > b ? a : b), null);
  const homeDay = homeContentDay(site, day);
  const onHome = entries.filter((entry) => isVisible(entry, homeDay));
  pages.set(null, {
    pageId: null,
    kind: 'home',
    itemCount: Math.min(HOME_LATEST, onHome.length) + site.home.pinned.length,
    newest: newestOf(onHome.map((entry) => entry.shown)),
  });
  for (const column of readable) {
    const listed = entries.filter((entry) => entry.columnId === column.id && isVisible(entry, day));
    pages.set(column.id, {
      pageId: column.id,
      kind: column.kind,
      itemCount: listed.length,
      newest: newestOf(listed.map((entry) => entry.shown)),
    });
  }
  return { day, up, visits, failedVisits: 0, pages };
}

/** A site rule as it stands on one day. */
export interface DemoRuleState {
  status: 'tripped' | 'clear' | 'no-data';
  offenders: number;
  /** Clear freshness rules: the first day the rule trips if nothing new appears (null: never). */
  tripsOn: IsoDate | null;
}

/** "Not updated within 2 weeks / 6 months": the last day a page whose newest item is `newest` is still fresh. */
function freshUntil(newest: IsoDate, maxAge: { days: number } | { months: number }): IsoDate {
  return 'days' in maxAge ? addDays(newest, maxAge.days) : addMonths(newest, maxAge.months);
}

/**
 * The rule on day `day`, from the sweeps up to then (`sights`, oldest first): each page as the last
 * sweep that read it saw it, judged on `day`.
 */
export function demoRuleState(
  rule: SiteRule,
  site: DemoSite,
  sights: readonly DemoSweepSight[],
  day: IsoDate,
): DemoRuleState {
  const upTo = sights.filter((s) => s.day <= day);
  if (rule.measure === 'availability') {
    const from = addDays(day, 1 - rule.windowDays);
    const window = upTo.filter((s) => s.day >= from);
    const visits = window.reduce((n, s) => n + s.visits, 0);
    const failed = window.reduce((n, s) => n + s.failedVisits, 0);
    if (visits === 0) return { status: 'no-data', offenders: 0, tripsOn: null };
    return {
      status: failed / visits >= rule.maxFailedShare ? 'tripped' : 'clear',
      offenders: failed,
      tripsOn: null,
    };
  }
  const pageIds: (string | null)[] = [null, ...site.columns.map((c) => c.id)];
  const kindOf = (id: string | null): ColumnKind | 'home' =>
    id === null ? 'home' : site.columns.find((c) => c.id === id)!.kind;
  let offenders = 0;
  let observed = 0;
  const freshEnds: IsoDate[] = [];
  for (const id of pageIds) {
    const kind = kindOf(id);
    const covered =
      rule.measure === 'blank-columns'
        ? kind !== 'home' && (rule.columnKinds === undefined || rule.columnKinds.includes(kind))
        : rule.groups.some((g) => (g.columnKinds as string[]).includes(kind));
    if (!covered) continue;
    const seen = [...upTo]
      .reverse()
      .find((s) => s.pages.has(id))
      ?.pages.get(id);
    if (!seen) continue;
    observed++;
    if (rule.measure === 'blank-columns') {
      if (seen.itemCount === 0) offenders++;
      continue;
    }
    const group = rule.groups.find((g) => (g.columnKinds as string[]).includes(kind))!;
    if (seen.newest === null) {
      offenders++;
      continue;
    }
    const until = freshUntil(seen.newest, group.maxAge);
    if (until < day) offenders++;
    else freshEnds.push(addDays(until, 1));
  }
  if (observed === 0) return { status: 'no-data', offenders, tripsOn: null };
  if (offenders >= rule.atLeast) return { status: 'tripped', offenders, tripsOn: null };
  freshEnds.sort();
  const tripsOn = rule.measure === 'stale-columns' ? (freshEnds[rule.atLeast - offenders - 1] ?? null) : null;
  return { status: 'clear', offenders, tripsOn };
}

export interface SiteTruthContext {
  content: DemoContent;
  asOf: IsoDate;
  /** Sweep days on or before asOf, oldest first. */
  sweeps: readonly IsoDate[];
  warningDays: number;
}

const sightCache = new WeakMap<DemoContent, Map<string, DemoSweepSight>>();

/** The sweeps of one site up to `asOf`, computed once per content, site and day. */
export function demoSiteSights(
  content: DemoContent,
  site: DemoSite,
  sweeps: readonly IsoDate[],
): DemoSweepSight[] {
  let cache = sightCache.get(content);
  if (!cache) {
    cache = new Map();
    sightCache.set(content, cache);
  }
  return sweeps.map((day) => {
    const key = `${site.id}|${day}`;
    let sight = cache.get(key);
    if (!sight) {
      sight = demoSweepSight(content, site, day);
      cache.set(key, sight);
    }
    return sight;
  });
}

/**
 * The verdict of one period of a site-rule obligation: `missing` when the rule stood tripped on a
 * sweep day of the window or on its last day so far; `insufficient-data` when the site was not read
 * in the window (freshness rules) or nothing was observed; else `met`, or `due-soon` while the
 * window runs and the rule trips within the warning days.
 */
export function judgeDemoSiteRule(
  obligation: Obligation,
  period: Period,
  ctx: SiteTruthContext,
): { kind: VerdictKind; reason: string } {
  const rule = obligation.evidence.site!;
  const site = ctx.content.sites.find((s) => s.id === obligation.site);
  if (ctx.asOf < period.start) return { kind: 'pending', reason: 'window not started' };
  if (!site) return { kind: 'insufficient-data', reason: `no demo site ${obligation.site}` };
  const at = minDate(period.end, ctx.asOf);
  const sights = demoSiteSights(ctx.content, site, ctx.sweeps);
  const inWindow = sights.filter((s) => s.day >= period.start && s.day <= at);
  const days = [...new Set([...inWindow.map((s) => s.day), at])].sort();
  const states = days.map((day) => ({ day, state: demoRuleState(rule, site, sights, day) }));
  const tripped = states.find((s) => s.state.status === 'tripped');
  const last = states.at(-1)!;
  const read = inWindow.some((s) => s.up);
  if ((tripped ?? last).state.status === 'no-data' || (rule.measure !== 'availability' && !read)) {
    return { kind: 'insufficient-data', reason: `${site.id} not read between ${period.start} and ${at}` };
  }
  if (tripped) return { kind: 'missing', reason: `${tripped.state.offenders} offending on ${tripped.day}` };
  const tripsOn = last.state.tripsOn;
  const soon =
    ctx.asOf <= period.end &&
    tripsOn !== null &&
    daysBetween(ctx.asOf, tripsOn) <= (rule.warnDays ?? ctx.warningDays);
  return soon
    ? { kind: 'due-soon', reason: `trips on ${tripsOn}` }
    : { kind: 'met', reason: tripsOn ? `clear; would trip on ${tripsOn}` : 'clear' };
}

/** The expected 政府网站单项否决预警 of one site as of a date. */
export interface ExpectedForecast {
  sourceId: string;
  /** Rule-pack ids (templates) of the vetoes tripped on asOf, in catalogue order. */
  tripped: string[];
  /** The veto that trips first if nothing new is published (earliest date; catalogue order on a tie). */
  next: { template: string; on: IsoDate } | null;
}

/** One forecast per demo site that has veto rules among `obligations` (expanded), as of ctx.asOf. */
export function expectedForecasts(
  obligations: readonly Obligation[],
  ctx: SiteTruthContext,
): ExpectedForecast[] {
  const out: ExpectedForecast[] = [];
  for (const site of ctx.content.sites) {
    const vetoes = obligations.filter((o) => o.site === site.id && o.evidence.site?.veto);
    if (vetoes.length === 0) continue;
    const sights = demoSiteSights(ctx.content, site, ctx.sweeps);
    const states = vetoes.map((o) => ({
      template: o.template ?? o.id,
      state: demoRuleState(o.evidence.site!, site, sights, ctx.asOf),
    }));
    let next: ExpectedForecast['next'] = null;
    for (const { template, state } of states) {
      if (state.status === 'clear' && state.tripsOn && (next === null || state.tripsOn < next.on))
        next = { template, on: state.tripsOn };
    }
    out.push({
      sourceId: site.id,
      tripped: states.filter((s) => s.state.status === 'tripped').map((s) => s.template),
      next,
    });
  }
  return out;
}
