/**
 * What a Polish bank transfer needs, checked: the NRB (a unit's individual account number), the
 * NIP (the cooperative's tax number), and the payment QR text of the banks' 2D standard
 * (Rekomendacja ZBP "Standard 2D", 2013), which banking apps read to fill in a transfer.
 *
 * Everything here is pure: the payment service feeds it the billing data and the settings.
 */

/** `digits` mod 97, exactly, for a string of any length (chunks well below 2^53). */
export function mod97(digits: string): number {
  let rest = 0;
  for (let i = 0; i < digits.length; i += 7) rest = Number(String(rest) + digits.slice(i, i + 7)) % 97;
  return rest;
}

/** "PL" as IBAN digits (P = 25, L = 21). */
const PL_DIGITS = '2521';

/**
 * True when `value` is 26 digits whose check digits follow the IBAN rule for Poland (ISO 13616:
 * the 24-digit BBAN, "PL" as 2521, the two check digits, mod 97 = 1).
 */
export function isValidNrb(value: string): boolean {
  if (!/^\d{26}$/.test(value)) return false;
  return mod97(value.slice(2) + PL_DIGITS + value.slice(0, 2)) === 1;
}

/** An NRB in the groups a person reads and types: `12 3456 7890 …`. */
export function groupNrb(nrb: string): string {
  return `${nrb.slice(0, 2)} ${nrb.slice(2).replace(/(\d{4})(?=\d)/g, '$1 ')}`;
}

/** True when `value` is a NIP: 10 digits, the last = Σ digit × (6,5,7,2,3,4,5,6,7) mod 11 (never 10). */
export function isValidNip(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(value[i]), 0);
  const check = sum % 11;
  return check !== 10 && check === Number(value[9]);
}

/** Field lengths of the ZBP 2D text. */
export const QR_LIMITS = { recipient: 20, title: 32, amountDigits: 6 } as const;

/** The largest amount the 2D code can carry (999999 grosze); above it the payer types the amount. */
export const QR_MAX_AMOUNT_GR = 999_999n;

/**
 * The characters the standard allows in its text fields: letters (Polish ones included), digits,
 * space and `, . / \ - @ # & * _`. Anything else is replaced before a field is cut to length.
 */
const ALLOWED = /^[A-Za-z0-9ĄĆĘŁŃÓŚŹŻąćęłńóśźż ,./\\\-@#&*_]*$/;

/** Whether a text field keeps to the standard's characters. */
export function hasOnlyQrCharacters(text: string): boolean {
  return ALLOWED.test(text);
}

/**
 * A text as the standard allows it: typographic dashes become `-`, other letters with accents
 * lose them (é → e), any other character becomes a space; spaces are collapsed; then the text
 * is cut to `max` characters at a word boundary where one is near, else hard.
 */
export function qrText(text: string, max: number): string {
  const cleaned = text
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .split('')
    .map((ch) => {
      if (ALLOWED.test(ch)) return ch;
      const plain = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      return ALLOWED.test(plain) && plain.length === 1 ? plain : ' ';
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= max) return cleaned;
  const cut = cleaned.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space >= max - 8 ? cut.slice(0, space) : cleaned.slice(0, max)).trim();
}

/**
 * The recipient as the code carries it (≤ 20 characters): a cooperative's full name rarely fits,
 * so the usual abbreviations are applied first ("Spółdzielnia Mieszkaniowa" → "SM").
 */
export function qrRecipient(name: string): string {
  const short = name
    .replace(/Spółdzielnia\s+Mieszkaniowa/gi, 'SM')
    .replace(/Lokatorsko[\s-]+Własnościowa/gi, 'LW')
    .replace(/Spółdzielnia/gi, 'Sp.')
    .replace(/Mieszkaniowa/gi, 'Mieszk.');
  return qrText(short, QR_LIMITS.recipient);
}

export interface QrFields {
  /** 10 digits, or empty. */
  nip: string;
  /** 26 digits, check digits valid. */
  account: string;
  /** Whole grosze; null or beyond 999999: the payer types the amount (000000). */
  amountGr: bigint | null;
  recipient: string;
  title: string;
}

/**
 * The one-line 2D text: `NIP|PL|account|amount|recipient|title|||`. Throws on an account that
 * fails the NRB check: a wrong number must never become a payable code.
 */
export function zbp2dText(fields: QrFields): string {
  if (!isValidNrb(fields.account)) throw new RangeError('the account number fails the NRB check');
  if (fields.nip !== '' && !isValidNip(fields.nip)) throw new RangeError('the NIP fails its check digit');
  const amount =
    fields.amountGr === null || fields.amountGr <= 0n || fields.amountGr > QR_MAX_AMOUNT_GR
      ? '000000'
      : fields.amountGr.toString().padStart(QR_LIMITS.amountDigits, '0');
  return [
    fields.nip,
    'PL',
    fields.account,
    amount,
    qrText(fields.recipient, QR_LIMITS.recipient),
    qrText(fields.title, QR_LIMITS.title),
    '',
    '',
    '',
  ].join('|');
}
