import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/core/document';
import type { Obligation } from '../../../src/core/obligation';
import type { Flag } from '../../../src/store/ports';
import { flagNotification } from '../../../src/tasks/notify';
import { documentFlagKey, personalDataFlagWork } from '../../../src/tasks/personal-data-flags';
import { leakyDocument } from './leaky-document';

const obligation = {
  id: 'privacy-personal-data--hrss',
  site: 'hrss',
  units: ['市人力资源社会保障局'],
  evidence: { personalData: {} },
} as unknown as Obligation;

const leaky: Document = leakyDocument([
  {
    kind: 'mobile',
    masked: '138****8000',
    file: 'http://hrss/t1.htm',
    sha256: 'aa11',
    where: 'paragraph 2',
    excerpt: '电话：138****8000',
  },
]);

describe('personal-data flags', () => {
  it('raises one flag per document while it is public, with the masked excerpt and archived copy', () => {
    const work = personalDataFlagWork([obligation], [leaky], new Map(), '2016-04-11');
    expect(work.toRaise).toEqual([
      expect.objectContaining({
        obligationId: obligation.id,
        periodKey: documentFlagKey(leaky.url),
        due: '2016-04-11',
      }),
    ]);
    expect(work.toRaise[0]!.detail).toContain('paragraph 2: 电话：138****8000');
    expect(work.toRaise[0]!.detail).toContain('sha256 aa11');
    expect(work.toRaise[0]!.detail).not.toContain('13800138000');
  });

  it('raises nothing twice, and settles the flag once the document is taken down', () => {
    const flag: Flag = {
      obligationId: obligation.id,
      periodKey: documentFlagKey(leaky.url),
      due: '2016-04-11',
      raisedOn: '2016-04-11',
      raisedAt: 'x',
      units: [],
      status: 'open',
      history: [],
      kind: 'personal-data',
    };
    const flags = new Map([[`${flag.obligationId}|${flag.periodKey}`, flag]]);
    expect(personalDataFlagWork([obligation], [leaky], flags, '2016-04-18')).toEqual({
      toRaise: [],
      toSettle: [],
    });
    const gone = { ...leaky, absences: [{ from: '2016-04-25T02:00:00.000Z', to: null }] };
    expect(personalDataFlagWork([obligation], [gone], flags, '2016-04-25').toSettle).toEqual([
      { flag, note: 'taken down 2016-04-25: http://hrss/t1.htm' },
    ]);
  });

  it('puts documents with personal data in a part of their own of the notification', () => {
    const n = flagNotification(
      '2016-04-11',
      [
        {
          obligationId: obligation.id,
          periodKey: 'document-1',
          due: '2016-04-11',
          units: ['人社局'],
          kind: 'personal-data',
          detail: '“补贴名单公示” 138****8000',
        },
      ],
      new Map(),
    );
    expect(n.subject).toContain('1 份文件隐私泄露');
    expect(n.message).toContain('隐私泄露 — 1 published document(s)');
    expect(n.message).toContain('138****8000');
  });
});
