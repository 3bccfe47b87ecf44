import { describe, expect, it } from 'vitest';
import { meetsTargets, scoreCorpus, scorePage } from '../../../bench/extract/score';

describe('the real list-page corpus', async () => {
  const scores = await scoreCorpus();

  it.each(scores.map((s) => [s.list, s] as const))('%s meets the title and date targets', (_, score) => {
    expect(score.misses).toEqual([]);
    expect(meetsTargets(score)).toBe(true);
  });
});

describe('scoring a page', () => {
  const expected = {
    site: '某市',
    builder: 'TRS WCM',
    url: 'http://www.example.gov.cn/tzgg/index.html',
    items: [
      { title: '关于甲的通知', url: 'http://www.example.gov.cn/tzgg/1.html', date: '2020-05-06' },
      { title: '关于乙的通知（试行）', url: 'http://www.example.gov.cn/tzgg/2.html', date: '2020-05-01' },
    ],
  };
  const item = (url: string, title: string, date: string | null) => ({
    title,
    url,
    date,
    dateText: date,
    dateOrigin: 'list' as const,
    attachments: [],
  });

  it('counts a title as stored (full-width brackets read as half-width) and a wrong date as a miss', () => {
    const score = scorePage(
      [
        item('http://www.example.gov.cn/tzgg/1.html', '关于甲的通知', '2019-05-06'),
        item('http://www.example.gov.cn/tzgg/2.html', '关于乙的通知(试行)', '2020-05-01'),
      ],
      expected,
    );
    expect([score.titles, score.dates]).toEqual([1, 0.5]);
    expect(score.misses).toEqual([
      'date of http://www.example.gov.cn/tzgg/1.html: 2019-05-06, expected 2020-05-06',
    ]);
  });

  it('compares titles as a browser shows them: a run of spaces in the markup is one space', () => {
    const spaced = { ...expected, items: [{ ...expected.items[0]!, title: '关于甲的  通知' }] };
    const one = (title: string) =>
      scorePage([item(spaced.items[0]!.url, title, '2020-05-06')], spaced).titles;
    expect([one('关于甲的 通知'), one('关于甲的通知')]).toEqual([1, 0]);
  });

  it('counts an item not read as missing both its title and its date', () => {
    const score = scorePage(
      [item('http://www.example.gov.cn/tzgg/1.html', '关于甲的通知', '2020-05-06')],
      expected,
    );
    expect([score.titles, score.dates]).toEqual([0.5, 0.5]);
  });
});
