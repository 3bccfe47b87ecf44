/**
 * The HTML report in a real browser, opened from disk the way a supervisor opens it: Chinese glyphs
 * render, filters and search work from file:// with the keyboard, every archived link resolves to
 * a file whose sha256 is the one shown, and the page logs no errors (a CSP violation would).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDepartmentFiles } from '../../src/report/department-files';
import { renderHtml } from '../../src/report/render-html';
import {
  fixtureReport,
  HOSTILE_UNIT,
  largeReport,
  writeFixtureReportDir,
} from '../fixtures/reports/fixture-report';
import { siteVetoReport } from '../unit/report/site-veto-fixture';

// GONGKAI_CHROMIUM runs the same tests on another Chromium build (e.g. an older or newer one).
const CHROMIUM = process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium';
const { report } = fixtureReport();

let root: string;
let reportDir: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];

function watch(p: Page): void {
  p.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  p.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // The report must not load anything: any request but its own file and archived copies is a leak.
  p.on('request', (request) => {
    if (!request.url().startsWith('file://')) problems.push(`request: ${request.url()}`);
  });
}

async function open(name = 'report.html'): Promise<void> {
  await page.goto(pathToFileURL(join(reportDir, name)).href);
}

/**
 * Asks the renderer which fonts drew an element's glyphs, on a page of its own. DevTools' CSS
 * agent (`CSS.enable`) itself logs "Unsafe attempt to load URL …report.html" on any file:// page
 * in Chromium 149–150, even on a page that is only `<p>x</p>`: that message is the inspector's, not
 * the report's, so it is kept off the watched page rather than filtered out of the strict check.
 */
async function fontsThatDraw(selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
  const inspected = await browser.newPage();
  try {
    await inspected.goto(pathToFileURL(join(reportDir, 'report.html')).href);
    const cdp = await inspected.context().newCDPSession(inspected);
    const { root: doc } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: doc.nodeId, selector });
    await cdp.send('CSS.enable');
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await inspected.close();
  }
}

/** Pages of a PDF Chromium wrote (each page object is `/Type /Page`; the tree is `/Pages`). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

// Shown = not hidden by the filters (and, for rows, inside an open table). Read from the DOM rather
// than from layout: off-screen obligations skip layout (content-visibility) by design.
const visibleObligations = () =>
  page
    .locator('section.obl')
    .evaluateAll((els) =>
      els.filter((el) => !(el as HTMLElement).hidden).map((el) => el.id.replace(/^o-/, '')),
    );
const visibleVerdicts = () =>
  page
    .locator('tr[data-verdict]')
    .evaluateAll((rows) =>
      rows
        .filter(
          (r) =>
            !(r as HTMLElement).hidden &&
            !(r.closest('section.obl') as HTMLElement).hidden &&
            (r.closest('details') as HTMLDetailsElement).open,
        )
        .map((r) => r.getAttribute('data-verdict')),
    );

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium package (and fonts-wqy-microhei) to run the browser tests`,
    );
  }
  root = await mkdtemp(join(tmpdir(), 'gongkai-report-'));
  reportDir = await writeFixtureReportDir(root);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // A broken page should fail in seconds, not wait out the 30 s test timeout on every step.
  page.setDefaultTimeout(5_000);
  watch(page);
});

afterAll(async () => {
  await browser?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the HTML report in Chromium, from file://', () => {
  it('renders Chinese headings with a real CJK font', async () => {
    await open();
    const h1 = page.locator('h1');
    await expect(h1.textContent()).resolves.toContain('政务公开监测报告');
    const box = await h1.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    const fonts = await fontsThatDraw('h2#h-overview');
    expect(fonts.reduce((n, f) => n + f.glyphCount, 0)).toBe(4);
    expect(fonts.map((f) => f.familyName).join(',')).toMatch(
      /WenQuanYi|Noto Sans CJK|Source Han|YaHei|PingFang/i,
    );
    const shot = await page.screenshot({ path: join(root, 'report.png') });
    expect(shot.byteLength).toBeGreaterThan(20_000);
  });

  it('shows only the rows of the chosen verdict', async () => {
    await open();
    await expect(page.locator('#f-status').textContent()).resolves.toBe('显示 9 / 9 项任务');
    await page.selectOption('#f-verdict', 'missing');
    await expect(visibleVerdicts()).resolves.toEqual(['missing', 'missing']);
    // And the browser really shows them, and really hides the others.
    const missingRow = page.locator('section#o-air-quality-monthly tr[data-verdict="missing"]');
    await missingRow.scrollIntoViewIfNeeded();
    await expect(missingRow.isVisible()).resolves.toBe(true);
    await expect(
      page.locator('section#o-air-quality-monthly tr[data-verdict="met"]').first().isHidden(),
    ).resolves.toBe(true);
    await expect(page.locator('section#o-budget-disclosure').isHidden()).resolves.toBe(true);
    await expect(visibleObligations()).resolves.toEqual(['air-quality-monthly', 'food-sampling-weekly']);
    await expect(page.locator('#f-status').textContent()).resolves.toBe('显示 2 / 9 项任务');
    await page.selectOption('#f-verdict', 'insufficient-data');
    await expect(visibleObligations()).resolves.toEqual(['tourism-complaints']);
    await page.selectOption('#f-verdict', '');
    await expect(visibleObligations()).resolves.toHaveLength(report.obligations.length);
    // Clearing the verdict folds the tables it had opened.
    await expect(visibleVerdicts()).resolves.toEqual([]);
  });

  it('filters by department, including a name with quotes and tags, and by schedule kind', async () => {
    await open();
    await page.selectOption('#f-unit', '市旅游局');
    await expect(visibleObligations()).resolves.toEqual(['tourism-complaints']);
    await page.selectOption('#f-unit', HOSTILE_UNIT);
    await expect(visibleObligations()).resolves.toEqual(['food-sampling-weekly']);
    await page.selectOption('#f-unit', '');
    await page.selectOption('#f-kind', 'quarterly');
    await expect(visibleObligations()).resolves.toEqual(['drug-sampling-quarterly', 'tourism-complaints']);
  });

  it('searches tasks, units and evidence titles as you type', async () => {
    await open();
    await page.fill('#f-q', '药品抽验');
    await expect.poll(visibleObligations).toEqual(['food-sampling-weekly', 'drug-sampling-quarterly']);
    // A near miss's title finds its period, and only that period shows.
    await page.fill('#f-q', '2015年第四季度');
    await expect.poll(visibleObligations).toEqual(['drug-sampling-quarterly']);
    await expect(visibleVerdicts()).resolves.toEqual(['met']);
    await page.fill('#f-q', 'no such words anywhere');
    await expect.poll(visibleObligations).toEqual([]);
    await expect(page.locator('#f-status').textContent()).resolves.toBe('显示 0 / 9 项任务');
  });

  it('can be used with the keyboard alone', async () => {
    await open();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    let focused = '';
    for (let i = 0; i < 80 && focused !== 'f-unit'; i += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('f-unit');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('f-verdict');
    await page.keyboard.press('ArrowDown'); // first verdict after "all": met
    await expect.poll(visibleVerdicts).toEqual(['met', 'met', 'met', 'met', 'met', 'met']);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('f-q');
    await page.keyboard.type('环境空气');
    await page.keyboard.press('Enter');
    await expect.poll(visibleObligations).toEqual(['air-quality-monthly']);
    expect(page.url()).toMatch(/report\.html$/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the reset button
    await expect.poll(visibleObligations).toHaveLength(report.obligations.length);
  });

  it('links evidence to archived copies whose sha256 is the one the report shows', async () => {
    await open();
    const links = await page.locator('.ev, details.pages-read tbody tr').evaluateAll((blocks) =>
      blocks
        .map((b) => ({
          href: b.querySelector('a.archived')?.getAttribute('href'),
          sha: b.querySelector('code.sha')?.textContent,
        }))
        .filter((l) => l.href),
    );
    // Nine documents, and two pages as read in a site card.
    expect(links.length).toBeGreaterThanOrEqual(11);
    for (const { href, sha } of links) {
      const file = fileURLToPath(new URL(href!, page.url()));
      const digest = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
      expect(digest).toBe(sha);
    }
    // And the browser opens one.
    await page.locator('section#o-budget-disclosure summary').click();
    const [copy] = await Promise.all([
      page.waitForEvent('popup'),
      page.locator('section#o-budget-disclosure a.archived').first().click(),
    ]);
    watch(copy);
    await copy.waitForLoadState();
    await expect(copy.title()).resolves.toBe('江门市2016年市级部门预算公开');
    await copy.close();
  });

  it('prints without the filters and with every period table expanded', async () => {
    await open();
    await page.selectOption('#f-kind', 'monthly');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#filters').isVisible()).resolves.toBe(false);
    await expect(page.locator('#f-printed').isVisible()).resolves.toBe(true);
    await expect(page.locator('#f-printed').textContent()).resolves.toContain('每月');
    await expect(
      page.locator('section#o-air-quality-monthly details.periods table').isVisible(),
    ).resolves.toBe(true);
    // The pages as read that period rows cite are unfolded on paper too.
    await expect(page.locator('#site-hbj details.pages-read table').isVisible()).resolves.toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
  });

  it('works the same in English', async () => {
    await open('report.en.html');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.selectOption('#f-verdict', 'late');
    await expect(visibleVerdicts()).resolves.toEqual(['late']);
    await expect(page.locator('#f-status').textContent()).resolves.toBe('Showing 1 of 9 obligations');
    await expect(page.locator('tr[data-verdict="late"] .v').textContent()).resolves.toBe('▲Late');
  });

  it('stays responsive on a 10,000-period report', async () => {
    const large = join(root, 'large', 'report.html');
    await mkdir(join(root, 'large'), { recursive: true });
    const big = largeReport(10_000, 200);
    await writeFile(large, renderHtml(big, { lang: 'zh' }));
    await page.goto(pathToFileURL(large).href);
    const unit = '市第3局';
    const elapsed = await page.evaluate(async (value) => {
      const started = performance.now();
      const select = document.getElementById('f-verdict') as HTMLSelectElement;
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      return performance.now() - started;
    }, 'missing');
    expect(elapsed).toBeLessThan(2_000);
    await expect(visibleVerdicts()).resolves.toHaveLength(big.totals.counts.missing);
    await page.selectOption('#f-unit', unit);
    const expected = big.obligations.filter((o) => o.units.includes(unit) && o.counts.missing > 0);
    expect(expected.length).toBeGreaterThan(0);
    await expect(visibleObligations()).resolves.toEqual(expected.map((o) => o.id));
  });

  it('shows the website single-veto warning in both languages, worst site first', async () => {
    const dir = join(root, 'vetoes');
    await mkdir(dir, { recursive: true });
    const vetoes = siteVetoReport();
    await writeFile(join(dir, 'report.html'), renderHtml(vetoes, { lang: 'zh' }));
    await writeFile(join(dir, 'report.en.html'), renderHtml(vetoes, { lang: 'en' }));
    for (const [name, heading, soon] of [
      ['report.html', '政府网站单项否决预警', '预警期内'],
      ['report.en.html', 'Website single-veto early warning', 'within the warning window'],
    ] as const) {
      await page.goto(pathToFileURL(join(dir, name)).href);
      await page.locator('nav.toc a[href="#site-vetoes"]').click();
      await expect(page.locator('#h-site-vetoes').textContent()).resolves.toBe(heading);
      await expect(page.locator('#h-site-vetoes').isVisible()).resolves.toBe(true);
      const cards = await page.locator('article.site').evaluateAll((els) => els.map((el) => el.id));
      expect(cards).toEqual(['site-jm-jia', 'site-jm-yi', 'site-jm-bing', 'site-jm-ding']);
      const warning = page.locator('#site-jm-yi dl.meta .soon');
      await expect(warning.isVisible()).resolves.toBe(true);
      await expect(warning.textContent()).resolves.toContain(soon);
      await expect(warning.textContent()).resolves.toContain('2016-10-25');
      // The undated items are folded until asked for.
      const undated = page.locator('#site-jm-bing details.undated');
      await expect(undated.locator('ul.undated-items').isVisible()).resolves.toBe(false);
      await undated.locator('summary').click();
      await expect(undated.locator('ul.undated-items li').count()).resolves.toBe(2);
      await expect(undated.locator('ul.undated-items').isVisible()).resolves.toBe(true);
    }
  });

  it('takes a period row’s citation of a page as read to that page’s row in the site card', async () => {
    await page.goto(pathToFileURL(join(root, 'vetoes', 'report.html')).href);
    const rule = page.locator('#o-website-home-stale--jm-jia');
    await rule.locator('details.periods summary').click();
    const ref = rule.locator('tr[data-verdict] p.obs a');
    const href = await ref.getAttribute('href');
    expect(href).toMatch(/^#pg\d+$/);
    const row = page.locator(`tr${href}`);
    // Folded in the card until the link is followed.
    await expect(row.isVisible()).resolves.toBe(false);
    await ref.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(href);
    await expect(row.isVisible()).resolves.toBe(true);
    await expect(row.locator('xpath=ancestor::article[1]').getAttribute('id')).resolves.toBe('site-jm-jia');
    const box = await row.boundingBox();
    expect(box && box.y >= 0 && box.y < 900).toBe(true);
    // The row holds the page's archived copy under the sha256 it shows (re-hashed in the shared
    // fixture's archive above).
    const sha = await row.locator('code.sha').textContent();
    await expect(row.locator('a.archived').getAttribute('href')).resolves.toBe(
      `../archive/sha256/${sha!.slice(0, 2)}/${sha}.html`,
    );
    // Folded again, a second click on the same citation (no hashchange) unfolds it again.
    await page.locator('details.pages-read').evaluateAll((els) => {
      for (const d of els) (d as HTMLDetailsElement).open = false;
    });
    await expect(row.isVisible()).resolves.toBe(false);
    await ref.click();
    await expect(row.isVisible()).resolves.toBe(true);
  });

  it('lands on a citation’s page row even when a filter hides the site card', async () => {
    await page.goto(pathToFileURL(join(root, 'vetoes', 'report.html')).href);
    await page.selectOption('#f-unit', '市乙局');
    await expect(page.locator('#site-jm-jia').isHidden()).resolves.toBe(true);
    const href = await page
      .locator('#o-website-home-stale--jm-jia tr[data-verdict] p.obs a')
      .getAttribute('href');
    await page.evaluate((h) => {
      location.hash = h!;
    }, href);
    await expect.poll(() => page.locator(`tr${href}`).isVisible()).toBe(true);
    await expect(page.locator('#f-unit').inputValue()).resolves.toBe('');
  });

  it('narrows the site cards by department and search, as it narrows obligations', async () => {
    await page.goto(pathToFileURL(join(root, 'vetoes', 'report.html')).href);
    const shownSites = () =>
      page
        .locator('article.site')
        .evaluateAll((els) => els.filter((el) => !(el as HTMLElement).hidden).map((el) => el.id));
    await page.selectOption('#f-unit', '市乙局下属中心');
    await expect(shownSites()).resolves.toEqual(['site-jm-yi']);
    await expect(page.locator('#site-jm-jia').isHidden()).resolves.toBe(true);
    await page.selectOption('#f-unit', '');
    await page.fill('#f-q', '专题专栏');
    await expect.poll(shownSites).toEqual(['site-jm-bing']);
    await page.fill('#f-q', '');
    await expect.poll(shownSites).toHaveLength(4);
    // A link to a hidden site's rule clears the filters and lands on it.
    await page.selectOption('#f-unit', '市甲局');
    await expect(shownSites()).resolves.toEqual(['site-jm-jia']);
    await page.evaluate(() => {
      location.hash = '#site-jm-yi';
    });
    await expect.poll(shownSites).toHaveLength(4);
    await expect(page.locator('#f-unit').inputValue()).resolves.toBe('');
  });

  it('opens on what is outstanding now, most overdue first, in both languages', async () => {
    for (const [name, heading, overdue, plan] of [
      ['report.html', '当前待办', '逾期 3 天', '工作要点任务'],
      ['report.en.html', 'Outstanding now', '3 days overdue', 'Plan obligations'],
    ] as const) {
      await open(name);
      // The first section of the page, right under the filter bar.
      await expect(page.locator('main > section').first().getAttribute('id')).resolves.toBe('now');
      await expect(page.locator('#h-now').textContent()).resolves.toBe(heading);
      await expect(page.locator('#now .group-card .gname').first().textContent()).resolves.toBe(plan);
      const rows = page.locator('table.outstanding tbody tr');
      // Missing first (3 days overdue), then the period that cannot be told, then due soon by date.
      await expect(
        rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-state'))),
      ).resolves.toEqual(['missing', 'insufficient-data', 'due-soon', 'due-soon']);
      await expect(rows.first().locator('td').nth(1).textContent()).resolves.toBe(overdue);
      await expect(rows.first().locator('th').textContent()).resolves.toContain('市食品药品监督管理局');
      await expect(rows.first().locator('a').getAttribute('href')).resolves.toBe('#o-food-sampling-weekly');
      // The sites whose veto tripped or is forecast within the window, with their rule.
      await expect(
        page.locator('table.veto-now tbody tr th').evaluateAll((ths) => ths.map((th) => th.textContent)),
      ).resolves.toEqual(['江门市旅游局网站', '江门市环境保护局网站']);
      await expect(page.locator('table.outstanding').isVisible()).resolves.toBe(true);
    }
  });

  it('filters by kind of duty from a card, across obligations, the outstanding list and the flags', async () => {
    await open();
    const shownRows = (table: string) =>
      page
        .locator(`table.${table} tbody tr`)
        .evaluateAll((trs) =>
          trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => tr.getAttribute('data-group')),
        );
    await page.locator('button.group-pick[data-group="website"]').click();
    await expect(page.locator('#f-group').inputValue()).resolves.toBe('website');
    await expect(visibleObligations()).resolves.toEqual(['website-home-stale--hbj']);
    await expect(shownRows('outstanding')).resolves.toEqual(['website']);
    await expect(shownRows('flags')).resolves.toEqual([]);
    await expect(
      page.locator('button.group-pick[data-group="website"]').getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    // Pressing the card again clears the filter.
    await page.locator('button.group-pick[data-group="website"]').click();
    await expect(visibleObligations()).resolves.toHaveLength(report.obligations.length);
    await page.selectOption('#f-group', 'plan');
    await expect(shownRows('flags')).resolves.toEqual(['plan', 'plan', 'plan']);
    await expect(shownRows('outstanding')).resolves.toEqual(['plan', 'plan', 'plan']);
  });

  it('narrows the flags table by department and sorts it by a heading', async () => {
    await open();
    const flagRows = () =>
      page
        .locator('table.flags tbody tr')
        .evaluateAll((trs) =>
          trs
            .filter((tr) => !(tr as HTMLElement).hidden)
            .map((tr) => `${tr.querySelector('td code')?.textContent}:${tr.getAttribute('data-status')}`),
        );
    // Open flags first, oldest due first; the task's name, not its id, names the row.
    await expect(flagRows()).resolves.toEqual(['2016-03:open', '2016-W40:open', '2016-02:resolved']);
    await expect(page.locator('table.flags tbody tr th').first().textContent()).resolves.toContain(
      '空气质量',
    );
    await page.selectOption('#f-unit', '市环境保护局');
    await expect(flagRows()).resolves.toEqual(['2016-03:open', '2016-02:resolved']);
    await page.selectOption('#f-unit', '');
    // The age column: open flags by days since due, longest first after two clicks.
    const ageHeading = page.locator('table.flags thead th').nth(5);
    const age = ageHeading.locator('button');
    // Each click is seen to take effect before the next, as a person clicking twice would see it.
    await age.click();
    await expect.poll(() => ageHeading.getAttribute('aria-sort')).toBe('ascending');
    await age.click();
    await expect.poll(() => ageHeading.getAttribute('aria-sort')).toBe('descending');
    await expect(flagRows()).resolves.toEqual(['2016-03:open', '2016-W40:open', '2016-02:resolved']);
    await age.click();
    await expect(flagRows()).resolves.toEqual(['2016-02:resolved', '2016-W40:open', '2016-03:open']);
  });

  it('prints one department: only its obligations, outstanding items and open flags', async () => {
    await open();
    await page.selectOption('#f-unit', '市环境保护局');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('section#o-budget-disclosure').isVisible()).resolves.toBe(false);
    // The department's open flag; its resolved one and the city-wide sections stay on screen.
    await expect(page.locator('table.flags tbody tr:visible').count()).resolves.toBe(1);
    await expect(page.locator('#sources').isVisible()).resolves.toBe(false);
    await expect(
      page.locator('section#o-air-quality-monthly tr[data-verdict="missing"]').isVisible(),
    ).resolves.toBe(true);
    await expect(
      page.locator('section#o-air-quality-monthly tr[data-verdict="met"]').first().isVisible(),
    ).resolves.toBe(false);
    await expect(page.locator('table.outstanding tbody tr:visible').count()).resolves.toBe(2);
    const pages = pdfPages(await page.pdf({ format: 'A4' }));
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(10);
    await page.emulateMedia({ media: 'screen' });
  });

  it('drills down from a department row to its view, and opens straight into it from a link', async () => {
    await open();
    const unit = '市环境保护局';
    await page.locator('#departments a[data-unit]', { hasText: unit }).click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#unit=${unit}`);
    await expect(page.locator('#f-unit').inputValue()).resolves.toBe(unit);
    await expect(visibleObligations()).resolves.toEqual(['air-quality-monthly', 'website-home-stale--hbj']);
    await expect(page.locator('table.outstanding tbody tr:visible').count()).resolves.toBe(2);
    await expect(page.evaluate(() => document.body.classList.contains('dept-view'))).resolves.toBe(true);
    // The same view from a link someone sent.
    const other = await browser.newPage();
    watch(other);
    try {
      await other.goto(
        `${pathToFileURL(join(reportDir, 'report.html')).href}#unit=${encodeURIComponent('市旅游局')}`,
      );
      await expect(other.locator('#f-unit').inputValue()).resolves.toBe('市旅游局');
      await expect(
        other
          .locator('section.obl')
          .evaluateAll((els) => els.filter((el) => !(el as HTMLElement).hidden).length),
      ).resolves.toBe(1);
    } finally {
      await other.close();
    }
  });

  it("opens a department's own page and its rectification notice from the city report, and prints each", async () => {
    const unit = '市环境保护局';
    const { files } = renderDepartmentFiles(report, unit, { lang: 'zh' });
    for (const [name, content] of files) await writeFile(join(reportDir, name), content);
    await writeFile(
      join(reportDir, 'report.html'),
      renderHtml(report, { lang: 'zh', departmentFiles: { units: [unit], main: 'zh' } }),
    );
    await open();
    await page.locator('#departments .own-files a', { hasText: '部门报告' }).click();
    await expect.poll(() => page.url()).toContain('department-');
    await expect(page.locator('.dept-scope').textContent()).resolves.toBe(`部门报告：${unit}`);
    await expect(visibleObligations()).resolves.toEqual(['air-quality-monthly', 'website-home-stale--hbj']);
    await page.emulateMedia({ media: 'print' });
    // Its own page prints as its view: settled periods and closed flags stay on screen.
    await expect(page.locator('table.flags tbody tr:visible').count()).resolves.toBe(1);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdfPages(pdf)).toBeGreaterThan(0);
    expect(pdfPages(pdf)).toBeLessThanOrEqual(10);
    await page.emulateMedia({ media: 'screen' });
    await page.locator('p.links a', { hasText: '整改通知' }).click();
    await expect.poll(() => page.url()).toContain('notice-');
    await expect(page.locator('h1').textContent()).resolves.toBe('政务公开整改通知');
    await expect(page.locator('table tbody tr').first().textContent()).resolves.toContain('空气质量');
    // A notice fits on a page or two: it is sent, not browsed.
    const notice = await page.pdf({ format: 'A4' });
    expect(pdfPages(notice)).toBeGreaterThan(0);
    expect(pdfPages(notice)).toBeLessThanOrEqual(2);
    // Restore the city report the other tests open.
    await writeFile(join(reportDir, 'report.html'), renderHtml(report, { lang: 'zh' }));
  });

  it('on a phone, folds the filter bar and shows outstanding rows as cards within the screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    phone.setDefaultTimeout(5_000);
    watch(phone);
    try {
      for (const name of ['report.html', 'report.en.html']) {
        await phone.goto(pathToFileURL(join(reportDir, name)).href);
        await expect(phone.locator('#f-body').isVisible()).resolves.toBe(false);
        await expect(phone.locator('#f-toggle').getAttribute('aria-expanded')).resolves.toBe('false');
        await phone.locator('#f-toggle').click();
        await expect(phone.locator('#f-unit').isVisible()).resolves.toBe(true);
        await phone.selectOption('#f-unit', '市环境保护局');
        await expect(phone.locator('table.outstanding tbody tr:visible').count()).resolves.toBe(2);
        const row = await phone.locator('table.outstanding tbody tr:visible').first().boundingBox();
        expect(row?.width ?? 999).toBeLessThanOrEqual(390);
        // A department name gets a line of its own, not one character per line.
        const unit = await phone.locator('table.outstanding tbody tr:visible th').first().boundingBox();
        expect(unit?.height ?? 999).toBeLessThan(60);
        await expect(phone.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(
          390,
        );
      }
    } finally {
      await phone.close();
    }
  });

  it('logged no errors, warnings or network requests on any page', () => {
    expect(problems).toEqual([]);
  });
});
