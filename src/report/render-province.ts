/**
 * The province roll-up page: one self-contained HTML file (no script, nothing fetched), next to the
 * city reports it links to. The first screen is the province's three kinds of duty and the table of
 * cities; a city's name opens that city's own report, which opens on its own first screen.
 */
import { attr, text } from './html/escape';
import { monthBars } from './html/first-screen';
import { documentHead, link, SCRIPTLESS_CSP } from './html/markup';
import { type ReportLang, stringsFor } from './html/strings';
import { provinceStringsFor } from './html/strings-province';
import { percent } from './html/trend-chart';
import type { ObligationGroup } from './model';
import type { ProvinceCity, ProvinceRollup } from './province';

const CSS = `:root{--fg:#1b1f24;--muted:#4a5260;--line:#c9ced6;--accent:#0b4f8a}
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",system-ui,sans-serif;color:var(--fg);margin:0;line-height:1.5}
header,main{padding:0 16px;max-width:1400px;margin:0 auto}
header{padding-top:16px;border-bottom:3px solid var(--accent)}
h1{font-size:1.5rem;margin:0 0 4px;color:var(--accent)}
.muted{color:var(--muted)}
ul.cards{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:12px}
ul.cards li{border:1px solid var(--line);border-radius:6px;padding:8px 12px;flex:1 1 220px;min-width:200px}
.big{display:block;font-size:1.5rem;font-weight:700}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
thead th{background:#eef2f6;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.bad{font-weight:700;color:#8a1c12}
ol.worst{margin:0;padding-left:1.2em}
.gname{display:block;font-weight:700}
.gcounts{display:flex;flex-wrap:wrap;gap:2px 12px;font-size:.9rem}
svg.spark{display:block;width:100%;max-width:220px;height:36px;margin-top:6px}
svg.spark rect{fill:var(--accent)}
svg.spark rect.none{fill:var(--muted)}
.spark-title{display:block;font-size:.75rem;color:var(--muted)}
.nw{white-space:nowrap}
@media print{thead th{position:static}.scroll{overflow:visible}}`;

const GROUP_ORDER: ObligationGroup[] = ['plan', 'website', 'annual-report'];

function cityRow(c: ProvinceCity, groups: readonly ObligationGroup[], lang: ReportLang): string {
  const s = stringsFor(lang);
  const p = provinceStringsFor(lang);
  const href = lang === 'en' ? (c.reportEn ?? c.report) : (c.report ?? c.reportEn);
  const name = href
    ? link(href, c.city, s)
    : `${text(c.city)} <span class="muted">${text(p.noReport)}</span>`;
  const num = (n: number, bad = false) => `<td class="num${bad && n > 0 ? ' bad' : ''}">${n}</td>`;
  const perGroup = groups
    .map((g) => {
      const f = c.groups[g];
      if (!f) return `<td class="muted">—</td><td class="muted">—</td>`;
      return `<td class="num">${text(percent(f.complianceRate, s))}</td>${num(f.missing, g !== 'website')}`;
    })
    .join('');
  const worst =
    c.worstDepartments.length === 0
      ? `<span class="muted">${text(p.none)}</span>`
      : `<ol class="worst">${c.worstDepartments.map((d) => `<li>${text(p.worstItem(d.unit, d.missing, d.websiteMissing))}</li>`).join('')}</ol>`;
  return `<tr><th scope="row">${name}</th><td class="nw">${text(c.asOf)}</td><td class="num">${text(percent(c.complianceRate, s))}</td>${perGroup}${num(c.outstanding.missing, true)}${num(c.outstanding.insufficientData)}${num(c.outstanding.dueSoon)}${num(c.openFlags)}<td>${text(p.vetoes(c.sitesVetoTripped, c.sitesVetoWarned))}</td><td>${worst}</td></tr>`;
}

export interface RenderProvinceOptions {
  lang: ReportLang;
  /** The page in the other language, linked from the header. */
  otherLanguage?: string;
}

/** The roll-up page in one language. */
export function renderProvince(rollup: ProvinceRollup, options: RenderProvinceOptions): string {
  const { lang } = options;
  const s = stringsFor(lang);
  const p = provinceStringsFor(lang);
  const groups = GROUP_ORDER.filter((g) => rollup.groups.some((x) => x.group === g));
  const cards = rollup.groups
    .map(
      (g) =>
        `<li class="group-card" data-group="${attr(g.group)}"><span class="gname">${text(s.now.groups[g.group].label)}</span><span class="big">${text(percent(g.complianceRate, s))}</span><span class="muted">${text(s.now.cards.rate)}</span><span class="gcounts"><span>${text(s.now.cards.missing)} <strong>${g.missing}</strong></span> <span>${text(s.now.cards.dueSoon)} <strong>${g.dueSoon}</strong></span> <span>${g.obligations} ${text(s.now.cards.obligations)}</span></span>${monthBars(g.byDueMonth, s)}</li>`,
    )
    .join('');
  const c = p.col;
  const groupHeads = groups
    .map(
      (g) =>
        `<th scope="col">${text(s.now.groups[g].short)} · ${text(s.now.cards.rate)}</th><th scope="col">${text(s.now.groups[g].short)} · ${text(p.missingShort)}</th>`,
    )
    .join('');
  const head = `<tr><th scope="col">${text(c.city)}</th><th scope="col">${text(c.asOf)}</th><th scope="col">${text(c.rate)}</th>${groupHeads}<th scope="col">${text(c.overdue)}</th><th scope="col">${text(c.unjudged)}</th><th scope="col">${text(c.dueSoon)}</th><th scope="col">${text(c.flags)}</th><th scope="col">${text(c.vetoes)}</th><th scope="col">${text(c.worst)}</th></tr>`;
  const rows = rollup.cities.map((city) => cityRow(city, groups, lang)).join('');
  const other = options.otherLanguage ? ` · ${link(options.otherLanguage, p.otherLanguage, s)}` : '';
  return `${documentHead({ lang: p.htmlLang, csp: SCRIPTLESS_CSP, title: p.heading(rollup.title), css: CSS })}
<body>
<header><h1>${text(p.heading(rollup.title))}</h1><p class="muted">${text(p.cities(rollup.cities.length))} · ${text(p.generated)} ${text(rollup.generatedAt)}${other}</p></header>
<main>
<section id="now" aria-labelledby="h-now"><h2 id="h-now">${text(p.totals)}</h2><ul class="cards groups">${cards}</ul><p>${text(p.outstanding(rollup.outstanding.missing, rollup.outstanding.insufficientData, rollup.outstanding.dueSoon))}</p><p class="muted">${text(p.intro)}</p></section>
<section id="cities" aria-labelledby="h-cities"><h2 id="h-cities">${text(p.tableTitle)}</h2><div class="scroll"><table class="cities"><caption class="muted">${text(p.tableTitle)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table></div></section>
</main>
</body>
</html>
`;
}
