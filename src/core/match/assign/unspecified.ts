import { type Assigner, candidate, namesOutside, planYearRange, quoted } from './assignment';

/** Unspecified: any document published in the plan year counts for the single period. */
export const assignUnspecified: Assigner = (matched, { periods, year, named: namedIn, relevant }) => {
  const plan = planYearRange(year);
  const period = periods[0]!;
  return matched.map((m) => {
    const d = m.pub.date;
    const outside = namesOutside(namedIn(m.doc), plan);
    if (outside) {
      return {
        m,
        assignments: relevant(d)
          ? [candidate(period, `title names ${quoted(outside)}, outside the plan year`, outside)]
          : [],
      };
    }
    if (d >= plan.start && d <= plan.end) {
      return {
        m,
        assignments: [{ period, kind: 'match' as const, how: `published ${d}, in the plan year` }],
      };
    }
    return {
      m,
      assignments: relevant(d) ? [candidate(period, 'published outside the plan year')] : [],
    };
  });
};
