/**
 * Hostile plan documents: files of the new shapes (Word, PDF, HTML, cell tables) that are damaged,
 * of the wrong kind or hold no plan. Each is refused with a message naming what was found and what
 * was expected, or read without a crash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../../src/ingest/document';
import { PlanInputError } from '../../../src/ingest/errors';
import type { InputFormat } from '../../../src/ingest/ingest';
import { binaryPlanBytes, pdfBytes, utf8Bytes } from '../../fixtures/hostile/generate';

const FIXTURES = join(import.meta.dirname, '../../fixtures/hostile/plans');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** An OLE compound file header: what a legacy Word .doc starts with. */
const legacyDoc = () =>
  new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
/** A .docx cut short: the zip header and the name of its document part, nothing readable. */
const truncatedDocx = () =>
  new Uint8Array([
    0x50,
    0x4b,
    0x03,
    0x04,
    0x14,
    0x00,
    0x06,
    0x00,
    ...utf8Bytes('word/document.xml'),
    0,
    0,
    0,
  ]);
/** A zip archive that is not a Word document. */
const plainZip = () =>
  new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, ...utf8Bytes('photos/a.jpg'), 0, 0]);

interface RefusedDocument {
  id: string;
  what: string;
  bytes: () => Uint8Array;
  format?: InputFormat;
  message: RegExp;
}

const REFUSED: RefusedDocument[] = [
  {
    id: 'D01',
    what: 'a legacy Word .doc',
    bytes: legacyDoc,
    message: /legacy Word \.doc.*save it as \.docx/,
  },
  {
    id: 'D02',
    what: 'a PDF (scanned or not)',
    bytes: pdfBytes,
    message: /PDF.*copy the plan text into a \.txt file/,
  },
  {
    id: 'D03',
    what: 'an image of a scanned plan',
    bytes: binaryPlanBytes,
    message: /binary, not text: it is an image/,
  },
  {
    id: 'D04',
    what: 'a zip archive that is no Word document',
    bytes: plainZip,
    message: /zip archive but not a Word \.docx/,
  },
  {
    id: 'D05',
    what: 'a damaged .docx',
    bytes: truncatedDocx,
    message: /the \.docx file could not be opened/,
  },
  {
    id: 'D06',
    what: 'an HTML page without a table',
    bytes: () => fixture('html-no-table.html'),
    message: /the HTML page has no table: expected the plan as a table/,
  },
  {
    id: 'D07',
    what: 'an HTML page whose table has no plan header',
    bytes: () => fixture('html-table-no-header.html'),
    message: /has 1 table but none with a header naming a task column/,
  },
  {
    id: 'D08',
    what: 'a text table without a unit column, read as cells',
    bytes: () => fixture('cells-no-unit-column.txt'),
    format: 'cells',
    message: /no table found: expected a header row .*; found 2 non-empty lines/,
  },
  {
    id: 'D09',
    what: '--format docx on a text',
    bytes: () => utf8Bytes('1. 公开预算'),
    format: 'docx',
    message: /--format docx, but the file is text/,
  },
];

describe('hostile plan documents that are refused', () => {
  for (const c of REFUSED) {
    it(`${c.id} refuses ${c.what} with a message naming what was found and what to do`, async () => {
      const error = await readDocument(c.bytes(), c.format).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(PlanInputError);
      expect((error as Error).message).toMatch(c.message);
    });
  }
});

describe('hostile plan documents that are read', () => {
  it('D10 reads a table whose spans are absurd or malformed without blowing up', async () => {
    const { format, plan } = await readDocument(fixture('html-hostile-spans.html'));
    expect(format).toBe('html-table');
    expect(plan.rows.map((r) => r.item)).toEqual([1, 2]);
    expect(plan.rows[0]!.units).toEqual(['市财政局']);
  });

  it('D11 reads a table nested 200 layout tables deep', async () => {
    const table =
      '<table><tr><th>序号</th><th>具体工作</th><th>责任单位</th></tr><tr><td>1</td><td>公开预算</td><td>市财政局</td></tr><tr><td>2</td><td>公开决算</td><td>市审计局</td></tr></table>';
    const html = `<html><body>${'<table><tr><td>'.repeat(200)}${table}${'</td></tr></table>'.repeat(200)}</body></html>`;
    const { plan } = await readDocument(utf8Bytes(html));
    expect(plan.rows.map((r) => r.units)).toEqual([['市财政局'], ['市审计局']]);
  });
});
