/**
 * Evidence is what was fetched, archived and looks like content. Each case is a page a hostile or
 * broken site serves for a list item titled like the evidence: it must never make a period met, and
 * its reason must say why.
 */
import { describe, expect, it } from 'vitest';
import type { Document } from '../../../src/core/document';
import { matchEvidence } from '../../../src/core/match';
import { DEFAULT_POLICY } from '../../../src/core/policy';
import { evaluate } from '../../../src/core/verdicts';
import { contentProblem, fetchProblem } from '../../../src/crawl/evidence-check';
import type { FetchFailure } from '../../../src/crawl/fetch';
import { calendar, doc, obligation, periods, unitSources } from '../match/builders';

const page = (url: string, body: string | Uint8Array) => ({
  url,
  finalUrl: url,
  body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
});
const htmlOf = (title: string, body: string) =>
  `<html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const failure = (reason: FetchFailure['reason'], status?: number): FetchFailure => ({
  ok: false,
  url: 'http://www.jiangmen.gov.cn/czj/1.htm',
  reason,
  message: `${reason} happened`,
  latencyMs: 1,
  attempts: 1,
  ...(status ? { status } : {}),
});

describe('what a fetched page is (H19-01 content checks)', () => {
  const article = htmlOf(
    '江门市财政局2016年部门预算公开',
    '<h1>江门市财政局2016年部门预算公开</h1><p>根据《预算法》规定，现将我局2016年部门预算予以公开，详见附件。</p>',
  );

  it('accepts an article page and a real PDF', () => {
    const url = 'http://www.jiangmen.gov.cn/czj/1.htm';
    expect(contentProblem(page(url, article), 'detail page', article)).toBeNull();
    const pdf = `%PDF-1.4\n${'x'.repeat(100)}\n%%EOF`;
    expect(contentProblem(page('http://www.jiangmen.gov.cn/ys.pdf', pdf), 'file')).toBeNull();
  });

  it.each([
    ['a 200 页面不存在 page', htmlOf('页面不存在', '<p>您访问的页面不存在或已被删除。</p>'), /error page/],
    ['a 200 page whose title is 404', htmlOf('404', '<p>返回首页</p>'), /error page/],
    [
      'a short “not found” body under a good title',
      htmlOf('江门市财政局', '<p>抱歉，信息不存在</p>'),
      /error page/,
    ],
    ['an empty template', htmlOf('江门市财政局', '<div class="content"></div>'), /nearly empty page/],
    [
      'a login form instead of the document',
      htmlOf('统一身份认证', '<form>用户名 <input name=u> 密码 <input type="password" name=p> 登录</form>'),
      /login page/,
    ],
  ])('refuses %s', (_what, html, reason) => {
    const url = 'http://www.jiangmen.gov.cn/czj/1.htm';
    expect(contentProblem(page(url, html), 'detail page', html)).toMatchObject({
      reason: expect.stringMatching(reason),
      unread: false,
    });
  });

  it('keeps a long article that mentions 404 or a notice numbered 404', () => {
    const url = 'http://www.jiangmen.gov.cn/czj/2.htm';
    const notice = htmlOf(
      '江府函〔2016〕404号',
      '<p>各县（市、区）人民政府：现将2016年部门预算公开工作安排印发给你们。</p>',
    );
    expect(contentProblem(page(url, notice), 'detail page', notice)).toBeNull();
  });

  it.each([
    ['ys.pdf', htmlOf('用户登录', '<form>密码<input type=password></form>'), /login page served as PDF/],
    ['ys.xls', htmlOf('出错了', '<p>系统繁忙</p>'), /HTML page served as Excel file/],
    ['ys.pdf', `GIF89a${'\u0000'.repeat(200)}`, /not a PDF/],
    ['ys.doc', 'x', /empty file/],
  ])('refuses %s serving %s', (file, body, reason) => {
    const url = `http://www.jiangmen.gov.cn/czj/${file}`;
    expect(contentProblem(page(url, body), 'file')).toMatchObject({ reason: expect.stringMatching(reason) });
  });

  it.each([
    [failure('http-status', 404), /answered HTTP 404/, false],
    [failure('http-status', 410), /answered HTTP 410/, false],
    [failure('http-status', 429), /answered HTTP 429 \(too many requests\)/, true],
    [failure('http-status', 503), /answered HTTP 503/, true],
    [
      { ...failure('host-not-allowed'), url: 'http://files.example.com/a.htm' },
      /not fetched: other host files\.example\.com/,
      true,
    ],
    [failure('too-large'), /too large/, true],
    [failure('timeout'), /not read \(timeout\)/, true],
    [failure('blocked-robots'), /robots\.txt/, true],
    [failure('blocked-ssrf'), /private or reserved address/, false],
  ])('reads a failed fetch as a reason: %#', (result, reason, unread) => {
    expect(fetchProblem(result as FetchFailure, 'detail page')).toEqual({
      reason: expect.stringMatching(reason),
      unread,
    });
  });
});

describe('matching keeps what is not evidence as candidates (H19-01)', () => {
  const o = obligation('budget', { kind: 'annual' }, { keywords: ['部门预算'] });
  const run = (docs: Document[]) =>
    matchEvidence({
      obligations: [o],
      periods: periods(o),
      documents: docs,
      unitSources,
      asOf: '2016-12-31',
    });

  it('a list title alone is not evidence: the page must have been fetched and archived', () => {
    const unfetched = doc({ title: '2016年部门预算公开', date: '2016-03-01', sha256: null });
    const { evidence, candidates } = run([unfetched]);
    expect(evidence).toEqual([]);
    expect(candidates[0]).toMatchObject({
      reason: expect.stringMatching(/^not evidence: detail page not fetched/),
    });
  });

  it('an error page is a candidate with its reason, and a good page still counts', () => {
    const broken = doc({
      title: '2016年部门预算公开',
      date: '2016-03-01',
      problem: { reason: 'detail page answered HTTP 404', unread: false },
    });
    const good = doc({ title: '2016年部门预算公开（更正）', date: '2016-03-05' });
    const { evidence, candidates } = run([broken, good]);
    expect(evidence.map((e) => e.url)).toEqual([good.url]);
    expect(candidates).toMatchObject([
      { url: broken.url, reason: expect.stringContaining('detail page answered HTTP 404') },
    ]);
    expect(candidates[0]!.unreadable).toBeUndefined();
  });

  it('an unread page marks the candidate unreadable, so the period is not judged missing', () => {
    const limited = doc({
      title: '2016年部门预算公开',
      date: '2016-03-01',
      sha256: null,
      problem: { reason: 'detail page answered HTTP 429 (too many requests)', unread: true },
    });
    expect(run([limited]).candidates[0]).toMatchObject({ unreadable: expect.stringContaining('429') });
  });

  it('for an attachment-only rule the attachment must be fetched and be the file it claims', () => {
    const rule = obligation(
      'budget-file',
      { kind: 'annual' },
      { keywords: ['部门预算'], attachmentOnly: true },
    );
    const login = doc({
      title: '2016年部门预算公开',
      date: '2016-03-01',
      attachments: [
        {
          url: 'http://127.0.0.1/ys.pdf',
          name: '部门预算表.pdf',
          sha256: 'login-sha',
          problem: { reason: 'attachment “部门预算表.pdf”: login page served as PDF', unread: false },
        },
      ],
    });
    const result = matchEvidence({
      obligations: [rule],
      periods: periods(rule),
      documents: [login],
      unitSources,
      asOf: '2016-12-31',
    });
    expect(result.evidence).toEqual([]);
    expect(result.candidates[0]!.reason).toContain('login page served as PDF');
  });
});

describe('verdicts over items that are not evidence (H19-01)', () => {
  const o = obligation('budget', { kind: 'annual' }, { keywords: ['部门预算'] });
  const verdictOf = (docs: Document[]) => {
    const ps = periods(o);
    const { evidence, candidates } = matchEvidence({
      obligations: [o],
      periods: ps,
      documents: docs,
      unitSources,
      asOf: '2017-03-01',
    });
    return evaluate({
      obligations: [o],
      periods: ps,
      evidence: [...evidence, ...candidates],
      documents: docs,
      checks: new Map([['lyj', [{ checkedAt: '2016-06-01T02:00:00Z', ok: true }]]]),
      unitSources,
      asOf: '2017-03-01',
      policy: DEFAULT_POLICY,
      calendar,
    })[0]!;
  };

  it('a period whose only item answered 404 is missing, never met', () => {
    const v = verdictOf([
      doc({
        title: '2016年部门预算公开',
        date: '2016-03-01',
        problem: { reason: 'detail page answered HTTP 404', unread: false },
      }),
    ]);
    expect(v.kind).toBe('missing');
    expect(v.candidates[0]!.reason).toContain('detail page answered HTTP 404');
  });

  it('a period whose only item could not be read (HTTP 429) is insufficient-data, never met or missing', () => {
    const v = verdictOf([
      doc({
        title: '2016年部门预算公开',
        date: '2016-03-01',
        sha256: null,
        problem: { reason: 'detail page answered HTTP 429 (too many requests)', unread: true },
      }),
    ]);
    expect(v.kind).toBe('insufficient-data');
    expect(v.reasons[0]).toContain('HTTP 429');
  });
});
