/**
 * Chaos for the demo portal: a seeded share of requests is answered with a fault a real
 * government site produces (overload statuses, rate limiting, dropped connections, bodies that
 * stall or end early). The same seed gives the same faults for the same requests, whatever order
 * the crawler sends them in, so a chaos run can be replayed.
 */
import { seededRandom } from '../core/seeded-random';
import type { DemoChaos, DemoFault } from './portal';

/** What a seeded chaos function injected so far, per fault. */
export type ChaosCounts = Record<DemoFaultName, number>;

export type DemoFaultName = '503' | '500' | '429' | 'reset' | 'truncate' | 'stall';

export interface SeededChaos extends DemoChaos {
  /** Requests seen and faults injected so far. */
  stats(): { requests: number; injected: ChaosCounts };
}

/**
 * Relative weight of each fault among injected ones. Stalls are rare because each costs the
 * crawler a full body timeout.
 */
const FAULT_WEIGHTS: [DemoFaultName, number][] = [
  ['503', 30],
  ['500', 15],
  ['429', 20],
  ['reset', 15],
  ['truncate', 17],
  ['stall', 3],
];

const FAULTS: Record<DemoFaultName, DemoFault> = {
  '503': { kind: 'status', status: 503 },
  '500': { kind: 'status', status: 500 },
  '429': { kind: 'status', status: 429, retryAfterSeconds: 1 },
  reset: { kind: 'reset' },
  truncate: { kind: 'truncate' },
  stall: { kind: 'stall' },
};

/**
 * A chaos hook for startDemoPortal that faults about `rate` of all requests.
 *
 * The decision for a request depends on the seed, the site, the path, the simulated date and how
 * many times that URL was already asked for that day, so a retry draws again (and usually passes).
 *
 * @param seed any integer; the same seed replays the same faults
 * @param rate share of requests to fault, in [0, 1]
 */
export function seededChaos(seed: number, rate = 0.1): SeededChaos {
  if (!Number.isInteger(seed)) throw new RangeError(`chaos seed must be an integer, got ${seed}`);
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`chaos rate must be within [0, 1], got ${rate}`);
  const visits = new Map<string, number>();
  const injected = Object.fromEntries(FAULT_WEIGHTS.map(([name]) => [name, 0])) as ChaosCounts;
  let requests = 0;
  const total = FAULT_WEIGHTS.reduce((a, [, w]) => a + w, 0);

  const chaos = ((request) => {
    requests++;
    const key = `${request.date}|${request.siteId}|${request.path}`;
    const visit = (visits.get(key) ?? 0) + 1;
    visits.set(key, visit);
    const random = seededRandom(hash32(`${seed}|${key}|${visit}`));
    if (random() >= rate) return undefined;
    let pick = random() * total;
    for (const [name, weight] of FAULT_WEIGHTS) {
      pick -= weight;
      if (pick < 0) {
        injected[name]++;
        return FAULTS[name];
      }
    }
    return undefined;
  }) as SeededChaos;
  chaos.stats = () => ({ requests, injected: { ...injected } });
  return chaos;
}

/** FNV-1a: a stable 32-bit seed from a string. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
