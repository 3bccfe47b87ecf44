import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => `test/fixtures/pages/${name}`;

async function gongkai(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/gongkai.mjs', 'extract', ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('gongkai extract', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    const gbk = readFileSync(new URL(`../fixtures/pages/gbk-list.html`, import.meta.url));
    server = createServer((request, response) => {
      if (request.url === '/gzdt/index.htm') {
        // The header is wrong on purpose: the bytes are GBK, as the page's own meta says.
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(gbk);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('prints the items, dates and next pages of a list file, resolved against --base-url', async () => {
    const result = await gongkai(
      fixture('trs-list.html'),
      '--base-url',
      'http://www.jmfda.gov.cn/tzgg/index.htm',
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.encoding).toBe('utf-8');
    expect(output.items).toHaveLength(5);
    expect(output.items[0]).toMatchObject({
      title: '江门市食品药品监督管理局关于2016年第二季度食品安全抽检结果的通告',
      url: 'http://www.jmfda.gov.cn/tzgg/201607/t20160715_12345.htm',
      date: '2016-07-15',
      dateText: '[07-15]',
      attachments: [],
    });
    expect(output.next).toEqual([
      'http://www.jmfda.gov.cn/tzgg/index_1.htm',
      'http://www.jmfda.gov.cn/tzgg/index_2.htm',
      'http://www.jmfda.gov.cn/tzgg/index_3.htm',
    ]);
  });

  it('decodes a GBK file from its bytes and resolves links against the file URL by default', async () => {
    const result = await gongkai(fixture('gbk-list.html'));
    const output = JSON.parse(result.stdout);
    expect(output.encoding).toBe('gb18030');
    // Titles are read as NFKC (docs/matching.md): full-width brackets read as ASCII ones.
    expect(output.items[2].title).toBe('蓬江区开展食品安全宣传周活动(镕)');
    expect(output.items[0].url).toBe('file:///gzdt/201608/t20160812_88001.html');
  });

  it('fetches a URL once and overrules its wrong charset header', async () => {
    const result = await gongkai(`${origin}/gzdt/index.htm`, '--allow-private-network');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ encoding: 'gb18030', encodingSource: 'meta' });
    expect(output.conflicts[0]).toBe('header says "utf-8" but <meta> says "gb2312"');
    expect(output.items.map((item: { url: string }) => item.url)).toEqual([
      `${origin}/gzdt/201608/t20160812_88001.html`,
      `${origin}/gzdt/201608/t20160803_87950.html`,
      `${origin}/gzdt/201607/t20160720_87800.html`,
    ]);
  });

  it('reads a detail page with --detail', async () => {
    const result = await gongkai(
      fixture('detail-time-attachments.html'),
      '--detail',
      '--base-url',
      'http://czj.jiangmen.gov.cn/tz/9.html',
    );
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      title: '关于2016年部门预算公开的通知',
      date: '2016-09-30',
      dateText: '2016-09-30 11:16',
      dateOrigin: 'detail-text',
    });
    expect(output.attachments).toHaveLength(3);
  });

  it('fails with exit code 1 and the status for a page that answers 404', async () => {
    const missing = await gongkai(`${origin}/nothing.htm`, '--allow-private-network');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('answered HTTP 404');
  });

  it('fails with exit code 1 for a missing file', async () => {
    const noFile = await gongkai(fixture('no-such-page.html'));
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain('could not read');
  });

  it('refuses schemes other than http(s) and files before connecting', async () => {
    const ftp = await gongkai('ftp://127.0.0.1/list.htm');
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toContain('only http(s) URLs and files can be read');
  });

  it('uses --selectors given as JSON and names a wrong one', async () => {
    const selectors = JSON.stringify({ item: 'table.listtable tr', date: 'td + td' });
    const result = await gongkai(
      fixture('table-list.html'),
      '--selectors',
      selectors,
      '--base-url',
      'http://a.gov.cn/',
    );
    expect(JSON.parse(result.stdout).items.map((item: { date: string }) => item.date)).toEqual([
      '2016-10-12',
      '2016-09-02',
      '2016-08-31',
      '2016-08-05',
      '2016-01-28',
    ]);
    const wrong = await gongkai(fixture('table-list.html'), '--selectors', '{"itm":"li"}');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--selectors.item');
  });

  it('rejects a malformed --base-url naming the flag', async () => {
    const result = await gongkai(fixture('trs-list.html'), '--base-url', 'not a url');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base-url');
  });
});
