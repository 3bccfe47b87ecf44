/**
 * The monitor's verdict reasons, period warnings and flag notes in Chinese. The core writes them in
 * English (report.json keeps them so, for machines and for `gongkai verify`); the Chinese report
 * shows every sentence in Chinese. A sentence no rule knows is shown as written, so a new reason
 * is never lost, only untranslated (test/unit/report/reasons-zh.test.ts lists the known ones).
 */

type Rule = [RegExp, string];

/** Whole sentences (document-matching verdicts, warnings, flag notes). */
const SENTENCES: Rule[] = [
  [
    /^default applied: the plan states no deadline: policy\.unspecifiedDue \((.*)\) makes it due (\S+)$/,
    '采用默认规则：方案未规定时限，按 policy.unspecifiedDue（$1）定为 $2 截止',
  ],
  [
    /^default applied: the plan states no time limit: policy\.eventWithin \((.*)\) applied$/,
    '采用默认规则：方案未规定时限，按 policy.eventWithin（$1）执行',
  ],
  [/^default applied: (.*)$/, '采用默认规则：$1'],
  [
    /^backdating: “(.*)” shows (\S+) but the monitor saw its column without it later; counted as published (\S+)$/,
    '倒签：“$1”显示日期为 $2，但此后监测仍见其栏目中没有该条目；按 $3 计为发布日期',
  ],
  [/^no website can show this: (.*)$/, '无法通过网站核验：$1'],
  [/^waived by (.+?) until (\S+): (.*)$/, '由 $1 豁免至 $2：$3'],
  [
    /^manual evidence “(.*)” published (\S+), on or before the due date (\S+)$/,
    '人工录入证据“$1”于 $2 发布，未晚于截止日期 $3',
  ],
  [
    /^evidence “(.*)” published (\S+), on or before the due date (\S+)$/,
    '证据“$1”于 $2 发布，未晚于截止日期 $3',
  ],
  [
    /^manual evidence “(.*)” published (\S+), (\d+) days? after the due date (\S+)$/,
    '人工录入证据“$1”于 $2 发布，晚于截止日期 $4 共 $3 天',
  ],
  [
    /^evidence “(.*)” published (\S+), (\d+) days? after the due date (\S+)$/,
    '证据“$1”于 $2 发布，晚于截止日期 $4 共 $3 天',
  ],
  [/^no evidence yet; the period starts (\S+)$/, '尚无证据；期次自 $1 开始'],
  [
    /^no evidence yet; due (\S+), more than (\d+) working days after (\S+)$/,
    '尚无证据；截止日期 $1，距 $3 超过 $2 个工作日',
  ],
  [
    /^no evidence yet; due (\S+), (\d+) working days after (\S+)$/,
    '尚无证据；截止日期 $1，距 $3 还有 $2 个工作日',
  ],
  [/^no evidence yet; due (\S+), today$/, '尚无证据；截止日期 $1，今天到期'],
  [/^no evidence yet; due (\S+), in (\d+) working days?$/, '尚无证据；截止日期 $1，还有 $2 个工作日'],
  [
    /^no holiday data for (\d+): working days to (\S+) counted as plain weekdays$/,
    '缺少 $1 年节假日数据：至 $2 的工作日按周一至周五计算',
  ],
  [/^removed from 栏目 on (\S+): “(.*)” was no longer in its column$/, '$1 起从栏目撤下：“$2”已不在其栏目中'],
  [/^no evidence, and no source carries (.*): cannot tell$/, '未见证据，且没有数据源覆盖 $1：无法判定'],
  [
    /^no evidence, but no check of (.*) between (\S+) and (\S+): cannot tell$/,
    '未见证据，但 $2 至 $3 期间未检查 $1：无法判定',
  ],
  [
    /^no evidence, but all (\d+) checks of (.*) between (\S+) and (\S+) failed: cannot tell$/,
    '未见证据，但 $3 至 $4 期间对 $2 的 $1 次检查均失败：无法判定',
  ],
  [
    /^no evidence published by the due date (\S+); (.*) read successfully (\d+) times? in the window, last on (\S+)$/,
    '截止日期 $1 前未见公开；期内成功读取 $2 共 $3 次，最近一次 $4',
  ],
  [/^the check window starts (\S+)$/, '检查期自 $1 开始'],
  [/^no source in the sources file describes this site: cannot tell$/, '数据源文件中没有该网站：无法判定'],
  [
    /^(.*) was not read successfully between (\S+) and (\S+): cannot tell$/,
    '$2 至 $3 期间未能成功读取 $1：无法判定',
  ],
  [/^no evidence by (\S+) \(sweep (.+)\)$/, '截至 $1 未见公开（监测批次 $2）'],
  [/^no evidence by the due date (\S+)$/, '截至期限 $1 未见公开'],
  [/^evidence found: met$/, '已找到证据：按时公开'],
  [/^evidence found: late$/, '已找到证据：逾期公开'],
  [/^forecast to trip on (\S+) \(sweep (.+)\)$/, '预计 $1 触发单项否决（监测批次 $2）'],
  [/^no longer forecast for (\S+) as of (\S+)$/, '截至 $2，不再预计于 $1 触发'],
  [
    /^period over, cannot be remedied: the next period \(due (\S+)\) is judged$/,
    '期次已过，无法补救：下一期次（截止 $1）已作出判定',
  ],
];

/** Parts of a site rule's reason: a head, the pages counted, the forecast, joined by "; ". */
const PARTS: Rule[] = [
  [/^单项否决 \(single veto\): /, '单项否决：'],
  [/^(\d+) pages? not updated on (\S+) \(trips at (\d+)\)/, '$2 有 $1 个页面未更新（达到 $3 个即触发）'],
  [/^(\d+) pages? blank on (\S+) \(trips at (\d+)\)/, '$2 有 $1 个空白栏目（达到 $3 个即触发）'],
  [/^(\d+) of (\d+) pages? not updated \(trips at (\d+)\)/, '$2 个页面中 $1 个未更新（达到 $3 个即触发）'],
  [/^(\d+) of (\d+) pages? blank \(trips at (\d+)\)/, '$2 个页面中 $1 个为空白（达到 $3 个即触发）'],
  [
    /^(\d+) of (\d+) checks between (\S+) and (\S+) failed to open within (\S+) s \((\S+)§(\S+)\)/,
    '$3 至 $4 期间 $2 次检查中 $1 次未能在 $5 秒内打开（$6，上限 $7）',
  ],
  [
    /^(\d+) of (\d+) checks in the last (\d+) days failed \((\S+)§(\S+)\)/,
    '近 $3 天 $2 次检查中 $1 次失败（$4，上限 $5）',
  ],
  [/^trips on (\S+) if nothing new is published/, '如无新内容发布，将于 $1 触发'],
  [/(^|: )(.+?) newest (\S+), not updated since (\S+)(?= \(预警\)|$)/, '$1$2 最新条目 $3，自 $4 起未更新'],
  [/(^|: )(.+?) is blank(?= \(预警\)|$)/, '$1$2 为空白'],
  [/(^|: )(.+?) shows no dated item \((\d+) undated\)(?= \(预警\)|$)/, '$1$2 无带日期的条目（$3 条无日期）'],
  [/ \(预警\)$/, '（预警）'],
  [/）: /, '）：'],
];

/** One sentence of the monitor in Chinese, or as written when no rule knows it. */
export function reasonInChinese(reason: string): string {
  for (const [re, to] of SENTENCES) if (re.test(reason)) return reason.replace(re, to);
  const prefix = reason.startsWith('单项否决 (single veto): ') ? '单项否决：' : '';
  const body = prefix ? reason.slice('单项否决 (single veto): '.length) : reason;
  // "(12.5%; limit 5.0%)" is one part, not two: mark its inner separator before splitting.
  const parts = body.replace(/; limit /g, '§').split('; ');
  let known = false;
  const out = parts.map((part) => {
    let shown = part;
    for (const [re, to] of PARTS) {
      if (re.test(shown)) {
        known = true;
        shown = shown.replace(re, to);
      }
    }
    return shown.replace(/§/g, '; limit ');
  });
  return known ? prefix + out.join('；') : reason;
}
