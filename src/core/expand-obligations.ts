/**
 * Rule packs describe duties that bind every department or every site (the annual disclosure
 * report, the website-inspection indicators) without knowing a city's departments. Once the sources
 * are known, each such obligation becomes one concrete obligation per site or per unit, so periods,
 * matching, verdicts, flags and reports treat them like any plan obligation.
 */
import type { Catalogue, Obligation } from './obligation';
import type { Source } from './source';

/** Who "the government itself" is: policy.governmentUnits, else <issuer>人民政府. */
export function governmentUnits(catalogue: Pick<Catalogue, 'plan' | 'policy'>): string[] {
  return catalogue.policy?.governmentUnits ?? [`${catalogue.plan.issuer}人民政府`];
}

/**
 * The catalogue's obligations with scoped ones laid out over the sources: `each-site` → one per
 * source (id `<id>--<source id>`), `each-unit` → one per department running a site (the site's first
 * unit), except the government's own (id `<id>--<source id>`), `government` → the obligation with the government's units. Order is stable.
 */
export function expandObligations(
  catalogue: Pick<Catalogue, 'plan' | 'policy' | 'obligations'>,
  sources: readonly Pick<Source, 'id' | 'units'>[],
): Obligation[] {
  const government = governmentUnits(catalogue);
  return catalogue.obligations.flatMap((obligation) => layOut(obligation, sources, government));
}

function layOut(
  obligation: Obligation,
  sources: readonly Pick<Source, 'id' | 'units'>[],
  government: string[],
): Obligation[] {
  if (obligation.scope === 'government') return [{ ...obligation, units: government }];
  if (obligation.scope === 'each-site') {
    return sources.map((source) =>
      concrete(obligation, `${obligation.id}--${source.id}`, source.units, source.id),
    );
  }
  if (obligation.scope === 'each-unit') {
    return unitsOnSites(sources, government).map(({ unit, id }) =>
      concrete(obligation, `${obligation.id}--${id}`, [unit]),
    );
  }
  return [obligation];
}

function concrete(template: Obligation, id: string, units: string[], site?: string): Obligation {
  const { units: _ruleUnits, ...rule } = template.evidence;
  return {
    ...template,
    id,
    units,
    evidence: rule,
    template: template.id,
    ...(site ? { site } : {}),
  };
}

/**
 * The department that runs each site (its first unit), once, leaving out the government's own:
 * the other units a site lists are often collective names (市政府各部门) or departments whose
 * columns a portal hosts, and each of those answers for its own report elsewhere.
 */
function unitsOnSites(
  sources: readonly Pick<Source, 'id' | 'units'>[],
  government: readonly string[],
): { unit: string; id: string }[] {
  const seen = new Set(government);
  const out: { unit: string; id: string }[] = [];
  for (const source of sources) {
    const unit = source.units[0];
    if (!unit || seen.has(unit)) continue;
    seen.add(unit);
    out.push({ unit, id: source.id });
  }
  return out;
}
