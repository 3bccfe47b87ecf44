import { describe, expect, it } from 'vitest';
import {
  absentRobots,
  parsedRobots,
  robotsAgentToken,
  unreachableRobots,
} from '../../../src/crawl/fetch/robots';

describe('robots rules', () => {
  it('matches groups by the product token of the user agent', () => {
    expect(robotsAgentToken('GongkaiMonitor/0.1 (+https://example.org)')).toBe('GongkaiMonitor');
  });

  it('applies the most specific group and reads Crawl-delay in ms', () => {
    const rules = parsedRobots(
      'http://www.example.gov.cn/robots.txt',
      'User-agent: *\nDisallow: /\n\nUser-agent: GongkaiMonitor\nDisallow: /search\nCrawl-delay: 2\n',
      'GongkaiMonitor',
    );
    expect(rules.isAllowed('http://www.example.gov.cn/zwgk/index.htm')).toBe(true);
    expect(rules.isAllowed('http://www.example.gov.cn/search?q=1')).toBe(false);
    expect(rules.crawlDelayMs).toBe(2_000);
  });

  it('allows everything when robots.txt is absent and nothing when it is unreachable', () => {
    expect(absentRobots(404).isAllowed('http://x/')).toBe(true);
    expect(unreachableRobots('HTTP 503').isAllowed('http://x/')).toBe(false);
  });
});
