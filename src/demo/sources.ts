/**
 * The demo sources (seeds/jiangmen-2016/demo/sources.json) follow from the demo content: one source
 * per site, one column per site column, `{{site:<id>}}` where the origin goes (ports are only known
 * once the portal runs). The file is committed so people can read it; a unit test keeps it equal to
 * what this module renders. Regenerate with `npx tsx src/demo/sources.ts`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourcesFile } from '../core/source';
import { DEFAULT_DEMO_DIR, type DemoContent, loadDemoContent } from './content';

/** Per-host delay for the demo: small, so 57 weekly sweeps finish quickly. */
const DEMO_DELAY_MS = 10;

/** List pages the monitor reads per demo column; a column's whole list must fit, or old items drop out of sight. */
export const DEMO_COLUMN_MAX_PAGES = 10;

/** The sources file for the demo content, with `{{site:<id>}}` placeholders for origins. */
export function demoSources(content: DemoContent): SourcesFile {
  return {
    $schema: '../../schemas/sources.schema.json',
    userAgent: 'GongkaiMonitor/0.1 (demo)',
    defaults: { perHostDelayMs: DEMO_DELAY_MS, timeoutMs: 5_000, maxPages: 50 },
    sources: content.sites.map((site) => ({
      id: site.id,
      units: site.units,
      name: site.name,
      homepage: `{{site:${site.id}}}/`,
      // A hint only matters when neither header nor meta names the charset; harmless otherwise.
      ...(site.charset === 'gbk' ? { charset: 'gbk' } : {}),
      allowPrivateNetwork: true,
      columns: site.columns.map((column) => ({
        id: column.id,
        name: column.name,
        url: `{{site:${site.id}}}${column.path}index.htm`,
        kind: column.kind,
        maxPages: DEMO_COLUMN_MAX_PAGES,
      })),
    })),
  };
}

/** The committed file's text: two-space JSON with a final newline. */
export function renderDemoSources(content: DemoContent): string {
  return `${JSON.stringify(demoSources(content), null, 2)}\n`;
}

/** Replaces `{{site:<id>}}` placeholders with the portal's origins. */
export function substitutePlaceholders(text: string, substitutions: Record<string, string>): string {
  return text.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => substitutions[name] ?? whole);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const content = await loadDemoContent(DEFAULT_DEMO_DIR);
  const path = join(DEFAULT_DEMO_DIR, 'sources.json');
  await writeFile(path, renderDemoSources(content));
  console.log(`wrote ${path}`);
}
