import { describe, expect, it } from 'vitest';
import { type DraftCatalogue, DraftCatalogueSchema } from '../../../src/core/obligation';
import {
  diffCatalogues,
  INIT_REVIEW,
  initCatalogue,
  proposeKeywords,
  taskSimilarity,
} from '../../../src/ingest/catalogue-init';

const draft = (tasks: string[]): DraftCatalogue =>
  DraftCatalogueSchema.parse({
    plan: { issuer: '某市', year: 2024 },
    obligations: tasks.map((task, i) => ({
      item: i + 1,
      category: null,
      task,
      units: ['市财政局'],
      unitsCarried: false,
      deadlineText: null,
      schedule: { kind: 'annual' },
      review: [],
      source: { lines: [i + 1, i + 1] },
    })),
  });

describe('catalogue init', () => {
  it('proposes keywords naming what the task says is published', () => {
    expect(proposeKeywords('积极推进本中心预算、决算及相关报表公开。')).toEqual(
      expect.arrayContaining(['预算', '决算']),
    );
    expect(proposeKeywords('全面公开权力清单和责任清单')).toEqual(expect.arrayContaining(['权力']));
  });

  it('proposes ids, keeps schedules and marks every guess for review', () => {
    const { obligations } = initCatalogue(draft(['公开本级政府预算信息。', '做好内部培训。']), 'city2024');
    expect(obligations.map((o) => o.id)).toEqual(['city2024-001', 'city2024-002']);
    expect(obligations[0]!.schedule).toEqual({ kind: 'annual' });
    expect(obligations[0]!.review).toContain(INIT_REVIEW.id('city2024-001'));
    expect(obligations[0]!.review.join('\n')).toContain('evidence keywords proposed');
    expect(obligations[0]!.evidence).toMatchObject({ columnKinds: ['budget', 'data'] });
    expect(obligations[1]!.review).toContain(INIT_REVIEW.noKeywords);
  });
});

describe('catalogue diff', () => {
  it('finds the same, reworded, new and dropped obligations by their task text', () => {
    const before = [
      { id: 'a', task: '公开本级政府预算和部门预算。' },
      { id: 'b', task: '每季度公开财政收支情况。' },
      { id: 'c', task: '公开征地信息。' },
    ];
    const after = [
      { item: 1, task: '公开本级政府预算和部门预算。' },
      { item: 2, task: '每季度公开全市财政收支情况和解读。' },
      { item: 3, task: '做好政务新媒体管理。' },
    ];
    const diff = diffCatalogues(before, after);
    expect(diff.unchanged.map((p) => p.before.id)).toEqual(['a']);
    expect(diff.reworded.map((p) => [p.before.id, p.after.item])).toEqual([['b', 2]]);
    expect(diff.added.map((o) => o.item)).toEqual([3]);
    expect(diff.dropped.map((o) => o.id)).toEqual(['c']);
  });

  it('scores unrelated tasks as unlike', () => {
    expect(taskSimilarity('公开征地信息', '做好政务新媒体管理')).toBeLessThan(0.2);
  });
});
