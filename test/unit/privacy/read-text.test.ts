import { describe, expect, it } from 'vitest';
import { readText, scanFile } from '../../../src/crawl/text';
import { csvFile, docxFile, pdfFile, xlsxFile } from '../../../src/local/demo-files';

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

  it('says why a legacy .xls is not read', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const read = await readText(ole, { url: 'http://x.gov.cn/f.xls' });
    expect(read).toMatchObject({ format: 'xls', segments: [], unread: expect.stringMatching(/xls/) });
  });
});
