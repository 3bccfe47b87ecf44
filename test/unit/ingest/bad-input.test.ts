import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePlanBytes } from '../../../src/ingest/decode';
import { PlanInputError } from '../../../src/ingest/errors';
import { ingestPlan } from '../../../src/ingest/ingest';

const seed = readFileSync(new URL('../../../seeds/jiangmen-2016/plan.txt', import.meta.url), 'utf8');

describe('decoding plan bytes', () => {
  it('refuses an empty file', () => {
    expect(() => decodePlanBytes(new Uint8Array())).toThrow(/empty/);
  });

  it('refuses a file of white space only', () => {
    expect(() => decodePlanBytes(new TextEncoder().encode(' \n\t\n'))).toThrow(/white space/);
  });

  it('refuses binary content', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]);
    expect(() => decodePlanBytes(zip)).toThrow(PlanInputError);
    expect(() => decodePlanBytes(zip)).toThrow(/binary/);
  });

  it('reads UTF-8 and drops a byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('江门市')]);
    expect(decodePlanBytes(bytes)).toEqual({ text: '江门市', encoding: 'utf-8' });
  });

  it('reads GBK bytes as the same text', () => {
    // 江门市 in GBK.
    const gbk = new Uint8Array([0xbd, 0xad, 0xc3, 0xc5, 0xca, 0xd0]);
    expect(decodePlanBytes(gbk)).toEqual({ text: '江门市', encoding: 'gb18030' });
  });

  it('ingests a GBK-encoded plan to the same draft as its UTF-8 copy', async () => {
    const iconv = (await import('iconv-lite')).default;
    const decoded = decodePlanBytes(iconv.encode(seed, 'gbk'));
    expect(decoded.encoding).toBe('gb18030');
    const options = { year: 2016, issuer: '江门市' };
    expect(ingestPlan(decoded.text, options).draft).toEqual(ingestPlan(seed, options).draft);
  });
});

describe('plans without items', () => {
  it('refuses a text with no numbered items', () => {
    expect(() =>
      ingestPlan('关于做好政务公开工作的通知\n各单位要高度重视。\n', { year: 2016, issuer: '江门市' }),
    ).toThrow(/no numbered items/);
  });
});
