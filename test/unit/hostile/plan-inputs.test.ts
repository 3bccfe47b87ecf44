/**
 * Hostile plan texts: what people save from Word, or by mistake, and feed to `gongkai ingest`.
 * Each case either ingests with a recorded reason or is refused with a message that says what is
 * wrong with the file. Cases marked `gap` are open gaps (see known-gap.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DraftCatalogue } from '../../../src/core/obligation';
import { decodePlanBytes, ingestPlan, PlanInputError } from '../../../src/ingest';
import { binaryPlanBytes, gbkBytes, utf8Bytes } from '../../fixtures/hostile/generate';
import { caseTest, caseTitle } from './known-gap';

const FIXTURES = 'test/fixtures/hostile/plans';
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** Decodes and ingests, the way `gongkai ingest` does. */
function ingestBytes(bytes: Uint8Array) {
  const decoded = decodePlanBytes(bytes);
  return { encoding: decoded.encoding, ...ingestPlan(decoded.text, { year: 2016, issuer: '江门市' }) };
}

/** A numbered plan of `items` items, each with `paragraphs` lines of prose (about 10 MB for 900 × 45). */
function longPlanText(items: number, paragraphs: number): string {
  const lines = ['江门市2016年政务公开工作要点分工方案', ''];
  for (let i = 1; i <= items; i++) {
    lines.push(`${i}. 公开第${i}项重点工作进展情况，每季度公开一次。`);
    for (let k = 0; k < paragraphs; k++) lines.push(`${'并在门户网站专栏集中发布相关信息'.repeat(5)}。`);
    lines.push('责任单位：市财政局', '完成时限：2016年12月底');
  }
  return lines.join('\n');
}

interface RefusedCase {
  id: string;
  what: string;
  bytes: () => Uint8Array;
  message: RegExp;
}

const REFUSED: RefusedCase[] = [
  {
    id: 'P01',
    what: 'an empty file',
    bytes: () => fixture('empty.txt'),
    message: /^the plan file is empty: expected the plan as a text/,
  },
  {
    id: 'P02',
    what: 'a file of white space only (ideographic spaces included)',
    bytes: () => fixture('whitespace-only.txt'),
    message: /holds only white space/,
  },
  {
    id: 'P03',
    what: 'a binary file (a PNG saved as .txt)',
    bytes: binaryPlanBytes,
    message: /binary, not text: save the plan as plain text/,
  },
  {
    id: 'P04',
    what: 'a Word document renamed to .txt (zip bytes with NULs)',
    bytes: () =>
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, ...utf8Bytes('word/document.xml')]),
    message: /binary, not text/,
  },
  {
    id: 'P05',
    what: 'prose with no numbered items',
    bytes: () => fixture('no-numbered-items.txt'),
    message: /no numbered items found: expected a table with a 序号 column/,
  },
  {
    id: 'P06',
    what: 'bytes that are neither UTF-8 nor GB18030',
    // 0x80 alone is invalid UTF-8; 0xFF is never a GB18030 lead byte.
    bytes: () => new Uint8Array([...utf8Bytes('1. 公开预算'), 0xff, 0x80, 0xff, 0x0a]),
    message: /neither UTF-8 nor GBK\/GB18030/,
  },
];

describe('hostile plan texts that are refused', () => {
  for (const c of REFUSED) {
    it(`${c.id} refuses ${c.what} with a message naming the problem`, () => {
      let error: unknown;
      try {
        ingestBytes(c.bytes());
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(PlanInputError);
      expect((error as Error).message).toMatch(c.message);
    });
  }
});

interface IngestedCase {
  id: string;
  what: string;
  bytes: () => Uint8Array;
  withinMs?: number;
  check: (result: ReturnType<typeof ingestBytes>) => void;
  gap?: string;
}

const items = (draft: DraftCatalogue) => draft.obligations.map((o) => o.item);
const reviewOf = (draft: DraftCatalogue, item: number) =>
  draft.obligations.filter((o) => o.item === item).flatMap((o) => o.review);

const INGESTED: IngestedCase[] = [
  {
    id: 'P07',
    what: 'a GBK-encoded plan is read as GB18030 with its Chinese intact',
    bytes: () => gbkBytes(readFileSync(join(FIXTURES, 'out-of-order.txt'), 'utf8')),
    check: (r) => {
      expect(r.encoding).toBe('gb18030');
      expect(r.draft.obligations[0]?.task).toContain('公开征地信息');
      expect(r.draft.obligations[0]?.units).toEqual(['市国土资源局']);
    },
  },
  {
    id: 'P08',
    what: 'a repeated item number is kept and marked for review',
    bytes: () => fixture('out-of-order.txt'),
    check: (r) => {
      expect(items(r.draft)).toEqual([3, 1, 2, 2]);
      expect(r.draft.obligations[3]?.review).toContain(
        'item number 2 repeats an earlier one; give the obligations distinct ids',
      );
    },
  },
  {
    id: 'P09',
    what: 'an item number lower than the one before it is marked for review (a flattening error is likely)',
    bytes: () => fixture('out-of-order.txt'),
    check: (r) => {
      expect(reviewOf(r.draft, 1).join('\n')).toMatch(/out of order|after item 3/);
    },
  },
  {
    id: 'P10',
    what: 'a UTF-8 plan with a byte-order mark keeps its first line as the title',
    bytes: () => utf8Bytes(`\uFEFF${readFileSync(join(FIXTURES, 'out-of-order.txt'), 'utf8')}`),
    check: (r) => {
      expect(r.encoding).toBe('utf-8');
      expect(r.draft.plan.title).toBe('开平市2017年政务公开工作任务');
    },
  },
  {
    id: 'P11',
    what: 'a 10 MB plan (900 items of long prose) ingests whole in bounded time',
    bytes: () => utf8Bytes(longPlanText(900, 45)),
    withinMs: 20_000,
    check: (r) => {
      expect(r.draft.obligations).toHaveLength(900);
      expect(r.draft.obligations[899]?.units).toEqual(['市财政局']);
    },
  },
  {
    id: 'P12',
    what: 'item numbers past 999 are read as items, or flagged where they were merged',
    bytes: () => {
      const lines = ['江门市2016年政务公开工作要点', ''];
      for (let i = 1; i <= 1_001; i++) lines.push(`${i}. 公开第${i}项工作。`, '责任单位：市财政局');
      return utf8Bytes(lines.join('\n'));
    },
    check: (r) => {
      const item999 = r.draft.obligations.find((o) => o.item === 999);
      const readAsItems = r.draft.obligations.at(-1)?.item === 1_001 && !item999?.task.includes('1000.');
      const flagged = item999?.review.some((reason) => reason.includes('1000')) ?? false;
      expect(
        readAsItems || flagged,
        `item 999: ${item999?.task.slice(0, 60)} / ${item999?.review.join('; ')}`,
      ).toBe(true);
    },
  },
];

describe('hostile plan texts that are ingested with reasons', () => {
  for (const c of INGESTED) {
    caseTest(c.gap)(caseTitle(c.id, c.what, c.gap), () => {
      const bytes = c.bytes();
      const started = performance.now();
      const result = ingestBytes(bytes);
      if (c.withinMs) expect(performance.now() - started).toBeLessThan(c.withinMs);
      c.check(result);
    });
  }
});
