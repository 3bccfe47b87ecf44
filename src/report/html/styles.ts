/**
 * The report's stylesheet, inlined so the file works offline and from a mail attachment. System
 * fonts only: Microsoft YaHei on Windows desktops, PingFang on macOS, Noto CJK or WenQuanYi on Linux.
 * Verdict colours are tints behind dark text (contrast above 7:1) and always come with a label and
 * a shape; print drops the tints entirely.
 */
export const REPORT_CSS = `
:root {
  --fg: #1b1f24; --muted: #4a5260; --line: #c9ced6; --bg: #ffffff; --panel: #f4f6f8; --accent: #0b4f8a;
  --met: #dff3e4; --met-b: #2e7d43; --late: #fff1d6; --late-b: #9a5b00; --missing: #fde2e1; --missing-b: #b42318;
  --due-soon: #fff7c2; --due-soon-b: #7a6400; --pending: #eef0f3; --pending-b: #5b6573; --waived: #e8e5f7;
  --waived-b: #5a47a8; --unverifiable: #e6eef7; --unverifiable-b: #2f5d8a; --insufficient-data: #f1e8df;
  --insufficient-data-b: #7a4f2a;
}
* { box-sizing: border-box; }
html { font-size: 15px; }
/* Links within the page land below the sticky filter bar, not under it. */
html { scroll-padding-top: 7rem; }
body {
  margin: 0; color: var(--fg); background: var(--bg); line-height: 1.55;
  font-family: "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", "Segoe UI", "DejaVu Sans", sans-serif;
}
main, header.top { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header.top { padding-top: 18px; padding-bottom: 8px; border-bottom: 3px solid var(--accent); }
h1 { font-size: 1.65rem; margin: 0 0 6px; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 6px; }
a { color: var(--accent); }
a:focus-visible, select:focus-visible, input:focus-visible, button:focus-visible, summary:focus-visible {
  outline: 3px solid #f0a500; outline-offset: 2px;
}
code, .sha { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 0.85em; }
.sha { word-break: break-all; }
.muted { color: var(--muted); }
.run-meta { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0; color: var(--muted); }
.run-meta dt { display: inline; font-weight: 600; }
.run-meta dd { display: inline; margin: 0 0 0 6px; }
.links { margin: 8px 0 0; }
.calendar-gap { margin: 8px 0; padding: 6px 12px; border: 2px solid var(--missing-b); background: var(--missing); color: var(--missing-b); font-weight: 600; }
.withdrawn { color: var(--missing-b); font-weight: 600; }
.calendar-gap ul { margin: 0; padding-left: 18px; }
.calendar-gap p { margin: 4px 0 0; }
.links a { margin-right: 14px; }
nav.toc ol { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; margin: 10px 0 0; list-style: none; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; padding: 0; margin: 0 0 10px; list-style: none; }
.ov { display: grid; grid-template-columns: minmax(0, 760px) minmax(0, 1fr); gap: 8px 28px; align-items: start; }
@media (max-width: 1100px) { .ov { grid-template-columns: minmax(0, 1fr); } }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; min-width: 92px; background: var(--panel); }
.cards .big { display: block; font-size: 1.5rem; font-weight: 700; }
.cards .rate { border-color: var(--accent); border-width: 2px; }
.v { display: inline-flex; align-items: center; gap: 4px; padding: 0 7px; border-radius: 4px; border: 1px solid;
  white-space: nowrap; font-weight: 600; font-size: 0.9em; }
.v i, .st i, .soon i { font-style: normal; font-weight: 700; }
${['met', 'late', 'missing', 'due-soon', 'pending', 'waived', 'unverifiable', 'insufficient-data']
  .map((k) => `.v-${k} { background: var(--${k}); border-color: var(--${k}-b); color: #111; }`)
  .join('\n')}
.v-missing i, .v-late i { font-size: 1.05em; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 0.93rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; color: var(--muted); }
th, td { border: 1px solid var(--line); padding: 5px 7px; vertical-align: top; text-align: left; }
thead th { background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
.chart { margin: 10px 0; }
.chart svg { width: 100%; max-width: 760px; height: auto; display: block; }
.chart figcaption { color: var(--muted); font-size: 0.9rem; }
svg .grid { stroke: #d5d9df; stroke-width: 1; }
svg .grid.month { stroke-dasharray: 2 3; }
svg .tick { font-size: 11px; fill: #4a5260; }
svg .rate { fill: none; stroke: var(--accent); stroke-width: 2.5; }
svg .dot { fill: #fff; stroke: var(--accent); stroke-width: 2; }
.legend { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; align-items: baseline; margin: 6px 0; }
.legend dd { margin: 0; color: var(--muted); }
form.filters { position: sticky; top: 0; z-index: 2; background: var(--bg); border-bottom: 1px solid var(--line);
  display: flex; flex-wrap: wrap; align-items: end; gap: 8px 16px; padding: 10px 0; margin: 0 0 8px; }
form.filters[hidden] { display: none; }
form.filters label { display: block; font-size: 0.85rem; font-weight: 600; }
form.filters select, form.filters input, form.filters button { font: inherit; padding: 4px 6px; border: 1px solid #6b7380;
  border-radius: 4px; background: #fff; color: var(--fg); }
form.filters input[type="search"] { min-width: 16em; }
form.filters button { cursor: pointer; }
form.filters output { flex-basis: 100%; color: var(--muted); font-size: 0.9rem; }
.obl { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 10px 0; }
/* Off-screen obligations skip layout: a filter that opens thousands of rows stays responsive. */
.obl { content-visibility: auto; contain-intrinsic-size: auto 260px; }
.obl[hidden] { display: none; }
.obl .item { color: var(--muted); font-weight: 600; margin-right: 6px; }
.obl dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 6px; font-size: 0.92rem; }
.obl dl.meta dt { color: var(--muted); }
.obl dl.meta dd { margin: 0; }
.counts { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0; padding: 0; list-style: none; }
details > summary { cursor: pointer; font-weight: 600; padding: 3px 0; }
tr[hidden] { display: none; }
td ul { margin: 0; padding-left: 1.1em; }
.warn { color: #7a3e00; }
.warn .tag { font-weight: 700; border: 1px solid currentColor; border-radius: 3px; padding: 0 4px; margin-right: 4px; }
.ev { margin: 0 0 8px; }
.ev:last-child { margin-bottom: 0; }
.ev .kind { font-size: 0.82rem; color: var(--muted); margin-right: 4px; }
.ev dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; margin: 2px 0 0; font-size: 0.86rem; }
.ev dt { color: var(--muted); }
.ev dd { margin: 0; overflow-wrap: anywhere; }
ul.obs { margin: 2px 0 0; padding-left: 1.1em; font-size: 0.86rem; }
p.obs { margin: 0 0 4px; font-size: 0.86rem; overflow-wrap: anywhere; }
p.obs .kind { font-size: 0.82rem; color: var(--muted); margin-right: 4px; }
.ev-again { font-size: 0.9rem; }
.pages-read table { table-layout: fixed; }
.pages-read th:nth-child(1) { width: 20%; }
.pages-read th:nth-child(2) { width: 36%; }
.pages-read th:nth-child(3) { width: 12%; }
/* Where a reference lands: outlined as well as scrolled to, so the eye finds the row. */
.pages-read tr:target, .ev:target { outline: 3px solid #f0a500; outline-offset: -3px; }
ul.obs li { overflow-wrap: anywhere; }
.ev-read { margin-top: 6px; padding: 4px 8px; border-left: 3px solid #8a919c; }
.ev-read > p { margin: 0 0 4px; font-size: 0.85rem; font-weight: 600; color: var(--muted); }
li.read-failed { color: #8a1c12; }
.cands { margin-top: 6px; padding: 4px 8px; border-left: 3px dashed #8a919c; background: #fafbfc; }
.cands > p { margin: 0 0 4px; font-size: 0.85rem; font-weight: 600; color: var(--muted); }
.src-bad { font-weight: 700; color: #8a1c12; }
.site { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 10px 0; }
.site[hidden] { display: none; }
/* Tripped and warned sites carry a thick left rule as well as their label: visible without colour. */
.site-tripped { border-left: 6px solid var(--missing-b); }
.site-warn { border-left: 6px double var(--due-soon-b); }
.site dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 6px; font-size: 0.92rem; }
.site dl.meta dt { color: var(--muted); }
.site dl.meta dd { margin: 0; }
.st { display: inline-flex; align-items: center; gap: 4px; padding: 0 7px; border-radius: 4px; border: 1px solid;
  white-space: nowrap; font-weight: 600; font-size: 0.85em; vertical-align: middle; color: #111; }
.st-tripped { background: var(--missing); border-color: var(--missing-b); }
.st-warn { background: var(--due-soon); border-color: var(--due-soon-b); }
.st-clear { background: var(--met); border-color: var(--met-b); }
.st-no-data { background: var(--insufficient-data); border-color: var(--insufficient-data-b); }
.soon { background: var(--due-soon); border: 1px solid var(--due-soon-b); border-radius: 3px; padding: 0 4px; }
.soon i { margin-right: 3px; }
.soon .tag { font-weight: 700; white-space: nowrap; }
.soon time { white-space: nowrap; }
table.vetoes { table-layout: fixed; }
table.vetoes th:nth-child(1) { width: 22%; }
table.vetoes th:nth-child(2) { width: 26%; }
table.vetoes th:nth-child(3) { width: 18%; }
table.vetoes th[scope="row"] { font-weight: 600; }
ul.pages, ul.undated-items { margin: 0; padding-left: 1.1em; font-size: 0.9rem; }
.site h4 { font-size: 0.95rem; margin: 8px 0 2px; }
.site .site-name, .obl .site-name { color: var(--muted); font-weight: 600; }
.print-only { display: none; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.nw, td code, th code, td time { white-space: nowrap; }
/* Window and due date of period rows: no class on every cell of a table thousands of rows long. */
tbody.pr > tr > td:nth-child(2), tbody.pr > tr > td:nth-child(3) { white-space: nowrap; }
th code { font-weight: normal; color: var(--muted); }
td code.sha { white-space: normal; }
td.why { min-width: 16em; }
@media (max-width: 700px) { .obl dl.meta, .ev dl { grid-template-columns: 1fr; } }
.groups .group-card { padding: 0; min-width: 210px; flex: 1 1 210px; }
button.group-pick { display: block; width: 100%; text-align: left; font: inherit; color: inherit; background: none;
  border: 0; padding: 8px 12px; cursor: pointer; }
button.group-pick .gname { display: block; font-weight: 700; }
button.group-pick .gcounts { display: flex; flex-wrap: wrap; gap: 2px 12px; font-size: 0.9rem; }
svg.spark { display: block; width: 100%; max-width: 220px; height: 36px; margin-top: 6px; }
svg.spark rect { fill: var(--accent); }
svg.spark rect.none { fill: var(--muted); }
.spark-title { display: block; font-size: 0.75rem; color: var(--muted); }
.groups .group-card:has(button[aria-pressed="true"]) { border: 2px solid var(--accent); background: #e3edf7; }
.f-body { display: flex; flex-wrap: wrap; align-items: end; gap: 8px 16px; }
.f-body[hidden] { display: none; }
.f-toggle { display: none; }
th button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer;
  text-align: left; }
th[aria-sort="ascending"] button.sort::after { content: " ▲"; }
th[aria-sort="descending"] button.sort::after { content: " ▼"; }
table.outstanding th[scope="row"], table.flags td:nth-child(4), table.departments th[scope="row"] { min-width: 7em; }
#now h3 { margin-top: 14px; }
/* Phones: the filter bar folds to one button, tables scroll sideways instead of squeezing names. */
@media (max-width: 700px) {
  main, header.top { padding: 0 10px; }
  .f-toggle { display: inline-block; font: inherit; font-weight: 600; padding: 4px 10px; border: 1px solid #6b7380;
    border-radius: 4px; background: var(--panel); }
  form.filters { padding: 6px 0; }
  form.filters input[type="search"] { min-width: 0; width: 100%; }
  .f-body > div { flex: 1 1 45%; }
  .f-body select { width: 100%; }
  table { font-size: 0.85rem; }
  th, td { padding: 4px 5px; }
  .groups .group-card { flex-basis: 100%; }
  /* Outstanding, veto and flag rows become cards: each field on its own, names never squeezed. */
  table.cardlike thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.cardlike, table.cardlike tbody, table.cardlike tr { display: block; width: 100%; }
  table.cardlike tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 8px; padding: 4px 6px; }
  table.cardlike tr[hidden] { display: none; }
  table.cardlike td, table.cardlike th { display: inline-block; border: 0; padding: 2px 4px; min-width: 0; }
  table.cardlike td:has(a), table.cardlike th:has(a), table.cardlike td:has(ul) { display: block; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 10.5pt; }
  body { color: #000; }
  form.filters, nav.toc, .links, .no-print { display: none !important; }
  .print-only { display: block; }
  main, header.top { max-width: none; padding: 0; }
  header.top { border-bottom: 2px solid #000; }
  a { color: #000; text-decoration: none; }
  .v, .st, .soon, .cards li, thead th, .cands { background: none !important; }
  .v, .st, .soon { border-color: #000; }
  .site { break-inside: auto; border-color: #888; }
  h2, h3, summary, caption { break-after: avoid; }
  tr, .ev, .cards li { break-inside: avoid; }
  thead { display: table-header-group; }
  .obl { break-inside: auto; border-color: #888; content-visibility: visible; }
  .obl header { break-after: avoid; }
  details::details-content { content-visibility: visible; display: contents; }
  details > summary { list-style: none; }
  .scroll { overflow: visible; }
  th, td { padding: 3px 4px; }
  td.why { min-width: 0; }
  .ev dl { grid-template-columns: 1fr; }
  .ev dt { font-size: 0.8rem; margin-top: 2px; }
  /* On paper a link is only as good as the address printed next to it. */
  .ev a.archived::after { content: " " attr(href); font-size: 0.85em; overflow-wrap: anywhere; }
  .ev-observation a.original::after, .ev-read a.archived::after, .pages-read a.original::after, .pages-read a.archived::after {
    content: " " attr(href); font-size: 0.85em; overflow-wrap: anywhere; }
  .ov { grid-template-columns: minmax(0, 1fr); }
  th button.sort::after { content: none !important; }
  /* One department printed: its outstanding items, department row, site cards (which stand for its
     website rules), the periods that need action and its open flags (without the department's
     own name, notification times and histories, which the screen keeps; periods without their
     window and key: the label and due date say which); city-wide sections, settled periods (late ones too:
     published, nothing left to do) and closed flags stay on screen. */
  body.dept-view #overview, body.dept-view #waivers, body.dept-view #warnings, body.dept-view #sources,
  body.dept-view .pages-read, body.dept-view .undated, body.dept-view .cands, body.dept-view .ev-read,
  body.dept-view section.obl[data-group="website"], body.dept-view table.flags tbody tr:not([data-status="open"]),
  body.dept-view tbody.pr > tr:is([data-verdict="met"], [data-verdict="late"], [data-verdict="pending"], [data-verdict="unverifiable"], [data-verdict="waived"]),
  body.dept-view table.flags :is(th, td):is(:nth-child(4), :nth-child(n+8)),
  body.dept-view .periods table :is(th, td):nth-child(2), body.dept-view tbody.pr > tr > th :is(br, code) {
    display: none !important; }
  body.dept-view #site-vetoes, body.dept-view #obligations, body.dept-view #flags { break-before: auto; }
  body.dept-view :is(table.flags, .periods table) { font-size: 0.9rem; }
  #site-vetoes, #obligations, #flags, #sources { break-before: page; }
}
`;
