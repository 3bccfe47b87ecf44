/**
 * Hostile attachments for the personal-data scan: zip bombs in .xlsx/.docx, archives that lie about
 * their sizes, huge spreadsheets, malformed and truncated files. The readers must never throw for a
 * file's content, never inflate past their limits, and must say what they did not read, so a file
 * they could not read is never reported clean.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEXT_LIMITS, readText, scanFile, type TextLimits } from '../../../src/crawl/text';
import { docxFile, pdfFile, xlsxFile, zipArchive } from '../../../src/demo/files';

const ID = '440781198506150028';
const small: TextLimits = {
  ...DEFAULT_TEXT_LIMITS,
  maxEntryBytes: 1024 * 1024,
  maxInflatedBytes: 2 * 1024 * 1024,
};

/** An .xlsx whose sheet is `size` bytes of one repeated character: compresses ~1000:1. */
function bombXlsx(size: number): Buffer {
  return zipArchive([
    {
      name: 'xl/workbook.xml',
      data: Buffer.from('<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>'),
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(size, 0x20) },
  ]);
}

/** Rewrites the declared uncompressed size of every entry in the central directory. */
function lieAboutSizes(zip: Buffer, declared: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 4 <= out.length; i++) {
    if (out.readUInt32LE(i) === 0x02014b50) out.writeUInt32LE(declared, i + 24);
  }
  return out;
}

describe('hostile attachments', () => {
  it('A01 a zip bomb in an .xlsx (a sheet inflating 1000×) is refused by ratio, not inflated', async () => {
    const read = await readText(bombXlsx(64 * 1024 * 1024), { url: 'http://x/bomb.xlsx' });
    expect(read.format).toBe('xlsx');
    expect(read.unread).toMatch(/zip bomb/);
    expect(read.segments).toEqual([]);
  });

  it('A02 an archive that declares small sizes but inflates past the limit is cut off', async () => {
    const lying = lieAboutSizes(bombXlsx(8 * 1024 * 1024), 10);
    const read = await readText(lying, { url: 'http://x/lying.xlsx' }, small);
    expect(read.unread).toMatch(/inflates past|corrupt/);
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
  });

  it('A03 a zip bomb in a .docx body is refused', async () => {
    const bomb = zipArchive([{ name: 'word/document.xml', data: Buffer.alloc(32 * 1024 * 1024, 0x20) }]);
    const read = await readText(bomb, { url: 'http://x/bomb.docx' });
    expect(read).toMatchObject({ format: 'docx', segments: [], unread: expect.stringMatching(/zip bomb/) });
  });

  it('A04 a huge spreadsheet is read up to the cell limit, the findings so far kept and the cut recorded', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => [String(i + 1), i === 5 ? ID : `编号${i}`]);
    const bytes = xlsxFile('名单', [['序号', '身份证号'], ...rows]);
    const scan = await scanFile(
      bytes,
      { url: 'http://x/huge.xlsx', sha256: null },
      { ...DEFAULT_TEXT_LIMITS, maxCells: 20_000 },
    );
    expect(scan.findings.map((f) => f.where)).toEqual(['sheet 名单 row 7']);
    expect(scan.unread).toEqual([{ file: 'http://x/huge.xlsx', reason: 'read in part: cells past 20000' }]);
  });

  it('A05 a malformed PDF is recorded as not read', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41)]);
    const read = await readText(bytes, { url: 'http://x/bad.pdf' });
    expect(read).toMatchObject({ format: 'pdf', segments: [], unread: expect.stringMatching(/PDF/) });
  });

  it('A06 a truncated PDF still yields what it can, or says it could not', async () => {
    const whole = pdfFile([`ID ${ID}`]);
    const read = await readText(whole.subarray(0, Math.floor(whole.length * 0.6)), {
      url: 'http://x/cut.pdf',
    });
    expect(read.format).toBe('pdf');
    expect(read.segments.length > 0 || read.unread !== undefined).toBe(true);
  });

  it('A07 a truncated .docx (no central directory) is recorded as not read', async () => {
    const whole = docxFile([`身份证号 ${ID}`]);
    const read = await readText(whole.subarray(0, whole.length - 30), { url: 'http://x/cut.docx' });
    expect(read.segments).toEqual([]);
    expect(read.unread).toMatch(/zip|central/);
  });

  it('A08 an .xlsx without a workbook, and a zip that is no Office file, are recorded as not read', async () => {
    const noBook = zipArchive([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>') }]);
    expect((await readText(noBook, { url: 'http://x/n.xlsx' })).unread).toMatch(/workbook/);
    const other = zipArchive([{ name: 'readme.txt', data: Buffer.from(ID) }]);
    expect(await readText(other, { url: 'http://x/o.zip' })).toMatchObject({
      format: 'other',
      unread: 'format not read',
    });
  });

  it('A09 a truncated .xls or .doc is recorded as not read (or read as far as it goes), never a crash', async () => {
    const names = [
      'subsidy-list-libreoffice.xls',
      'subsidy-list-xlwt.xls',
      'subsidy-list-biff5.xls',
      'subsidy-list-xlwt-biff5.xls',
      'relief-notice.doc',
      'relief-notice-word95.doc',
      'relief-notice-word95-fastsaved.doc',
    ];
    for (const name of names) {
      const whole = readFileSync(`test/fixtures/office/${name}`);
      for (const keep of [0.3, 0.6, 0.9]) {
        const read = await readText(whole.subarray(0, Math.floor(whole.length * keep)), {
          url: `http://x/${name}`,
        });
        expect(read.segments.length > 0 || read.unread !== undefined).toBe(true);
      }
    }
  });

  it('A10 a compound file whose sector chain loops is recorded as damaged, not read forever', async () => {
    for (const name of ['relief-notice.doc', 'relief-notice-word95.doc', 'subsidy-list-biff5.xls']) {
      const looped = Buffer.from(readFileSync(`test/fixtures/office/${name}`));
      // The first FAT sector's entries all point at sector 0: every chain through it is a loop.
      const fatSector = looped.readUInt32LE(0x4c);
      const at = (fatSector + 1) * 512;
      for (let i = 0; i < 512; i += 4) looped.writeUInt32LE(0, at + i);
      const read = await readText(looped, { url: `http://x/loop-${name}` });
      expect(read, name).toMatchObject({
        segments: [],
        unread: expect.stringMatching(/chain|corrupt|damaged/),
      });
    }
  });

  it('A11 a Word file whose piece table points past its end is recorded as damaged', async () => {
    const bytes = Buffer.from(readFileSync('test/fixtures/office/relief-notice.doc'));
    const read = await readText(bytes.subarray(0, 4096), { url: 'http://x/short.doc' });
    expect(read.segments).toEqual([]);
    expect(read.unread).toMatch(/corrupt|damaged|not a/);
  });

  it('A12 a piece table whose property block claims a negative size is recorded as damaged, not looped on', async () => {
    const bytes = Buffer.from(readFileSync('test/fixtures/office/relief-notice-word95-fastsaved.doc'));
    // The Clx starts with 0x02 and the 28-byte size of its two-piece table; make it a property
    // block (0x01) of size 0xFFFD, which read as signed (-3) would step back onto itself forever.
    const clx = bytes.indexOf(Buffer.from([0x02, 28, 0, 0, 0, 0, 0, 0, 0]));
    expect(clx).toBeGreaterThan(0);
    bytes.set([0x01, 0xfd, 0xff], clx);
    const read = await readText(bytes, { url: 'http://x/prc.doc' });
    expect(read).toMatchObject({ segments: [], unread: expect.stringMatching(/no piece table/) });
  });

  it('A13 an Excel 5/95 label longer than its record, or with no code page, reads what is there', async () => {
    const bytes = Buffer.from(readFileSync('test/fixtures/office/subsidy-list-xlwt-biff5.xls'));
    // CODEPAGE record (0x0042, 2 bytes, 936) renamed to an unknown record: GBK is assumed.
    const codePage = bytes.indexOf(Buffer.from([0x42, 0x00, 0x02, 0x00, 0xa8, 0x03]));
    expect(codePage).toBeGreaterThan(0);
    bytes.writeUInt16LE(0x0999, codePage);
    const read = await readText(bytes, { url: 'http://x/nocp.xls' });
    expect(read.segments.map((s) => s.text)).toContain('张某1');
    // A LABEL (0x0204, 43 bytes, row 0 col 0, 35 bytes of text) now claiming 65,535 bytes.
    const label = bytes.indexOf(Buffer.from([0x04, 0x02, 43, 0, 0, 0, 0, 0, 0x17, 0, 35, 0]));
    expect(label).toBeGreaterThan(0);
    bytes.writeUInt16LE(0xffff, label + 10);
    const cut = await readText(bytes, { url: 'http://x/long-label.xls' });
    expect(cut.segments.map((s) => s.text)).toContain('订单号 6222021234567890127 不是卡号');
    expect(cut.segments.map((s) => s.text)).toContain('日期 20160415');
  });
});
