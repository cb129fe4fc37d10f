/**
 * Fee rates of the demo cooperative, in ten-thousandths of a złoty (`rate_e4`), in the ranges of
 * domain.md. Rates change on 1 January (the cooperative's council adopts them each year); the
 * waste fee changes once mid-year as well, in the year the city changed its resolution.
 * Everything is integer arithmetic: money never becomes a binary float.
 */

/** The reference year of the anchor rates below; earlier years step down, later ones up. */
const ANCHOR_YEAR = 2026;

interface Tariff {
  /** Rate in the anchor year, e4. */
  anchor: number;
  /** Yearly change, e4 (rates go up over time). */
  step: number;
  /** Floor for early years, e4. */
  min: number;
}

export type TariffKey =
  | 'maintenance'
  | 'repairFund'
  | 'heatingAdvance'
  | 'coldWaterAdvance'
  | 'hotWaterAdvance'
  | 'waste'
  | 'lift'
  | 'intercom'
  | 'commonElectricity'
  | 'propertyTax'
  | 'garageMaintenance'
  | 'garageRepairFund'
  | 'garagePropertyTax'
  | 'parkingFee'
  | 'storageMaintenance'
  | 'commercialRent'
  | 'commercialPropertyTax'
  | 'commercialWaste';

const TARIFFS: Record<TariffKey, Tariff> = {
  maintenance: { anchor: 24_500, step: 800, min: 16_000 },
  repairFund: { anchor: 22_000, step: 1_000, min: 10_000 },
  heatingAdvance: { anchor: 41_000, step: 1_800, min: 25_000 },
  coldWaterAdvance: { anchor: 164_000, step: 3_500, min: 130_000 },
  hotWaterAdvance: { anchor: 365_000, step: 12_000, min: 250_000 },
  waste: { anchor: 360_000, step: 10_000, min: 280_000 },
  lift: { anchor: 80_000, step: 3_000, min: 50_000 },
  intercom: { anchor: 55_000, step: 2_500, min: 30_000 },
  commonElectricity: { anchor: 1_800, step: 100, min: 800 },
  propertyTax: { anchor: 1_100, step: 50, min: 500 },
  garageMaintenance: { anchor: 21_000, step: 600, min: 13_000 },
  garageRepairFund: { anchor: 12_000, step: 500, min: 6_000 },
  garagePropertyTax: { anchor: 8_000, step: 300, min: 5_000 },
  parkingFee: { anchor: 850_000, step: 30_000, min: 550_000 },
  storageMaintenance: { anchor: 19_000, step: 600, min: 12_000 },
  commercialRent: { anchor: 380_000, step: 15_000, min: 250_000 },
  commercialPropertyTax: { anchor: 27_500, step: 800, min: 18_000 },
  commercialWaste: { anchor: 1_450_000, step: 50_000, min: 950_000 },
};

/**
 * The rate of a component in a month, e4. `midYearChange` is the year whose waste fee rose on
 * 1 July (by half a yearly step), as Pabianice's council did once.
 */
export function rate(key: TariffKey, year: number, month: number, midYearChange: number): number {
  const tariff = TARIFFS[key];
  let value = Math.max(tariff.min, tariff.anchor + tariff.step * (year - ANCHOR_YEAR));
  if (key === 'waste' && year === midYearChange && month >= 7) value += tariff.step / 2;
  return value;
}

/**
 * Price of one heat cost allocator unit in the yearly heating settlement, e4: the heating
 * plant's cost divided by the units read in the estate, so it varies by year.
 */
export function heatUnitPrice(year: number): number {
  return HEAT_UNIT_PRICES[year] ?? Math.max(12_000, 21_900 + 650 * (year - ANCHOR_YEAR));
}

/** The years of the gas price shock had their own prices. */
const HEAT_UNIT_PRICES: Record<number, number> = { 2022: 21_450, 2023: 24_870, 2024: 23_120, 2025: 22_640 };

/**
 * Statutory interest for late payment (odsetki ustawowe za opóźnienie), in hundredths of a per
 * cent per year, as a yearly approximation of the real table.
 */
export function lateInterestRate(year: number): number {
  if (year <= 2019) return 700;
  if (year <= 2021) return 560;
  return LATE_INTEREST_RATES[year] ?? 1_025;
}

const LATE_INTEREST_RATES: Record<number, number> = { 2022: 1_000, 2023: 1_225, 2024: 1_125, 2025: 1_075 };

/** round-half-up of `numerator / denominator` for non-negative whole numbers. */
export function divideRounded(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || numerator < 0) throw new RangeError(`bad numerator ${numerator}`);
  const shifted = numerator + Math.floor(denominator / 2);
  // Remainder first, so the division is exact (a float quotient could round up near 2^53).
  return (shifted - (shifted % denominator)) / denominator;
}

/** Amount in grosze of quantity (e3) × rate (e4), rounded half up: e3·e4 = e7, grosze = e2. */
export function amountGrosze(quantityE3: number, rateE4: number): number {
  return divideRounded(quantityE3 * rateE4, 100_000);
}
