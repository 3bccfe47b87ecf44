/**
 * Routine content: the work news and notices a department site publishes week after week that
 * evidence nothing (meetings, training, study sessions, office notices). Real sites carry a few such
 * items a week, and they are what keeps a home page and its news columns fresh; without them every
 * demo site would look abandoned and trip the home-page veto.
 *
 * A column declares a cadence (`routine`); this module expands it into ordinary items, so they obey
 * the same visibility, freeze and outage rules as every other item. Titles come from a small
 * vocabulary chosen so that no title matches any obligation's keywords or patterns (a unit test
 * checks every expanded title against the catalogue), and they carry no year or date, which the
 * matcher would read as a period. Expansion is deterministic: a seeded generator per site, column
 * and period, never Math.random.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { addDays, endOfMonth, type IsoDate, IsoDateSchema, isoDate, mondayOf, weekday } from '../core/dates';
import { seededRandom } from '../core/seeded-random';

export const DemoRoutineSchema = z
  .object({
    per: z.enum(['week', 'month']),
    count: z.number().int().min(1).max(5).describe('Items per week or month, on distinct working weekdays'),
    from: IsoDateSchema.describe('First day an item may appear'),
    to: IsoDateSchema.describe('Last day an item may appear'),
    author: z
      .string()
      .min(1)
      .optional()
      .describe('Who the titles name (default: the site name without a bracketed second name)'),
    vocabulary: z
      .enum(['news', 'notice'])
      .optional()
      .describe('Work news or office notices (default: news for a news column, notice otherwise)'),
  })
  .refine((routine) => routine.from <= routine.to, {
    message: '`from` must not be after `to`',
    path: ['to'],
  });
export type DemoRoutine = z.infer<typeof DemoRoutineSchema>;

/** Where a routine is expanded: the seed and the defaults come from here. */
export interface RoutinePlace {
  siteId: string;
  siteName: string;
  columnId: string;
  columnKind: string;
}

/** A routine item: a title on a day, nothing else (no attachment, no evidence). */
export interface RoutineItem {
  title: string;
  published: IsoDate;
}

const TOPICS = [
  '党风廉政建设',
  '机关作风建设',
  '“两学一做”学习教育',
  '精神文明创建',
  '创建全国文明城市',
  '档案管理',
  '保密',
  '机关效能建设',
  '干部队伍建设',
  '基层党组织建设',
  '节能降耗',
  '法治机关建设',
];

const PLACES = ['蓬江区', '江海区', '新会区', '台山市', '开平市', '鹤山市', '恩平市'];

const GROUPS = ['党支部', '团支部', '工会', '妇委会'];

/** Templates: {a} author, {t} topic, {p} place (a district or county-level city), {g} a staff group. */
export const ROUTINE_TEMPLATES: Record<'news' | 'notice', readonly string[]> = {
  news: [
    '{a}召开{t}工作会议',
    '{a}开展{t}主题活动',
    '{a}领导赴{p}调研{t}工作',
    '{a}举办{t}专题培训班',
    '{a}召开党组理论学习中心组学习会',
    '{a}机关{g}开展志愿服务活动',
    '{a}机关{g}赴{p}开展主题党日活动',
    '{p}有关负责同志到{a}交流{t}工作',
    '{a}部署推进{t}工作',
    '{a}召开全体干部职工大会',
  ],
  notice: [
    '{a}关于开展{t}活动的通知',
    '{a}关于举办{t}培训班的通知',
    '{a}关于调整对外办公时间的公告',
    '{a}关于做好节假日值班工作的通知',
    '{a}关于公开遴选机关工作人员的公告',
    '{a}关于征集{t}意见建议的公告',
    '{a}关于机关办公场所临时调整的公告',
  ],
};

/** Every title the vocabulary can make for `author` (for checking it against the catalogue). */
export function allRoutineTitles(author: string): string[] {
  const out = new Set<string>();
  for (const template of [...ROUTINE_TEMPLATES.news, ...ROUTINE_TEMPLATES.notice])
    for (const t of TOPICS)
      for (const p of PLACES) for (const g of GROUPS) out.add(fill(template, { a: author, t, p, g }));
  return [...out];
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w)\}/g, (whole, name: string) => slots[name] ?? whole);
}

/** The site name without a bracketed second name: 江门市农业局（江门市扶贫开发办公室） → 江门市农业局. */
export function routineAuthor(siteName: string): string {
  return siteName.replace(/[（(][^（）()]*[）)]$/, '');
}

/**
 * Expands a routine cadence into items: `count` distinct working weekdays of each week (Monday to
 * Friday) or month, kept when they fall between `from` and `to`. The days of a week or month do not
 * depend on `from` and `to`, so moving them only adds or drops items at the ends.
 */
export function expandRoutine(routine: DemoRoutine, place: RoutinePlace): RoutineItem[] {
  const vocabulary = routine.vocabulary ?? (place.columnKind === 'news' ? 'news' : 'notice');
  const templates = ROUTINE_TEMPLATES[vocabulary];
  const author = routine.author ?? routineAuthor(place.siteName);
  const items: RoutineItem[] = [];
  for (const { key, days } of routinePeriods(routine)) {
    const random = seededRandom(hash32(`${place.siteId}|${place.columnId}|${key}`));
    const chosen = pick(days, Math.min(routine.count, days.length), random).sort();
    for (const day of chosen) {
      if (day < routine.from || day > routine.to) continue;
      const slots = {
        a: author,
        t: pick(TOPICS, 1, random)[0]!,
        p: pick(PLACES, 1, random)[0]!,
        g: pick(GROUPS, 1, random)[0]!,
      };
      items.push({ title: fill(pick(templates, 1, random)[0]!, slots), published: day });
    }
  }
  return items;
}

/** The weeks or months the routine touches, each with its working weekdays. */
function routinePeriods(routine: DemoRoutine): { key: string; days: IsoDate[] }[] {
  const out: { key: string; days: IsoDate[] }[] = [];
  if (routine.per === 'week') {
    for (let monday = mondayOf(routine.from); monday <= routine.to; monday = addDays(monday, 7)) {
      out.push({ key: monday, days: [0, 1, 2, 3, 4].map((n) => addDays(monday, n)) });
    }
    return out;
  }
  let [year, month] = routine.from.split('-').map(Number) as [number, number];
  for (let start = isoDate(year, month, 1); start <= routine.to; start = isoDate(year, month, 1)) {
    const days: IsoDate[] = [];
    for (let day = start; day <= endOfMonth(year, month); day = addDays(day, 1)) {
      if (weekday(day) <= 5) days.push(day);
    }
    out.push({ key: start.slice(0, 7), days });
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return out;
}

/** `n` distinct elements, drawn without replacement. */
function pick<T>(from: readonly T[], n: number, random: () => number): T[] {
  const pool = [...from];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

function hash32(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}
