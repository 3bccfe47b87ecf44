import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, charsetFromMeta, decodeHtml } from '../../../src/crawl/extract';
import { fixtureBytes } from './fixtures';

const page = (charsetMeta: string | null, body: string): string =>
  `<html><head>${charsetMeta ? `<meta http-equiv="Content-Type" content="text/html; charset=${charsetMeta}">` : ''}<title>通知</title></head><body>${body}</body></html>`;

describe('decodeHtml', () => {
  it('decodes a GBK page that declares gb2312 in its meta, including characters outside GB2312', () => {
    const decoded = decodeHtml(fixtureBytes('gbk-list.html'));
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.encodingSource).toBe('meta');
    expect(decoded.conflicts).toEqual([]);
    expect(decoded.text).toContain('蓬江区召开2016年政务公开工作推进会');
    expect(decoded.text).toContain('（镕）');
  });

  it('overrules a utf-8 header when the bytes are GBK and the meta says gb2312, and records why', () => {
    const decoded = decodeHtml(fixtureBytes('gbk-mislabelled.html'), {
      contentTypeHeader: 'text/html; charset=utf-8',
    });
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.encodingSource).toBe('meta');
    expect(decoded.text).toContain('关于公布2016年度区级行政权力清单的通知');
    expect(decoded.conflicts.join('\n')).toMatch(/header says "utf-8" but <meta> says "gb2312"/);
    expect(decoded.conflicts.join('\n')).toMatch(/not valid utf-8/);
  });

  it('keeps a utf-8 header when the bytes are UTF-8 although the meta claims gbk', () => {
    const bytes = new TextEncoder().encode(page('gbk', '政务公开'));
    const decoded = decodeHtml(bytes, { contentTypeHeader: 'text/html;charset=UTF-8' });
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.encodingSource).toBe('header');
    expect(decoded.text).toContain('政务公开');
    expect(decoded.conflicts).toHaveLength(2);
  });

  it('reads multi-byte UTF-8 as UTF-8 even when header and meta both say gbk, and records the false label', () => {
    const bytes = new TextEncoder().encode(page('gbk', '政务公开'));
    const decoded = decodeHtml(bytes, { contentTypeHeader: 'text/html; charset=gbk' });
    expect(decoded).toMatchObject({ encoding: 'utf-8', encodingSource: 'sniffed' });
    expect(decoded.text).toContain('政务公开');
    expect(decoded.conflicts).toEqual([
      'header and <meta> say "gbk" but the bytes are valid UTF-8: decoded as utf-8',
    ]);
  });

  it('uses the header when header and meta agree', () => {
    const bytes = iconv.encode(page('GBK', '信息公开'), 'gbk');
    const decoded = decodeHtml(bytes, { contentTypeHeader: 'text/html; charset="gb2312"' });
    expect(decoded).toMatchObject({ encoding: 'gb18030', encodingSource: 'header', conflicts: [] });
    expect(decoded.text).toContain('信息公开');
  });

  it('falls back from a utf-8 header alone to GB18030 when the bytes are not UTF-8', () => {
    const bytes = iconv.encode(page(null, '年度报告'), 'gbk');
    const decoded = decodeHtml(bytes, { contentTypeHeader: 'text/html; charset=utf-8' });
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toContain('年度报告');
    expect(decoded.conflicts[0]).toMatch(/header says "utf-8" but the bytes are not valid utf-8/);
  });

  it('sniffs UTF-8 when nothing declares a charset', () => {
    const decoded = decodeHtml(new TextEncoder().encode(page(null, '预算公开')));
    expect(decoded).toMatchObject({ encoding: 'utf-8', encodingSource: 'sniffed' });
  });

  it('uses the configured hint for undeclared non-UTF-8 bytes', () => {
    const bytes = iconv.encode(page(null, '臺灣'), 'big5');
    const decoded = decodeHtml(bytes, { charsetHint: 'big5' });
    expect(decoded).toMatchObject({ encoding: 'big5', encodingSource: 'hint' });
    expect(decoded.text).toContain('臺灣');
  });

  it('defaults undeclared non-UTF-8 bytes to GB18030 without a hint', () => {
    const decoded = decodeHtml(iconv.encode(page(null, '政府信息公开'), 'gbk'));
    expect(decoded).toMatchObject({ encoding: 'gb18030', encodingSource: 'default' });
    expect(decoded.text).toContain('政府信息公开');
  });

  it('lets a byte-order mark win over every declaration', () => {
    const body = new TextEncoder().encode(page('gb2312', '公告'));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    const decoded = decodeHtml(bytes, { contentTypeHeader: 'text/html; charset=gbk' });
    expect(decoded).toMatchObject({ encoding: 'utf-8', encodingSource: 'bom' });
    expect(decoded.text.startsWith('<html>')).toBe(true);
  });

  it('ignores an unknown charset label and says so', () => {
    const decoded = decodeHtml(new TextEncoder().encode(page(null, '公告')), {
      contentTypeHeader: 'text/html; charset=x-klingon',
    });
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.conflicts[0]).toMatch(/unknown charset "x-klingon"/);
  });

  it('reports a configured charset it does not know', () => {
    const decoded = decodeHtml(new TextEncoder().encode(page(null, '公告')), { charsetHint: 'gbk-ish' });
    expect(decoded.conflicts).toEqual(['configured charset "gbk-ish" is unknown; ignored']);
  });

  it('never throws on arbitrary bytes', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(() => decodeHtml(bytes, { contentTypeHeader: 'text/html; charset=utf-8' })).not.toThrow();
  });
});

describe('charset declarations', () => {
  it('reads the charset parameter of a Content-Type header', () => {
    expect(charsetFromContentType('text/html; charset=GB2312')).toBe('GB2312');
    expect(charsetFromContentType('text/html')).toBeNull();
  });

  it('reads <meta charset> and the http-equiv form', () => {
    expect(charsetFromMeta(new TextEncoder().encode('<meta charset="gbk">'))).toBe('gbk');
    expect(charsetFromMeta(new TextEncoder().encode(page('gb2312', '')))).toBe('gb2312');
    expect(charsetFromMeta(new TextEncoder().encode('<p>no meta</p>'))).toBeNull();
  });
});
