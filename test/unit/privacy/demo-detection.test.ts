import { describe, expect, it } from 'vitest';
import { scoreDemoDetection } from '../../../bench/privacy/demo-scan';
import { loadDemoContent } from '../../../src/demo/content';
import { expectedFindings } from '../../../src/demo/privacy-truth';

describe('personal data in the demo content', () => {
  it('plants IDs, mobiles and cards in pages, .xlsx, .docx, .pdf and .csv', async () => {
    const content = await loadDemoContent();
    const planted = expectedFindings(content);
    expect(new Set(planted.map((p) => p.kind))).toEqual(new Set(['resident-id', 'mobile', 'bank-card']));
    expect(planted.length).toBeGreaterThanOrEqual(8);
  });

  it('is found exactly: every planted value, no look-alike', async () => {
    const score = await scoreDemoDetection(await loadDemoContent());
    expect(score.falsePositives).toEqual([]);
    expect(score.missed).toEqual([]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(1);
  }, 60_000);
});
