/** A small site and its checks for the site-rule tests. */
import type { IsoDate } from '../../../src/core/dates';
import { type Obligation, ObligationSchema } from '../../../src/core/obligation';
import type { SiteCheck } from '../../../src/core/site-measures';
import { type Source, SourceSchema } from '../../../src/core/source';

export function site(columns: { id: string; kind: string }[]): Source {
  return SourceSchema.parse({
    id: 'lyj',
    units: ['市旅游局'],
    name: '江门市旅游局',
    homepage: 'http://127.0.0.1:9/',
    allowPrivateNetwork: true,
    columns: columns.map((c) => ({ ...c, name: `栏目${c.id}`, url: `http://127.0.0.1:9/${c.id}/` })),
  });
}

/** A successful check on `day` (10:00 Beijing) of a column (or the home page: columnId undefined). */
export function seen(
  day: IsoDate,
  columnId: string | undefined,
  newest: IsoDate | null,
  itemCount = 20,
  undatedCount = 0,
): SiteCheck {
  return {
    checkedAt: `${day}T02:00:00.000Z`,
    ok: true,
    url: columnId ? `http://127.0.0.1:9/${columnId}/` : 'http://127.0.0.1:9/',
    ...(columnId ? { columnId } : {}),
    latencyMs: 120,
    itemCount,
    undatedCount,
    newestItemDate: newest,
    sha256: `sha-${day}-${columnId ?? 'home'}`,
  };
}

export function failed(day: IsoDate, columnId?: string, latencyMs = 15_001): SiteCheck {
  return {
    checkedAt: `${day}T02:00:00.000Z`,
    ok: false,
    url: 'http://127.0.0.1:9/',
    ...(columnId ? { columnId } : {}),
    latencyMs,
    error: 'timeout: no response',
  };
}

/** The raw catalogue entry of a rule-pack obligation judged by `rule`, monthly, for every site. */
export function siteRuleEntry(id: string, rule: unknown) {
  return {
    id,
    item: 1,
    category: null,
    task: id,
    units: [],
    unitsCarried: false,
    deadlineText: null,
    schedule: { kind: 'monthly', graceWorkingDays: 0 },
    review: [],
    source: { reference: '国办秘函〔2019〕19号' },
    scope: 'each-site',
    evidence: { site: rule },
  };
}

export const siteRuleObligation = (id: string, rule: unknown): Obligation =>
  ObligationSchema.parse(siteRuleEntry(id, rule));
