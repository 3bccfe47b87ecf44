import type { Period } from '../../period';
import { type Assigner, candidate } from './assignment';

/** Event: the latest recorded event on or before the publication date. */
export const assignEvent: Assigner = (matched, { periods, relevant }) =>
  matched.map((m) => {
    const d = m.pub.date;
    let target: Period | undefined;
    for (const p of periods) if (p.start <= d) target = p;
    if (target) {
      return {
        m,
        assignments: [
          {
            period: target,
            kind: 'match' as const,
            how: `published on or after the event of ${target.start}`,
          },
        ],
      };
    }
    return {
      m,
      assignments: relevant(d)
        ? [candidate(periods[0]!, `published before the event of ${periods[0]!.start}`)]
        : [],
    };
  });
