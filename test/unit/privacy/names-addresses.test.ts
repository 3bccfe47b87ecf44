import { describe, expect, it } from 'vitest';
import {
  isHomeAddress,
  isPersonName,
  maskAddress,
  maskName,
  scanSegments,
  scanText,
  type TextSegment,
} from '../../../src/core/privacy';

const ID = '440703199001011239';
const MOBILE = '13800138000';

/** A table row as the readers give it: one segment per cell, each with its column's header. */
function row(headers: string[], cells: string[], where = 'table 1 row 2'): TextSegment[] {
  return cells.map((text, i) => ({ text, where, header: headers[i]! }));
}

const kinds = (segments: TextSegment[]) => scanSegments(segments).map((f) => [f.kind, f.masked]);

describe('personal names', () => {
  it('reads 2–4 Han characters opening with a common surname as a name', () => {
    for (const name of ['张三', '李建国', '欧阳小明', '司马光', '黄 伟'])
      expect(isPersonName(name), name).toBe(true);
  });

  it('does not take masked names, titles, places, offices, kin or ethnic groups for names', () => {
    const notNames = [
      '张某',
      '李某某',
      '王*',
      '李科长',
      '王主任',
      '江门',
      '汉族',
      '配偶',
      '蓬江区',
      '市民政局',
      '黄江镇',
      '李屋村',
      '合计',
      '张',
      '欧阳',
      '张三丰收了',
      'Zhang San',
    ];
    for (const text of notNames) expect(isPersonName(text), text).toBe(false);
  });

  it('masks a name to its surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('李建国')).toBe('李**');
    expect(maskName('欧阳小明')).toBe('欧阳**');
  });
});

describe('home addresses', () => {
  it('reads a division followed down to a house number as an address', () => {
    const addresses = [
      '江门市蓬江区某某路12号',
      '广东省江门市新会区会城街道某某村3巷5号',
      '蓬江区白沙大道东8号3栋502室',
      '台山市台城镇城东村一百二十号',
    ];
    for (const text of addresses) expect(isHomeAddress(text), text).toBe(true);
  });

  it('does not take offices, divisions without a house, document numbers or titles for addresses', () => {
    const notAddresses = [
      '江门市蓬江区',
      '江门市民政局',
      '江门市蓬江区建设三路139号市政府大院',
      '江门市蓬江区迎宾大道中116号江门市民政局',
      '蓬江区人民医院门诊楼3号',
      '江门市2016年第3号公告',
      '江府办〔2016〕12号',
      '某某路12号',
      '12号',
    ];
    for (const text of notAddresses) expect(isHomeAddress(text), text).toBe(false);
  });

  it('masks an address below the district or county', () => {
    expect(maskAddress('江门市蓬江区某某路12号')).toBe('江门市蓬江区****');
    expect(maskAddress('广东省江门市新会区会城街道某某村3巷5号')).toBe('广东省江门市新会区****');
    expect(maskAddress('台山市台城镇城东村一百二十号')).toBe('台山市****');
    expect(maskAddress('白沙大道东8号3栋502室')).toBe('****');
  });
});

describe('names and addresses in rows of persons', () => {
  it('finds the name and the home address of a row that carries an ID number, all masked', () => {
    const found = scanSegments(row(['姓名', '身份证号', '家庭住址'], ['张三', ID, '江门市蓬江区某某路12号']));
    expect(found.map((f) => [f.kind, f.masked])).toEqual([
      ['name', '张*'],
      ['resident-id', '4407**********1239'],
      ['home-address', '江门市蓬江区****'],
    ]);
    expect(found.map((f) => f.where)).toEqual(['table 1 row 2', 'table 1 row 2', 'table 1 row 2']);
    expect(JSON.stringify(found)).not.toMatch(/张三|某某路|12号/);
  });

  it('finds them in a line: a name beside the ID, an address in the same line', () => {
    const found = scanText({ text: `1 张三 ${ID} 江门市蓬江区某某路12号`, where: 'page 1 line 4' });
    expect(found.map((f) => [f.kind, f.masked])).toEqual([
      ['name', '张*'],
      ['resident-id', '4407**********1239'],
      ['home-address', '江门市蓬江区****'],
    ]);
    for (const f of found) expect(f.excerpt).not.toMatch(/张三|某某路/);
    expect(found[1]!.excerpt).toBe('1 张* 4407**********1239 江门市蓬江区****');
  });

  it('finds a labelled name and address in a paragraph with an ID', () => {
    const found = scanText({
      text: `申请人：李建国，身份证号码：${ID}，住址：江门市新会区会城街道某某村3巷5号。`,
      where: 'paragraph 2',
    });
    expect(found.map((f) => [f.kind, f.masked])).toEqual([
      ['name', '李**'],
      ['resident-id', '4407**********1239'],
      ['home-address', '江门市新会区****'],
    ]);
  });

  it('cuts an address where an ID written right after it starts, so the excerpt masks both', () => {
    const found = scanText({ text: `姓名：张三 住址：江门市蓬江区某某路12号${ID}`, where: 'line 5' });
    expect(found.map((f) => [f.kind, f.masked])).toEqual([
      ['name', '张*'],
      ['home-address', '江门市蓬江区****'],
      ['resident-id', '4407**********1239'],
    ]);
    for (const f of found) expect(f.excerpt).not.toMatch(/张三|某某路|12号/);
  });

  it('finds a name under a name column beside a mobile number, and an address under a home-address column', () => {
    expect(
      kinds(row(['户主姓名', '手机号码', '家庭住址'], ['黄伟', MOBILE, '蓬江区白沙大道东8号3栋502室'])),
    ).toEqual([
      ['name', '黄*'],
      ['mobile', '138****8000'],
      ['home-address', '蓬江区****'],
    ]);
  });

  it('leaves a row with no ID or phone alone: a list of names and addresses alone is not counted', () => {
    expect(kinds(row(['姓名', '家庭住址'], ['张三', '江门市蓬江区某某路12号']))).toEqual([]);
  });

  it("leaves an office's contact alone: 联系人 and 负责人 columns and labels, a bureau's address", () => {
    expect(
      kinds(
        row(
          ['单位', '联系人', '联系电话', '办公地址'],
          ['市民政局', '王小明', MOBILE, '江门市蓬江区某某路12号'],
        ),
      ),
    ).toEqual([['mobile', '138****8000']]);
    expect(
      scanText({
        text: `联系人：王小明，手机：${MOBILE}，地址：江门市蓬江区某某路12号`,
        where: 'paragraph 9',
      }).map((f) => f.kind),
    ).toEqual(['mobile']);
    expect(kinds(row(['姓名', '手机号码'], ['李科长', MOBILE]))).toEqual([['mobile', '138****8000']]);
  });

  it("leaves a bureau's footer address alone, with or without its landline", () => {
    expect(
      scanText({
        text: '地址：江门市蓬江区建设路12号 邮编：529000 电话：0750-3501234',
        where: 'paragraph 12',
      }),
    ).toEqual([]);
    expect(
      scanText({ text: '主办：江门市民政局 地址：江门市蓬江区迎宾大道中116号', where: 'paragraph 13' }),
    ).toEqual([]);
  });

  it('does not take a place name in a title, or a place column beside an ID, for a name', () => {
    expect(scanText({ text: '关于黄江镇李屋村2016年低保对象的公示', where: 'paragraph 1' })).toEqual([]);
    expect(kinds(row(['户籍地', '身份证号'], ['江门', ID]))).toEqual([['resident-id', '4407**********1239']]);
    expect(kinds(row(['序号', '身份证号', '备注'], ['1', ID, '汉族']))).toEqual([
      ['resident-id', '4407**********1239'],
    ]);
  });

  it('does not take a name beside a mobile number in a line with no label (a contact line) for a person', () => {
    expect(scanText({ text: `王小明 ${MOBILE}`, where: 'line 3' }).map((f) => f.kind)).toEqual(['mobile']);
  });

  it('does not count masked names in lists (张某, 李某某) or an ID that fails its checksum', () => {
    expect(kinds(row(['姓名', '身份证号'], ['陈某某', ID]))).toEqual([['resident-id', '4407**********1239']]);
    expect(
      kinds(row(['姓名', '身份证号', '住址'], ['张三', '440703199001011234', '江门市蓬江区某某路12号'])),
    ).toEqual([]);
  });

  it('judges each row on its own: an ID in one row does not make the next row a person', () => {
    const segments = [
      ...row(['姓名', '身份证号'], ['张三', ID], 'table 1 row 2'),
      ...row(['姓名', '身份证号'], ['李四', '待补'], 'table 1 row 3'),
    ];
    expect(scanSegments(segments).map((f) => [f.kind, f.where])).toEqual([
      ['name', 'table 1 row 2'],
      ['resident-id', 'table 1 row 2'],
    ]);
  });
});
