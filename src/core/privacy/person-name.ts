/**
 * Chinese personal names, as they stand in lists of persons (subsidy recipients, relief lists,
 * penalty parties): 2–4 Han characters opening with a common surname. A name alone is not a
 * finding; the scanner takes one only in a row that also carries an ID or a phone number (see
 * scan.ts). Names already written masked (张某, 李某某, 王*) are not personal data any more.
 */

/** The common single-character surnames (about 95% of the population). */
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪植冼',
);

/** Two-character surnames; the given name follows them. */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '端木',
  '西门',
  '南宫',
  '独孤',
  '申屠',
  '澹台',
  '淳于',
  '呼延',
  '赫连',
];

/**
 * Words that open with a surname character but name no person: places, kinship and household
 * roles, ethnic groups, sexes and statuses that sit in the same rows as ID numbers.
 */
const NOT_NAMES = new Set([
  '江门',
  '广东',
  '广州',
  '深圳',
  '佛山',
  '汉族',
  '回族',
  '壮族',
  '苗族',
  '黎族',
  '满族',
  '男性',
  '女性',
  '已婚',
  '未婚',
  '离异',
  '丧偶',
  '本人',
  '配偶',
  '子女',
  '父亲',
  '母亲',
  '儿子',
  '女儿',
  '孙子',
  '孙女',
  '合计',
  '小计',
  '总计',
  '全额',
  '金额',
  '正常',
  '同意',
  '通过',
  '其他',
]);

/** Titles and forms of address: 李科长 names an office holder by role, not a person's full name. */
const TITLES =
  /(?:科长|局长|处长|所长|站长|主任|书记|镇长|乡长|村长|县长|市长|区长|主席|经理|老师|医生|师傅|先生|女士|同志|会计|队长|组长|部长|厅长|院长|校长|社长)$/;

/** Characters no name carries: administrative divisions, institutions, amounts, masks. */
const NOT_IN_NAMES = /[省市区县镇乡村街路号室局委办厅处科所站院校司行会组队某＊*×ｘ]/;

/** The surname a name opens with (compound first), or null when it opens with none. */
export function surnameOf(text: string): string | null {
  const compound = COMPOUND_SURNAMES.find((s) => text.startsWith(s));
  if (compound) return compound;
  const first = text[0];
  return first !== undefined && SURNAMES.has(first) ? first : null;
}

/**
 * Whether a whole cell or field reads as a person's full name: 2–4 Han characters (a compound
 * surname and up to two more), a common surname first, no title, no place or institution character,
 * not already masked, not a word that merely opens like a surname.
 */
export function isPersonName(text: string): boolean {
  const name = text.replace(/\s+/g, '');
  if (!/^[\u4e00-\u9fa5]{2,4}$/.test(name)) return false;
  if (NOT_NAMES.has(name) || TITLES.test(name)) return false;
  const surname = surnameOf(name);
  if (!surname) return false;
  const given = name.slice(surname.length);
  return given.length >= 1 && given.length <= 2 && !NOT_IN_NAMES.test(given);
}

/** Column headers and labels under which a name is a person on a list. */
export const PERSON_HEADER =
  /姓\s*名|户主|申请人|受助人|救助对象|补贴对象|慰问对象|领取人|收款人|户名|持卡人|开户名|贴息人|借款人|当事人姓名|被处罚人姓名|学生|患者/;

/**
 * Headers and labels under which a name is an official's or an office's contact, public by duty
 * (联系人 of a bureau, 经办人 of a form), or a company's legal representative: never a finding.
 */
export const OFFICIAL_HEADER =
  /联系人|负责人|经办|承办|审核|审批|填报|制表|单位|法定代表人|法人|企业|公司|领导|联络员|责任人|监督|举报|咨询|签发|主办/;

/** Masks a name to its surname: 张三 → 张*, 欧阳小明 → 欧阳**. */
export function maskName(text: string): string {
  const name = text.replace(/\s+/g, '');
  const surname = surnameOf(name) ?? name.slice(0, 1);
  return surname + '*'.repeat(Math.max(1, name.length - surname.length));
}
