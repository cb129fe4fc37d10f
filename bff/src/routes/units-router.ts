/**
 * The resident's data of one unit: `/api/v1/units/:unitId/{filters,charges,accounts,
 * accounts/:accountId/documents,readings,settlements}`, and the yearly statement (PDF).
 *
 * `/payment` and `/balance-history?months` (1–60, default 12) answer "Do zapłaty" and
 * "Skąd to saldo?" (payment-service.ts). Every answer carries `asOf` and `stale` (the billing
 * data's freshness, freshness-service.ts), added here in `send` for all routes alike.
 * accounts/:accountId/documents,readings,settlements}`, and the charts' data
 * `/readings/comparison`, `/charges/history`, `/settlements/history`.
 *
 * Each route checks the session (`requireResident()`), then validates its path and query with
 * one zod schema before any query runs (400 `invalid_parameter` naming the field), then asks the
 * service, which authorises the unit for the session's person (404 `not_found`, the same for a
 * unit that is someone else's and one that does not exist). Answers are personal data:
 * `Cache-Control: no-store` (createApp's noStore() covers the whole API).
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { requireResident } from '../middleware/authenticate.ts';
import { historyMonths, id, mediumCode, month, parseQuery, year } from '../lib/validation.ts';
import { unitNotFound } from '../services/access-service.ts';
import type { Services } from '../services/index.ts';
import { apiRouter } from './router.ts';
import { statementDownload } from './statement-download.ts';

const unitId = id('identyfikator lokalu');

const schemas = {
  filters: z.object({ unitId }),
  charges: z.object({ unitId, year, month }),
  accounts: z.object({ unitId, year }),
  documents: z.object({ unitId, accountId: id('identyfikator konta', 'Wybierz konto.'), year }),
  readings: z.object({ unitId, year, medium: mediumCode }),
  settlements: z.object({ unitId, year, account: id('identyfikator konta', 'Wybierz konto.') }),
  payment: z.object({ unitId }),
  balanceHistory: z.object({ unitId, months: historyMonths }),
  statement: z.object({ unitId, year }),
  // The charts' data (services/trends-service.ts).
  readingsComparison: z.object({ unitId, year, medium: mediumCode }),
  chargeHistory: z.object({ unitId, year, month }),
  settlementHistory: z.object({ unitId, year, account: id('identyfikator konta', 'Wybierz konto.') }),
};

/**
 * The billing person of the signed-in resident. A resident credential always names one; if it
 * ever did not, no unit is theirs, which is the same 404 as any unit that is not.
 */
export function personOf(ctx: Context): number {
  const personId = ctx.state.user?.personId;
  if (typeof personId !== 'number') throw unitNotFound();
  return personId;
}

function input<S extends z.ZodObject<z.ZodRawShape>>(ctx: Context, schema: S): z.output<S> {
  return parseQuery(schema, ctx.query, (ctx as Context & { params: Record<string, string> }).params);
}

/**
 * A data answer: personal (no-store), with the billing data's freshness first. The freshness is
 * looked up after the data (a failing database answers the data's 503, not a stale "asOf").
 */
export async function sendData(ctx: Context, services: Services, body: object): Promise<void> {
  const freshness = await services.freshness.freshness();
  ctx.body = { ...freshness, ...body };
}

export function unitsRouter(services: Services): Router {
  const router = apiRouter('/api/v1/units');
  const guard = requireResident();

  router.get('/:unitId/filters', guard, async (ctx) => {
    const q = input(ctx, schemas.filters);
    await sendData(ctx, services, await services.resident.filters(personOf(ctx), q.unitId));
  });

  router.get('/:unitId/charges', guard, async (ctx) => {
    const q = input(ctx, schemas.charges);
    await sendData(ctx, services, await services.ledger.charges(personOf(ctx), q.unitId, q.year, q.month));
  });

  router.get('/:unitId/accounts', guard, async (ctx) => {
    const q = input(ctx, schemas.accounts);
    await sendData(ctx, services, await services.ledger.accounts(personOf(ctx), q.unitId, q.year));
  });

  router.get('/:unitId/accounts/:accountId/documents', guard, async (ctx) => {
    const q = input(ctx, schemas.documents);
    await sendData(
      ctx,
      services,
      await services.ledger.documents(personOf(ctx), q.unitId, q.accountId, q.year),
    );
  });

  router.get('/:unitId/readings', guard, async (ctx) => {
    const q = input(ctx, schemas.readings);
    await sendData(ctx, services, await services.media.readings(personOf(ctx), q.unitId, q.year, q.medium));
  });

  router.get('/:unitId/settlements', guard, async (ctx) => {
    const q = input(ctx, schemas.settlements);
    await sendData(
      ctx,
      services,
      await services.media.settlements(personOf(ctx), q.unitId, q.year, q.account),
    );
  });

  router.get('/:unitId/payment', guard, async (ctx) => {
    const q = input(ctx, schemas.payment);
    await sendData(ctx, services, await services.payment.payment(personOf(ctx), q.unitId));
  });

  router.get('/:unitId/balance-history', guard, async (ctx) => {
    const q = input(ctx, schemas.balanceHistory);
    await sendData(ctx, services, await services.payment.balanceHistory(personOf(ctx), q.unitId, q.months));
  });

  // The yearly statement, a PDF attachment streamed as it is drawn (statement-download.ts).
  const sendStatement = statementDownload(services);
  router.get('/:unitId/statement', guard, async (ctx) => {
    const q = input(ctx, schemas.statement);
    await sendStatement(ctx, personOf(ctx), q.unitId, q.year);
  });

  router.get('/:unitId/readings/comparison', guard, async (ctx) => {
    const q = input(ctx, schemas.readingsComparison);
    await sendData(
      ctx,
      services,
      await services.trends.readingsComparison(personOf(ctx), q.unitId, q.year, q.medium),
    );
  });

  router.get('/:unitId/charges/history', guard, async (ctx) => {
    const q = input(ctx, schemas.chargeHistory);
    await sendData(
      ctx,
      services,
      await services.trends.chargeHistory(personOf(ctx), q.unitId, q.year, q.month),
    );
  });

  router.get('/:unitId/settlements/history', guard, async (ctx) => {
    const q = input(ctx, schemas.settlementHistory);
    await sendData(
      ctx,
      services,
      await services.trends.settlementHistory(personOf(ctx), q.unitId, q.year, q.account),
    );
  });

  return router;
}
