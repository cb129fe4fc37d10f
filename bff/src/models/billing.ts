/**
 * Models of the billing program's data (read-only for the portal): table and column names,
 * relations, and the named conditions the queries use (`modifiers`, e.g.
 * `LedgerDocument.query(knex).modify('inRanges', ranges)`). Every read of the residents'
 * endpoints is built from these in src/queries/. Table names come from db/tables.ts so that the
 * configured prefix and schema apply; relation targets are given as functions, so the models may
 * refer to each other without an import cycle.
 */
import type { AnyQueryBuilder, Modifiers, RelationMappings } from 'objection';
import { billing } from '../db/tables.ts';
import type { MonthKeyRange, RangeBounds, WindowBounds } from '../lib/date-windows.ts';
import { BaseModel } from './base-model.ts';
import { whereInRanges, whereInWindows } from './date-conditions.ts';

/** The modifiers of a model whose rows are dated by `column`: within ranges, windows or a year. */
function datedModifiers(table: () => string, column: string): Modifiers<AnyQueryBuilder> {
  return {
    inRanges: (query, ranges: readonly RangeBounds[]) => {
      whereInRanges(query, `${table()}.${column}`, ranges);
    },
    inWindows: (query, windows: readonly WindowBounds[]) => {
      whereInWindows(query, `${table()}.${column}`, windows);
    },
  };
}

export class Person extends BaseModel {
  static override get tableName() {
    return billing('persons');
  }
  id!: number;
  firstName!: string;
  lastName!: string;
  memberNumber!: string | null;
  email!: string | null;
  phone!: string | null;
  correspondenceAddress!: string | null;
  assignments?: Assignment[];

  static override get relationMappings(): RelationMappings {
    return {
      assignments: {
        relation: BaseModel.HasManyRelation,
        modelClass: () => Assignment,
        join: { from: `${billing('persons')}.id`, to: `${billing('assignments')}.personId` },
      },
    };
  }
}

export class Building extends BaseModel {
  static override get tableName() {
    return billing('buildings');
  }
  id!: number;
  estate!: string;
  street!: string;
  number!: string;
  postalCode!: string;
  city!: string;
  floors!: number;
  hasLift!: number;
}

export class Unit extends BaseModel {
  static override get tableName() {
    return billing('units');
  }
  id!: number;
  buildingId!: number;
  kind!: string;
  number!: string | null;
  areaE2!: number;
  persons!: number;
  legalTitle!: string;
  bankAccount!: string;
  building?: Building;
  assignments?: Assignment[];
  accounts?: Account[];
  meters?: Meter[];

  static override get relationMappings(): RelationMappings {
    return {
      building: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: () => Building,
        join: { from: `${billing('units')}.buildingId`, to: `${billing('buildings')}.id` },
      },
      assignments: {
        relation: BaseModel.HasManyRelation,
        modelClass: () => Assignment,
        join: { from: `${billing('units')}.id`, to: `${billing('assignments')}.unitId` },
      },
      accounts: {
        relation: BaseModel.HasManyRelation,
        modelClass: () => Account,
        join: { from: `${billing('units')}.id`, to: `${billing('accounts')}.unitId` },
      },
      meters: {
        relation: BaseModel.HasManyRelation,
        modelClass: () => Meter,
        join: { from: `${billing('units')}.id`, to: `${billing('meters')}.unitId` },
      },
    };
  }
}

export class Assignment extends BaseModel {
  static override get tableName() {
    return billing('assignments');
  }
  static override dateColumns = ['dateFrom', 'dateTo'];
  id!: number;
  personId!: number;
  unitId!: number;
  role!: string;
  share!: string;
  dateFrom!: string;
  dateTo!: string | null;
  unit?: Unit;
  person?: Person;

  static override modifiers: Modifiers<AnyQueryBuilder> = {
    ofPerson: (query, personId: number) => {
      query.where(`${billing('assignments')}.personId`, personId);
    },
    onUnit: (query, unitId: number) => {
      query.where(`${billing('assignments')}.unitId`, unitId);
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      unit: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: () => Unit,
        join: { from: `${billing('assignments')}.unitId`, to: `${billing('units')}.id` },
      },
      person: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: () => Person,
        join: { from: `${billing('assignments')}.personId`, to: `${billing('persons')}.id` },
      },
    };
  }
}

export class FeeComponent extends BaseModel {
  static override get tableName() {
    return billing('fee_components');
  }
  id!: number;
  unitId!: number;
  year!: number;
  month!: number;
  position!: number;
  name!: string;
  basis!: string;
  quantityE3!: number;
  rateE4!: number;
  amountGr!: number;

  static override modifiers: Modifiers<AnyQueryBuilder> = {
    ofUnit: (query, unitId: number) => {
      query.where(`${billing('fee_components')}.unitId`, unitId);
    },
    inMonth: (query, year: number, month: number) => {
      query
        .where(`${billing('fee_components')}.year`, year)
        .where(`${billing('fee_components')}.month`, month);
    },
    /** Months whose (year × 100 + month) key lies in one of the ranges (`monthKeyRanges`). */
    inMonthKeys: (query, ranges: readonly MonthKeyRange[]) => {
      if (ranges.length === 0) {
        query.whereRaw('1 = 0');
        return;
      }
      const t = billing('fee_components');
      query.where((outer) => {
        for (const range of ranges) {
          outer.orWhere((inner) => {
            inner.whereRaw('?? * 100 + ?? >= ?', [`${t}.year`, `${t}.month`, range.from]);
            if (range.to !== null)
              inner.whereRaw('?? * 100 + ?? <= ?', [`${t}.year`, `${t}.month`, range.to]);
          });
        }
      });
    },
  };
}

export class Account extends BaseModel {
  static override get tableName() {
    return billing('accounts');
  }
  static override dateColumns = ['openedOn', 'closedOn'];
  id!: number;
  unitId!: number;
  purpose!: 'ledger' | 'settlement';
  code!: string;
  name!: string;
  openedOn!: string;
  closedOn!: string | null;
  documents?: LedgerDocument[];
  settlements?: Settlement[];

  static override modifiers: Modifiers<AnyQueryBuilder> = {
    ofUnit: (query, unitId: number) => {
      query.where(`${billing('accounts')}.unitId`, unitId);
    },
    withPurpose: (query, purpose: 'ledger' | 'settlement') => {
      query.where(`${billing('accounts')}.purpose`, purpose);
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      documents: {
        relation: BaseModel.HasManyRelation,
        modelClass: () => LedgerDocument,
        join: { from: `${billing('accounts')}.id`, to: `${billing('documents')}.accountId` },
      },
      settlements: {
        relation: BaseModel.HasManyRelation,
        modelClass: () => Settlement,
        join: { from: `${billing('accounts')}.id`, to: `${billing('settlements')}.accountId` },
      },
      openingBalances: {
        relation: BaseModel.HasManyRelation,
        modelClass: () => OpeningBalance,
        join: { from: `${billing('accounts')}.id`, to: `${billing('opening_balances')}.accountId` },
      },
    };
  }
}

export class OpeningBalance extends BaseModel {
  static override get tableName() {
    return billing('opening_balances');
  }
  static override get idColumn() {
    return ['accountId', 'year'];
  }
  accountId!: number;
  year!: number;
  amountGr!: number;
}

export class LedgerDocument extends BaseModel {
  static override get tableName() {
    return billing('documents');
  }
  static override dateColumns = ['date'];
  id!: number;
  accountId!: number;
  date!: string;
  number!: string;
  kind!: string;
  description!: string;
  debitGr!: number;
  creditGr!: number;

  static override modifiers: Modifiers<AnyQueryBuilder> = {
    ...datedModifiers(() => billing('documents'), 'date'),
    /** The columns a document is shown with (Księgowość, the yearly statement). */
    listed: (query) => {
      const d = billing('documents');
      query.select(
        ['id', 'date', 'number', 'kind', 'description', 'debitGr', 'creditGr'].map(
          (c) => `${d}.${c} as ${c}`,
        ),
      );
    },
    /** Within an account: by date, then as entered. */
    inDisplayOrder: (query) => {
      const d = billing('documents');
      query.orderBy([{ column: `${d}.date` }, { column: `${d}.id` }]);
    },
  };
}

export class Medium extends BaseModel {
  static override get tableName() {
    return billing('media');
  }
  static override get idColumn() {
    return 'code';
  }
  code!: string;
  name!: string;
  unit!: string;
  position!: number;
}

export class Meter extends BaseModel {
  static override get tableName() {
    return billing('meters');
  }
  static override dateColumns = ['installedOn', 'legalisedUntil', 'removedOn'];
  id!: number;
  unitId!: number;
  mediumCode!: string;
  number!: string;
  location!: string;
  installedOn!: string;
  legalisedUntil!: string | null;
  removedOn!: string | null;
  readings?: Reading[];

  static override modifiers: Modifiers<AnyQueryBuilder> = {
    ofUnit: (query, unitId: number) => {
      query.where(`${billing('meters')}.unitId`, unitId);
    },
    ofMedium: (query, mediumCode: string) => {
      query.where(`${billing('meters')}.mediumCode`, mediumCode);
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      readings: {
        relation: BaseModel.HasManyRelation,
        modelClass: () => Reading,
        join: { from: `${billing('meters')}.id`, to: `${billing('readings')}.meterId` },
      },
      medium: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: () => Medium,
        join: { from: `${billing('meters')}.mediumCode`, to: `${billing('media')}.code` },
      },
    };
  }
}

export class Reading extends BaseModel {
  static override get tableName() {
    return billing('readings');
  }
  static override dateColumns = ['date'];
  id!: number;
  meterId!: number;
  date!: string;
  documentNumber!: string;
  kind!: string;
  valueE3!: number;
  consumptionE3!: number;
  meter?: Meter;

  static override modifiers: Modifiers<AnyQueryBuilder> = {
    ...datedModifiers(() => billing('readings'), 'date'),
    /** With its meter (`meters` joined), for the meter's unit, medium, number and location. */
    withMeter: (query) => {
      query.join(billing('meters'), `${billing('meters')}.id`, `${billing('readings')}.meterId`);
    },
    /** The columns a reading is shown with (Media – odczyty, the statement); needs `withMeter`. */
    listed: (query) => {
      const r = billing('readings');
      const t = billing('meters');
      query.select(
        `${r}.date as date`,
        `${t}.number as number`,
        `${t}.location as location`,
        `${r}.kind as kind`,
        `${r}.valueE3 as valueE3`,
        `${r}.consumptionE3 as consumptionE3`,
      );
    },
    /** By date, then place and meter, then as entered; needs `withMeter`. */
    inDisplayOrder: (query) => {
      const r = billing('readings');
      const t = billing('meters');
      query.orderBy([
        { column: `${r}.date` },
        { column: `${t}.location` },
        { column: `${t}.number` },
        { column: `${r}.id` },
      ]);
    },
  };

  static override get relationMappings(): RelationMappings {
    return {
      meter: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: () => Meter,
        join: { from: `${billing('readings')}.meterId`, to: `${billing('meters')}.id` },
      },
    };
  }
}

export class Settlement extends BaseModel {
  static override get tableName() {
    return billing('settlements');
  }
  static override dateColumns = ['date', 'periodFrom', 'periodTo', 'dueDate'];
  id!: number;
  accountId!: number;
  documentNumber!: string;
  date!: string;
  periodFrom!: string;
  periodTo!: string;
  name!: string;
  consumptionE3!: number;
  consumptionUnit!: string;
  unitPriceE4!: number;
  costGr!: number;
  advancesGr!: number;
  balanceGr!: number;
  dueDate!: string | null;

  static override modifiers: Modifiers<AnyQueryBuilder> = {
    ...datedModifiers(() => billing('settlements'), 'date'),
    /** The columns a settlement is shown with (Media – rozliczenia, the statement). */
    listed: (query) => {
      const s = billing('settlements');
      query.select(
        [
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
        ].map((c) => `${s}.${c} as ${c}`),
      );
    },
    /** Within an account: by date, then period, then as entered. */
    inDisplayOrder: (query) => {
      const s = billing('settlements');
      query.orderBy([{ column: `${s}.date` }, { column: `${s}.periodFrom` }, { column: `${s}.id` }]);
    },
  };
}
