import type { Catalogue } from './obligation';
import { SCHEDULE_KINDS, type ScheduleKind } from './schedule';
import type { SourcesFile } from './source';

/** What `gongkai catalogue check` reports about a valid catalogue. */
export interface CatalogueSummary {
  issuer: string;
  year: number;
  obligations: number;
  byKind: Record<ScheduleKind, number>;
  /** Obligations per responsible unit; an obligation with several units counts for each. */
  byUnit: Record<string, number>;
  verifiable: number;
  unverifiable: number;
  /** Obligations a person still has to look at (non-empty `review`). */
  /** `item` is null for an obligation written by hand (no plan item). */
  openReview: { id: string; item: number | null; reasons: string[] }[];
}

/** Counts a catalogue by schedule kind, unit and verifiability, and lists its open review items. */
export function summarizeCatalogue(catalogue: Catalogue): CatalogueSummary {
  const byKind = Object.fromEntries(SCHEDULE_KINDS.map((kind) => [kind, 0])) as Record<ScheduleKind, number>;
  // A Map, not `{}`: unit names are user data, and `byUnit["constructor"]` would find a function.
  const byUnit = new Map<string, number>();
  let verifiable = 0;
  for (const obligation of catalogue.obligations) {
    byKind[obligation.schedule.kind]++;
    for (const unit of new Set(obligation.units)) byUnit.set(unit, (byUnit.get(unit) ?? 0) + 1);
    if (obligation.evidence.verifiable) verifiable++;
  }
  const sortedUnits = Object.fromEntries(
    [...byUnit].sort(([a, x], [b, y]) => y - x || a.localeCompare(b, 'zh-Hans-CN')),
  );
  return {
    issuer: catalogue.plan.issuer,
    year: catalogue.plan.year,
    obligations: catalogue.obligations.length,
    byKind,
    byUnit: sortedUnits,
    verifiable,
    unverifiable: catalogue.obligations.length - verifiable,
    openReview: catalogue.obligations
      .filter((o) => o.review.length > 0)
      .map((o) => ({ id: o.id, item: o.item ?? null, reasons: o.review })),
  };
}

/**
 * Verifiable obligations that no source carries: no unit of theirs (or of their evidence rule)
 * has a site in the sources file, so every sweep could only say "cannot tell". One line per
 * obligation, path first, like every other validation problem.
 */
export function uncoveredObligations(
  catalogue: Pick<Catalogue, 'obligations'>,
  sources: Pick<SourcesFile, 'sources'>,
): string[] {
  const carried = new Set(sources.sources.flatMap((s) => s.units));
  const problems: string[] = [];
  catalogue.obligations.forEach((obligation, i) => {
    // Scoped obligations (rule packs) are laid out over the sources themselves: never uncovered.
    if (!obligation.evidence.verifiable || obligation.scope !== 'units') return;
    const units = obligation.evidence.units ?? obligation.units;
    if (units.some((unit) => carried.has(unit))) return;
    const field = obligation.evidence.units ? 'evidence.units' : 'units';
    problems.push(
      `obligations[${i}].${field}: no source carries ${units.length ? units.join('、') : '(no unit)'} (${obligation.id}): add a source for it or mark the obligation unverifiable`,
    );
  });
  return problems;
}
