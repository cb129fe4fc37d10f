/**
 * The fee components (składniki opłat) of each kind of unit, in the order they are listed on
 * the monthly charge. Quantities follow the unit: its area, the number of persons living there,
 * or a fixed quantity per unit.
 */
import type { TariffKey } from './tariffs.ts';

export interface FeeLine {
  name: string;
  basis: 'm2' | 'person' | 'unit' | 'm3';
  /** area: m² of the unit; occupants: persons × `factorE3`; fixed: `factorE3`. */
  quantity: 'area' | 'occupants' | 'fixed';
  /** Thousandths: 3000 = 3 m³ of water per person, 1000 = one unit. */
  factorE3: number;
  tariff: TariffKey;
}

export type FeeSet = 'flat_lift' | 'flat' | 'garage' | 'parking_space' | 'storage' | 'commercial';

const area = (name: string, tariff: TariffKey): FeeLine => ({
  name,
  basis: 'm2',
  quantity: 'area',
  factorE3: 0,
  tariff,
});

const flat: FeeLine[] = [
  area('Eksploatacja', 'maintenance'),
  area('Fundusz remontowy', 'repairFund'),
  area('Centralne ogrzewanie – zaliczka', 'heatingAdvance'),
  {
    name: 'Zimna woda i odprowadzanie ścieków – zaliczka',
    basis: 'm3',
    quantity: 'occupants',
    factorE3: 3000,
    tariff: 'coldWaterAdvance',
  },
  {
    name: 'Podgrzanie wody – zaliczka',
    basis: 'm3',
    quantity: 'occupants',
    factorE3: 1200,
    tariff: 'hotWaterAdvance',
  },
  {
    name: 'Gospodarowanie odpadami komunalnymi',
    basis: 'person',
    quantity: 'occupants',
    factorE3: 1000,
    tariff: 'waste',
  },
];
const flatTail: FeeLine[] = [
  { name: 'Domofon', basis: 'unit', quantity: 'fixed', factorE3: 1000, tariff: 'intercom' },
  area('Energia elektryczna części wspólnych', 'commonElectricity'),
  area('Podatek od nieruchomości', 'propertyTax'),
];

export const FEE_LINES: Record<FeeSet, FeeLine[]> = {
  flat: [...flat, ...flatTail],
  flat_lift: [
    ...flat,
    { name: 'Dźwig', basis: 'person', quantity: 'occupants', factorE3: 1000, tariff: 'lift' },
    ...flatTail,
  ],
  garage: [
    area('Eksploatacja garażu', 'garageMaintenance'),
    area('Fundusz remontowy', 'garageRepairFund'),
    area('Podatek od nieruchomości', 'garagePropertyTax'),
  ],
  parking_space: [
    {
      name: 'Opłata za miejsce postojowe',
      basis: 'unit',
      quantity: 'fixed',
      factorE3: 1000,
      tariff: 'parkingFee',
    },
    area('Podatek od nieruchomości', 'garagePropertyTax'),
  ],
  storage: [
    area('Eksploatacja komórki lokatorskiej', 'storageMaintenance'),
    area('Fundusz remontowy', 'garageRepairFund'),
  ],
  commercial: [
    area('Czynsz najmu lokalu użytkowego', 'commercialRent'),
    area('Eksploatacja', 'maintenance'),
    area('Podatek od nieruchomości', 'commercialPropertyTax'),
    {
      name: 'Gospodarowanie odpadami komunalnymi',
      basis: 'unit',
      quantity: 'fixed',
      factorE3: 1000,
      tariff: 'commercialWaste',
    },
  ],
};

/** The quantity (e3) of a line for a unit of `areaE2` (m² × 100) with `occupants` persons. */
export function lineQuantity(line: FeeLine, areaE2: number, occupants: number): number {
  if (line.quantity === 'area') return areaE2 * 10;
  if (line.quantity === 'occupants') return occupants * line.factorE3;
  return line.factorE3;
}
