import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fixtures = 'test/fixtures/catalogues';
const ruleDir = join(fixtures, 'rule-packs');

function gongkai(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/gongkai.mjs', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('gongkai catalogue check', () => {
  it('exits 0 on a valid catalogue and prints its summary', async () => {
    const { code, stdout } = await gongkai('catalogue', 'check', join(fixtures, 'valid.json'));
    expect(code).toBe(0);
    expect(stdout).toContain('10 obligations');
    expect(stdout).toMatch(/quarterly\s+1/);
    expect(stdout).toContain('staff-training (item 10)');
  });

  it('prints the summary as JSON with --json', async () => {
    const { code, stdout } = await gongkai('catalogue', 'check', join(fixtures, 'valid.json'), '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed).toMatchObject({
      valid: true,
      summary: { obligations: 10, verifiable: 9, unverifiable: 1 },
    });
  });

  it.each([
    ['wrong-type.json', ['obligations[1].units', 'obligations[3].item']],
    ['unknown-kind.json', ['obligations[3].schedule.kind']],
    ['bad-date.json', ['obligations[0].schedule.dates[1]: this date does not exist']],
    ['duplicate-id.json', ['obligations[4].id: duplicate obligation id "food-sampling"']],
    ['not-json.json', ['line 4, column 18']],
  ])('exits 2 on %s and names every wrong path', async (file, expected) => {
    const { code, stderr } = await gongkai('catalogue', 'check', join(fixtures, file));
    expect(code).toBe(2);
    for (const text of expected) expect(stderr).toContain(text);
  });

  it('accepts an obligation written by hand with only id, task, units, schedule and evidence', async () => {
    const { code, stdout, stderr } = await gongkai('catalogue', 'check', join(fixtures, 'hand-written.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('2 obligations');
    // Listed for review by its id alone: it has no plan item.
    expect(stdout).toContain('audit-report: confirm which site carries it');
    expect(stdout).not.toMatch(/item (?:undefined|null)/);
  });

  it('says what a hand-written obligation lacks is required', async () => {
    const { code, stderr } = await gongkai('catalogue', 'check', join(fixtures, 'hand-written-missing.json'));
    expect(code).toBe(2);
    expect(stderr).toContain('obligations[0].units: required');
    expect(stderr).toContain('obligations[0].schedule: required');
    expect(stderr).not.toContain('obligations[0].item');
    expect(stderr).not.toContain('received undefined');
  });

  it('lists problems as JSON with --json, still exiting 2', async () => {
    const { code, stdout } = await gongkai('catalogue', 'check', join(fixtures, 'wrong-type.json'), '--json');
    expect(code).toBe(2);
    expect(JSON.parse(stdout).problems).toHaveLength(2);
  });

  it('merges rule packs and names a missing one', async () => {
    const ok = await gongkai('catalogue', 'check', join(fixtures, 'with-pack.json'), '--rule-dir', ruleDir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('4 obligations');
    const missing = await gongkai(
      'catalogue',
      'check',
      join(fixtures, 'missing-pack.json'),
      '--rule-dir',
      ruleDir,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('include[1]: rule pack "no-such-pack" not found');
  });

  it('exits 2 with usage on a missing subcommand', async () => {
    const { code, stderr } = await gongkai('catalogue');
    expect(code).toBe(2);
    expect(stderr).toContain('Usage:');
  });
});

describe('gongkai catalogue schema', () => {
  it('writes the three schema files and --check accepts them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongkai-schemas-'));
    expect((await gongkai('catalogue', 'schema', '--check', '--dir', dir)).code).toBe(1);
    const written = await gongkai('catalogue', 'schema', '--write', '--dir', dir);
    expect(written.code).toBe(0);
    expect(written.stdout.trim().split('\n')).toHaveLength(3);
    expect((await gongkai('catalogue', 'schema', '--check', '--dir', dir)).code).toBe(0);
    const calendar = JSON.parse(await readFile(join(dir, 'calendar.schema.json'), 'utf8'));
    expect(calendar.required).toEqual(['years']);
  });

  it('the committed seeds/schemas are up to date', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongkai-schemas-'));
    await cp('seeds/schemas', dir, { recursive: true });
    expect((await gongkai('catalogue', 'schema', '--check', '--dir', dir)).code).toBe(0);
  });
});

describe('gongkai periods', () => {
  it('prints a table of periods with due dates', async () => {
    const { code, stdout, stderr } = await gongkai(
      'periods',
      '--catalogue',
      join(fixtures, 'valid.json'),
      '--year',
      '2016',
      '--obligation',
      'drug-sampling',
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+key\s+label\s+start\s+end\s+due\s+default$/);
    expect(lines).toHaveLength(5);
    expect(lines[3]).toMatch(
      /^drug-sampling\s+2016-Q3\s+2016年第三季度\s+2016-07-01\s+2016-09-30\s+2016-11-02$/,
    );
  });

  it('prints JSON with --json and says which default applied', async () => {
    const { code, stdout } = await gongkai('periods', '--catalogue', join(fixtures, 'valid.json'), '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.year).toBe(2016);
    const staff = parsed.obligations.find((o: { id: string }) => o.id === 'staff-training');
    expect(staff.periods[0].defaultApplied).toContain('unspecifiedDue');
    const events = parsed.obligations.find((o: { id: string }) => o.id === 'regulation-text');
    expect(events.periods).toEqual([]);
  });

  it("applies the catalogue's policy", async () => {
    const { stdout } = await gongkai('periods', '--catalogue', join(fixtures, 'with-policy.json'), '--json');
    const [drug, staff] = JSON.parse(stdout).obligations;
    expect(drug.periods[2]).toMatchObject({ key: '2016-Q3', graceWorkingDays: 10, due: '2016-10-19' });
    expect(staff.periods[0].due).toBe('2016-06-30');
  });

  it('warns on stderr for a year without holiday data, and not once a calendar file covers it', async () => {
    const args = [
      'periods',
      '--catalogue',
      join(fixtures, 'valid.json'),
      '--year',
      '2027',
      '--obligation',
      'price-monitor',
    ];
    const bare = await gongkai(...args);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toContain('warning: no holiday data for 2027');
    const covered = await gongkai(...args, '--calendar', 'test/fixtures/calendar-2027.json');
    expect(covered.code).toBe(0);
    expect(covered.stderr).not.toContain('2027');
  });

  it('exits 2 on an invalid catalogue, naming the path', async () => {
    const { code, stderr } = await gongkai('periods', '--catalogue', join(fixtures, 'bad-date.json'));
    expect(code).toBe(2);
    expect(stderr).toContain('obligations[0].schedule.dates[1]');
  });

  it('exits 2 on a bad --year or an unknown obligation', async () => {
    const year = await gongkai('periods', '--catalogue', join(fixtures, 'valid.json'), '--year', 'abc');
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('--year');
    const unknown = await gongkai(
      'periods',
      '--catalogue',
      join(fixtures, 'valid.json'),
      '--obligation',
      'nope',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no obligation "nope"');
  });
});
