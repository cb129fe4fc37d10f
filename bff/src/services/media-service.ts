/**
 * Media – odczyty (meter readings) and Media – rozliczenia (utility settlements) of a unit, as
 * the person may see them: readings and settlement documents dated within the person's windows
 * on the unit (see access-service.ts), in the chosen year. Each request runs two queries
 * whatever the data size: the access check with the medium or the account folded in, then the
 * rows.
 */
import type { ReadingKind, ReadingsResponse, Settlement, SettlementsResponse } from '@strefa/api-types';
import { invalidParameter } from '../errors.ts';
import { clipToYear, rangeBounds } from '../lib/date-windows.ts';
import { dbInteger, dbNumber, isoDateOrNull, toIsoDate } from '../lib/db-values.ts';
import { formatDecimal, formatMoney } from '../lib/money.ts';
import { UNKNOWN_MEDIUM_MESSAGE } from '../lib/validation.ts';
import { accessWithMedium, readingsInRanges } from '../queries/readings.ts';
import { settlementsInRanges, type SettlementRow } from '../queries/settlements.ts';
import type { AccessService } from './access-service.ts';
import type { ServiceContext } from './context.ts';
import { accountNotFound, accountVisible } from './ledger-service.ts';

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
    const queries = this.context.queries;
    const {
      access: { windows },
      rows: mediumRows,
    } = this.access.splitAccessRows(
      personId,
      unitId,
      await queries.run(accessWithMedium, personId, unitId, mediumCode),
    );
    const medium = mediumRows[0] && {
      code: String(mediumRows[0].code),
      name: String(mediumRows[0].name),
      unit: String(mediumRows[0].label),
    };
    if (!medium) throw invalidParameter('medium', UNKNOWN_MEDIUM_MESSAGE);
    const ranges = clipToYear(windows, year);
    const rows = ranges.length
      ? await queries.run(readingsInRanges, unitId, medium.code, rangeBounds(ranges))
      : [];
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
    const queries = this.context.queries;
    const { windows, account } = await this.access.unitAccessWithAccount(
      personId,
      unitId,
      accountId,
      'settlement',
    );
    if (!account || !accountVisible(account, windows)) throw accountNotFound();
    const ranges = clipToYear(windows, year);
    const rows = ranges.length ? await queries.run(settlementsInRanges, accountId, rangeBounds(ranges)) : [];
    return {
      year,
      account: { id: dbNumber(account.id), name: account.name },
      settlements: rows.map(settlementBody),
    };
  }
}

/** A settlement document as the API gives it (the year's list and the chart's ten years alike). */
export function settlementBody(row: SettlementRow): Settlement {
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
    // Computed, not read: the contract's invariant holds by construction even if the billing
    // program's stored difference were rounded differently.
    balance: formatMoney(cost - advances),
    dueDate: isoDateOrNull(row.dueDate),
  };
}
