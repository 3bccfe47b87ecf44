import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/core/document';
import type { Period } from '../../../src/core/period';
import { exposureSpans, judgePersonalData, settledOn } from '../../../src/core/privacy';
import type { Source } from '../../../src/core/source';
import { leakyDocument } from './leaky-document';

const source = { id: 'hrss', name: '人社局' } as Source;
const month = (key: string, start: string, end: string): Period => ({
  obligationId: 'privacy-personal-data--hrss',
  key,
  label: key,
  start,
  end,
  due: end,
  graceWorkingDays: 0,
  warnings: [],
});
const april = month('2016-04', '2016-04-01', '2016-04-30');
const may = month('2016-05', '2016-05-01', '2016-05-31');
const june = month('2016-06', '2016-06-01', '2016-06-30');
const checks = ['2016-04-11', '2016-05-09', '2016-06-06'].map((d) => ({
  checkedAt: `${d}T02:00:00.000Z`,
  ok: true,
}));

function doc(over: Partial<Document> = {}): Document {
  return leakyDocument(
    [
      {
        kind: 'resident-id',
        masked: '4407**********0028',
        file: 'http://hrss/mingdan.xlsx',
        sha256: 'xlsx',
        where: 'sheet 名单 row 2',
        excerpt: '4407**********0028',
      },
    ],
    over,
  );
}

const judge = (period: Period, documents: Document[], asOf = '2016-06-30') =>
  judgePersonalData('privacy-personal-data--hrss', {}, period, { source, documents, checks, asOf });

describe('judging a site by the personal data it published', () => {
  it('fails every month the document was public, naming file, place and kind, with the archived copy', () => {
    const j = judge(april, [doc()]);
    expect(j.kind).toBe('missing');
    expect(j.reasons[0]).toContain('sheet 名单 row 2 4407**********0028');
    expect(j.reasons[0]).toContain('1 身份证号');
    expect(j.evidence).toMatchObject([
      { url: 'http://hrss/mingdan.xlsx', sha256: 'xlsx', kind: 'observation' },
    ]);
    expect(judge(june, [doc()]).kind).toBe('missing');
  });

  it('settles from the month after the document was taken down, and says when', () => {
    const gone = doc({ absences: [{ from: '2016-05-09T02:00:00.000Z', to: null }] });
    expect(settledOn(gone, '2016-06-30')).toEqual({ on: '2016-05-09', how: 'taken down' });
    const j = judge(may, [gone]);
    expect(j.kind).toBe('missing');
    expect(j.reasons[0]).toContain('taken down 2016-05-09');
    expect(judge(june, [gone]).kind).toBe('met');
  });

  it('counts a document that came back after vanishing', () => {
    const back = doc({ absences: [{ from: '2016-04-20T02:00:00.000Z', to: '2016-06-06T02:00:00.000Z' }] });
    expect(exposureSpans(back)).toEqual([
      { from: '2016-04-11', to: '2016-04-20' },
      { from: '2016-06-06', to: null },
    ]);
    expect(judge(may, [back]).kind).toBe('met');
    expect(judge(june, [back]).kind).toBe('missing');
  });

  it('is met before the document appeared, pending before the month, and cannot tell with no read', () => {
    expect(judge(month('2016-03', '2016-03-01', '2016-03-31'), [doc()]).kind).toBe('insufficient-data');
    expect(judge(june, [doc()], '2016-05-15').kind).toBe('pending');
    expect(judge(may, [], '2016-05-31').kind).toBe('met');
  });

  it('says which files it could not read when it finds nothing', () => {
    const unread = doc({
      personalData: {
        scannedAt: 'x',
        findings: [],
        more: 0,
        unread: [{ file: 'http://hrss/a.xls', reason: 'legacy .xls' }],
      },
    });
    const j = judge(april, [unread]);
    expect(j.kind).toBe('met');
    expect(j.reasons[1]).toContain('http://hrss/a.xls (legacy .xls)');
  });
});
