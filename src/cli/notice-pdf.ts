/**
 * Prints the 整改通知 to PDF with a Chromium installed on this machine (driven by playwright-core,
 * which ships no browser and downloads none). The notice is laid out for A4 by its own @page rule;
 * Chromium prints it as any browser's "Save as PDF" would.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { UsageError } from './flags';

/** Where Debian, Ubuntu and Google's packages put the browser. */
export const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The browser to print with: `--chromium`, else GONGKAI_CHROMIUM, else the first installed one. */
export function findChromium(explicit: string | undefined, env = process.env): string {
  const asked = explicit ?? env.GONGKAI_CHROMIUM;
  if (asked !== undefined) {
    if (!existsSync(asked))
      throw new UsageError(
        `--pdf: no browser at ${asked} (from ${explicit ? '--chromium' : 'GONGKAI_CHROMIUM'})`,
      );
    return asked;
  }
  const found = CHROMIUM_PATHS.find((p) => existsSync(p));
  if (!found)
    throw new UsageError(
      `--pdf needs Chromium and none was found (looked at ${CHROMIUM_PATHS.join(', ')}): install it (Debian: apt-get install chromium) or pass --chromium PATH. The notice's HTML is written: any browser prints it to PDF (Ctrl+P, Save as PDF).`,
    );
  return found;
}

/** Headless, nothing fetched in the background: the pages are local files. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];

/** Prints each HTML file to its PDF (same name, .pdf), one browser for all. */
export async function printToPdf(
  files: readonly { html: string; pdf: string }[],
  chromium: string,
): Promise<void> {
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher
    .launch({
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    })
    .catch((error: Error) => {
      throw new UsageError(`--pdf: ${chromium} did not start: ${error.message.split('\n')[0]}`);
    });
  try {
    const page = await browser.newPage();
    for (const f of files) {
      await page.goto(pathToFileURL(f.html).href, { waitUntil: 'load' });
      await page.pdf({ path: f.pdf, format: 'A4', preferCSSPageSize: true });
    }
  } finally {
    await browser.close();
  }
}
