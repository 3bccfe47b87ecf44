/**
 * Titles as lists show them: cut short with an ellipsis, decorated with pinned/new markers and with
 * the column's name in brackets. None of that is part of the document's title.
 */

/** An ellipsis that ends a title the list cut short: `...`, `..`, `…`, `。。。`. */
const CUT_MARK = /\s*(?:\.{2,}|…+|。{2,})$/;

/** True when a list shows the title cut short (`关于开展…的通…`). */
export function isCutTitle(title: string): boolean {
  return CUT_MARK.test(title) && title.replace(CUT_MARK, '').length > 0;
}

/**
 * Whether `full` is the whole of a title the list shows cut short as `cut`: what precedes the
 * ellipsis begins it. It may be no longer than that: some lists append the ellipsis to every title
 * cut at a fixed width, also to one that just fits.
 */
export function completesCutTitle(full: string, cut: string): boolean {
  if (!isCutTitle(cut)) return false;
  const stem = cut.replace(CUT_MARK, '');
  return full.length >= stem.length && full.startsWith(stem);
}

/**
 * Some CMSs (PowerEasy and its kin) fill a link's tooltip with a labelled record, not the title:
 * `文章标题：X 作者：… 更新时间：2018/3/22 11:54:00 点击次数：67`. The title is the labelled value.
 */
const LABELLED_TOOLTIP =
  /^(?:文章|信息|新闻|公告)?标题\s*[:：]\s*(.+?)(?:\s+(?:作者|更新时间|发布时间|发布日期|点击次数|点击数|浏览次数|来源|信息来源)\s*[:：].*)?$/;

/** The title a tooltip holds: the labelled value of a `标题：… 作者：…` record, else the tooltip. */
export function tooltipTitle(tooltip: string): string {
  return LABELLED_TOOLTIP.exec(tooltip)?.[1]?.trim() || tooltip;
}

// Markers lists put before or after a title: 置顶 (pinned), new/NEW, 最新, hot.
const LEADING_MARKER =
  /^(?:\s*(?:\[\s*置顶\s*\]|【\s*置顶\s*】|置顶[:：\s]|\(\s*置顶\s*\)|（\s*置顶\s*）))+\s*/;
const TRAILING_MARKER = /(?:\s*(?:\bnew\b|\bNEW\b|\bNew\b|\[\s*new\s*\]|【\s*new\s*】|最新|\bhot\b))+\s*$/;
/**
 * A column name in brackets before the title: `[通知公告]`, `【部门动态】`, `[ 政策解读 ]`. Up to 12
 * characters of CJK or letters without digits, so `[2016]12号` or `【2016年第3期】` stay.
 */
const COLUMN_PREFIX =
  /^\s*(?:\[\s*[^\]\d\s][^\]\d]{0,11}\]|【\s*[^】\d\s][^】\d]{0,11}】|［[^］\d]{1,12}］)\s*/;

/**
 * The title without the list's decoration: pinned/new markers and a leading column name in brackets
 * are not part of the document's title. Never returns an empty title.
 */
export function withoutMarkers(title: string): string {
  let stripped = title.replace(LEADING_MARKER, '').replace(TRAILING_MARKER, '').trim();
  const prefix = COLUMN_PREFIX.exec(stripped);
  // A bracketed word followed by the rest of a title is a column name; a bracket alone is the title.
  if (prefix && stripped.length - prefix[0].length >= 4) stripped = stripped.slice(prefix[0].length);
  stripped = stripped.replace(LEADING_MARKER, '').trim();
  return stripped.length > 0 ? stripped : title;
}
