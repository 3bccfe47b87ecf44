/**
 * A generated 40-city province: each city's report written as `gongkai report` writes it, the
 * roll-up built by `gongkai report --province`, and both opened from disk in Chromium with a
 * strict console.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/cli/notice-pdf';
import type { Report } from '../../src/report/model';
import type { ProvinceRollup } from '../../src/report/province';
import { renderHtml } from '../../src/report/render-html';
import { generatedCityReport } from '../fixtures/reports/city-fixture';
import { gongkai } from '../support/gongkai-cli';

const CHROMIUM = process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium';
const CITIES = 40;

let root: string;
let citiesDir: string;
let outDir: string;
let browser: Browser;
const reports: Report[] = [];
const problems: string[] = [];

function watch(p: Page): void {
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  p.on('request', (r) => {
    if (!r.url().startsWith('file://')) problems.push(`request: ${r.url()}`);
  });
}

/** Whether the element's top is inside the viewport without scrolling. */
async function onFirstScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return box !== null && box.y >= 0 && box.y < height && box.height > 0;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium package`);
  root = await mkdtemp(join(tmpdir(), 'gongkai-province-'));
  citiesDir = join(root, 'cities');
  outDir = join(root, 'roll-up');
  for (let i = 0; i < CITIES; i += 1) {
    const report = generatedCityReport(i);
    reports.push(report);
    const dir = join(citiesDir, report.plan.issuer);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'report.json'), JSON.stringify(report));
    await writeFile(join(dir, 'report.html'), renderHtml(report, { lang: 'zh' }));
    await writeFile(join(dir, 'report.en.html'), renderHtml(report, { lang: 'en' }));
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a province of 40 generated cities', () => {
  it('rolls the city reports up into one row per city, with each city’s own figures', async () => {
    const run = await gongkai(['report', '--province', citiesDir, '--out', outDir, '--title', '模拟省']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${CITIES} city reports rolled up`);
    const rollup = JSON.parse(await readFile(join(outDir, 'province.json'), 'utf8')) as ProvinceRollup;
    expect(rollup.cities).toHaveLength(CITIES);
    for (const report of reports) {
      const row = rollup.cities.find((c) => c.city === report.plan.issuer)!;
      expect(row.report).toBe(`../cities/${encodeURIComponent(report.plan.issuer)}/report.html`);
      expect(row.outstanding.missing).toBe(report.outstanding.filter((i) => i.state === 'missing').length);
      expect(row.openFlags).toBe(report.flags.filter((f) => f.status === 'open').length);
      const plan = report.obligations.filter((o) => o.group === 'plan').flatMap((o) => o.periods);
      expect(row.groups.plan?.missing).toBe(plan.filter((p) => p.verdict === 'missing').length);
      expect(row.worstDepartments.map((d) => d.unit)).not.toContain('市直有关单位');
      expect(row.worstDepartments.length).toBeLessThanOrEqual(3);
    }
    // Most missing plan and annual-report periods first.
    const duty = rollup.cities.map(
      (c) => (c.groups.plan?.missing ?? 0) + (c.groups['annual-report']?.missing ?? 0),
    );
    expect(duty).toEqual([...duty].sort((a, b) => b - a));
    const allMissing = reports.reduce(
      (n, r) => n + (r.groups.find((g) => g.group === 'website')?.counts.missing ?? 0),
      0,
    );
    expect(rollup.groups.find((g) => g.group === 'website')?.missing).toBe(allMissing);
  });

  it('opens in Chromium on its first screen, and a city’s name opens that city’s report', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    watch(page);
    await page.goto(pathToFileURL(join(outDir, 'province.html')).href);
    await expect(page.locator('h1').textContent()).resolves.toContain('模拟省');
    expect(await onFirstScreen(page, 'li.group-card[data-group="plan"]')).toBe(true);
    expect(await onFirstScreen(page, 'table.cities tbody tr')).toBe(true);
    await expect(page.locator('table.cities tbody tr').count()).resolves.toBe(CITIES);
    await expect(page.locator('li.group-card svg.spark').count()).resolves.toBe(3);
    const first = page.locator('table.cities tbody tr th a').first();
    const city = await first.textContent();
    // Opened in the same tab here (the page opens reports in a new one).
    await first.evaluate((a: HTMLAnchorElement) => a.removeAttribute('target'));
    await Promise.all([page.waitForURL(/report\.html$/), first.click()]);
    await expect(page.locator('h1').textContent()).resolves.toContain(city ?? '?');
    expect(await onFirstScreen(page, '#now')).toBe(true);
    // English roll-up links the English city reports.
    await page.goto(pathToFileURL(join(outDir, 'province.en.html')).href);
    await expect(page.locator('table.cities tbody tr th a').first().getAttribute('href')).resolves.toMatch(
      /report\.en\.html$/,
    );
    // On a phone the first screen is still the province's figures.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(pathToFileURL(join(outDir, 'province.html')).href);
    expect(await onFirstScreen(page, 'li.group-card[data-group="plan"]')).toBe(true);
    await page.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it('names the file and the path of what is wrong in a city report, and refuses flags of other modes', async () => {
    const bad = join(root, 'bad');
    await mkdir(join(bad, 'x'), { recursive: true });
    const broken = { ...reports[0]!, totals: { ...reports[0]!.totals, obligations: 'many' } };
    await writeFile(join(bad, 'x', 'report.json'), JSON.stringify(broken));
    const run = await gongkai(['report', '--province', bad]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(join(bad, 'x', 'report.json'));
    expect(run.stderr).toContain('totals.obligations');
    const mixed = await gongkai(['report', '--province', citiesDir, '--department', '市财政局']);
    expect(mixed.code).not.toBe(0);
    expect(mixed.stderr).toContain('--department');
    const empty = join(root, 'empty');
    await mkdir(empty);
    const none = await gongkai(['report', '--province', empty]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('no city reports found');
  });
});
