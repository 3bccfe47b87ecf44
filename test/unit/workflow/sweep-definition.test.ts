import { describe, expect, it } from 'vitest';
import { localDefinition } from '../../../src/local/sweep-runner';
import { TASK_STATES } from '../../../src/tasks/contracts';
import { TASKS } from '../../../src/tasks/index';
import { stateForSubstitution, substitutionNames, taskStates } from '../../../src/workflow/definition';
import definition from '../../../src/workflow/sweep.asl.json';

/** Features aws-local-stepfunctions ignores or lacks: a definition using them would behave differently locally. */
const UNSUPPORTED_LOCALLY = [
  'JSONata',
  'Assign',
  'ItemReader',
  'ResultWriter',
  'ItemBatcher',
  'Arguments',
  'Output',
  'QueryLanguage":"JSONata',
];

function collectKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) collectKeys(v, keys);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      collectKeys(v, keys);
    }
  }
  return keys;
}

describe('the sweep definition', () => {
  it('uses JSONPath and no feature the local runner lacks', () => {
    expect(definition.QueryLanguage).toBe('JSONPath');
    const keys = collectKeys(definition);
    const text = JSON.stringify(definition);
    for (const feature of UNSUPPORTED_LOCALLY) {
      expect(keys.has(feature) || text.includes(`"${feature}"`), `uses ${feature}`).toBe(false);
    }
    expect(text).not.toMatch(/\{%.*%\}/);
  });

  it('binds every Task state to a task function, locally and on AWS', () => {
    const states = taskStates(definition as never);
    expect([...states.keys()].sort()).toEqual([...TASK_STATES].sort());
    for (const name of states.keys()) expect(TASKS[name as keyof typeof TASKS]).toBeDefined();
  });

  it('takes every Task resource from a substitution named after its state', () => {
    const states = taskStates(definition as never);
    for (const [name, resource] of states) expect(resource).toBe(`\${${name}FunctionArn}`);
    expect(substitutionNames().map(stateForSubstitution).sort()).toEqual([...TASK_STATES].sort());
  });

  it('renders for the local runner with no placeholder left', () => {
    expect(JSON.stringify(localDefinition())).not.toContain('${');
  });

  it('catches crawl failures so a broken site is recorded, not fatal', () => {
    const map = definition.States.CrawlSources;
    const crawl = map.ItemProcessor.States.CrawlSource;
    expect(crawl.Catch[0]?.ErrorEquals).toContain('States.ALL');
    expect(crawl.Catch[0]?.Next).toBe('RecordCrawlFailure');
    expect(map.MaxConcurrency).toBeGreaterThan(0);
  });
});

describe('the Lambda entry points', () => {
  const entries: Record<string, () => Promise<{ handler: { binding: unknown } }>> = {
    ListSources: () => import('../../../functions/list-sources'),
    CrawlSource: () => import('../../../functions/crawl-source'),
    RecordCrawlFailure: () => import('../../../functions/record-crawl-failure'),
    MatchEvidence: () => import('../../../functions/match-evidence'),
    EvaluateVerdicts: () => import('../../../functions/evaluate-verdicts'),
    RaiseFlags: () => import('../../../functions/raise-flags'),
    Notify: () => import('../../../functions/notify'),
    WriteReport: () => import('../../../functions/write-report'),
  };

  it('bind exactly the task the local runner binds, for every Task state', async () => {
    expect(Object.keys(entries).sort()).toEqual([...TASK_STATES].sort());
    for (const [state, load] of Object.entries(entries)) {
      const { handler } = await load();
      expect(handler.binding, state).toBe(TASKS[state as keyof typeof TASKS]);
    }
  });
});
