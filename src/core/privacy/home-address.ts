/**
 * Home addresses in lists of persons: an administrative division (省, 市, 区/县, 镇/乡/街道, 村/社区)
 * followed down to a house (12号, 3栋502室). An address alone is not a finding: an office's address
 * in a page footer is public by duty. The scanner takes one only in a row that also carries an ID
 * number or a person's name (see scan.ts).
 */

/** Administrative levels above the street, at least one of which an address names. */
const DIVISION = /省|自治区|市|州|盟|区|县|旗|镇|乡|街道|村|社区|居委会/;

/** The house: a number followed by 号, 栋, 幢, 座, 室 or 房 (Arabic or Chinese numerals). */
const HOUSE = /(?:\d+|[一二三四五六七八九十百零〇]+)\s*(?:号|栋|幢|座|室|房)/;

/** Places that are institutions, not homes: their address is published on purpose. */
const INSTITUTION =
  /局|委员会|办公室|政府|人大|政协|党委|中心|大楼|大厦|大院|公司|医院|卫生院|学校|小学|中学|大学|银行|法院|检察院|派出所|营业厅|办事处|服务站|服务厅|窗口|馆|园区|厂/;

/** Document numbers and titles that read like addresses: 江门市2016年第3号公告, 〔2016〕12号. */
const NOT_ADDRESS = /第\s*[\d一二三四五六七八九十]+\s*号|[〔〕[\]【】]|年|公告|通知|决定|批复|函|文件/;

/**
 * Whether a whole cell or field reads as an address down to a house: a division, then a house
 * number, 6 to 60 characters, and no institution named in it.
 */
export function isHomeAddress(text: string): boolean {
  const address = text.replace(/\s+/g, '');
  if (address.length < 6 || address.length > 60) return false;
  if (!/^[\u4e00-\u9fa5]/.test(address)) return false;
  if (INSTITUTION.test(address) || NOT_ADDRESS.test(address)) return false;
  const division = DIVISION.exec(address);
  if (!division) return false;
  const house = HOUSE.exec(address.slice(division.index + division[0].length));
  return house !== null;
}

/** Headers and labels of a person's home address. */
export const HOME_ADDRESS_HEADER = /家庭住址|家庭地址|住址|户籍地址|居住地址|现住|联系地址|户籍地|居住地/;

/** Headers and labels of an office's or a company's address: never a finding. */
export const OFFICE_ADDRESS_HEADER = /单位|办公|企业|公司|机构|经营|注册|办事|受理|服务/;

/** The division levels kept when an address is masked: down to the district or county. */
const KEPT =
  /^(?:[\u4e00-\u9fa5]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fa5]{1,7}?(?:市|州|盟))?(?:[\u4e00-\u9fa5]{1,7}?(?:区|县|旗))?/;

/** Masks an address below the district or county: 江门市蓬江区某某路12号 → 江门市蓬江区****. */
export function maskAddress(text: string): string {
  const address = text.replace(/\s+/g, '');
  const kept = KEPT.exec(address)?.[0] ?? '';
  return `${kept.length < address.length ? kept : ''}****`;
}
