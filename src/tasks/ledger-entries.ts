/**
 * What people enter by hand — recorded events, manual evidence, waivers — checked against the
 * catalogue and appended to the audit trail. The CLI (`gongkai event add`, `evidence add`, `waive`)
 * and the demo's ledger go through these functions, on AWS and locally alike.
 */

import { createHash } from 'node:crypto';
import type { IsoDate } from '../core/dates';
import { periodsFor } from '../core/periods';
import { DEFAULT_POLICY } from '../core/policy';
import { ValidationError } from '../core/validation';
import type { LedgerEntry } from '../store/ports';
import { calendarFor } from './assessment';
import type { TaskDeps } from './deps';
import { judgedCatalogue } from './judged-catalogue';

type Entry<T extends LedgerEntry['type']> = Extract<LedgerEntry, { type: T }>;

/** A stable id from the entry's content, so entering the same thing twice is refused, not doubled. */
export function contentId(type: string, parts: readonly string[]): string {
  return `${type}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16)}`;
}

function obligationOf(deps: TaskDeps, obligationId: string) {
  const obligation = judgedCatalogue(deps).obligations.find((o) => o.id === obligationId);
  if (!obligation) {
    throw new ValidationError('entry', [`obligation: no obligation "${obligationId}" in the catalogue`]);
  }
  return obligation;
}

function checkPeriod(
  deps: TaskDeps,
  obligationId: string,
  periodKey: string,
  events: { id: string; obligationId: string; date: IsoDate; note: string }[] = [],
) {
  const obligation = obligationOf(deps, obligationId);
  const periods = periodsFor(obligation, {
    year: deps.catalogue.plan.year,
    policy: deps.catalogue.policy ?? DEFAULT_POLICY,
    calendar: calendarFor(deps),
    events,
  });
  if (!periods.some((p) => p.key === periodKey)) {
    const keys = periods.map((p) => p.key);
    const shown = keys.length > 12 ? `${keys.slice(0, 12).join(', ')}, …` : keys.join(', ');
    throw new ValidationError('entry', [
      `period: "${periodKey}" is not a period of ${obligationId} (periods: ${shown || 'none'})`,
    ]);
  }
}

export interface AppendOutcome {
  id: string;
  appended: boolean;
}

async function append(deps: TaskDeps, entry: LedgerEntry): Promise<AppendOutcome> {
  return { id: entry.id, appended: await deps.stores.ledger.append(entry) };
}

/** Records an event that starts an `event` obligation's clock. */
export async function recordEvent(
  deps: TaskDeps,
  input: Omit<Entry<'event'>, 'type' | 'id' | 'at'> & { id?: string; at?: string },
): Promise<AppendOutcome> {
  const obligation = obligationOf(deps, input.obligationId);
  if (obligation.schedule.kind !== 'event') {
    throw new ValidationError('event', [
      `obligation: ${obligation.id} is not event-based (schedule ${obligation.schedule.kind})`,
    ]);
  }
  return append(deps, {
    type: 'event',
    id: input.id ?? contentId('event', [input.obligationId, input.date, input.note]),
    obligationId: input.obligationId,
    date: input.date,
    note: input.note,
    by: input.by,
    at: input.at ?? deps.now().toISOString(),
  });
}

/** Records evidence a person found (a URL and a note), marked as manual in every report. */
export async function recordManualEvidence(
  deps: TaskDeps,
  input: Omit<Entry<'manual-evidence'>, 'type' | 'id' | 'at'> & { id?: string; at?: string },
): Promise<AppendOutcome> {
  const events = await deps.stores.ledger.list('event');
  checkPeriod(deps, input.obligationId, input.periodKey, events);
  return append(deps, {
    type: 'manual-evidence',
    id: input.id ?? contentId('evidence', [input.obligationId, input.periodKey, input.url]),
    obligationId: input.obligationId,
    periodKey: input.periodKey,
    url: input.url,
    note: input.note,
    publishedOn: input.publishedOn,
    by: input.by,
    at: input.at ?? deps.now().toISOString(),
  });
}

/** Waives an obligation (or one period) for periods due on or before `until`. */
export async function recordWaiver(
  deps: TaskDeps,
  input: Omit<Entry<'waiver'>, 'type' | 'id' | 'at'> & { id?: string; at?: string },
): Promise<AppendOutcome> {
  if (input.periodKey) {
    const events = await deps.stores.ledger.list('event');
    checkPeriod(deps, input.obligationId, input.periodKey, events);
  } else {
    obligationOf(deps, input.obligationId);
  }
  return append(deps, {
    type: 'waiver',
    id:
      input.id ??
      contentId('waiver', [input.obligationId, input.periodKey ?? '*', input.until, input.reason]),
    obligationId: input.obligationId,
    ...(input.periodKey ? { periodKey: input.periodKey } : {}),
    reason: input.reason,
    until: input.until,
    by: input.by,
    at: input.at ?? deps.now().toISOString(),
  });
}
