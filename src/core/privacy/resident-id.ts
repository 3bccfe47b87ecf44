/**
 * Resident identity numbers (居民身份证号码, GB 11643-1999): 6-digit region code, birth date,
 * 3-digit sequence and a check digit. A number is only taken for one when every part is plausible:
 * precision comes first, since a false accusation of a leak costs a department more than a miss.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * Province-level prefixes of GB/T 2260 region codes, with Taiwan (71) and the 81/82/83 prefixes of
 * residence permits for Hong Kong, Macao and Taiwan residents (which share the ID number format).
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

/** The GB 11643 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Whether a 6-digit region code is plausible: a known province, and city/county parts not 00-padded nonsense. */
export function plausibleRegion(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const province = Number(code.slice(0, 2));
  if (!PROVINCES.has(province)) return false;
  if (province >= 81) return code.slice(2) === '0000';
  // A person is registered in a city and county: "440000" (a province itself) is not an address.
  return code.slice(2, 4) !== '00';
}

/** Whether year-month-day is a real calendar day between 1900 and 2099. */
export function realDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

/** An 18-digit resident ID: plausible region, real birth date, and the right check digit. */
export function isResidentId18(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  if (!plausibleRegion(value.slice(0, 6))) return false;
  if (!realDate(Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14))))
    return false;
  return residentIdCheckChar(value.slice(0, 17)) === value[17]!.toUpperCase();
}

/**
 * A 15-digit ID of the first generation (before 1999): region, 2-digit year of birth in the 1900s,
 * month, day, sequence. It has no check digit, so the caller also asks for an ID word nearby.
 */
export function isResidentId15(value: string): boolean {
  if (!/^\d{15}$/.test(value)) return false;
  if (!plausibleRegion(value.slice(0, 6))) return false;
  return realDate(1900 + Number(value.slice(6, 8)), Number(value.slice(8, 10)), Number(value.slice(10, 12)));
}
