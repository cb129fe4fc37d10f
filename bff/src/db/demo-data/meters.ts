/**
 * The meters phase of the demo-data generator: a flat's water meters and heat cost allocators,
 * their legalisation and replacement, and the readings of every round (end of June and of
 * December, and at every change of owner), from each holding's consumption habits.
 */
import { addDays, addYears, dayNumber, fromDayNumber, lastDayOfMonth, pad } from './calendar.ts';
import type { Generation } from './generation.ts';
import type { UnitPlan } from './holdings.ts';
import { ROOMS } from './names.ts';
import type { Random } from './random.ts';
import { heatUnitPrice, rate } from './tariffs.ts';

/** Share of the seasonal heat demand per month (January … December); sums to 5.45. */
const HEAT_WEIGHT = [1.0, 0.9, 0.75, 0.45, 0.1, 0, 0, 0, 0.1, 0.45, 0.75, 0.95];
const HEAT_WEIGHT_SUM = 5.45;

export type MediumCode = 'ZW' | 'CW' | 'CO';

interface MeterState {
  id: number;
  mediumCode: MediumCode;
  number: string;
  location: string;
  installedOn: string;
  legalisedUntil: string | null;
  removedOn: string | null;
}

/** Per medium, the readings' [day number, consumption ×10³], for the settlements. */
export type ReadingLog = Record<MediumCode, [number, number][]>;

/** Writes a flat's meters and readings (nothing for other units) and answers the reading log. */
export function writeMeters(g: Generation, unit: UnitPlan, random: Random): ReadingLog {
  const { firstYear, currentYear, today } = g;
  const { unitId, kind, rooms, areaE2, holdings, building, holdingAt, occupantsAt } = unit;
  const readingLog: ReadingLog = { ZW: [], CW: [], CO: [] };
  if (kind === 'flat') {
    interface Slot {
      medium: 'ZW' | 'CW' | 'CO';
      location: string;
      share: number;
    }
    const slots: Slot[] = [
      { medium: 'ZW', location: 'kuchnia', share: 0.4 },
      { medium: 'ZW', location: 'łazienka', share: 0.6 },
      { medium: 'CW', location: 'kuchnia', share: 0.35 },
      { medium: 'CW', location: 'łazienka', share: 0.65 },
    ];
    const heatShares = [...ROOMS.slice(0, rooms).map(() => 1), 0.6];
    const heatTotal = heatShares.reduce((a, b) => a + b, 0);
    ROOMS.slice(0, rooms).forEach((room) =>
      slots.push({ medium: 'CO', location: room, share: 1 / heatTotal }),
    );
    slots.push({ medium: 'CO', location: 'kuchnia', share: 0.6 / heatTotal });

    // Reading rounds: end of June and end of December, plus a reading at every change of owner.
    const events: { date: string; monthsUpTo: number; label: string; change: boolean }[] = [];
    for (let year = firstYear; year <= currentYear; year++) {
      for (const [month, label] of [
        [6, 'I'],
        [12, 'II'],
      ] as const) {
        const date = lastDayOfMonth(year, month);
        if (date <= today)
          events.push({
            date,
            monthsUpTo: g.monthIndexOf(date) + 1,
            label: `${year}/${label}`,
            change: false,
          });
      }
    }
    for (const holding of holdings.slice(1)) {
      const date = addDays(holding.from, -1);
      const existing = events.find((e) => e.date === date);
      if (existing) existing.change = true;
      else
        events.push({
          date,
          monthsUpTo: g.monthIndexOf(date) + 1,
          label: `${date.slice(0, 4)}/Z`,
          change: true,
        });
    }
    events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

    const meterNumber = (medium: string, installed: string) =>
      medium === 'CO' ? random.digits(8) : `${installed.slice(2, 4)}${random.digits(6)}`;
    const meters: MeterState[] = [];
    const readings: [number, number, string, string, string, number, number][] = [];
    for (const slot of slots) {
      const water = slot.medium !== 'CO';
      const installedOn = water
        ? fromDayNumber(g.historyFromDay - random.int(30, 1640))
        : fromDayNumber(g.historyFromDay - random.int(200, 3000));
      let meter: MeterState = {
        id: g.next.meter++,
        mediumCode: slot.medium,
        number: meterNumber(slot.medium, installedOn),
        location: slot.location,
        installedOn,
        legalisedUntil: water ? addDays(addYears(installedOn, 5), -1) : null,
        removedOn: null,
      };
      meters.push(meter);
      let trueValue = water ? random.int(20_000, 900_000) : random.int(0, 4_000) * 1000;
      let recorded = trueValue;
      let monthsDone = 0;
      for (const event of events) {
        for (let mi = monthsDone; mi < event.monthsUpTo; mi++) {
          const holding = holdingAt(mi);
          const noise = random.between(0.85, 1.15);
          let use: number;
          if (slot.medium === 'ZW')
            use = Math.round(occupantsAt(holding, mi) * 3000 * holding.coldFactor * slot.share * noise);
          else if (slot.medium === 'CW')
            use = Math.round(occupantsAt(holding, mi) * 1200 * holding.hotFactor * slot.share * noise);
          else {
            const year = g.monthYear(mi);
            const yearlyUnits =
              ((areaE2 / 100) * (rate('heatingAdvance', year, 1, g.midYearChange) / 10_000) * 12) /
              (heatUnitPrice(year) / 10_000);
            use =
              Math.round(
                ((yearlyUnits * holding.heatFactor * HEAT_WEIGHT[g.monthOf(mi) - 1]!) / HEAT_WEIGHT_SUM) *
                  slot.share *
                  noise,
              ) * 1000;
          }
          trueValue += use;
        }
        monthsDone = event.monthsUpTo;
        const replace =
          water &&
          !event.change &&
          meter.legalisedUntil !== null &&
          meter.legalisedUntil <= addDays(event.date, 183);
        let kind: string = building.radio ? 'remote' : 'actual';
        let value = trueValue;
        if (!building.radio && !event.change && !replace && random.chance(0.04)) {
          // No access to the flat: the value is estimated from earlier use, corrected at the next actual reading.
          kind = 'estimated';
          const step = trueValue - recorded;
          value =
            recorded +
            (water
              ? Math.floor(step * random.between(0.7, 1))
              : Math.floor((step / 1000) * random.between(0.7, 1)) * 1000);
        }
        if (replace) kind = 'actual';
        const documentNumber = `ODC/${event.label}/${pad(unitId, 6)}`;
        readings.push([
          g.next.reading++,
          meter.id,
          event.date,
          documentNumber,
          kind,
          value,
          value - recorded,
        ]);
        readingLog[slot.medium].push([dayNumber(event.date), value - recorded]);
        recorded = value;
        if (replace) {
          // Legalisation runs out: the fitter reads the old meter for the last time and fits a new one.
          meter.removedOn = event.date;
          const installed = addDays(event.date, 1);
          meter = {
            id: g.next.meter++,
            mediumCode: slot.medium,
            number: meterNumber(slot.medium, installed),
            location: slot.location,
            installedOn: installed,
            legalisedUntil: addDays(addYears(installed, 5), -1),
            removedOn: null,
          };
          meters.push(meter);
          trueValue = 0;
          recorded = 0;
        }
      }
    }
    for (const m of meters) {
      g.meters.add(
        m.id,
        unitId,
        m.mediumCode,
        m.number,
        m.location,
        m.installedOn,
        m.legalisedUntil,
        m.removedOn,
      );
    }
    for (const r of readings) g.readings.add(...r);
    g.count.meters += meters.length;
    g.count.readings += readings.length;
  }
  return readingLog;
}
