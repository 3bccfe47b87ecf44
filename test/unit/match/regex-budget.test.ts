import { describe, expect, it } from 'vitest';
import { backtrackingRisk, overlappingRepeatedAlternation } from '../../../src/core/match/regex-budget';

describe('overlappingRepeatedAlternation', () => {
  it('finds repeated groups whose alternatives can start alike', () => {
    expect(overlappingRepeatedAlternation('(统|统)*$')).toBe('(统|统)*');
    expect(overlappingRepeatedAlternation('(预算|预)+公开$')).toBe('(预算|预)+');
    expect(overlappingRepeatedAlternation('^(?:a|[ab])*$')).toBe('(?:a|[ab])*');
    expect(overlappingRepeatedAlternation('x(\\d+|第){2,}')).toBe('(\\d+|第){2,}');
  });

  it('passes alternations that are not repeated or start differently', () => {
    for (const pattern of [
      '(部门|单位)预算',
      '(?:预算|决算)+',
      '民生实事.{0,10}(进展|完成)',
      '[(|)]*',
      '\\(a|a\\)*',
    ]) {
      expect(overlappingRepeatedAlternation(pattern), pattern).toBeNull();
    }
  });
});

describe('backtrackingRisk', () => {
  it('refuses by trial a pattern whose shape passes but whose runs grow past the budget', () => {
    // No alternation and no quantified group of quantifiers the schema looks for: only a trial finds it.
    const pattern = '^(?=(x+x+)+y)';
    expect(overlappingRepeatedAlternation(pattern)).toBeNull();
    expect(backtrackingRisk(pattern)).toMatch(
      /took \d+ ms on a \d+-character title of repeated "x" \(budget 50 ms\)/,
    );
  });

  it('passes the patterns of real catalogues', () => {
    for (const pattern of ['20\\d{2}年.{0,6}部门预算', '(一|二|三|四)季度', '民生实事.{0,10}(进展|完成)']) {
      expect(backtrackingRisk(pattern), pattern).toBeNull();
    }
  });
});
