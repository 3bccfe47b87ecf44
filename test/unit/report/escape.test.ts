import { describe, expect, it } from 'vitest';
import { isExternal, safeHref, text } from '../../../src/report/html/escape';

describe('text', () => {
  it('escapes the five characters that can open markup or end an attribute', () => {
    expect(text(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('renders null and undefined as nothing and numbers as digits', () => {
    expect(text(null)).toBe('');
    expect(text(undefined)).toBe('');
    expect(text(0)).toBe('0');
  });
});

describe('safeHref', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '//evil.example/x',
    '/\\evil.example/x',
    '\\\\server\\share\\x',
    'mailto:someone@example.com',
    '',
    '   ',
  ])('refuses %j', (url) => {
    expect(safeHref(url)).toBeNull();
  });

  it.each([
    ['http://hbj.jiangmen.gov.cn/hjzl/201602/t20160215_3301.html'],
    ['HTTPS://czj.jiangmen.gov.cn/'],
    ['../archive/sha256/ab/ab.html'],
    ['sha256/ab/ab.html'],
    ['report.csv'],
  ])('allows %s', (url) => {
    expect(safeHref(url)).toBe(url);
  });

  it('refuses null', () => {
    expect(safeHref(null)).toBeNull();
  });
});

describe('isExternal', () => {
  it('tells web pages from archived copies beside the report', () => {
    expect(isExternal('http://a.example/')).toBe(true);
    expect(isExternal('../archive/sha256/ab/ab.html')).toBe(false);
  });
});
