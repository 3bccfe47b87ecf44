import { splitUnits } from './lines';

/**
 * Units that name a group rather than one department: 各设区市, 省直各部门, 各地区各部门,
 * 市直有关单位, 各县（市、区）政府, 各科室. Reports and sources must not treat them as one department.
 */
const COLLECTIVE =
  /^(?:各|全[省市县区]|(?:相关|有关|其他|其它)[^、，,]{0,6}(?:部门|单位|机构)$)|[省市县区]直(?:各|有关|相关)|(?:各|有关|相关)(?:部门|单位|科室|股室|镇|街)|各[^、，,]{0,6}(?:部门|单位|机构|政府|市|县|区)$/;

/** 县（市、区）政府 without 各 still names every county-level government. */
const SEVERAL_LEVELS = /^[省市县区][（(][^（）()]*、[^（）()]*[）)](?:政府|人民政府|党委|部门)$/;

/** True when a unit name stands for several bodies (各设区市, 市直有关单位, 县（市、区）政府). */
export function isCollectiveUnit(unit: string): boolean {
  const name = unit.trim();
  return COLLECTIVE.test(name) || SEVERAL_LEVELS.test(name);
}

/** The collective names among units, in order, without repeats. */
export function collectiveUnits(units: string[]): string[] {
  return [...new Set(units.filter(isCollectiveUnit))];
}

export interface UnitCell {
  lead: string[];
  supporting: string[];
}

/**
 * Reads a unit cell that may name roles in its text: 办公室牵头，各科室配合 / 市发改委牵头落实 /
 * 市金融办、人民银行潍坊市中心支行分别牵头落实. Without 牵头 every unit is a lead unit.
 */
export function readUnitCell(cell: string): UnitCell {
  const text = cell
    .trim()
    .replace(/[。.]$/, '')
    .replace(/(?:分别)?(?:负责)?落实$/, '');
  const lead = /^(.+?)(?:分别)?牵头(?:[，,、；;\s]*(.+?)(?:配合|参与|协助|协同))?$/.exec(text);
  if (lead) return { lead: splitUnits(lead[1]!), supporting: lead[2] ? splitUnits(lead[2]) : [] };
  return { lead: splitUnits(text.replace(/(?:分别)?负责$/, '')), supporting: [] };
}

const UNIT_END =
  /(?:局|委员会|委|办公室|办|中心|室|院|厅|部|部门|府|政府|单位|机构|公司|所|行|支行|分行|科|股|处|组|队|站|会|馆|市|县|区|镇|乡|街道)(?:[（(][^（）()]{1,20}[）)])?$/;

/**
 * A cell that names units and nothing else: 市发改委牵头落实, 办公室牵头,各科室配合,
 * 市金融办、人民银行潍坊市中心支行分别牵头落实. Short, no sentence, every name ending like a body.
 */
export function looksLikeUnitCell(cell: string): boolean {
  const text = cell.trim();
  // A cell may list fifteen departments and more; every name must still read as a unit.
  if (text === '' || text.length > 400 || /[。；;：:]/.test(text)) return false;
  const read = readUnitCell(text);
  const names = [...read.lead, ...read.supporting];
  return names.length > 0 && names.every((name) => name.length <= 24 && UNIT_END.test(name));
}
