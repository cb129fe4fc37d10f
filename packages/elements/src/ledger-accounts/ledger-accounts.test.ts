import { expect, fixture, html } from '@open-wc/testing';
import type {
  AccountsResponse,
  BalanceHistoryResponse,
  DocumentsResponse,
  FiltersResponse,
  MeResponse,
} from '@strefa/api-types';
import {
  $,
  $$,
  cellDisplay,
  choose,
  expectLoginPrompt,
  get,
  json,
  loginResident,
  phoneFixture,
  plMoney,
  renderedGrosze,
  restorePolish,
  text,
  unavailable,
  until,
  withStub,
} from '../internal/data-test-support.ts';
import { absMoney, formatDate, formatMoney, moneyToGrosze, signOf } from '../internal/format.ts';
import type { LedgerAccounts } from './ledger-accounts.ts';
import './ledger-accounts.ts';

const accountsTable = (el: Element) => $(el, 'table[part="table"]');
const NOTE = 'Informacje nie uwzględniają zobowiązań wynikających z otrzymanych od Spółdzielni faktur.';

async function context() {
  const me = await get<MeResponse>('/me');
  const unit = me.assignments[0]!.unit.id;
  const filters = await get<FiltersResponse>(`/units/${unit}/filters`);
  const year = filters.years[0]!;
  const accounts = await get<AccountsResponse>(`/units/${unit}/accounts?year=${year}`);
  return { me, unit, filters, year, accounts };
}

describe('<ledger-accounts>', () => {
  afterEach(restorePolish);

  it('without a session shows the login prompt', async () => {
    await expectLoginPrompt<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
  });

  describe('with a session', () => {
    before(loginResident);

    it('shows every account of the newest year with its balance in words, and the note', async () => {
      const { accounts, year } = await context();
      const el = await fixture<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
      await until(() => accountsTable(el), 'the accounts');
      expect($<HTMLSelectElement>(el, '#param-year')!.value).to.equal(String(year));
      expect($<HTMLSelectElement>(el, '#param-account')!.value).to.equal('');
      const rows = $$(el, 'table[part="table"] tbody tr');
      expect(rows.length).to.equal(accounts.accounts.length);
      accounts.accounts.forEach((account, index) => {
        const cells = [...rows[index]!.querySelectorAll('td')].map((cell) => text(cell));
        expect(text(rows[index]!.querySelector('th'))).to.equal(account.name);
        expect(cells.slice(0, 4)).to.deep.equal(
          [account.openingBalance, account.debit, account.credit, account.balance].map((v) => plMoney(v)),
        );
        // balance = opening + debit − credit, to the grosz, as rendered.
        expect(renderedGrosze(cells[3]!)).to.equal(
          renderedGrosze(cells[0]!) + renderedGrosze(cells[1]!) - renderedGrosze(cells[2]!),
        );
        const words =
          signOf(account.balance) > 0
            ? `zaległość ${plMoney(account.balance)}`
            : signOf(account.balance) < 0
              ? `nadpłata ${plMoney(absMoney(account.balance))}`
              : 'rozliczone';
        expect(cells[4]).to.equal(words);
      });
      expect(text($(el, '[part="note"]'))).to.equal(NOTE);
      await expect(el).to.be.accessible();
    });

    it('words arrears and overpayments', async () => {
      await withStub(
        /\/accounts\?/,
        () =>
          json({
            year: 2026,
            accounts: [
              {
                id: 1,
                name: 'Opłaty eksploatacyjne',
                openingBalance: '100.00',
                debit: '718.85',
                credit: '500.00',
                balance: '318.85',
              },
              {
                id: 2,
                name: 'Media – rozliczenia',
                openingBalance: '0.00',
                debit: '0.00',
                credit: '66.36',
                balance: '-66.36',
              },
            ],
          } satisfies AccountsResponse),
        async () => {
          const el = await fixture<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
          await until(() => accountsTable(el), 'the accounts');
          expect(text($(el, 'tbody tr:nth-child(1) .status'))).to.equal(`zaległość ${plMoney('318.85')}`);
          expect(text($(el, 'tbody tr:nth-child(2) .status'))).to.equal(`nadpłata ${plMoney('66.36')}`);
          await expect(el).to.be.accessible();
        },
      );
    });

    it('"Szczegóły" opens every document of the account and year, adding up to its turnover', async () => {
      const { unit, year, accounts } = await context();
      const account = accounts.accounts.find((a) => a.debit !== '0.00') ?? accounts.accounts[0]!;
      const documents = await get<DocumentsResponse>(
        `/units/${unit}/accounts/${account.id}/documents?year=${year}`,
      );
      const el = await fixture<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
      await until(() => accountsTable(el), 'the accounts');
      const button = $<HTMLButtonElement>(el, `.details-button[data-account="${account.id}"]`)!;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      button.focus();
      button.click();
      const table = await until(() => $(el, 'table[part="documents-table"]'), 'the documents');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(el.shadowRoot!.activeElement?.id).to.equal('details-heading');
      expect(table.querySelectorAll('tbody tr').length).to.equal(documents.documents.length);
      const debitSum = $$(el, '.doc-debit').reduce((sum, cell) => sum + renderedGrosze(text(cell)), 0n);
      const creditSum = $$(el, '.doc-credit').reduce((sum, cell) => sum + renderedGrosze(text(cell)), 0n);
      expect(debitSum).to.equal(moneyToGrosze(account.debit));
      expect(creditSum).to.equal(moneyToGrosze(account.credit));
      expect(text($(el, '.sum-debit'))).to.equal(plMoney(account.debit));
      expect(text($(el, '.sum-credit'))).to.equal(plMoney(account.credit));
      const kinds = new Set(
        $$(el, 'table[part="documents-table"] tbody tr td:nth-of-type(2)').map((c) => text(c)),
      );
      for (const kind of kinds)
        expect(['naliczenie', 'wpłata', 'nota odsetkowa', 'korekta', 'rozliczenie']).to.include(kind);
      await expect(el).to.be.accessible();

      // Closing returns the focus to the button that opened it.
      $<HTMLButtonElement>(el, '[part="details"] > button')!.click();
      await until(() => !$(el, '[part="details"]'), 'the details to close');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement?.getAttribute('data-account')).to.equal(String(account.id));
    });

    it('shows one account after choosing it and pressing "Wyślij"', async () => {
      const { accounts } = await context();
      const account = accounts.accounts.at(-1)!;
      const el = await fixture<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
      await until(() => accountsTable(el), 'the accounts');
      choose($<HTMLSelectElement>(el, '#param-account')!, String(account.id));
      await el.updateComplete;
      expect($$(el, 'table[part="table"] tbody tr').length).to.equal(accounts.accounts.length);
      $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await until(() => $$(el, 'table[part="table"] tbody tr').length === 1, 'one account');
      expect(text($(el, 'table[part="table"] tbody th'))).to.equal(account.name);
    });

    it('shows an empty state for a year without entries', async () => {
      await withStub(
        /\/accounts\?/,
        () => json({ year: 2026, accounts: [] }),
        async () => {
          const el = await fixture<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
          const empty = await until(() => $(el, '[part="empty"]'), 'the empty state');
          expect(text(empty)).to.match(/^Brak zapisów na kontach w roku \d{4}\.$/);
          await expect(el).to.be.accessible();
        },
      );
    });

    it('shows an error with a retry', async () => {
      const el = await withStub(/\/accounts\?/, unavailable, async () => {
        const el = await fixture<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
        const error = await until(() => $(el, '[part="error"]'), 'the error state');
        expect(text(error)).to.contain('Spróbuj ponownie');
        await expect(el).to.be.accessible();
        return el;
      });
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await until(() => accountsTable(el), 'the accounts after the retry');
    });

    it('speaks English with lang="en"', async () => {
      const el = await fixture<LedgerAccounts>(html`<ledger-accounts lang="en"></ledger-accounts>`);
      await until(() => accountsTable(el) && text($(el, 'h2')) === 'Accounts', 'the English accounts');
      expect(text($(el, '[part="note"]'))).to.equal(
        'This information does not include amounts due on invoices issued by the Cooperative.',
      );
      expect(text($(el, '.details-button'))).to.equal('Details');
      expect(text($(el, 'tbody td'))).to.match(/^-?PLN/);
      await expect(el).to.be.accessible();
    });

    describe('the yearly statement (PDF)', () => {
      /** The browser's save step, recorded instead of saving: the name and the bytes handed to it. */
      async function capturingSaves<T>(work: (saved: { name: string; href: string }[]) => Promise<T>) {
        const saved: { name: string; href: string }[] = [];
        const original = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
          if (this.href.startsWith('blob:')) saved.push({ name: this.download, href: this.href });
          else original.call(this);
        };
        try {
          return await work(saved);
        } finally {
          HTMLAnchorElement.prototype.click = original;
        }
      }

      it('links the chosen year, says PDF and the year, and downloads the file with the session', async () => {
        const { unit, year } = await context();
        const el = await fixture<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
        await until(() => accountsTable(el), 'the accounts');
        const link = $<HTMLAnchorElement>(el, '[part="statement-link"]')!;
        expect(text(link)).to.equal(`Pobierz zestawienie roczne (PDF) za rok ${year}`);
        expect(new URL(link.href).pathname + new URL(link.href).search).to.equal(
          `/api/v1/units/${unit}/statement?year=${year}`,
        );
        expect(link.hasAttribute('download')).to.equal(true);
        await expect(el).to.be.accessible();
        await capturingSaves(async (saved) => {
          link.click();
          await until(() => saved.length === 1, 'the saved file');
          expect(saved[0]!.name).to.match(new RegExp(`^zestawienie-roczne_.+_${year}\\.pdf$`));
          const bytes = new Uint8Array(await (await fetch(saved[0]!.href)).arrayBuffer());
          expect(new TextDecoder().decode(bytes.slice(0, 5))).to.equal('%PDF-');
        });
        expect($(el, '.statement-error')).to.equal(null);
      });

      it('follows the chosen year', async () => {
        const { filters } = await context();
        const older = filters.years.at(-1)!;
        const el = await fixture<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
        await until(() => accountsTable(el), 'the accounts');
        choose($<HTMLSelectElement>(el, '#param-year')!, String(older));
        await el.updateComplete;
        $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
        await until(
          () => $<HTMLAnchorElement>(el, '[part="statement-link"]')?.href.endsWith(`year=${older}`),
          'the link of the older year',
        );
      });

      it('words a refusal in Polish beside the link, never a page of JSON', async () => {
        const el = await fixture<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
        await until(() => accountsTable(el), 'the accounts');
        await withStub(
          /\/statement\?/,
          () => json({ error: { code: 'too_many_requests', message: 'Za dużo.', retryAfter: 2 } }, 429),
          async () => {
            $<HTMLAnchorElement>(el, '[part="statement-link"]')!.click();
            const alert = await until(() => $(el, '.statement-error'), 'the message');
            expect(alert.getAttribute('role')).to.equal('alert');
            expect(text(alert)).to.contain('2 s');
            await expect(el).to.be.accessible();
          },
        );
      });

      it('speaks English with lang="en"', async () => {
        const { year } = await context();
        const el = await fixture<LedgerAccounts>(html`<ledger-accounts lang="en"></ledger-accounts>`);
        await until(() => accountsTable(el) && text($(el, 'h2')) === 'Accounts', 'the English accounts');
        expect(text($(el, '[part="statement-link"]'))).to.equal(
          `Download the yearly statement (PDF) for ${year}`,
        );
      });
    });

    it('turns the tables into cards in a 360 px wide column', async () => {
      const el = await phoneFixture(html`<ledger-accounts></ledger-accounts>`);
      await until(() => accountsTable(el), 'the accounts');
      expect(cellDisplay(el)).not.to.equal('table-cell');
      expect(el.scrollWidth).to.be.at.most(360);
      await expect(el).to.be.accessible();
    });
    it('"Skąd to saldo?": 12 months per account as the API gives them, ending on Księgowość’s balance; a month opens to its documents', async () => {
      const { unit, accounts, year } = await context();
      const history = await get<BalanceHistoryResponse>(`/units/${unit}/balance-history?months=12`);
      const el = await fixture<LedgerAccounts>(html`<ledger-accounts></ledger-accounts>`);
      await until(() => accountsTable(el), 'the accounts');
      expect($(el, '[part="history-table"]')).to.equal(null);
      const button = $<HTMLButtonElement>(el, '[part="history-button"]')!;
      expect(text(button)).to.equal('Skąd to saldo?');
      button.click();
      await until(() => $$(el, '[part="history-table"]').length === history.accounts.length, 'the history');
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(history.accounts.length).to.be.greaterThan(0);
      for (const account of history.accounts) {
        const box = $(el, `.history-account[data-account="${account.id}"]`)!;
        expect(account.months.length).to.be.at.most(12);
        const rows = [...box.querySelectorAll('tbody tr[data-month]')];
        expect(rows.map((row) => row.getAttribute('data-month'))).to.deep.equal(
          account.months.map((m) => m.month),
        );
        account.months.forEach((month, i) => {
          const cells = [...rows[i]!.querySelectorAll('td')].map((cell) => text(cell));
          expect(cells.slice(0, 3)).to.deep.equal(
            [month.charged, month.paid, month.balance].map((v) => formatMoney(v)),
          );
        });
        // The last month of this year ends on this year's balance in Księgowość.
        const thisYear = account.months.filter((m) => m.month.startsWith(`${year}-`));
        const state = accounts.accounts.find((a) => a.id === account.id);
        if (thisYear.length && state) expect(thisYear[thisYear.length - 1]!.balance).to.equal(state.balance);
        expect(box.querySelector('[part="history-strip"]')!.getAttribute('aria-label')).to.match(
          /^Saldo w ostatnich/,
        );
      }
      // A month with documents opens to exactly those documents.
      const account = history.accounts[0]!;
      const month = [...account.months].reverse().find((m) => m.charged !== '0.00' || m.paid !== '0.00')!;
      const documents = await get<DocumentsResponse>(
        `/units/${unit}/accounts/${account.id}/documents?year=${month.month.slice(0, 4)}`,
      );
      const expected = documents.documents.filter((d) => d.date.startsWith(month.month));
      const box = $(el, `.history-account[data-account="${account.id}"]`)!;
      box.querySelector<HTMLButtonElement>(`tr[data-month="${month.month}"] .month-button`)!.click();
      const items = await until(() => {
        const list = [...box.querySelectorAll('.month-document-list li')];
        return list.length ? list : null;
      }, 'the month’s documents');
      expect(items.map((li) => text(li).split(' · ')[1])).to.deep.equal(expected.map((d) => d.number));
      expect(text(items[0]!)).to.contain(formatDate(expected[0]!.date));
      let debit = 0n;
      let credit = 0n;
      for (const d of expected) {
        debit += moneyToGrosze(d.debit);
        credit += moneyToGrosze(d.credit);
      }
      expect([debit, credit]).to.deep.equal([moneyToGrosze(month.charged), moneyToGrosze(month.paid)]);
      await expect(el).to.be.accessible();
    });
  });
});
