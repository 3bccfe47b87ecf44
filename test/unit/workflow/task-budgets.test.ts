import { describe, expect, it } from 'vitest';
import { TASK_ACCESS } from '../../../infra/task-access';
import { attemptsInTurn } from '../../../src/local/sweep-runner';
import { TASK_STATES } from '../../../src/tasks/contracts';
import { taskTimeouts } from '../../../src/workflow/definition';

describe('task time budgets', () => {
  it('give every Task state a TimeoutSeconds, the one its Lambda gets as its timeout', () => {
    const timeouts = taskTimeouts();
    expect([...timeouts.keys()].sort()).toEqual([...TASK_STATES].sort());
    // A crawl of 200 polite pages takes minutes: far more than the local engine's 60 s default.
    expect(timeouts.get('CrawlSource')).toBeGreaterThanOrEqual(600);
    for (const state of TASK_STATES) {
      expect(TASK_ACCESS[state].timeoutSeconds, state).toBe(timeouts.get(state));
    }
  });

  it('refuse a Task state without TimeoutSeconds (the local engine would default to 60 s)', () => {
    expect(() => taskTimeouts({ States: { A: { Type: 'Task', Resource: 'x' } } })).toThrow(
      'Task state "A" has no TimeoutSeconds',
    );
  });
});

describe('attemptsInTurn', () => {
  it('starts a retry of the same input only after the earlier attempt settled', async () => {
    const log: string[] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const handler = attemptsInTurn(async (input: { sourceId: string }) => {
      const n = ++calls;
      log.push(`start ${n} ${input.sourceId}`);
      if (n === 1) await first;
      log.push(`end ${n}`);
      return n;
    });
    const a = handler({ sourceId: 'finance' });
    const retry = handler({ sourceId: 'finance' });
    const other = handler({ sourceId: 'health' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The other source runs at once; the retry of "finance" has not started.
    expect(log).toEqual(['start 1 finance', 'start 2 health', 'end 2']);
    release();
    expect(await Promise.all([a, retry, other])).toEqual([1, 3, 2]);
    expect(log).toEqual(['start 1 finance', 'start 2 health', 'end 2', 'end 1', 'start 3 finance', 'end 3']);
  });
});
