import { minDate, shanghaiDate } from '../../dates';
import { presenceOn } from '../published-on';
import { type Assigner, type Assignment, candidate } from './assignment';

/** Enough documents per continuous check window to show presence; more would only repeat it. */
const PER_WINDOW = 3;

/**
 * Continuous: each check window the document stood in its column at the window end (or as of now),
 * keeping the PER_WINDOW earliest-published documents per window, and as many lapses.
 */
export const assignContinuous: Assigner = (matched, { periods, asOf }) => {
  const present = new Map<string, number>();
  const removed = new Map<string, number>();
  const take = (count: Map<string, number>, key: string): boolean => {
    const n = count.get(key) ?? 0;
    count.set(key, n + 1);
    return n < PER_WINDOW;
  };
  return matched.map((m) => {
    const assignments: Assignment[] = [];
    const firstSeen = shanghaiDate(m.doc.firstSeen);
    for (const p of periods) {
      if (p.start > asOf) break;
      const at = minDate(p.end, asOf);
      if (at < firstSeen) continue;
      const presence = presenceOn(m.doc, at, firstSeen);
      if (presence.present) {
        if (take(present, p.key))
          assignments.push({ period: p, kind: 'match', how: `in its column on ${at}` });
      } else if (presence.since && take(removed, p.key)) {
        assignments.push(candidate(p, `removed from its column on ${presence.since}`));
      }
    }
    return { m, assignments };
  });
};
