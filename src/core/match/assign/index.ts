/**
 * One assigner per schedule kind: how a rule's matched documents become evidence (or near misses)
 * for an obligation's periods. docs/matching.md describes each.
 */
import type { Schedule } from '../../schedule';
import type { Assigner } from './assignment';
import { assignContinuous } from './continuous';
import { assignEvent } from './event';
import { assignOnce } from './once';
import { assignRecurring } from './recurring';
import { assignUnspecified } from './unspecified';

export type { AssignContext, Assigner, Assignment, Matched } from './assignment';
export { relevanceWindow } from './assignment';

/** The assigner for a schedule kind; recurring and seasonal kinds share one. */
export function assignerFor(kind: Schedule['kind']): Assigner {
  switch (kind) {
    case 'continuous':
      return assignContinuous;
    case 'once':
      return assignOnce;
    case 'unspecified':
      return assignUnspecified;
    case 'event':
      return assignEvent;
    default:
      return assignRecurring;
  }
}
