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
    what: 'a legacy Office file with nothing after its header',
    bytes: legacyDoc,
    message: /legacy Office file.*save it as \.docx/,
  },
  {
    id: 'D01b',
    what: 'a legacy Excel .xls given as a plan',
    bytes: () => fixture('../../office/subsidy-list-xlwt.xls'),
    message: /legacy Office file.*not.*Word document|could not be opened as a Word document/,
  },
  {
    id: 'D01c',
    what: 'a legacy Word .doc cut short',
    bytes: () =>
      new Uint8Array(readFileSync(join(FIXTURES, '../../office/relief-notice.doc')).subarray(0, 6000)),
    message: /(legacy Office file|Word \.doc file could not be read).*save it as \.docx/,
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
  {
    id: 'D12',
    what: 'a .docx with paragraphs and no table',
    bytes: () => fixture('docx-no-table.docx'),
    message: /the Word document has no table: expected the plan as a table/,
  },
  {
    id: 'D13',
    what: 'a cell-per-line table with its header and no rows',
    bytes: () =>
      utf8Bytes(
        ['工作任务', '|', '具体要求', '|', '责任科室', '|', '时限要求', '|', '|', '|', '|', '|'].join('\n'),
      ),
    message: /a table header \(工作任务 \/ 具体要求 \/ 责任科室 \/ 时限要求\) but no rows under it/,
  },
  {
    id: 'D14',
    what: 'a table run into one paragraph with no item numbers',
    bytes: () =>
      utf8Bytes(
        `工作任务具体要求责任单位完成时限${'做好预算公开积极推进本中心预算决算公开财务科年底前'.repeat(8)}`,
      ),
    message: /no numbered items found: .*found 1 non-empty line, 216 characters, no item numbers/,
  },
  {
    id: 'D15',
    what: 'UTF-16 text without a byte-order mark',
    bytes: () =>
      new Uint8Array(Buffer.from('1. 公开预算。市财政局年底前\n2. 公开决算。市审计局年底前\n', 'utf16le')),
    message: /looks like UTF-16 text without a byte-order mark: save the plan as UTF-8/,
  },
  {
    id: 'D16',
    what: 'bytes that are neither UTF-8 nor GBK',
    bytes: () => new Uint8Array([...utf8Bytes('1. 公开预算'), 0xff, 0x80, 0xff, 0x0a]),
    message: /neither UTF-8 nor GBK\/GB18030 text \(byte 0xff at offset 15 fits neither\)/,
  },
  {
    id: 'D17',
    what: 'an empty file',
    bytes: () => new Uint8Array(),
    message:
      /^the plan file is empty: expected the plan as a text \(UTF-8 or GBK\), an HTML page or a \.docx$/,
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

  it('D18 reads a plan saved as UTF-16 with a byte-order mark (Notepad\'s "Unicode")', async () => {
    const text =
      '工作任务|具体要求|责任单位|完成时限\n一、做好预算公开|1.公开预算。|市财政局|年底前\n|2.公开决算。|市审计局|6月底前\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const read = await readDocument(bytes);
    expect(read.encoding).toBe('utf-16le');
    expect(read.plan.rows.map((r) => r.units)).toEqual([['市财政局'], ['市审计局']]);
  });

  it('D19 reads rows without numbers whose unit cells are missing as rows needing units, not a crash', async () => {
    const text = [
      '目标',
      '任务',
      '主要内容',
      '责任单位',
      '一、助力稳增长',
      '围绕我市经济社会发展形势及时宣传解读。',
    ].join('\n');
    const read = await readDocument(utf8Bytes(text)).catch((error: unknown) => error as Error);
    // Either read with a review reason or refused with a message: never an uncaught crash.
    if (read instanceof Error) expect(read).toBeInstanceOf(PlanInputError);
    else expect(read.plan.rows.every((row) => row.units.length > 0 || row.review.length > 0)).toBe(true);
  });

  it('D11 reads a table nested 200 layout tables deep', async () => {
    const table =
      '<table><tr><th>序号</th><th>具体工作</th><th>责任单位</th></tr><tr><td>1</td><td>公开预算</td><td>市财政局</td></tr><tr><td>2</td><td>公开决算</td><td>市审计局</td></tr></table>';
    const html = `<html><body>${'<table><tr><td>'.repeat(200)}${table}${'</td></tr></table>'.repeat(200)}</body></html>`;
    const { plan } = await readDocument(utf8Bytes(html));
    expect(plan.rows.map((r) => r.units)).toEqual([['市财政局'], ['市审计局']]);
  });
});
