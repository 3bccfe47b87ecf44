/**
 * `gongkai report --province DIR`: the province roll-up of the city reports under DIR. Each city is
 * a folder holding the report.json (and report.html, report.en.html) a city's `gongkai report`
 * wrote, or a `NAME.json` file with its `NAME.html` beside it; the roll-up links each city's page
 * relative to where it is written.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { loadJsonFile } from '../config/json-file';
import { ReportSchema } from '../report/model';
import { buildProvinceRollup, type CityReport } from '../report/province';
import { renderProvince } from '../report/render-province';
import { UsageError } from './flags';

/** Roll-up files: not city reports when the roll-up is written into the same folder. */
const OWN_FILES = new Set(['province.json']);

interface CityFile {
  json: string;
  html: string | null;
  htmlEn: string | null;
}

async function cityFiles(dir: string): Promise<CityFile[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`--province ${dir}: not a readable folder`);
  });
  const found: CityFile[] = [];
  const sibling = (path: string) => (existsSync(path) ? path : null);
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory() && existsSync(join(path, 'report.json')))
      found.push({
        json: join(path, 'report.json'),
        html: sibling(join(path, 'report.html')),
        htmlEn: sibling(join(path, 'report.en.html')),
      });
    else if (e.isFile() && e.name.endsWith('.json') && !OWN_FILES.has(e.name)) {
      const stem = path.slice(0, -'.json'.length);
      found.push({ json: path, html: sibling(`${stem}.html`), htmlEn: sibling(`${stem}.en.html`) });
    }
  }
  return found;
}

/** A link from the roll-up page to a file: relative, with `/` separators, each segment URL-encoded. */
function linkTo(from: string, file: string | null): string | null {
  if (file === null) return null;
  return relative(from, file).split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** Writes province.html, province.en.html and province.json; returns the lines to print. */
export async function writeProvinceRollup(options: {
  dir: string;
  out?: string;
  title?: string;
  lang: 'zh' | 'en';
  now: Date;
}): Promise<string[]> {
  const dir = resolve(options.dir);
  const out = resolve(options.out ?? dir);
  const files = await cityFiles(dir);
  if (files.length === 0)
    throw new UsageError(
      `--province ${options.dir}: no city reports found (folders holding report.json, or NAME.json files)`,
    );
  const cities: CityReport[] = [];
  for (const f of files) {
    const report = await loadJsonFile(ReportSchema, f.json, 'city report');
    cities.push({ report, html: linkTo(out, f.html), htmlEn: linkTo(out, f.htmlEn) });
  }
  const title = options.title ?? basename(dir);
  const rollup = buildProvinceRollup(cities, { title, generatedAt: options.now.toISOString() });
  await mkdir(out, { recursive: true });
  const other = options.lang === 'zh' ? 'en' : 'zh';
  const name = (lang: string) => (lang === options.lang ? 'province.html' : `province.${lang}.html`);
  for (const lang of [options.lang, other] as const)
    await writeFile(
      join(out, name(lang)),
      renderProvince(rollup, { lang, otherLanguage: name(lang === options.lang ? other : options.lang) }),
    );
  await writeFile(join(out, 'province.json'), `${JSON.stringify(rollup, null, 2)}\n`);
  const behind = rollup.cities.filter((c) => c.outstanding.missing > 0).length;
  return [
    `${rollup.cities.length} city reports rolled up; ${behind} with items overdue now (${rollup.outstanding.missing} in all)`,
    `Province roll-up: ${join(out, 'province.html')}`,
  ];
}
