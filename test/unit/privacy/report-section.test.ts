import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/core/document';
import type { Obligation } from '../../../src/core/obligation';
import type { Source } from '../../../src/core/source';
import { renderPersonalData } from '../../../src/report/html/personal-data';
import { stringsFor } from '../../../src/report/html/strings';
import { buildPersonalData } from '../../../src/report/personal-data';
import { leakyDocument } from './leaky-document';

const doc = (url: string, absences: Document['absences']): Document => {
  const finding = {
    kind: 'resident-id' as const,
    masked: '4407**********0028',
    file: `${url}.xlsx`,
    sha256: 'f1',
    where: 'sheet 名单 row 2',
    excerpt: '张某 4407**********0028',
  };
  const leaky = leakyDocument([finding], { url, absences, title: '就业补贴名单' });
  const unread = [{ file: 'http://hrss/old.xls', reason: 'legacy .xls (BIFF) workbook: not read' }];
  return { ...leaky, personalData: { ...leaky.personalData!, unread } };
};

const input = {
  asOf: '2016-06-30',
  obligations: [
    {
      id: 'privacy-personal-data--hrss',
      site: 'hrss',
      units: ['市人社局'],
      evidence: { personalData: {} },
    } as unknown as Obligation,
  ],
  sources: [{ id: 'hrss', name: '江门市人社局', units: ['市人社局'] } as Source],
  documents: [
    doc('http://hrss/a', []),
    doc('http://hrss/b', [{ from: '2016-05-09T02:00:00.000Z', to: null }]),
  ],
  archived: new Map([['f1', 'archive/f1']]),
};

describe('the 隐私泄露 report section', () => {
  it('lists per site each document, masked, public or taken down (and when), with its archived copy', () => {
    const section = buildPersonalData(input)!;
    expect(section.sites).toHaveLength(1);
    expect(section.sites[0]!.leaks.map((l) => [l.url, l.status, l.settledOn])).toEqual([
      ['http://hrss/a', 'public', null],
      ['http://hrss/b', 'taken down', '2016-05-09'],
    ]);
    expect(section.sites[0]!.leaks[0]!.findings[0]!.archived).toBe('archive/f1');
    const zh = renderPersonalData(section, stringsFor('zh'));
    expect(zh).toContain('隐私泄露');
    expect(zh).toContain('市人社局（1 个站点）');
    expect(zh).toContain('已撤下 2016-05-09');
    expect(zh).toContain('4407**********0028');
    expect(zh).toContain('legacy .xls');
    const en = renderPersonalData(section, stringsFor('en'));
    expect(en).toContain('taken down 2016-05-09');
    expect(en).toContain('resident ID number');
  });

  it('is left out when the catalogue does not judge personal data', () => {
    expect(buildPersonalData({ ...input, obligations: [] })).toBeUndefined();
  });
});
