import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureReport, writeFixtureReportDir } from '../fixtures/reports/fixture-report';

function gongkai(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/gongkai.mjs', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const roots: string[] = [];

async function fixtureDir() {
  const root = await mkdtemp(join(tmpdir(), 'gongkai-verify-'));
  roots.push(root);
  const fixture = fixtureReport();
  const reportDir = await writeFixtureReportDir(root, fixture);
  return { root, reportDir, pages: fixture.pages };
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

describe('gongkai verify', () => {
  it('exits 0 when every archived copy the report cites matches its sha256', async () => {
    const { reportDir, pages } = await fixtureDir();
    const { code, stdout } = await gongkai('verify', reportDir);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(`${pages.length} files checked, 0 mismatched, 0 missing`);
  });

  it('exits 1 naming a corrupted file and a deleted one', async () => {
    const { root, reportDir, pages } = await fixtureDir();
    const [corrupted, deleted] = [pages[0]!, pages[1]!];
    await appendFile(join(root, corrupted.path), '<!-- edited -->');
    await unlink(join(root, deleted.path));
    const { code, stdout } = await gongkai('verify', reportDir);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`MISMATCH .*${corrupted.sha256}\\.html`));
    expect(stdout).toContain(`expected ${corrupted.sha256}`);
    expect(stdout).toMatch(new RegExp(`MISSING .*${deleted.sha256}\\.html`));
    expect(stdout).toContain('cited by budget-disclosure 2016-once-1 (evidence');
    expect(stdout.trim().split('\n').at(-1)).toBe(`${pages.length} files checked, 1 mismatched, 1 missing`);
  });

  it('prints the result as JSON with --json', async () => {
    const { root, reportDir, pages } = await fixtureDir();
    await unlink(join(root, pages[2]!.path));
    const { code, stdout } = await gongkai('verify', reportDir, '--json');
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(pages.length);
    expect(result.missing.map((m: { expected: string }) => m.expected)).toEqual([pages[2]!.sha256]);
    expect(result.matched).toHaveLength(pages.length - 1);
  });

  it('accepts the path of report.json itself', async () => {
    const { reportDir } = await fixtureDir();
    const { code } = await gongkai('verify', join(reportDir, 'report.json'));
    expect(code).toBe(0);
  });

  it('V01 refuses citations of /dev/zero and of a file outside the archive, without reading them', async () => {
    const { reportDir } = await fixtureDir();
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8'));
    const periods = report.obligations.flatMap((o: { periods: unknown[] }) => o.periods);
    const cited = periods.filter((p: { evidence: unknown[] }) => p.evidence.length > 0);
    // /etc/passwd cited with its real digest: before, it counted as matched.
    const passwd = await readFile('/etc/passwd');
    cited[0].evidence[0] = {
      ...cited[0].evidence[0],
      archived: '../../../../../../../../etc/passwd',
      sha256: createHash('sha256').update(passwd).digest('hex'),
    };
    cited[1].evidence[0] = { ...cited[1].evidence[0], archived: 'file:///dev/zero' };
    await writeFile(join(reportDir, 'report.json'), JSON.stringify(report));
    const started = Date.now();
    const { code, stdout } = await gongkai('verify', reportDir);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(code).toBe(1);
    // Each is a failure (outside the archive, or not an archived copy), never matched.
    expect(stdout).toMatch(/^(OUTSIDE|REFUSED) +\.\.\/.*etc\/passwd$/m);
    expect(stdout).toMatch(/^(OUTSIDE|REFUSED) +file:\/\/\/dev\/zero$/m);
    expect(stdout.trim().split('\n').at(-1)).not.toMatch(/0 mismatched, 0 missing$/);
  });

  it('exits 2 with a clear message when the folder holds no report', async () => {
    const { root } = await fixtureDir();
    const { code, stderr } = await gongkai('verify', join(root, 'archive'));
    expect(code).toBe(2);
    expect(stderr).toContain('no report.json in');
  });

  it('exits 1 naming the fetch-log line a full disk cut short (H19-08)', async () => {
    const { root, reportDir, pages } = await fixtureDir();
    const log = join(root, 'archive', 'sha256', pages[0]!.sha256.slice(0, 2), 'fetches.jsonl');
    const url = 'http://czj.example.gov.cn/a.htm';
    const line = JSON.stringify({
      sha256: pages[0]!.sha256,
      key: pages[0]!.path.replace('archive/', ''),
      size: pages[0]!.body.length,
      url,
      finalUrl: url,
      status: 200,
      fetchedAt: '2016-04-01T02:00:00Z',
    });
    await writeFile(log, `${line}\n${line.slice(0, 25)}`);
    const { code, stdout } = await gongkai('verify', reportDir);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `TORN LOG ${log} line 2: cut short (not JSON, no checksum); the next run sets it aside`,
    );
    expect(stdout.trim().split('\n').at(-1)).toBe(
      `${pages.length} files checked, 0 mismatched, 0 missing, 1 damaged fetch-log lines`,
    );
  });
});
