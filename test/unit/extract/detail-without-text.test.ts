import { describe, expect, it } from 'vitest';
import { extractDetail } from '../../../src/crawl/extract';
import { fixtureText } from './fixtures';

const URL_OF_PAGE = 'http://www.jiangmen.gov.cn/tzgg/201607/t20160715_1.htm';

describe('extractDetail without the article text', () => {
  it('reads the same title, date and attachments when maxTextChars is 0, and no text', () => {
    const html = fixtureText('detail-pubdate.html');
    const full = extractDetail(html, { url: URL_OF_PAGE });
    const lean = extractDetail(html, { url: URL_OF_PAGE, maxTextChars: 0 });
    expect(full.text.length).toBeGreaterThan(0);
    expect(lean.text).toBe('');
    const { text: _full, ...fullRest } = full;
    const { text: _lean, ...leanRest } = lean;
    expect(leanRest).toEqual(fullRest);
  });
});
