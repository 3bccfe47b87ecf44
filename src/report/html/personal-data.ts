/**
 * The 隐私泄露 section of the HTML report: per department and site, every published document that
 * carried personal data, where in it, masked, whether it is still public (or when it was taken
 * down or fixed), and the archived copy. Files the monitor could not read are listed apart: a site
 * with nothing found in them is not shown as clean for them.
 */
import { PERSONAL_DATA_LABELS } from '../../core/privacy';
import type { PersonalDataSection } from '../model';
import { attr, text } from './escape';
import { instant, link } from './markup';
import type { ReportStrings } from './strings';

type Site = PersonalDataSection['sites'][number];
type Leak = Site['leaks'][number];

const STRINGS = {
  zh: {
    title: '隐私泄露',
    intro:
      '已公开的页面及其附件（HTML、xlsx、docx、PDF、CSV）中检出的公民个人信息：校验位正确的身份证号、手机号、旁有“卡号/账号”等字样且通过 Luhn 校验的银行卡号。号码均已打码；原件仅存于存档。',
    none: '未在已公开的页面和附件中检出个人信息。',
    dept: (unit: string, n: number) => `${unit}（${n} 个站点）`,
    cols: ['文件', '类型', '位置与摘录（已打码）', '状态', '存档'],
    public: '仍公开',
    settled: (how: string, on: string) => `${how === 'fixed' ? '已修正' : '已撤下'} ${on}`,
    firstSeen: '首次发现',
    more: (n: number) => `另有 ${n} 处`,
    unread: (n: number) => `${n} 个文件未能完整读取`,
    archived: '存档副本',
  },
  en: {
    title: 'Personal data published (隐私泄露)',
    intro:
      'Personal data found in published pages and their attachments (HTML, xlsx, docx, PDF, CSV): resident ID numbers with a valid check digit, mobile numbers, and Luhn-valid bank card numbers next to a card word. Every number is masked; the clear value exists only in the archive.',
    none: 'No personal data found in what the sites published.',
    dept: (unit: string, n: number) => `${unit} (${n} site${n === 1 ? '' : 's'})`,
    cols: ['Document', 'Kinds', 'Where, excerpt (masked)', 'Status', 'Archive'],
    public: 'still public',
    settled: (how: string, on: string) => `${how} ${on}`,
    firstSeen: 'first seen',
    more: (n: number) => `and ${n} more`,
    unread: (n: number) => `${n} file${n === 1 ? '' : 's'} not read in full`,
    archived: 'archived copy',
  },
};

const stringsOf = (s: ReportStrings) => (s.htmlLang === 'en' ? STRINGS.en : STRINGS.zh);

function leakRow(leak: Leak, s: ReportStrings): string {
  const t = stringsOf(s);
  const lang = s.htmlLang === 'en' ? 'en' : 'zh';
  const kinds = leak.kinds.map((k) => PERSONAL_DATA_LABELS[k][lang]).join('、');
  const places = leak.findings
    .map((f) => `<li><span class="muted">${text(f.where)}</span> <code>${text(f.excerpt)}</code></li>`)
    .join('');
  const more = leak.more > 0 ? `<li class="muted">${text(t.more(leak.more))}</li>` : '';
  const status =
    leak.status === 'public'
      ? `<strong class="leak-open">${text(t.public)}</strong>`
      : text(t.settled(leak.status, leak.settledOn ?? ''));
  const copies = [...new Map(leak.findings.map((f) => [f.sha256, f])).values()]
    .map((f) =>
      f.archived
        ? link(f.archived, t.archived, s)
        : f.sha256
          ? `<code>${text(f.sha256.slice(0, 12))}</code>`
          : '',
    )
    .filter(Boolean)
    .join('<br>');
  return `<tr data-status="${attr(leak.status)}"><td>${link(leak.url, leak.title, s)}<br><span class="muted">${text(t.firstSeen)} ${instant(leak.firstSeen)}</span></td><td>${text(kinds)}</td><td><ul class="plain">${places}${more}</ul></td><td>${status}</td><td>${copies}</td></tr>`;
}

function siteBlock(site: Site, s: ReportStrings): string {
  const t = stringsOf(s);
  const rows = site.leaks.map((l) => leakRow(l, s)).join('');
  const table = rows
    ? `<div class="scroll"><table class="leaks"><caption class="vh">${text(site.siteName)}</caption><thead><tr>${t.cols.map((c) => `<th scope="col">${text(c)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`
    : `<p class="muted">${text(t.none)}</p>`;
  const unread = site.unread.length
    ? `<details><summary>${text(t.unread(site.unread.length))}</summary><ul>${site.unread.map((u) => `<li>${link(u.file, u.file, s)} — ${text(u.reason)}</li>`).join('')}</ul></details>`
    : '';
  return `<article class="privacy-site" id="privacy-${attr(site.sourceId)}"><h4>${text(site.siteName)}</h4>${table}${unread}</article>`;
}

/** The section; empty when the catalogue does not judge personal data. */
export function renderPersonalData(section: PersonalDataSection | undefined, s: ReportStrings): string {
  if (!section) return '';
  const t = stringsOf(s);
  const byUnit = new Map<string, Site[]>();
  for (const site of section.sites) {
    const unit = site.units[0] ?? site.siteName;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), site]);
  }
  const body =
    section.sites.length === 0
      ? `<p>${text(t.none)}</p>`
      : [...byUnit]
          .map(
            ([unit, sites]) =>
              `<h3>${text(t.dept(unit, sites.length))}</h3>${sites.map((x) => siteBlock(x, s)).join('')}`,
          )
          .join('');
  const style =
    '<style>#personal-data ul.plain{list-style:none;margin:0;padding:0}#personal-data .leak-open{color:#a40000}#personal-data code{white-space:normal}</style>';
  return `<section id="personal-data" aria-labelledby="h-personal-data">${style}<h2 id="h-personal-data">${text(t.title)}</h2><p class="muted">${text(t.intro)}</p>${body}</section>`;
}

/** The table-of-contents label of the section. */
export function personalDataTitle(s: ReportStrings): string {
  return stringsOf(s).title;
}
