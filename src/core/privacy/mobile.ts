/**
 * Mainland mobile numbers: 11 digits in the number segments carriers have issued (MIIT numbering
 * plan): 13x, 145–149, 15x except 154, 162/165–167, 170–178, 18x, 19x except 194.
 */
const SEGMENT = /^1(?:3\d|4[5-9]|5[0-35-9]|6[25-7]|7[0-8]|8\d|9[0-35-9])\d{8}$/;

/** Whether 11 digits are a mainland mobile number. */
export function isMobileNumber(digits: string): boolean {
  return SEGMENT.test(digits);
}
