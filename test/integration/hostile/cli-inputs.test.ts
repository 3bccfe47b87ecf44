/**
 * Hostile inputs through the command line, as a person meets them: `gongkai` runs as a child
 * process; every case must exit 1 or 2 with a message on stderr that names the file and what is
 * wrong, never with a stack trace, and must write nothing it was not asked to.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { binaryPlanBytes } from '../../fixtures/hostile/generate';
import { caseTest, caseTitle } from '../../unit/hostile/known-gap';

const CATALOGUES = 'test/fixtures/hostile/catalogues';
const PLANS = 'test/fixtures/hostile/plans';
const HTML = 'test/fixtures/hostile/html';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function gongkai(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['bin/gongkai.mjs', ...args],
      { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at .+[(:]\d+/m;

let scratch: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'gongkai-hostile-cli-'));
  await writeFile(join(scratch, 'plan.png.txt'), binaryPlanBytes());
  await writeFile(join(scratch, 'catalogue.bin.json'), binaryPlanBytes());
  await writeFile(
    join(scratch, 'nul-page.html'),
    '<ul><li><a href="/a.htm">2016年\u0000预算</a> 2016-07-15</li></ul>',
  );
  server = createServer((req, res) => {
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = (): void => {
        while (sent < 50 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await rm(scratch, { recursive: true, force: true });
});

interface CliCase {
  id: string;
  what: string;
  args: () => string[];
  code: 1 | 2;
  /** Each must appear on stderr. */
  stderr: (string | RegExp)[];
  gap?: string;
}

const CASES: CliCase[] = [
  {
    id: 'X01',
    what: 'ingest of an empty plan',
    args: () => ['ingest', join(PLANS, 'empty.txt'), '--year', '2016'],
    code: 1,
    stderr: [`gongkai ingest: ${join(PLANS, 'empty.txt')}: the plan file is empty`],
  },
  {
    id: 'X02',
    what: 'ingest of a binary file',
    args: () => ['ingest', join(scratch, 'plan.png.txt'), '--year', '2016'],
    code: 1,
    stderr: ['plan.png.txt: the plan file is binary, not text'],
  },
  {
    id: 'X03',
    what: 'ingest of prose with no numbered items',
    args: () => ['ingest', join(PLANS, 'no-numbered-items.txt'), '--year', '2016', '--issuer', '江门市'],
    code: 1,
    stderr: ['no-numbered-items.txt: no numbered items found'],
  },
  {
    id: 'X04',
    what: 'ingest of a file that does not exist',
    args: () => ['ingest', join(PLANS, 'missing.txt'), '--year', '2016'],
    code: 1,
    stderr: [/cannot read .*missing\.txt: .*file not found/],
  },
  {
    id: 'X05',
    what: 'ingest of a directory',
    args: () => ['ingest', PLANS, '--year', '2016'],
    code: 1,
    stderr: [/cannot read .*plans: .*is a directory/],
  },
  {
    id: 'X06',
    what: 'ingest with a year that is not a year',
    args: () => ['ingest', join(PLANS, 'out-of-order.txt'), '--year', '20x6'],
    code: 2,
    stderr: ['--year: expected a year like 2016'],
  },
  {
    id: 'X07',
    what: 'ingest told to write into a folder that does not exist',
    args: () => [
      'ingest',
      join(PLANS, 'out-of-order.txt'),
      '--year',
      '2016',
      '--out',
      join(scratch, 'no/such/dir/draft.json'),
    ],
    code: 1,
    stderr: [/cannot write .*no\/such\/dir\/draft\.json: ENOENT/],
  },
  {
    id: 'X08',
    what: 'catalogue check of wrong types',
    args: () => ['catalogue', 'check', join(CATALOGUES, 'wrong-types.json')],
    code: 2,
    stderr: [
      'wrong-types.json is invalid (5 problems)',
      'obligations[1].units: Invalid input: expected array',
    ],
  },
  {
    id: 'X09',
    what: 'catalogue check of duplicate ids',
    args: () => ['catalogue', 'check', join(CATALOGUES, 'duplicate-ids.json')],
    code: 2,
    stderr: ['obligations[2].id: duplicate obligation id "budget"'],
  },
  {
    id: 'X10',
    what: 'catalogue check of dates that do not exist',
    args: () => ['catalogue', 'check', join(CATALOGUES, 'impossible-dates.json')],
    code: 2,
    stderr: ['obligations[0].schedule.dates[1]: this date does not exist'],
  },
  {
    id: 'X11',
    what: 'catalogue check of an unknown schedule kind',
    args: () => ['catalogue', 'check', join(CATALOGUES, 'unknown-kind.json')],
    code: 2,
    stderr: ['obligations[1].schedule.kind'],
  },
  {
    id: 'X12',
    what: 'catalogue check of invalid title patterns',
    args: () => ['catalogue', 'check', join(CATALOGUES, 'bad-regex.json')],
    code: 2,
    stderr: ['obligations[0].evidence.titlePatterns[0]: invalid regular expression'],
  },
  {
    id: 'X13',
    what: 'catalogue check of truncated JSON',
    args: () => ['catalogue', 'check', join(CATALOGUES, 'truncated.json')],
    code: 2,
    stderr: [/line \d+, column \d+: invalid JSON/],
  },
  {
    id: 'X14',
    what: 'catalogue check of a binary file',
    args: () => ['catalogue', 'check', join(scratch, 'catalogue.bin.json')],
    code: 2,
    stderr: [/catalogue\.bin\.json: invalid JSON: Unexpected token '\\ufffd': the file is not JSON\n$/],
  },
  {
    id: 'X15',
    what: 'catalogue check of an obligation whose unit no source carries',
    args: () => [
      'catalogue',
      'check',
      join(CATALOGUES, 'unknown-unit.json'),
      '--sources',
      join(CATALOGUES, 'unknown-unit.sources.json'),
    ],
    code: 2,
    stderr: [/obligations\[1\]\.units.*市不存在局/],
  },
  {
    id: 'X16',
    what: 'extract of a 50 MB page from a loopback server',
    args: () => ['extract', `${origin}/big`, '--allow-private-network'],
    code: 1,
    stderr: [/could not read .*\/big: .*10485760/],
  },
  {
    id: 'X19',
    what: 'extract of /dev/zero',
    args: () => ['extract', '/dev/zero'],
    code: 1,
    stderr: ['could not read /dev/zero: cannot be read: not a regular file'],
  },
  {
    id: 'X20',
    what: 'catalogue check of /dev/zero',
    args: () => ['catalogue', 'check', '/dev/zero'],
    code: 2,
    stderr: [/\/dev\/zero: cannot be read: not a regular file/],
  },
  {
    id: 'X21',
    what: 'extract of a loopback URL without --allow-private-network',
    args: () => ['extract', `${origin}/big`],
    code: 1,
    stderr: [/refused: .*loopback.*--allow-private-network/],
  },
  {
    id: 'X22',
    what: 'extract of the cloud metadata address, even with --allow-private-network',
    args: () => ['extract', 'http://169.254.169.254/latest/meta-data/', '--allow-private-network'],
    code: 1,
    stderr: [/169\.254\.169\.254 refused: cloud metadata address/],
  },
  {
    id: 'X23',
    what: 'extract of a URL with an IPv6 zone id',
    args: () => ['extract', 'http://[fe80::1%eth0]/list.htm'],
    code: 2,
    stderr: [/is not a valid URL: an IPv6 zone id/],
  },
  {
    id: 'X24',
    what: 'extract of a URL carrying user:pass@',
    args: () => ['extract', 'http://admin:s3cret@127.0.0.1/list.htm'],
    code: 2,
    stderr: ['carries a user name or password'],
  },
  {
    id: 'X25',
    what: 'run with a --data-dir that is a file',
    args: () => [
      'run',
      '--data-dir',
      join(PLANS, 'empty.txt'),
      '--catalogue',
      'test/fixtures/catalogues/valid.json',
      '--sources',
      'test/fixtures/hostile/sources/with-bom.json',
    ],
    code: 2,
    stderr: [/--data-dir .*empty\.txt: is a file, not a folder/],
  },
  {
    id: 'X26',
    what: 'run --target aws with a malformed state machine ARN',
    args: () => ['run', '--target', 'aws', '--state-machine-arn', 'gongkai-sweep'],
    code: 2,
    stderr: ['--state-machine-arn: expected arn:aws:states:<region>:<account>:stateMachine:<name>'],
  },
  {
    id: 'X17',
    what: 'extract of a URL with a scheme other than http(s) or file',
    args: () => ['extract', 'ftp://127.0.0.1/list.htm'],
    code: 2,
    stderr: ['only http(s) URLs and files can be read, not ftp://127.0.0.1/list.htm'],
  },
];

describe.concurrent('hostile inputs on the command line', () => {
  for (const c of CASES) {
    caseTest(c.gap)(
      caseTitle(c.id, `${c.what}: exit ${c.code}, message on stderr, no stack trace`, c.gap),
      async () => {
        const before = await readdir(scratch);
        const run = await gongkai(...c.args());
        expect(run.code, run.stderr).toBe(c.code);
        for (const expected of c.stderr) {
          if (typeof expected === 'string') expect(run.stderr).toContain(expected);
          else expect(run.stderr).toMatch(expected);
        }
        expect(run.stderr).not.toMatch(STACK_LINE);
        expect(await readdir(scratch)).toEqual(before);
      },
    );
  }

  caseTest(undefined)(
    caseTitle('X18', 'extract of pages with NUL bytes and only a script: exit 0 with warnings'),
    async () => {
      for (const file of [join(scratch, 'nul-page.html'), join(HTML, 'script-only.html')]) {
        const run = await gongkai('extract', file);
        expect(run.code, run.stderr).toBe(0);
        const out = JSON.parse(run.stdout) as { items: unknown[]; warnings: string[] };
        expect(Array.isArray(out.items)).toBe(true);
        if (out.items.length === 0) expect(out.warnings).toContain('no list items found');
      }
    },
  );
});
