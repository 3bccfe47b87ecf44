import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/config';
import { summarizeCatalogue } from '../../../src/core/catalogue-summary';
import { SourcesFileSchema } from '../../../src/core/source';
import { SimulatedClock } from '../../../src/demo/run';
import type { LocalRuntime } from '../../../src/local/local-runtime';
import { runSweepLocally } from '../../../src/local/sweep-runner';
import { openOneSiteRuntime } from '../../support/one-site-runtime';
import { startServer, type TestServer } from '../fetch/test-server';

const MEMBERS = Object.getOwnPropertyNames(Object.prototype);
// `__proto__` is refused by the catalogue and sources schemas (tested below); every other member
// must work as an ordinary name.
const RESERVED = MEMBERS.filter((name) => name !== '__proto__');
const html = { 'content-type': 'text/html; charset=utf-8' };
const LIST = `<html><head><meta charset="utf-8"></head><body><ul class="list">
<li><a href="/tzgg/1.htm">2016年部门预算公开</a><span>2016-03-01</span></li></ul></body></html>`;

let server: TestServer;
let dataDir: string;
let runtime: LocalRuntime;
let catalogueFile: string;
const clock = new SimulatedClock();
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  server = await startServer({
    '/': (_req, res) => void res.writeHead(200, html).end(LIST),
    '/tzgg/': (_req, res) => void res.writeHead(200, html).end(LIST),
    '/tzgg/1.htm': (_req, res) =>
      void res.writeHead(200, html).end('<html><body><h1>2016年部门预算公开</h1>2016-03-01</body></html>'),
  });
  dataDir = await mkdtemp(join(tmpdir(), 'gongkai-reserved-'));
  catalogueFile = join(dataDir, 'catalogue.json');
  // Written as text: JSON.stringify of an object literal would drop a "__proto__" key.
  const obligations = RESERVED.map(
    (unit, i) =>
      `{"id":${JSON.stringify(unit === 'constructor' ? unit : `o-${i}`)},"item":${i + 1},"task":"公开部门预算","units":[${JSON.stringify(unit)}],` +
      '"category":null,"unitsCarried":false,"deadlineText":"全年","review":[],"source":{"lines":[1,1]},"decision":"test",' +
      '"schedule":{"kind":"annual"},"evidence":{"verifiable":true,"keywords":["部门预算"]}}',
  );
  await writeFile(
    catalogueFile,
    `{"plan":{"issuer":"江门市","year":2016},"obligations":[${obligations.join(',')}]}`,
  );
  runtime = await openOneSiteRuntime({
    dataDir,
    catalogueFile,
    origin: server.origin,
    site: {
      id: 'constructor',
      units: RESERVED,
      column: { id: 'tostring', name: '通知公告', path: '/tzgg/', kind: 'notice' },
    },
    clock,
    tablePrefix: 'gongkai-reserved',
  });
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('units and ids named after Object.prototype members', () => {
  it('are read as names by the catalogue loader and its summary', async () => {
    const catalogue = await loadCatalogue(catalogueFile);
    expect(catalogue.obligations.flatMap((o) => o.units)).toEqual(RESERVED);
    const summary = summarizeCatalogue(catalogue);
    expect(JSON.stringify(summary)).toContain('hasOwnProperty');
  });

  it('refuse "__proto__" as a unit name in a catalogue and in a sources file, naming the path', async () => {
    const file = join(dataDir, 'proto-unit.json');
    const text = (await readFile(catalogueFile, 'utf8')).replace(
      '"units":["constructor"]',
      '"units":["__proto__"]',
    );
    await writeFile(file, text);
    await expect(loadCatalogue(file)).rejects.toThrow(
      /obligations\[0\]\.units\[0\]: "__proto__" is a reserved name/,
    );
    const sources = SourcesFileSchema.safeParse(
      JSON.parse('{"sources":[{"id":"a","units":["__proto__"],"name":"n","homepage":"http://a.gov.cn/"}]}'),
    );
    expect(sources.success).toBe(false);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });

  it('sweep to a report with a verdict for every obligation, polluting nothing', async () => {
    clock.set('2016-12-31');
    await runSweepLocally({ asOf: '2016-12-31', runId: 'reserved' }, runtime.deps);
    const report = JSON.parse(await readFile(join(dataDir, 'report', 'report.json'), 'utf8'));
    const byUnit = new Map<string, string[]>(
      report.obligations.map((o: { units: string[]; periods: { verdict: string }[] }) => [
        o.units[0],
        o.periods.map((p) => p.verdict),
      ]),
    );
    expect([...byUnit.keys()].sort()).toEqual([...RESERVED].sort());
    for (const unit of RESERVED) expect(byUnit.get(unit), unit).toEqual(['met']);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
