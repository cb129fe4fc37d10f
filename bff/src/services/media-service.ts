/**
 * Media – odczyty (meter readings) and Media – rozliczenia (utility settlements) of a unit, as
 * the person may see them: readings and settlement documents dated within the person's windows
 * on the unit (see access-service.ts), in the chosen year. Each request runs two queries
 * whatever the data size: the access check with the medium or the account folded in, then the
 * rows.
 */
import type { ReadingKind, ReadingsResponse, SettlementsResponse } from '@strefa/api-types';
import { fixedSelect } from '../db/select-rows.ts';
import { billing } from '../db/tables.ts';
import { invalidParameter } from '../errors.ts';
import { formatDecimal, formatMoney } from '../lib/money.ts';
import { UNKNOWN_MEDIUM_MESSAGE } from '../lib/validation.ts';
import { toIsoDate } from '../models/base-model.ts';
import {
  accessUnion,
  clipToYear,
  dbInteger,
  dbNumber,
  isoDateOrNull,
  lookupSelect,
  rangeBounds,
  whereInRanges,
  type AccessService,
  type RangeBounds,
  type LookupRow,
} from './access-service.ts';
import type { ServiceContext } from './index.ts';
import { accountNotFound, accountVisible } from './ledger-service.ts';

/**
 * The access check with the medium asked for. The medium is a dictionary row, not the unit's:
 * folded into the access query only to save a round trip; the unit is still decided first
 * (404 before 400 for an unknown medium).
 */
const accessWithMedium = fixedSelect<[personId: number, unitId: number, mediumCode: string], LookupRow>(
  (knex, personId, unitId, mediumCode) => {
    const m = billing('media');
    return accessUnion(knex, personId, unitId, [
      knex(m)
        .select(lookupSelect(knex, 'med', { code: `${m}.code`, name: `${m}.name`, label: `${m}.unit` }))
        .where(`${m}.code`, mediumCode),
    ]);
  },
);

/** The readings of a unit's meters of one medium within date ranges, in display order. */
const readingsInRanges = fixedSelect<
  [unitId: number, mediumCode: string, ranges: RangeBounds[]],
  { date: unknown; number: string; location: string; kind: string; valueE3: unknown; consumptionE3: unknown }
>((knex, unitId, mediumCode, ranges) => {
  const r = billing('readings');
  const t = billing('meters');
  return whereInRanges(
    knex,
    knex(r)
      .join(t, `${t}.id`, `${r}.meterId`)
      .select(
        `${r}.date as date`,
        `${t}.number as number`,
        `${t}.location as location`,
        `${r}.kind as kind`,
        `${r}.valueE3 as valueE3`,
        `${r}.consumptionE3 as consumptionE3`,
      )
      .where(`${t}.unitId`, unitId)
      .where(`${t}.mediumCode`, mediumCode),
    `${r}.date`,
    ranges,
  ).orderBy([
    { column: `${r}.date` },
    { column: `${t}.location` },
    { column: `${t}.number` },
    { column: `${r}.id` },
  ]);
});

/** The settlement documents of an account within date ranges, in display order. */
const settlementsInRanges = fixedSelect<
  [accountId: number, ranges: RangeBounds[]],
  {
    documentNumber: string;
    date: unknown;
    periodFrom: unknown;
    periodTo: unknown;
    name: string;
    consumptionE3: unknown;
    consumptionUnit: string;
    unitPriceE4: unknown;
    costGr: unknown;
    advancesGr: unknown;
    dueDate: unknown;
  }
>((knex, accountId, ranges) =>
  whereInRanges(
    knex,
    knex(billing('settlements'))
      .select(
        'documentNumber',
        'date',
        'periodFrom',
        'periodTo',
        'name',
        'consumptionE3',
        'consumptionUnit',
        'unitPriceE4',
        'costGr',
        'advancesGr',
        'dueDate',
      )
      .where({ accountId }),
    'date',
    ranges,
  ).orderBy([{ column: 'date' }, { column: 'periodFrom' }, { column: 'id' }]),
);

export class MediaService {
  constructor(
    readonly context: ServiceContext,
    readonly access: AccessService,
  ) {}

  /** `GET /units/:unitId/readings?year&medium`; an unknown medium code is 400 field `medium`. */
  async readings(
    personId: number,
    unitId: number,
    year: number,
    mediumCode: string,
  ): Promise<ReadingsResponse> {
    const knex = this.context.knex;
    const {
      access: { windows },
      rows: mediumRows,
    } = this.access.splitAccessRows(
      personId,
      unitId,
      await accessWithMedium(knex, personId, unitId, mediumCode),
    );
    const medium = mediumRows[0] && {
      code: String(mediumRows[0].code),
      name: String(mediumRows[0].name),
      unit: String(mediumRows[0].label),
    };
    if (!medium) throw invalidParameter('medium', UNKNOWN_MEDIUM_MESSAGE);
    const ranges = clipToYear(windows, year);
    const rows = ranges.length ? await readingsInRanges(knex, unitId, medium.code, rangeBounds(ranges)) : [];
    return {
      year,
      medium: { code: medium.code, name: medium.name, unit: medium.unit },
      readings: rows.map((row) => ({
        date: String(toIsoDate(row.date)),
        meter: { number: row.number, location: row.location },
        kind: row.kind as ReadingKind,
        value: formatDecimal(dbInteger(row.valueE3), 3),
        consumption: formatDecimal(dbInteger(row.consumptionE3), 3),
      })),
    };
  }

  /** `GET /units/:unitId/settlements?year&account`: every visible settlement document. */
  async settlements(
    personId: number,
    unitId: number,
    year: number,
    accountId: number,
  ): Promise<SettlementsResponse> {
    const knex = this.context.knex;
    const { windows, account } = await this.access.unitAccessWithAccount(
      personId,
      unitId,
      accountId,
      'settlement',
    );
    if (!account || !accountVisible(account, windows)) throw accountNotFound();
    const ranges = clipToYear(windows, year);
    const rows = ranges.length ? await settlementsInRanges(knex, accountId, rangeBounds(ranges)) : [];
    return {
      year,
      account: { id: dbNumber(account.id), name: account.name },
      settlements: rows.map((row) => {
        const cost = dbInteger(row.costGr);
        const advances = dbInteger(row.advancesGr);
        return {
          documentNumber: row.documentNumber,
          date: String(toIsoDate(row.date)),
          periodFrom: String(toIsoDate(row.periodFrom)),
          periodTo: String(toIsoDate(row.periodTo)),
          name: row.name,
          consumption: formatDecimal(dbInteger(row.consumptionE3), 3),
          consumptionUnit: row.consumptionUnit,
          unitPrice: formatDecimal(dbInteger(row.unitPriceE4), 4, 2),
          cost: formatMoney(cost),
          advances: formatMoney(advances),
          // Computed, not read: the contract's invariant holds by construction even if the
          // billing program's stored difference were rounded differently.
          balance: formatMoney(cost - advances),
          dueDate: isoDateOrNull(row.dueDate),
        };
      }),
    };
  }
}
