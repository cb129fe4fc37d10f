/**
 * Individual bank account numbers (NRB, the 26 digits of a Polish IBAN without "PL"). Each unit
 * gets its own, as cooperatives do for identifying transfers: the cooperative's bank sort code,
 * a fixed prefix and the unit's id, with IBAN check digits (ISO 13616, mod 97).
 */

/** A bank sort code: 3-digit bank + 4-digit branch + its own check digit (weights 3,9,7,1,3,9,7). */
export function sortCode(sevenDigits: string): string {
  const weights = [3, 9, 7, 1, 3, 9, 7];
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(sevenDigits[i]) * weights[i]!;
  return sevenDigits + String((10 - (sum % 10)) % 10);
}

/** `digits` mod 97, exactly, for a string of any length. */
export function mod97(digits: string): number {
  let rest = 0;
  for (let i = 0; i < digits.length; i += 7) {
    rest = Number(String(rest) + digits.slice(i, i + 7)) % 97;
  }
  return rest;
}

/** "PL" as IBAN digits (P = 25, L = 21). */
const PL = '2521';

/** The NRB for a 24-digit BBAN: check digits = 98 − (BBAN + "2521" + "00") mod 97. */
export function nrb(bban: string): string {
  if (!/^\d{24}$/.test(bban)) throw new TypeError(`a BBAN has 24 digits: ${bban}`);
  const check = 98 - mod97(bban + PL + '00');
  return String(check).padStart(2, '0') + bban;
}

/** True when the 26 digits carry valid IBAN check digits for Poland. */
export function isValidNrb(value: string): boolean {
  if (!/^\d{26}$/.test(value)) return false;
  return mod97(value.slice(2) + PL + value.slice(0, 2)) === 1;
}

/** The cooperative's bank: Pekao S.A. (124), a Pabianice-like branch number. */
export const COOPERATIVE_SORT_CODE = sortCode('1240303');

/** The unit's individual account: sort code + "2000" + the unit id in 12 digits; unique per unit. */
export function unitBankAccount(unitId: number): string {
  return nrb(COOPERATIVE_SORT_CODE + '2000' + String(unitId).padStart(12, '0'));
}
