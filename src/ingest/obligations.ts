import type { DraftObligation } from '../core/obligation';
import type { RecurringKind, Schedule } from '../core/schedule';
import { REVIEW } from './review';
import { joinTaskLines, type PlanRow } from './row';
import {
  type ReadSchedule,
  readDeadline,
  readFrequency,
  readProseDeadline,
  readSeason,
} from './schedule-text';

interface Part {
  text: string;
  kind: RecurringKind | 'adhoc';
}

/**
 * Turns one plan row into draft obligations. A row whose task names several frequencies (每周公开
 * 食品…，每季度公开药品…) becomes one obligation per frequency, all with the row's item number.
 */
export function rowToObligations(row: PlanRow, planYear: number): DraftObligation[] {
  const task = joinTaskLines(row.taskLines);
  const deadlineText = row.deadlineLines.length > 0 ? row.deadlineLines.join(' / ') : null;
  const base = {
    item: row.item,
    category: row.category,
    task,
    units: row.units,
    unitsCarried: row.unitsCarried,
    ...(row.supportingUnits ? { supportingUnits: row.supportingUnits } : {}),
    deadlineText,
    source: { lines: row.lines },
  };
  const parts = frequencyParts(task);
  const kinds = new Set(parts.map((part) => part.kind));
  if (kinds.size >= 2) {
    const unscheduled = segments(task).filter((segment) => !partOf(segment, parts) && !isLead(segment));
    const distinct = parts.filter((part, i) => parts.findIndex((p) => p.kind === part.kind) === i);
    return distinct.map((part) => {
      const review = [...row.review, REVIEW.severalFrequencies(part.text)];
      for (const segment of unscheduled) review.push(REVIEW.partWithoutFrequency(segment));
      if (deadlineText) review.push(REVIEW.deadlineAndFrequency(deadlineText));
      let schedule: Schedule = { kind: part.kind as RecurringKind };
      if (part.kind === 'adhoc') {
        schedule = { kind: 'event', trigger: part.text };
        review.push(REVIEW.eventNoTrigger(part.text));
      }
      return { ...base, schedule, review };
    });
  }
  const read = decideSchedule(task, row.deadlineLines, parts[0], planYear);
  return [{ ...base, schedule: read.schedule, review: [...row.review, ...read.review] }];
}

function decideSchedule(
  task: string,
  deadlineLines: string[],
  frequency: Part | undefined,
  planYear: number,
): ReadSchedule {
  const recurring = frequency && frequency.kind !== 'adhoc' ? frequency : undefined;
  if (deadlineLines.length > 0) {
    const fromDeadline = readDeadline(deadlineLines, planYear);
    if (!recurring) return fromDeadline;
    const weak = fromDeadline.schedule.kind === 'unspecified' || fromDeadline.schedule.kind === 'annual';
    if (weak) {
      const review = fromDeadline.review.filter((reason) => !reason.includes('read as annual'));
      return { schedule: { kind: recurring.kind as RecurringKind }, review };
    }
    return {
      schedule: fromDeadline.schedule,
      review: [...fromDeadline.review, REVIEW.deadlineAndFrequency(frequency!.text)],
    };
  }
  if (recurring) return { schedule: { kind: recurring.kind as RecurringKind }, review: [] };
  if (frequency?.kind === 'adhoc') {
    return {
      schedule: { kind: 'event', trigger: frequency.text },
      review: [REVIEW.eventNoTrigger(frequency.text)],
    };
  }
  const season = readSeason(task);
  if (season) return season;
  const prose = readProseDeadline(task, planYear);
  if (prose) return prose;
  const lasting = /长期公示|长期公开|动态更新|动态调整|实时更新|常态化公开/.exec(task);
  if (lasting) return { schedule: { kind: 'continuous' }, review: [REVIEW.continuous(lasting[0])] };
  const vague = /(?<!不)定期[^，,。；;\n]{0,8}/.exec(task);
  if (vague) return { schedule: { kind: 'unspecified' }, review: [REVIEW.vagueRegular(vague[0])] };
  return { schedule: { kind: 'unspecified' }, review: [REVIEW.noDeadline] };
}

/** Clauses of a task: split at sentence and list punctuation outside parentheses. */
function segments(task: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of task) {
    if (char === '(' || char === '（') depth++;
    if (char === ')' || char === '）') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[，,；;。、\n]/.test(char)) {
      out.push(current);
      current = '';
    } else current += char;
  }
  out.push(current);
  return out.map((segment) => segment.trim()).filter((segment) => segment !== '');
}

/** Each clause that states its own frequency (每周…, 季报, (每月一次), (不定期)). */
function frequencyParts(task: string): Part[] {
  const parts: Part[] = [];
  for (const segment of segments(task)) {
    if (/(?<!不)定期/.test(segment) && readSeason(segment)) continue;
    const frequency = readFrequency(segment);
    if (frequency) parts.push({ text: segment, kind: frequency.kind });
    else if (/不定期/.test(segment)) parts.push({ text: segment, kind: 'adhoc' });
  }
  return parts;
}

function partOf(segment: string, parts: Part[]): boolean {
  return parts.some((part) => part.text === segment);
}

/** 做好…工作, 推进…公开: a lead-in that names the whole item, not a part needing its own schedule. */
function isLead(segment: string): boolean {
  return /^(?:做好|推进|加强|深化|推动|深入推进).{0,12}(?:工作|公开)$/.test(segment);
}
