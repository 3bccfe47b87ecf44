import { describe, expect, it } from 'vitest';
import type { Flag } from '../../../src/store/ports';
import { lapsedFlags } from '../../../src/tasks/flag-lapse';

const flag = (obligationId: string, periodKey: string, due: string, over: Partial<Flag> = {}): Flag => ({
  obligationId,
  periodKey,
  due,
  raisedOn: due,
  raisedAt: `${due}T02:00:00Z`,
  units: ['市旅游局'],
  status: 'open',
  history: [],
  ...over,
});
const siteRules = new Set(['home--lyj']);

describe('flag lapse', () => {
  it('lapses an open site-rule flag once a later period of the rule is judged', () => {
    const may = flag('home--lyj', '2016-05', '2016-05-31');
    const out = lapsedFlags(
      [
        { obligationId: 'home--lyj', kind: 'missing', due: '2016-05-31' },
        { obligationId: 'home--lyj', kind: 'met', due: '2016-06-30' },
      ],
      siteRules,
      [may],
    );
    expect(out).toEqual([{ flag: may, next: '2016-06-30' }]);
  });

  it('keeps the flag open while the next period is still running or pending', () => {
    const may = flag('home--lyj', '2016-05', '2016-05-31');
    const out = lapsedFlags(
      [
        { obligationId: 'home--lyj', kind: 'missing', due: '2016-05-31' },
        { obligationId: 'home--lyj', kind: 'due-soon', due: '2016-06-30' },
        { obligationId: 'home--lyj', kind: 'pending', due: '2016-07-31' },
      ],
      siteRules,
      [may],
    );
    expect(out).toEqual([]);
  });

  it('never lapses plan obligations, settled flags or veto warnings', () => {
    const plan = flag('item-3', '2016-Q1', '2016-03-31');
    const resolved = flag('home--lyj', '2016-04', '2016-04-30', { status: 'resolved' });
    const warning = flag('home--lyj', 'warning-2016-05-10', '2016-05-10', { kind: 'veto-warning' });
    const out = lapsedFlags(
      [
        { obligationId: 'item-3', kind: 'met', due: '2016-06-30' },
        { obligationId: 'home--lyj', kind: 'missing', due: '2016-06-30' },
      ],
      siteRules,
      [plan, resolved, warning],
    );
    expect(out).toEqual([]);
  });
});
