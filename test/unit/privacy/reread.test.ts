import { describe, expect, it } from 'vitest';
import { afterReread, awaitsFix, type PersonalDataScan } from '../../../src/core/privacy';
import { leakyDocument } from './leaky-document';

const finding = {
  kind: 'resident-id' as const,
  masked: '4407**********0015',
  where: 'sheet 名单 row 2',
  excerpt: '陈某 4407**********0015',
  file: 'http://hrss/t1.xlsx',
  sha256: 'f1',
};
const found: PersonalDataScan = {
  scannedAt: '2016-04-11T02:00:00.000Z',
  findings: [finding],
  more: 0,
  unread: [],
};
const clean: PersonalDataScan = { scannedAt: '2016-04-20T02:00:00.000Z', findings: [], more: 0, unread: [] };
const AT = '2016-04-20T02:00:00.000Z';

describe('reading a leaking document again', () => {
  it('marks it fixed when a full read finds nothing, keeping what was exposed', () => {
    expect(afterReread(found, undefined, AT, true)).toEqual({ ...found, fixedAt: AT });
    expect(afterReread(found, clean, AT, true)).toEqual({ ...found, fixedAt: AT });
  });

  it('claims no fix when a file could not be fetched or read', () => {
    expect(afterReread(found, undefined, AT, false)).toBe(found);
    const unread = { ...clean, unread: [{ file: 'http://hrss/t1.xlsx', reason: 'read in part' }] };
    expect(afterReread(found, unread, AT, true)).toBe(found);
  });

  it('keeps the first findings while the data is still there, and a fix once made', () => {
    expect(afterReread(found, { ...found, scannedAt: AT }, AT, true)).toBe(found);
    const fixed = { ...found, fixedAt: '2016-04-15T02:00:00.000Z' };
    expect(afterReread(fixed, found, AT, true)).toBe(fixed);
  });

  it('takes the new scan for a document that had no findings', () => {
    expect(afterReread(undefined, found, AT, true)).toBe(found);
  });

  it('reads again only documents with findings not yet fixed', () => {
    expect(awaitsFix(leakyDocument([finding]))).toBe(true);
    expect(awaitsFix(leakyDocument([]))).toBe(false);
    const fixed = leakyDocument([finding]);
    expect(awaitsFix({ ...fixed, personalData: { ...fixed.personalData!, fixedAt: AT } })).toBe(false);
  });
});
