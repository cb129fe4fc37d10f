import { expect, it } from 'vitest';
import { createTestContext } from '../support/test-app.ts';
import { LedgerService as OldLedger } from '/tmp/old-ledger-service.ts';
import { MediaService as OldMedia } from '/tmp/old-media-service.ts';
const settle = (p: Promise<unknown>) => p.then((v) => ({ ok: v }), (e) => ({ err: String(e?.status ?? e) }));
it('old and new ledger/media agree', async () => {
  const ctx = await createTestContext({ data: { units: 120, years: 4, seed: 13, today: '2026-11-15' } });
  const s = ctx.services;
  const oldL = new OldLedger(s.context, s.access);
  const oldM = new OldMedia(s.context, s.access);
  const pairs = await ctx.knex('billing_assignments').select('personId', 'unitId');
  const accounts = await ctx.knex('billing_accounts').select('id', 'unitId');
  let n = 0;
  for (const p of pairs) {
    // also a neighbour's unit, to compare refusals
    for (const unitId of [p.unitId, p.unitId + 1]) {
      for (const year of [2022, 2023, 2024, 2025, 2026]) {
        expect(await settle(s.ledger.accounts(p.personId, unitId, year))).toEqual(await settle(oldL.accounts(p.personId, unitId, year)));
        for (const a of accounts.filter((a) => a.unitId === unitId || a.unitId === unitId + 1)) {
          expect(await settle(s.ledger.documents(p.personId, unitId, a.id, year))).toEqual(await settle(oldL.documents(p.personId, unitId, a.id, year)));
          expect(await settle(s.media.settlements(p.personId, unitId, year, a.id))).toEqual(await settle(oldM.settlements(p.personId, unitId, year, a.id)));
        }
        for (const m of ['ZW', 'CW', 'CO', 'XX']) {
          expect(await settle(s.media.readings(p.personId, unitId, year, m))).toEqual(await settle(oldM.readings(p.personId, unitId, year, m)));
        }
        n++;
      }
    }
  }
  console.log('compared', n);
  await ctx.close();
}, 800_000);
