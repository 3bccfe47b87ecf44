import { describe, expect, it } from 'vitest';
import type { Flag } from '../../../src/store/ports';
import { vetoWarningWork } from '../../../src/tasks/veto-warnings';

const warning = (obligationId: string, due: string, status: Flag['status'] = 'open'): Flag => ({
  obligationId,
  periodKey: `warning-${due}`,
  due,
  raisedOn: '2016-06-01',
  raisedAt: '2016-06-01T02:00:00Z',
  units: ['市旅游局'],
  status,
  kind: 'veto-warning',
  history: [],
});
const keyed = (flags: Flag[]) => new Map(flags.map((f) => [`${f.obligationId}|${f.periodKey}`, f]));
const vetoes = new Set(['home--lyj']);

describe('veto warning work', () => {
  it('raises one warning per veto and forecast date, and none for rules that are not vetoes', () => {
    const work = vetoWarningWork(
      [
        { obligationId: 'home--lyj', kind: 'due-soon', forecast: '2016-06-16' },
        { obligationId: 'news--lyj', kind: 'due-soon', forecast: '2016-06-12' },
        { obligationId: 'home--lyj', kind: 'met', forecast: '2016-07-30' },
      ],
      vetoes,
      new Map(),
    );
    expect(work.toRaise).toEqual([{ obligationId: 'home--lyj', forecast: '2016-06-16' }]);
    expect(work.toSettle).toEqual([]);
  });

  it('raises nothing already raised, and settles open warnings whose date is no longer forecast', () => {
    const standing = warning('home--lyj', '2016-06-16');
    const stale = warning('home--lyj', '2016-06-09');
    const settled = warning('home--lyj', '2016-05-20', 'resolved');
    const work = vetoWarningWork(
      [{ obligationId: 'home--lyj', kind: 'due-soon', forecast: '2016-06-16' }],
      vetoes,
      keyed([standing, stale, settled]),
    );
    expect(work.toRaise).toEqual([]);
    expect(work.toSettle).toEqual([stale]);
  });
});
