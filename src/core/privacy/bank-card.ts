/** Bank card numbers: 16 to 19 digits whose Luhn (ISO/IEC 7812) check holds. */

/** Whether the digits pass the Luhn check. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * A card number by its form: 16–19 digits, a plausible issuer (the first digit of a card is 3–6 for
 * the schemes issued in China: UnionPay 62, Visa 4, Mastercard 5, Amex/JCB 3), Luhn-valid, not one
 * digit repeated. Context (a card word nearby) is the scanner's business.
 */
export function isBankCardNumber(digits: string): boolean {
  if (!/^[3-6]\d{15,18}$/.test(digits)) return false;
  if (/^(\d)\1+$/.test(digits)) return false;
  return luhnValid(digits);
}
