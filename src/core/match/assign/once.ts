import { type Assigner, candidate, namesOutside, nearest, planYearRange, quoted } from './assignment';

// Only a name (中考, 高考) identifies a once period in a title; a date label says nothing more.
const HAS_DIGIT = /[\d一二三四五六七八九十]/;

/** Once: any document since the plan-year start counts; with several dates, the window decides. */
export const assignOnce: Assigner = (matched, { periods, year, named: namedIn, relevant }) => {
  const plan = planYearRange(year);
  return matched.map((m) => {
    const d = m.pub.date;
    const named = namedIn(m.doc);
    const outside = namesOutside(named, plan);
    if (outside) {
      return {
        m,
        assignments: relevant(d)
          ? [candidate(nearest(d, periods), `title names ${quoted(outside)}, outside the plan year`, outside)]
          : [],
      };
    }
    const labelled = periods.filter((p) => !HAS_DIGIT.test(p.label) && m.doc.title.includes(p.label));
    if (labelled.length > 0) {
      return {
        m,
        assignments: labelled.map((p) => ({
          period: p,
          kind: 'match' as const,
          how: `title names “${p.label}”`,
        })),
      };
    }
    if (d < plan.start) {
      return {
        m,
        assignments: relevant(d) ? [candidate(periods[0]!, 'published before the plan year')] : [],
      };
    }
    const target =
      periods.length === 1
        ? periods[0]!
        : (periods.find((p) => p.start <= d && d <= p.end) ?? periods[periods.length - 1]!);
    return {
      m,
      assignments: [{ period: target, kind: 'match' as const, how: `published ${d}, in the plan year` }],
    };
  });
};
