/**
 * Health checks are append-only and written in time order, and a sweep judges against all of them
 * since the plan year began: by December that is thousands per sweep. A process therefore keeps the
 * checks it has read and asks the store only for newer ones (the local runner runs a year of sweeps
 * in one process; a warm Lambda container gains the same).
 */

import { byText } from '../core/compare';
import type { HealthCheck, HealthStore } from '../store/ports';

interface SourceHistory {
  checks: HealthCheck[];
  seen: Set<string>;
  newest?: string;
}

const histories = new WeakMap<HealthStore, Map<string, SourceHistory>>();

function identity(check: HealthCheck): string {
  return `${check.checkedAt}|${check.columnId ?? '-'}|${check.url}`;
}

/** Every check of each source up to the instant `to` (inclusive), reading only what is new. */
export async function checksUpTo(
  health: HealthStore,
  sourceIds: readonly string[],
  to: string,
): Promise<Map<string, HealthCheck[]>> {
  let bySource = histories.get(health);
  if (!bySource) {
    bySource = new Map();
    histories.set(health, bySource);
  }
  const cache = bySource;
  const entries = await Promise.all(
    sourceIds.map(async (id) => {
      const history = cache.get(id) ?? { checks: [], seen: new Set<string>() };
      cache.set(id, history);
      // `from` is inclusive: checks at the newest instant come back again and are skipped by identity.
      const fresh = await health.listChecks(id, history.newest ? { from: history.newest } : {});
      for (const check of fresh) {
        const key = identity(check);
        if (history.seen.has(key)) continue;
        history.seen.add(key);
        history.checks.push(check);
        if (!history.newest || check.checkedAt > history.newest) history.newest = check.checkedAt;
      }
      history.checks.sort(byText((c) => c.checkedAt));
      return [id, history.checks.filter((c) => c.checkedAt <= to)] as const;
    }),
  );
  return new Map(entries);
}
