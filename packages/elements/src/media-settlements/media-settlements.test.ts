import { expect, fixture, html } from '@open-wc/testing';
import type { Settlement, SettlementsResponse } from '@strefa/api-types';
import {
  $,
  $$,
  choose,
  expectLoginPrompt,
  get,
  json,
  loginResident,
  phoneFixture,
  renderedGrosze,
  restorePolish,
  text,
  unavailable,
  unitsWithFilters,
  until,
  withStub,
} from '../internal/data-test-support.ts';
import { absMoney, formatDate, formatMoney, moneyToGrosze } from '../internal/format.ts';
import type { MediaSettlements } from './media-settlements.ts';
import './media-settlements.ts';

const table = (el: Element) => $(el, '[part="settlements"]');

async function context() {
  const { units } = await unitsWithFilters();
  const found = units.find(({ filters }) => filters.settlementAccounts.length);
  if (!found) throw new Error('the demo resident has no unit with settlement accounts');
  return found;
}

const settlement = (over: Partial<Settlement>): Settlement => ({
  documentNumber: 'RZW/2026/000001',
  date: '2026-02-14',
  periodFrom: '2025-07-01',
  periodTo: '2025-12-31',
  name: 'Zimna woda i odprowadzanie ścieków',
  consumption: '36.885',
  consumptionUnit: 'm³',
  unitPrice: '15.70',
  cost: '579.09',
  advances: '565.20',
  balance: '13.89',
  dueDate: '2026-03-16',
  ...over,
});

describe('<media-settlements>', () => {
  afterEach(restorePolish);

  it('without a session shows the login prompt', async () => {
    await expectLoginPrompt<MediaSettlements>(html`<media-settlements></media-settlements>`);
  });

  describe('with a session', () => {
    before(loginResident);

    it('shows every settlement of every year and account in detail, as the API has it', async () => {
      const { unit, filters } = await context();
      const el = await fixture<MediaSettlements>(
        html`<media-settlements unit-id=${unit}></media-settlements>`,
      );
      await until(() => table(el) || $(el, '[part="empty"]'), 'the settlements');
      let seen = 0;
      for (const year of filters.years) {
        for (const account of filters.settlementAccounts) {
          const expected = await get<SettlementsResponse>(
            `/units/${unit}/settlements?year=${year}&account=${account.id}`,
          );
          choose($<HTMLSelectElement>(el, '#param-year')!, String(year));
          choose($<HTMLSelectElement>(el, '#param-account')!, String(account.id));
          const previous = table(el);
          $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
          if (expected.settlements.length === 0) {
            await until(
              () => text($(el, '[part="empty"]')) === `Brak rozliczeń: ${account.name}, rok ${year}.`,
              `no settlements in ${year}, ${account.name}`,
            );
            continue;
          }
          // Waits for this year's and account's rows (a wrong count times out: the test fails).
          await until(
            () =>
              table(el) !== previous &&
              !$(el, '[part="loading"]') &&
              text($(el, '#settlements-heading')) === `Rozliczenia: ${account.name}, rok ${year}` &&
              $$(el, '.settlement').length === expected.settlements.length,
            `the settlements of ${year}, ${account.name}`,
          );
          const cards = $$(el, '.settlement');
          expect(cards.length).to.equal(expected.settlements.length);
          expected.settlements.forEach((s, index) => {
            const card = cards[index]!;
            const field = (name: string) => text(card.querySelector(`.${name}`));
            expect(text(card.querySelector('h4'))).to.equal(s.name);
            expect(field('number')).to.equal(s.documentNumber);
            expect(field('date')).to.equal(formatDate(s.date));
            expect(field('period')).to.contain(formatDate(s.periodFrom)).and.contain(formatDate(s.periodTo));
            expect(field('consumption')).to.match(new RegExp(`^[\\d\\s,]+\u00a0${s.consumptionUnit}$`));
            expect(field('cost')).to.equal(formatMoney(s.cost));
            expect(field('advances')).to.equal(formatMoney(s.advances));
            // cost − advances = the amount in words, to the grosz.
            const difference = renderedGrosze(field('cost')) - renderedGrosze(field('advances'));
            expect(difference).to.equal(moneyToGrosze(s.balance));
            const result = field('result');
            if (difference > 0n) {
              expect(result).to.match(new RegExp(`^Do zapłaty ${formatMoney(s.balance)}`));
              if (s.dueDate) expect(result).to.contain(`(termin ${formatDate(s.dueDate)})`);
            } else if (difference < 0n) {
              expect(result).to.equal(`Do zwrotu ${formatMoney(absMoney(s.balance))}`);
            } else {
              expect(result).to.equal('Rozliczone');
            }
            seen += 1;
          });
        }
      }
      expect(seen).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });

    it('words each result: to pay with the due date, to refund, settled', async () => {
      await withStub(
        /\/settlements\?/,
        () =>
          json({
            year: 2026,
            account: { id: 4, name: 'Rozliczenie wody' },
            settlements: [
              settlement({}),
              settlement({
                documentNumber: 'RCW/2026/000001',
                cost: '424.68',
                advances: '491.04',
                balance: '-66.36',
                dueDate: null,
              }),
              settlement({
                documentNumber: 'RCW/2026/000002',
                cost: '100.00',
                advances: '100.00',
                balance: '0.00',
                dueDate: null,
              }),
            ],
          } satisfies SettlementsResponse),
        async () => {
          const el = await fixture<MediaSettlements>(html`<media-settlements></media-settlements>`);
          await until(() => table(el), 'the settlements');
          const results = $$(el, '.settlement .result').map((cell) => text(cell));
          expect(results).to.deep.equal([
            `Do zapłaty ${formatMoney('13.89')} (termin 16.03.2026)`,
            `Do zwrotu ${formatMoney('66.36')}`,
            'Rozliczone',
          ]);
          expect(text($(el, '.settlement .consumption'))).to.equal('36,885\u00a0m³');
          expect(text($(el, '.settlement .price'))).to.equal('15,70\u00a0zł/m³');
          await expect(el).to.be.accessible();
        },
      );
    });

    it('shows an error with a retry', async () => {
      const el = await withStub(/\/settlements\?/, unavailable, async () => {
        const el = await fixture<MediaSettlements>(html`<media-settlements></media-settlements>`);
        await until(() => $(el, '[part="error"]'), 'the error state');
        await expect(el).to.be.accessible();
        return el;
      });
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await until(() => table(el) || $(el, '[part="empty"]'), 'the data after the retry');
    });

    it('speaks English with lang="en"', async () => {
      const el = await fixture<MediaSettlements>(html`<media-settlements lang="en"></media-settlements>`);
      await until(
        () => (table(el) || $(el, '[part="empty"]')) && text($(el, 'h2')) === 'Utilities – settlements',
        'the English settlements',
      );
      expect(text($(el, 'label[for="param-account"]'))).to.equal('Account');
      await expect(el).to.be.accessible();
    });

    it('fits every figure into a 360 px wide column', async () => {
      await withStub(
        /\/settlements\?/,
        () =>
          json({ year: 2026, account: { id: 4, name: 'Rozliczenie wody' }, settlements: [settlement({})] }),
        async () => {
          const el = await phoneFixture(html`<media-settlements></media-settlements>`);
          await until(() => table(el), 'the settlements');
          const facts = $(el, '.facts')!;
          expect(getComputedStyle(facts).gridTemplateColumns.split(' ').length).to.be.at.most(2);
          expect(el.scrollWidth).to.be.at.most(360);
          expect(facts.scrollWidth).to.be.at.most(facts.clientWidth);
          await expect(el).to.be.accessible();
        },
      );
    });
  });
});
