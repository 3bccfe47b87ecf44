import { describe, expect, it } from 'vitest';
import { classifyContentType } from '../../../src/crawl/fetch';

describe('content type classification', () => {
  it.each([
    ['text/html; charset=gb2312', undefined, 'html'],
    ['application/xhtml+xml', undefined, 'html'],
    ['application/pdf', undefined, 'pdf'],
    ['application/msword', undefined, 'office'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', undefined, 'office'],
    ['application/vnd.ms-excel', undefined, 'office'],
    ['image/png', 'http://x.gov.cn/a.pdf', 'other'],
    ['application/octet-stream', 'http://x.gov.cn/P020160715.pdf', 'pdf'],
    ['application/octet-stream', 'http://x.gov.cn/附件.DOCX', 'office'],
    [undefined, 'http://x.gov.cn/t20160715_1.htm', 'html'],
    [undefined, 'http://x.gov.cn/file.zip', 'other'],
    [undefined, undefined, 'other'],
  ] as const)('classifies %s (%s) as %s', (type, url, expected) => {
    expect(classifyContentType(type, url)).toBe(expected);
  });
});
