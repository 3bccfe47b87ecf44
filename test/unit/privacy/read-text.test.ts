import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readText, scanFile } from '../../../src/crawl/text';
import { csvFile, docxFile, pdfFile, xlsxFile } from '../../../src/demo/files';

const OFFICE = 'test/fixtures/office';
const ID = '440781198506150028';
const CARD = '6217001234567893';

describe('reading attachments for the personal-data scan', () => {
  it('reads an .xlsx cell by sheet and row, with its column header as context', async () => {
    const bytes = xlsxFile('补贴名单', [
      ['序号', '姓名', '身份证号', '开户银行卡号'],
      ['1', '张某某', ID, CARD],
    ]);
    const scan = await scanFile(bytes, { url: 'http://x.gov.cn/a.xlsx', sha256: 'abc' });
    expect(scan.unread).toEqual([]);
    expect(scan.findings.map((f) => [f.kind, f.where, f.masked, f.sha256])).toEqual([
      ['resident-id', 'sheet 补贴名单 row 2', '4407**********0028', 'abc'],
      ['bank-card', 'sheet 补贴名单 row 2', '6217********7893', 'abc'],
    ]);
  });

  it('reads a .docx by paragraph and table row', async () => {
    const bytes = docxFile(
      ['关于发放补贴的公示', `联系人电话：13800138000`],
      [
        ['姓名', '证件号码'],
        ['李某', ID],
      ],
    );
    const read = await readText(bytes, { url: 'http://x.gov.cn/b.docx' });
    expect(read.format).toBe('docx');
    const scan = await scanFile(bytes, { url: 'http://x.gov.cn/b.docx', sha256: null });
    expect(scan.findings.map((f) => [f.kind, f.where])).toEqual([
      ['mobile', 'paragraph 2'],
      ['resident-id', 'table 1 row 2'],
    ]);
  });

  it('reads the text layer of a PDF by page and line, a card word on the line above', async () => {
    const bytes = pdfFile([
      'Subsidy list',
      `Name: Zhang  ID: ${ID}`,
      'Bank card No.',
      CARD,
      'Order 6222021234567890127',
    ]);
    const scan = await scanFile(bytes, { url: 'http://x.gov.cn/c.pdf', sha256: null });
    expect(scan.findings.map((f) => [f.kind, f.where])).toEqual([
      ['resident-id', 'page 1 line 2'],
      ['bank-card', 'page 1 line 4'],
    ]);
  });

  it('reads a CSV in UTF-8 with BOM and in GB18030', async () => {
    const rows = [
      ['姓名', '手机号码'],
      ['王某', '13912345678'],
    ];
    const utf8 = await scanFile(csvFile(rows), { url: 'http://x.gov.cn/d.csv', sha256: null });
    expect(utf8.findings.map((f) => [f.kind, f.where, f.masked])).toEqual([
      ['mobile', 'line 2', '139****5678'],
    ]);
    const { default: iconv } = await import('iconv-lite');
    const gbk = iconv.encode('姓名,身份证\r\n王某,440703199001011239\r\n', 'gb18030');
    const read = await readText(gbk, { url: 'http://x.gov.cn/e.csv' });
    expect(read.segments.map((s) => s.text)).toContain('王某');
  });

  it('reads an HTML page by paragraph, leaving scripts out', async () => {
    const html = `<html><body><p>公示：身份证号 ${ID}</p><script>var x = "${CARD}"</script><table><tr><th>卡号</th></tr><tr><td>${CARD}</td></tr></table></body></html>`;
    const scan = await scanFile(Buffer.from(html), { url: 'http://x.gov.cn/t.htm', sha256: null });
    expect(scan.findings.map((f) => [f.kind, f.where])).toEqual([
      ['resident-id', 'paragraph 1'],
      ['bank-card', 'table 1 row 2'],
    ]);
  });

  it('reads a legacy .xls cell by sheet and row, its shared strings split over CONTINUE records', async () => {
    const bytes = readFileSync(`${OFFICE}/subsidy-list-libreoffice.xls`);
    const read = await readText(bytes, { url: 'http://x.gov.cn/g.xls' });
    expect(read.format).toBe('xls');
    // 600 recipients: the string table is far longer than one 8 KB record.
    const expected = readFileSync(`${OFFICE}/subsidy-list.csv`, 'utf8')
      .trim()
      .split(/\r?\n/)
      .flatMap((l) => l.split(','));
    expect(read.segments.map((s) => s.text)).toEqual(expected);
    const scan = await scanFile(bytes, { url: 'http://x.gov.cn/g.xls', sha256: 'abc' });
    const lastRow = scan.findings.filter((f) => f.where === 'sheet subsidy-list row 601');
    expect(lastRow.map((f) => [f.kind, f.masked])).toEqual([
      ['resident-id', '4407**********6008'],
      ['mobile', '139****4200'],
      ['bank-card', '6217********6002'],
    ]);
  });

  it('reads an .xls written by another library, a phone typed as a number, look-alikes left alone', async () => {
    const bytes = readFileSync(`${OFFICE}/subsidy-list-xlwt.xls`);
    const scan = await scanFile(bytes, { url: 'http://x.gov.cn/h.xls', sha256: null });
    expect(scan.unread).toEqual([]);
    expect(scan.findings.filter((f) => f.where === 'sheet 补贴名单 row 2').map((f) => f.kind)).toEqual([
      'resident-id',
      'mobile',
      'bank-card',
    ]);
    expect(scan.findings.filter((f) => f.where.startsWith('sheet 说明'))).toEqual([]);
  });

  it('reads a legacy Word .doc by paragraph and table row, order numbers and dates left alone', async () => {
    const bytes = readFileSync(`${OFFICE}/relief-notice.doc`);
    const read = await readText(bytes, { url: 'http://x.gov.cn/notice.doc' });
    expect(read.format).toBe('doc');
    expect(read.segments[0]).toEqual({
      text: '关于2016年度城乡居民医疗救助对象的公示',
      where: 'paragraph 1',
    });
    const scan = await scanFile(bytes, { url: 'http://x.gov.cn/notice.doc', sha256: null });
    expect(scan.findings.map((f) => [f.kind, f.where])).toEqual([
      ['mobile', 'paragraph 2'],
      ['resident-id', 'table 1 row 2'],
      ['resident-id', 'table 1 row 3'],
      ['bank-card', 'paragraph 3'],
    ]);
  });

  it('tells a .doc from an .xls by its streams, whatever the file is called', async () => {
    const doc = readFileSync(`${OFFICE}/relief-notice.doc`);
    expect((await readText(doc, { url: 'http://x.gov.cn/download?id=7' })).format).toBe('doc');
    const xls = readFileSync(`${OFFICE}/subsidy-list-xlwt.xls`);
    expect((await readText(xls, { url: 'http://x.gov.cn/file.doc' })).format).toBe('xls');
  });

  it('reads an Excel 5/95 workbook (BIFF5, the "Book" stream), its text in the GBK code page', async () => {
    const bytes = readFileSync(`${OFFICE}/subsidy-list-biff5.xls`);
    const read = await readText(bytes, { url: 'http://x.gov.cn/g95.xls' });
    expect(read).toMatchObject({ format: 'xls' });
    expect(read.unread).toBeUndefined();
    const expected = readFileSync(`${OFFICE}/subsidy-list.csv`, 'utf8')
      .trim()
      .split(/\r?\n/)
      .flatMap((l) => l.split(','));
    expect(read.segments.map((s) => s.text)).toEqual(expected);
    const scan = await scanFile(bytes, { url: 'http://x.gov.cn/g95.xls', sha256: null });
    expect(
      scan.findings.filter((f) => f.where === 'sheet subsidy-list row 601').map((f) => [f.kind, f.masked]),
    ).toEqual([
      ['resident-id', '4407**********6008'],
      ['mobile', '139****4200'],
      ['bank-card', '6217********6002'],
    ]);
  });

  it('reads a BIFF5 sheet name and cells in Chinese, a phone stored as a number, look-alikes left alone', async () => {
    const bytes = readFileSync(`${OFFICE}/subsidy-list-xlwt-biff5.xls`);
    const read = await readText(bytes, { url: 'http://x.gov.cn/h95.xls' });
    expect(read.segments.slice(6, 9)).toEqual([
      { text: '1', where: 'sheet 补贴名单 row 2', context: '序号', header: '序号' },
      { text: '张某1', where: 'sheet 补贴名单 row 2', context: '姓名 1', header: '姓名' },
      {
        text: '440781198502020015',
        where: 'sheet 补贴名单 row 2',
        context: '身份证号 张某1',
        header: '身份证号',
      },
    ]);
    const scan = await scanFile(bytes, { url: 'http://x.gov.cn/h95.xls', sha256: null });
    expect(scan.findings.filter((f) => f.where === 'sheet 补贴名单 row 2').map((f) => f.kind)).toEqual([
      'resident-id',
      'mobile',
      'bank-card',
    ]);
    expect(read.segments.filter((s) => s.where.startsWith('sheet 说明')).map((s) => s.text)).toEqual([
      '订单号 6222021234567890127 不是卡号',
      '日期 20160415',
    ]);
    expect(scan.findings.filter((f) => f.where.startsWith('sheet 说明'))).toEqual([]);
  });

  it('reads a Word 95 document (GBK text from fcMin) like the same notice saved by Word 97', async () => {
    const word97 = await readText(readFileSync(`${OFFICE}/relief-notice.doc`), { url: 'http://x/a.doc' });
    for (const name of ['relief-notice-word95.doc', 'relief-notice-word95-fastsaved.doc']) {
      const read = await readText(readFileSync(`${OFFICE}/${name}`), { url: `http://x/${name}` });
      expect(read.unread, name).toBeUndefined();
      expect(read.format).toBe('doc');
      expect(read.segments, name).toEqual(word97.segments);
    }
    const scan = await scanFile(readFileSync(`${OFFICE}/relief-notice-word95-fastsaved.doc`), {
      url: 'http://x/notice95.doc',
      sha256: null,
    });
    expect(scan.findings.map((f) => [f.kind, f.where])).toEqual([
      ['mobile', 'paragraph 2'],
      ['resident-id', 'table 1 row 2'],
      ['resident-id', 'table 1 row 3'],
      ['bank-card', 'paragraph 3'],
    ]);
  });
});
