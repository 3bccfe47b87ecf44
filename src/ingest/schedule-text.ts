import { endOfMonth, type IsoDate } from '../core/dates';
import type { RecurringKind, Schedule } from '../core/schedule';
import { REVIEW } from './review';

/** A schedule read from text, with the reasons a person must still look at it. */
export interface ReadSchedule {
  schedule: Schedule;
  review: string[];
}

type EventWithin = { amount: number; unit: 'hours' | 'days' | 'workingDays' };

const WITHIN = /(\d+)\s*(个工作日|工作日|小时|日|天)(?:内|之内)?/;

/** 3个工作日 → 3 workingDays, 24小时内 → 24 hours, 20日内 → 20 days; null when none. */
export function readWithin(text: string): EventWithin | null {
  const match = WITHIN.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  const word = match[2]!;
  // 20日 alone may be a calendar date (7月20日): only 日 followed by 内 is a time limit.
  if ((word === '日' || word === '天') && !/^\d+\s*[日天](?:内|之内)/.test(match[0])) return null;
  const unit = word.includes('工作日') ? 'workingDays' : word === '小时' ? 'hours' : 'days';
  return { amount, unit };
}

/**
 * Reads the deadline cell (its lines, verbatim). Dates become `once` (a line holding only a year
 * gives the year of the next line's month: 2017年 / 3月底); 以后/后 and time limits become `event`;
 * 全年工作 becomes `annual`; 按…要求 defers to another rule. Never invents: what it cannot read
 * stays `unspecified` with a reason.
 */
export function readDeadline(lines: string[], planYear: number): ReadSchedule {
  const text = lines.join(' / ');
  const review: string[] = [];
  const dates: IsoDate[] = [];
  const labels: string[] = [];
  let pendingYear: number | null = null;
  for (const line of lines) {
    const yearOnly = /^(\d{4})年$/.exec(line.trim());
    if (yearOnly) {
      pendingYear = Number(yearOnly[1]);
      continue;
    }
    for (const found of datesIn(line, pendingYear ?? planYear)) {
      dates.push(found.date);
      labels.push(found.label);
    }
    pendingYear = null;
  }
  if (pendingYear !== null) {
    dates.push(`${pendingYear}-12-31`);
    labels.push('');
  }

  const within = readWithin(text);
  const trigger = /以后|之后|后(?:及时|的时间)/.test(text) || within !== null;
  const rule = /按[^/]*?(?:规定|要求|部署)/.exec(text);

  if (dates.length > 0 && !trigger) {
    if (rule) review.push(REVIEW.ongoingRule(rule[0]));
    const schedule: Schedule = { kind: 'once', dates };
    if (labels.some((label) => label !== '')) schedule.labels = labels;
    return { schedule, review };
  }
  if (rule && !within) {
    review.push(REVIEW.defersToRule(rule[0]));
    return { schedule: { kind: 'unspecified' }, review };
  }
  if (trigger) {
    if (!within) review.push(REVIEW.eventNoLimit(text));
    return { schedule: event(text, within), review };
  }
  if (/不定期/.test(text)) {
    review.push(REVIEW.eventNoTrigger(text));
    return { schedule: { kind: 'event', trigger: text }, review };
  }
  if (/全年/.test(text)) {
    review.push(REVIEW.wholeYear(text));
    return { schedule: { kind: 'annual' }, review };
  }
  const frequency = readFrequency(text);
  if (frequency) return { schedule: { kind: frequency.kind }, review };
  review.push(REVIEW.deadlineNotUnderstood(text));
  return { schedule: { kind: 'unspecified' }, review };
}

function event(trigger: string, within: EventWithin | null): Schedule {
  return within ? { kind: 'event', trigger, within } : { kind: 'event', trigger };
}

interface FoundDate {
  date: IsoDate;
  label: string;
}

/**
 * Month-end dates in one line: 6月底, 2016年7月底, 12月底前, 中考3月 (label 中考), 2017年底.
 * A bare month means its last day: the plan gives the month, the monitor needs a due date.
 */
export function datesIn(line: string, year: number): FoundDate[] {
  const found: FoundDate[] = [];
  const monthPattern = /(?:(\d{4})年)?(\d{1,2})月(?!\d{1,2}日)(?:底|末|份|前)*/g;
  for (const match of line.matchAll(monthPattern)) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) continue;
    const y = match[1] ? Number(match[1]) : year;
    const before = line.slice(0, match.index).trim();
    const label = before.length > 0 && before.length <= 4 && /^[\u4e00-\u9fff]+$/.test(before) ? before : '';
    found.push({ date: endOfMonth(y, month), label });
  }
  if (found.length === 0) {
    const yearEnd = /(\d{4})年(?:底|末|内)|年底|年末/.exec(line);
    if (yearEnd) found.push({ date: `${yearEnd[1] ?? year}-12-31`, label: '' });
  }
  return found;
}

const FREQUENCIES: { pattern: RegExp; kind: RecurringKind }[] = [
  { pattern: /每周|周报/, kind: 'weekly' },
  { pattern: /每月|月报|按月/, kind: 'monthly' },
  { pattern: /每季度|每季|季报|按季/, kind: 'quarterly' },
  { pattern: /每半年|半年报/, kind: 'semiannual' },
  { pattern: /每年|年报|按年/, kind: 'annual' },
];

/** The first frequency word in a text (每周 → weekly, 季报 → quarterly …), with the words matched. */
export function readFrequency(text: string): { kind: RecurringKind; phrase: string } | null {
  let best: { kind: RecurringKind; phrase: string; index: number } | null = null;
  for (const { pattern, kind } of FREQUENCIES) {
    const match = pattern.exec(text);
    if (match && (!best || match.index < best.index)) best = { kind, phrase: match[0], index: match.index };
  }
  return best ? { kind: best.kind, phrase: best.phrase } : null;
}

/** 流行季节(4—10月)定期 → April to October; `every` is monthly unless 每周 is written. */
export function readSeason(text: string): ReadSchedule | null {
  const match =
    /(?:流行季节|汛期|季节)?[(（]?(\d{1,2})\s*月?\s*[—–\-~～至到]\s*(\d{1,2})\s*月[)）]?[^，,。；;定每]{0,4}(定期|每周|每月)/.exec(
      text,
    );
  if (!match) return null;
  const every = match[3] === '每周' ? 'weekly' : 'monthly';
  const review = match[3] === '定期' ? [REVIEW.vagueRegular(match[0])] : [];
  return {
    schedule: { kind: 'seasonal', fromMonth: Number(match[1]), toMonth: Number(match[2]), every },
    review,
  };
}

/**
 * A deadline written only in the task prose: 年底前, 7月底前, 2017年底前, 在2个工作日内, 24小时内,
 * 最迟不超过3个工作日. Time limits become events whose trigger is the clause they hang on.
 */
export function readProseDeadline(task: string, planYear: number): ReadSchedule | null {
  const within = readWithin(task);
  if (within) {
    const match = WITHIN.exec(task)!;
    return {
      schedule: { kind: 'event', trigger: triggerBefore(task, match.index), within },
      review: [REVIEW.proseDeadline(match[0])],
    };
  }
  const dated = /(?:\d{4}年(?:\d{1,2}月)?|\d{1,2}月|年)(?:底|末)前?/.exec(task);
  if (dated) {
    const dates = datesIn(dated[0], planYear);
    if (dates.length > 0) {
      return {
        schedule: { kind: 'once', dates: dates.map((d) => d.date) },
        review: [REVIEW.proseDeadline(dated[0])],
      };
    }
  }
  return null;
}

/** The event a time limit hangs on: the clause ending in 后 before it, else the clause before it. */
function triggerBefore(task: string, index: number): string {
  const sentenceStart = Math.max(...['。', '；', ';', '\n'].map((mark) => task.lastIndexOf(mark, index))) + 1;
  const head = task.slice(sentenceStart, index);
  const after = head.lastIndexOf('后');
  if (after >= 0) {
    const clauseStart = Math.max(...['，', ','].map((mark) => head.lastIndexOf(mark, after))) + 1;
    return head.slice(clauseStart, after + 1).trim();
  }
  const clauses = head.split(/[，,]/).filter((clause) => clause.trim() !== '');
  const last = clauses.at(-1)?.trim() ?? '';
  const lead = /^(?:应|须|必须|在|于|最迟)/.test(last) || /不超过|以内$/.test(last) ? clauses.at(-2) : last;
  return (lead ?? last).trim() || task.slice(sentenceStart, index).trim() || task;
}
