import { describe, expect, it } from 'vitest';
import { readInfraConfig, stackIdFor } from '../../infra/config';
import { crawlConcurrency } from '../../infra/constructs/sweep-workflow';
import { loadDeployInputs } from '../../infra/load-inputs';
import { ValidationError } from '../../src/core/validation';
import { FIXTURE_CONTEXT } from './synth-stack';

const fromContext = (context: Record<string, unknown>) => readInfraConfig((key) => context[key]);

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('infra config from CDK context', () => {
  it('applies defaults for everything but the catalogue and sources', () => {
    expect(fromContext(FIXTURE_CONTEXT)).toEqual({
      catalogue: FIXTURE_CONTEXT['gongkai:catalogue'],
      sources: FIXTURE_CONTEXT['gongkai:sources'],
      scheduleExpression: 'cron(0 6 * * ? *)',
      alertEmail: '',
      retentionDays: 365,
      reportRetentionDays: 400,
      logRetentionDays: 90,
      healthRetentionDays: 760,
    });
  });

  it("reads the crawler's default concurrency from the sweep's Map", () => {
    expect(crawlConcurrency('{"States":{"A":{"Type":"Task"},"M":{"Type":"Map","MaxConcurrency":6}}}')).toBe(
      6,
    );
    expect(crawlConcurrency()).toBeGreaterThan(0);
  });

  it('accepts numbers given as strings on the command line (-c key=value)', () => {
    expect(fromContext({ ...FIXTURE_CONTEXT, 'gongkai:retentionDays': '730' }).retentionDays).toBe(730);
  });

  it('names the context key and the value it got when a setting is wrong', () => {
    const problems = problemsOf(() =>
      fromContext({
        ...FIXTURE_CONTEXT,
        'gongkai:retentionDays': 0,
        'gongkai:alertEmail': 'not-an-address',
        'gongkai:scheduleExpression': 'every day at six',
      }),
    );
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('gongkai:retentionDays:'))).toContain('(got 0)');
    expect(problems.find((p) => p.startsWith('gongkai:alertEmail:'))).toContain('"not-an-address"');
    expect(problems.find((p) => p.startsWith('gongkai:scheduleExpression:'))).toContain('cron(');
  });

  it('accepts only log retentions CloudWatch Logs offers', () => {
    expect(fromContext({ ...FIXTURE_CONTEXT, 'gongkai:logRetentionDays': 30 }).logRetentionDays).toBe(30);
    const problems = problemsOf(() => fromContext({ ...FIXTURE_CONTEXT, 'gongkai:logRetentionDays': 31 }));
    expect(problems).toEqual([
      expect.stringMatching(/^gongkai:logRetentionDays: CloudWatch Logs accepts only 1, 3/),
    ]);
  });

  it('refuses a health-check retention shorter than the judgement of a plan year needs', () => {
    expect(fromContext({ ...FIXTURE_CONTEXT, 'gongkai:healthRetentionDays': 900 }).healthRetentionDays).toBe(
      900,
    );
    const problems = problemsOf(() => fromContext({ ...FIXTURE_CONTEXT, 'gongkai:healthRetentionDays': 90 }));
    expect(problems).toEqual([expect.stringMatching(/^gongkai:healthRetentionDays: /)]);
  });

  it('says a required key is not set', () => {
    const problems = problemsOf(() => fromContext({ 'gongkai:sources': 'x.json' }));
    expect(problems).toEqual([expect.stringMatching(/^gongkai:catalogue: .*\(not set\)$/)]);
  });
});

describe('deploy inputs', () => {
  const config = fromContext(FIXTURE_CONTEXT);

  it('ships the validated catalogue and sources as compact JSON', async () => {
    const inputs = await loadDeployInputs(config);
    expect(JSON.parse(inputs.catalogueJson).obligations[0].id).toBe('jm2016-010');
    expect(JSON.parse(inputs.sourcesJson).sources[0].id).toBe('jm-tourism');
  });

  it('refuses a catalogue with an invalid obligation, naming the key and the JSON path', async () => {
    const bad = { ...config, catalogue: 'test/infra/fixtures/catalogue-bad-schedule.json' };
    const error = (await loadDeployInputs(bad).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('gongkai:catalogue');
    expect(error.problems.join('\n')).toContain('obligations[0].schedule');
  });

  it('refuses sources that allow private-network addresses', async () => {
    const local = { ...config, sources: 'test/infra/fixtures/sources-private-network.json' };
    const error = (await loadDeployInputs(local).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems).toEqual([expect.stringContaining('sources[0].allowPrivateNetwork')]);
  });

  it('names the key when a file does not exist', async () => {
    const missing = { ...config, sources: 'test/infra/fixtures/nope.json' };
    const error = (await loadDeployInputs(missing).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('gongkai:sources');
  });
});

describe('the stage context key', () => {
  it('names the stack Gongkai-<stage>, so dev and prod share an account', () => {
    expect(stackIdFor('dev')).toBe('Gongkai-dev');
    expect(stackIdFor('prod')).toBe('Gongkai-prod');
  });

  it('keeps the id Gongkai without a stage, as stacks deployed before stages have it', () => {
    expect(stackIdFor(undefined)).toBe('Gongkai');
  });

  it('refuses a stage that cannot name a stack, saying which key', () => {
    expect(problemsOf(() => stackIdFor('Prod Stack'))).toEqual([
      expect.stringMatching(/^stage: expected a stage name .*\(got "Prod Stack"\)$/),
    ]);
  });
});
