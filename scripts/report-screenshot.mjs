#!/usr/bin/env node
/**
 * Takes the README's screenshot: the first screen of a report (the outstanding-now list and the
 * per-kind cards with their trend bars), in Chinese, as a desktop browser shows it, then makes the
 * PNG small (a 64-colour palette through pngquant when it is installed: the page is flat text on
 * white, so the picture keeps its look at a fraction of the size).
 *
 *   npm start                                  # writes .gongkai/report/report.html (the demo year)
 *   node scripts/report-screenshot.mjs [.gongkai/report/report.html] [docs/report-screenshot.png]
 *
 * Chromium comes from the system (GONGKAI_CHROMIUM, default /usr/bin/chromium), as in the browser tests.
 */
import { execFileSync } from 'node:child_process';
import { rename, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [input = '.gongkai/report/report.html', output = 'docs/report-screenshot.png'] = process.argv.slice(2);
const VIEWPORT = { width: 1280, height: 1100 };

const browser = await chromium.launch({
  executablePath: process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(resolve(input)).href);
  await page.waitForLoadState('load');
  await page.screenshot({ path: `${output}.raw.png` });
} finally {
  await browser.close();
}

try {
  // pngquant (Debian: apt-get install pngquant): a 64-colour palette, dithered.
  execFileSync('pngquant', [
    '--force',
    '--strip',
    '--quality',
    '60-90',
    '64',
    '--output',
    output,
    `${output}.raw.png`,
  ]);
  await rm(`${output}.raw.png`);
} catch {
  // No pngquant: keep the browser's PNG as it is.
  await rename(`${output}.raw.png`, output);
}
console.log(`${output}: ${Math.round((await stat(output)).size / 1024)} KB`);
