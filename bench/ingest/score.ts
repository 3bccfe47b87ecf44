import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { DraftCatalogue } from '../../src/core/obligation';
import { readDocument } from '../../src/ingest/document';
import { toDraft } from '../../src/ingest/ingest';
import { readCorpusJson } from '../corpus-json';

/** The real-plan corpus: test/fixtures/plans/real (README.md there gives each plan's provenance). */
export const CORPUS_DIR = new URL('../../test/fixtures/plans/real/', import.meta.url).pathname;

const ExpectedItemSchema = z.object({
  item: z.number().int().positive(),
  units: z.array(z.string()),
  supportingUnits: z.array(z.string()).optional(),
  deadlineText: z.string().nullable(),
});

const ExpectedSchema = z.object({
  government: z.string(),
  level: z.enum(['province', 'city', 'county', 'town', 'department']),
  source: z.string(),
  year: z.number().int(),
  issuer: z.string(),
  items: z.array(ExpectedItemSchema).min(1),
});
export type Expected = z.infer<typeof ExpectedSchema>;

const CorpusSchema = z.object({
  plans: z.array(z.object({ file: z.string(), expected: z.string(), shape: z.string(), copy: z.string() })),
});

export interface PlanScore {
  file: string;
  government: string;
  shape: string;
  expectedShape: string;
  expectedItems: number;
  foundItems: number;
  /** Expected items found / expected items. */
  recall: number;
  /** Found items that were expected / found items. */
  precision: number;
  /** Expected items found with exactly the expected lead and supporting units / expected items. */
  units: number;
  /** Expected items found with exactly the expected deadline text / expected items. */
  deadlines: number;
}

/** Targets every plan must meet, not on average. */
export const TARGETS = { recall: 0.95, precision: 0.95, units: 0.9 } as const;

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Scores one draft against its hand-checked list. A split item counts once (its first obligation). */
export function scoreDraft(draft: DraftCatalogue, expected: Expected) {
  const byItem = new Map<number, DraftCatalogue['obligations'][number]>();
  for (const obligation of draft.obligations)
    if (!byItem.has(obligation.item)) byItem.set(obligation.item, obligation);
  const wanted = new Set(expected.items.map((i) => i.item));
  const found = [...byItem.keys()];
  const hits = expected.items.filter((i) => byItem.has(i.item));
  const unitHits = hits.filter((i) => {
    const o = byItem.get(i.item)!;
    return sameSet(o.units, i.units) && sameSet(o.supportingUnits ?? [], i.supportingUnits ?? []);
  });
  const deadlineHits = hits.filter((i) => byItem.get(i.item)!.deadlineText === i.deadlineText);
  const n = expected.items.length;
  return {
    expectedItems: n,
    foundItems: found.length,
    recall: hits.length / n,
    precision: found.length === 0 ? 0 : found.filter((item) => wanted.has(item)).length / found.length,
    units: unitHits.length / n,
    deadlines: deadlineHits.length / n,
  };
}

/** Ingests every corpus plan as a user would (auto-detected shape) and scores it. */
export async function scoreCorpus(dir = CORPUS_DIR): Promise<PlanScore[]> {
  const corpus = await readCorpusJson(dir, 'corpus.json', CorpusSchema);
  const scores: PlanScore[] = [];
  for (const plan of corpus.plans) {
    const expected = await readCorpusJson(dir, `expected/${plan.expected}.json`, ExpectedSchema);
    const read = await readDocument(await readFile(join(dir, plan.file)));
    const draft = toDraft(read.plan, { year: expected.year, issuer: expected.issuer });
    scores.push({
      file: plan.file,
      government: expected.government,
      shape: read.format,
      expectedShape: plan.shape,
      ...scoreDraft(draft, expected),
    });
  }
  return scores;
}

/** True when a plan meets every target. */
export function meetsTargets(score: PlanScore): boolean {
  return (
    score.recall >= TARGETS.recall &&
    score.precision >= TARGETS.precision &&
    score.units >= TARGETS.units &&
    score.shape === score.expectedShape
  );
}
