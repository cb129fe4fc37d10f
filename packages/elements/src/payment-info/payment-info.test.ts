import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { AccountsResponse, PaymentResponse } from '@strefa/api-types';
// jsQR's UMD build: loaded as a module it has no `module`/`define`, so it sets `window.jsQR`.
import 'jsqr/dist/jsQR.js';
import {
  $,
  $$,
  expectLoginPrompt,
  firstUnit,
  get,
  json,
  loginResident,
  phoneFixture,
  restorePolish,
  text,
  unavailable,
  until,
  withStub,
} from '../internal/data-test-support.ts';
import { formatDate, formatMoney, formatNrb, moneyToGrosze } from '../internal/format.ts';
import type { PaymentInfo } from './payment-info.ts';
import './payment-info.ts';

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = (window as unknown as { jsQR: JsQr }).jsQR;

/** The QR code as a phone's camera would see it: the SVG drawn on a canvas, decoded by jsQR. */
async function decodeQr(el: Element): Promise<string> {
  const svg = await until(() => $<SVGSVGElement>(el, '[part="qr"] svg'), 'the QR code');
  const side = Math.round(svg.getBoundingClientRect().width);
  expect(side, 'the code is drawn at a readable size').to.be.at.least(150);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
    new XMLSerializer().serializeToString(svg).replace('<svg ', `<svg width="${side}" height="${side}" `),
  )}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0, side, side);
  const pixels = context.getImageData(0, 0, side, side);
  const result = jsQR(pixels.data, side, side);
  if (!result) throw new Error('jsQR found no code in the widget’s SVG');
  return result.data;
}

/** IBAN check digits of a Polish NRB (mod 97 = 1), computed here independently of the server. */
function nrbValid(nrb: string): boolean {
  if (!/^\d{26}$/.test(nrb)) return false;
  const digits = nrb.slice(2) + '2521' + nrb.slice(0, 2);
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest === 1;
}

const ALLOWED = /^[A-Za-z0-9ĄĆĘŁŃÓŚŹŻąćęłńóśźż ,./\\\-@#&*_]*$/;

const sample = (patch: Partial<PaymentResponse>): PaymentResponse => ({
  asOf: new Date().toISOString(),
  stale: false,
  dueDay: 10,
  dueDate: '2026-12-10',
  amountDue: '412.37',
  overdue: '0.00',
  overpaid: false,
  assignedUntil: null,
  accounts: [
    { id: 1, name: 'Opłaty eksploatacyjne', balance: '412.37', overdue: '0.00', currentCharge: '412.37' },
  ],
  transfer: {
    recipient: {
      name: 'Pabianicka Spółdzielnia Mieszkaniowa',
      address: 'ul. Zamkowa 42, 95-200 Pabianice',
      nip: '7311948207',
      shortName: 'Pabianicka SM',
    },
    account: '61109010140000071219812874',
    title: 'Zamkowa 12/4 czł. 000117',
    amount: '412.37',
  },
  qr: '7311948207|PL|61109010140000071219812874|041237|Pabianicka SM|Zamkowa 12/4 czł. 000117|||',
  problem: null,
  ...patch,
});

describe('<payment-info>', () => {
  afterEach(restorePolish);

  it('without a session shows the login prompt', async () => {
    await expectLoginPrompt<PaymentInfo>(html`<payment-info></payment-info>`);
  });

  describe('with a session', () => {
    before(loginResident);

    it('shows the amount, the due date, the transfer data and a QR code a bank app reads, equal to the API and the ledger', async () => {
      const unit = await firstUnit();
      const payment = await get<PaymentResponse>(`/units/${unit}/payment`);
      const el = await fixture<PaymentInfo>(html`<payment-info></payment-info>`);
      await until(() => $(el, '[part="amount"]'), 'the amount');
      expect(text($(el, '.heading'))).to.equal('Do zapłaty');
      expect(text($(el, '[part="as-of"]'))).to.match(/^Stan na dzień \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
      expect(text($(el, '[part="amount"] .big'))).to.equal(formatMoney(payment.amountDue));
      const values = $$(el, '[part="transfer"] .value').map((v) => text(v));
      const transfer = payment.transfer!;
      expect(values).to.deep.equal([
        `${transfer.recipient.name}, ${transfer.recipient.address}`,
        formatNrb(transfer.account),
        transfer.title,
        formatMoney(transfer.amount),
      ]);

      const decoded = await decodeQr(el);
      expect(decoded).to.equal(payment.qr);
      const [nip, country, account, amount, recipient, title, ...reserved] = decoded.split('|');
      expect([nip, country, account, recipient, title]).to.deep.equal([
        transfer.recipient.nip,
        'PL',
        transfer.account,
        transfer.recipient.shortName,
        transfer.title,
      ]);
      expect(reserved).to.deep.equal(['', '', '']);
      expect(nrbValid(account!)).to.equal(true);
      expect(recipient!.length).to.be.at.most(20);
      expect(title!.length).to.be.at.most(32);
      expect(ALLOWED.test(recipient!) && ALLOWED.test(title!)).to.equal(true);
      expect(amount).to.match(/^\d{6}$/);
      // The ledger: what Księgowość shows for this year, the positive balances added up.
      const year = Number(payment.dueDate.slice(0, 4));
      const ledger = await get<AccountsResponse>(`/units/${unit}/accounts?year=${year}`);
      let due = 0n;
      for (const a of ledger.accounts) if (moneyToGrosze(a.balance) > 0n) due += moneyToGrosze(a.balance);
      expect(moneyToGrosze(payment.amountDue)).to.equal(due);
      expect(BigInt(amount!)).to.equal(due > 999_999n ? 0n : due);
      await expect(el).to.be.accessible();
    });

    it('copies each field, and says so (or says to copy by hand)', async () => {
      const el = await fixture<PaymentInfo>(html`<payment-info></payment-info>`);
      await until(() => $(el, '[part="transfer"]'), 'the transfer data');
      const copied: string[] = [];
      const clipboard = navigator.clipboard;
      const original = clipboard.writeText;
      clipboard.writeText = async (value: string) => void copied.push(value);
      try {
        const buttons = $$<HTMLButtonElement>(el, '[part="copy-button"]');
        expect(buttons.length).to.equal(4);
        buttons[1]!.click();
        await until(() => text($(el, '.copy-status')) === 'Skopiowano.', 'copied');
        expect(copied[0]).to.match(/^\d{26}$/);
        clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
        buttons[2]!.click();
        await until(() => text($(el, '.copy-status')).startsWith('Nie udało się'), 'refused');
      } finally {
        clipboard.writeText = original;
      }
    });

    it('an overpaid unit: nothing to pay, the overpayment, and a code whose amount is 000000', async () => {
      const overpaid = sample({
        amountDue: '0.00',
        overpaid: true,
        accounts: [
          {
            id: 1,
            name: 'Opłaty eksploatacyjne',
            balance: '-120.50',
            overdue: '0.00',
            currentCharge: '412.37',
          },
        ],
        transfer: { ...sample({}).transfer!, amount: '0.00' },
        qr: '7311948207|PL|61109010140000071219812874|000000|Pabianicka SM|Zamkowa 12/4 czł. 000117|||',
      });
      await withStub(
        /\/payment$/,
        () => json(overpaid),
        async () => {
          const el = await fixture<PaymentInfo>(html`<payment-info unit-id="1"></payment-info>`);
          await until(() => $(el, '[part="amount"].settled'), 'the settled amount');
          expect(text($(el, '[part="amount"]'))).to.contain(`nadpłatę ${formatMoney('120.50')}`);
          expect((await decodeQr(el)).split('|')[3]).to.equal('000000');
          expect(text($(el, '[part="qr"] figcaption'))).to.contain('wpisz kwotę');
          await expect(el).to.be.accessible();
        },
      );
    });

    it('nothing due, overdue, a former owner, no fee account, no transfer data, stale data, errors', async () => {
      const states: [string, PaymentResponse, (el: PaymentInfo) => void][] = [
        [
          'nothing due',
          sample({ amountDue: '0.00', accounts: [{ ...sample({}).accounts[0]!, balance: '0.00' }] }),
          (el) => expect(text($(el, '[part="amount"]'))).to.contain('opłaty są rozliczone'),
        ],
        [
          'overdue',
          sample({ overdue: '100.00' }),
          (el) => {
            expect($(el, '[part="amount"].overdue')).not.to.equal(null);
            expect(text($(el, '.due'))).to.equal(
              `W tym po terminie: ${formatMoney('100.00')}. Zapłać jak najszybciej.`,
            );
          },
        ],
        [
          'due later',
          sample({}),
          (el) => expect(text($(el, '.due'))).to.equal(`Termin: ${formatDate('2026-12-10')}`),
        ],
        [
          'former owner',
          sample({ assignedUntil: '2025-03-14', amountDue: '0.00' }),
          (el) => expect(text($(el, '.note'))).to.contain('14.03.2025'),
        ],
        [
          'no fee account',
          sample({ accounts: [] }),
          (el) => expect(text($(el, '[part="empty"]'))).to.contain('nie ma konta opłat'),
        ],
        [
          'invalid account number',
          sample({ transfer: null, qr: null, problem: 'invalid_account_number' }),
          (el) => {
            expect(text($(el, '[part="problem"]'))).to.contain('jest błędny');
            expect($(el, '[part="qr"]')).to.equal(null);
          },
        ],
        [
          'stale',
          sample({ stale: true, asOf: '2026-11-01T06:00:00+01:00' }),
          (el) => {
            expect(text($(el, '[part="as-of"]'))).to.equal('Stan na dzień 01.11.2026, 06:00');
            expect(text($(el, '[part="stale"]'))).to.contain('mogą być nieaktualne');
          },
        ],
      ];
      for (const [name, body, check] of states) {
        await withStub(
          /\/payment$/,
          () => json(body),
          async () => {
            const el = await fixture<PaymentInfo>(html`<payment-info unit-id="1"></payment-info>`);
            await until(() => $(el, '[part="amount"]') || $(el, '[part="empty"]'), name);
            check(el);
            await expect(el, name).to.be.accessible();
          },
        );
      }
      await withStub(/\/payment$/, unavailable, async () => {
        const el = await fixture<PaymentInfo>(html`<payment-info unit-id="1"></payment-info>`);
        await until(() => $(el, '[part="error"]'), 'the error');
        expect($(el, '[part="retry"]')).not.to.equal(null);
        await expect(el).to.be.accessible();
      });
    });

    it('on a phone the code fills the width and still reads; printed, no buttons', async () => {
      const unit = await firstUnit();
      const payment = await get<PaymentResponse>(`/units/${unit}/payment`);
      const el = await phoneFixture<PaymentInfo>(html`<payment-info></payment-info>`);
      const svg = await until(() => $<SVGSVGElement>(el, '[part="qr"] svg'), 'the QR code');
      expect(svg.getBoundingClientRect().width).to.be.at.least(280);
      expect(el.scrollWidth).to.be.at.most(360);
      expect(await decodeQr(el)).to.equal(payment.qr);
      await emulateMedia({ media: 'print' });
      try {
        expect(getComputedStyle($(el, '[part="copy-button"]')!).display).to.equal('none');
        expect(getComputedStyle(svg).display).not.to.equal('none');
      } finally {
        await emulateMedia({ media: 'screen' });
      }
    });

    it('speaks English with lang="en"', async () => {
      const el = await fixture<PaymentInfo>(html`<payment-info lang="en"></payment-info>`);
      await until(() => text($(el, '.heading')) === 'To pay' && $(el, '[part="amount"]'), 'English');
      await expect(el).to.be.accessible();
    });
  });
});
