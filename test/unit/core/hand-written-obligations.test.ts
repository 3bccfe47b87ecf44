import { describe, expect, it } from 'vitest';
import { CatalogueSchema, HAND_WRITTEN } from '../../../src/core/obligation';
import { parseOrThrow } from '../../../src/core/validation';

const plan = { issuer: '某市', year: 2024 };
const byHand = {
  id: 'budget',
  item: 1,
  task: '公开本级政府预算',
  units: ['市财政局'],
  schedule: { kind: 'annual' },
  evidence: { keywords: ['预算'] },
};

describe('an obligation written by hand', () => {
  it('needs no category, carried-units flag, deadline text, review or plan provenance', () => {
    const catalogue = parseOrThrow(CatalogueSchema, { plan, obligations: [byHand] }, 'catalogue');
    expect(catalogue.obligations[0]).toMatchObject({
      category: null,
      unitsCarried: false,
      deadlineText: null,
      review: [],
      source: { reference: HAND_WRITTEN },
    });
  });

  it('says "required" for what is missing, with the path', () => {
    const { evidence: _, task: __, ...partial } = byHand;
    expect(() => parseOrThrow(CatalogueSchema, { plan, obligations: [partial] }, 'catalogue')).toThrow(
      /obligations\[0\]\.task: required \(string\)[\s\S]*obligations\[0\]\.evidence: required \(object\)/,
    );
  });
});
