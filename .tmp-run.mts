import { readFileSync } from 'node:fs';
import { decodeHtml, extractList, extractDetail } from './src/crawl/extract';
const base = 'http://www.jmfda.gov.cn/tzgg/';
for (const f of ['trs-list','table-list','js-list','attachment-list','gbk-list']) {
  const d = decodeHtml(readFileSync(`test/fixtures/pages/${f}.html`));
  console.log('==', f, d.encoding, d.encodingSource, d.conflicts);
  const r = extractList(d.text, { url: base + 'index.htm' });
  console.log(JSON.stringify(r, null, 1));
}
for (const f of ['detail-pubdate','detail-time-attachments','gbk-mislabelled']) {
  const d = decodeHtml(readFileSync(`test/fixtures/pages/${f}.html`), { contentTypeHeader: 'text/html; charset=utf-8' });
  console.log('==', f, d.encoding, d.encodingSource, d.conflicts);
  console.log(JSON.stringify(extractDetail(d.text, { url: base + '201607/t20160715_12345.htm' }), null, 1));
}
