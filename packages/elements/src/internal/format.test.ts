import { expect } from '@open-wc/testing';
import {
  absMoney,
  formatDate,
  formatInstant,
  formatDecimal,
  formatMeterQuantity,
  formatMoney,
  formatNrb,
  formatPeriod,
  formatQuantity,
  groszeToMoney,
  monthName,
  moneyToGrosze,
  signOf,
} from './format.ts';
import { readUrlState, urlWith } from './url-state.ts';
import { formatWarsawClock, warsawToday, warsawYear } from './warsaw-clock.ts';
import { formatWarsaw, formatWarsawLabelled } from './warsaw-time.ts';

const NBSP = '\u00a0';
/** What Intl pl-PL does to the integer part (group separator and the four-digit rule included). */
const plInt = (n: bigint) => new Intl.NumberFormat('pl-PL').format(n);

describe('format', () => {
  it('formats money exactly, grouped as Intl pl-PL groups integers', () => {
    expect(formatMoney('1234.50')).to.equal(`${plInt(1234n)},50${NBSP}zł`);
    expect(formatMoney('12345.50')).to.equal(`${plInt(12345n)},50${NBSP}zł`);
    expect(formatMoney('12345.50')).to.match(/^12\s345,50\szł$/u);
    expect(formatMoney('-12.30')).to.equal(`-12,30${NBSP}zł`);
    expect(formatMoney('-0.00')).to.equal(`0,00${NBSP}zł`);
    expect(formatMoney('0.05')).to.equal(`0,05${NBSP}zł`);
    // Beyond a double's 15–17 significant digits: still exact.
    expect(formatMoney('9007199254740993.99')).to.equal(`${plInt(9007199254740993n)},99${NBSP}zł`);
    expect(formatMoney('1234.50', 'en')).to.equal(`PLN${NBSP}1,234.50`);
    expect(formatMoney('-1234.50', 'en')).to.equal(`-PLN${NBSP}1,234.50`);
    expect(formatMoney('not money')).to.equal('not money');
  });

  it('formats decimals and quantities keeping their places', () => {
    expect(formatDecimal('48.6')).to.equal('48,6');
    expect(formatDecimal('48.6', 'en')).to.equal('48.6');
    expect(formatDecimal('0.085')).to.equal('0,085');
    expect(formatDecimal('2')).to.equal('2');
    expect(formatDecimal('12345.678')).to.equal(`${plInt(12345n)},678`);
    expect(formatQuantity('36.885', 'm³')).to.equal(`36,885${NBSP}m³`);
    expect(formatQuantity('48.6', 'm²', 'en')).to.equal(`48.6${NBSP}m²`);
  });

  it('formats calendar dates without a time zone shift', () => {
    expect(formatDate('2026-11-15')).to.equal('15.11.2026');
    expect(formatDate('2026-01-01')).to.equal('01.01.2026');
    expect(formatDate('2026-12-31')).to.equal('31.12.2026');
    expect(formatDate('2026-03-29')).to.equal('29.03.2026'); // the night clocks go forward in Warsaw
    expect(formatDate('2026-11-15', 'en')).to.equal('15/11/2026');
    expect(formatPeriod('2025-01-01', '2025-12-31')).to.equal(`01.01.2025${NBSP}– 31.12.2025`);
  });

  it('formats instants on the Warsaw wall clock, whatever the browser zone', () => {
    expect(formatInstant('2026-11-27T04:51:00Z')).to.equal('27.11.2026, 05:51'); // CET, UTC+1
    expect(formatInstant('2026-07-01T22:30:00.000Z')).to.equal('02.07.2026, 00:30'); // CEST, next day
    expect(formatInstant('2026-11-27T04:51:00Z', 'en')).to.equal('27/11/2026, 05:51');
    expect(formatInstant('not a date')).to.equal('not a date');
    expect(formatInstant(null)).to.equal('');
  });

  it('names months in the nominative, capitalised', () => {
    expect(monthName(11)).to.equal('Listopad');
    expect(monthName(1)).to.equal('Styczeń');
    expect(monthName(11, 'en')).to.equal('November');
    expect(monthName(3, 'pl', { capitalize: false })).to.equal('marzec');
    expect(monthName(3, 'en', { capitalize: false })).to.equal('March');
  });

  it('groups a 26-digit NRB as on a Polish invoice', () => {
    expect(formatNrb('12345678901234567890123456')).to.equal('12 3456 7890 1234 5678 9012 3456');
    expect(formatNrb('12 3456 7890 1234 5678 9012 3456')).to.equal('12 3456 7890 1234 5678 9012 3456');
    expect(formatNrb('123')).to.equal('123');
  });

  it('does exact grosze arithmetic', () => {
    expect(moneyToGrosze('1234.50')).to.equal(123450n);
    expect(moneyToGrosze('-0.07')).to.equal(-7n);
    expect(groszeToMoney(-7n)).to.equal('-0.07');
    expect(groszeToMoney(moneyToGrosze('0.10') + moneyToGrosze('0.20'))).to.equal('0.30');
    expect(signOf('-0.01')).to.equal(-1);
    expect(signOf('0.00')).to.equal(0);
    expect(signOf('-0.00')).to.equal(0);
    expect(signOf('3.00')).to.equal(1);
    expect(absMoney('-66.36')).to.equal('66.36');
  });
});

describe('url-state', () => {
  it('reads and writes only strefa-* parameters', () => {
    const base = 'https://psm.example/strefa?page=2&strefa-tab=czynsz&strefa-year=2026&strefa-month=x';
    expect(readUrlState(base)).to.deep.equal({ tab: 'czynsz', year: 2026 });
    const next = new URL(urlWith({ year: 2025, month: 3, tab: undefined }, base));
    expect(next.searchParams.get('page')).to.equal('2');
    expect(next.searchParams.get('strefa-year')).to.equal('2025');
    expect(next.searchParams.get('strefa-month')).to.equal('3');
    expect(next.searchParams.has('strefa-tab')).to.equal(false);
  });
});

describe('times in Europe/Warsaw', () => {
  // The test browser runs in UTC (or any zone but Warsaw): a formatter that used the browser's
  // zone would show 23:30 on the 15th for these instants.
  it('runs in another zone than Warsaw, so the assertions below mean something', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).not.to.equal('Europe/Warsaw');
  });

  it('shows every instant on the Warsaw clock, winter and summer, labelled', () => {
    expect(formatInstant('2026-01-15T23:30:00Z')).to.equal('16.01.2026, 00:30');
    expect(formatWarsawLabelled('2026-01-15T23:30:00Z')).to.equal('16.01.2026, 00:30 (czas polski)');
    expect(formatWarsawLabelled('2026-07-15T22:30:00.000+00:00', 'en')).to.equal(
      '16/07/2026, 00:30 (Polish time)',
    );
    expect(formatWarsawLabelled('2026-07-15T22:30:00Z', 'pl', { timeOnly: true })).to.equal(
      '00:30 (czas polski)',
    );
    // The server's own form (Warsaw's offset) reads the same as it is written.
    expect(formatInstant('2026-11-27T08:15:00.000+01:00')).to.equal('27.11.2026, 08:15');
  });

  it("reads what the browser's own zone data read, around every change of the clocks 2000–2040", () => {
    // The data widgets' clock (warsaw-clock.ts) computes the offset by the EU rule instead of
    // loading the zone data: check it, and the login's Intl one, against Intl itself, minute by
    // minute around each change, and at every month's start and middle.
    const intl = (lang: 'pl' | 'en', timeOnly: boolean) =>
      new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'pl-PL', {
        timeZone: 'Europe/Warsaw',
        ...(timeOnly ? {} : { day: '2-digit', month: '2-digit', year: 'numeric' }),
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    const formats = { pl: intl('pl', false), en: intl('en', false), time: intl('pl', true) };
    let compared = 0;
    const check = (ms: number) => {
      const iso = new Date(ms).toISOString();
      for (const [lang, timeOnly, intlFormat] of [
        ['pl', false, formats.pl],
        ['en', false, formats.en],
        ['pl', true, formats.time],
      ] as const) {
        const expected = intlFormat.format(ms);
        if (!timeOnly) expect(formatWarsawClock(iso, lang), iso).to.equal(expected);
        expect(formatWarsaw(iso, lang, { timeOnly }), iso).to.equal(expected);
      }
      compared++;
    };
    for (let year = 2000; year <= 2040; year++) {
      for (const month of [2, 9]) {
        // 00:00–03:00 UTC of each day of the month's last week: the change falls in it.
        for (let day = 24; day <= 31; day++) {
          for (let minute = 0; minute <= 180; minute += 29) check(Date.UTC(year, month, day, 0, minute, 59));
        }
      }
      for (let month = 0; month < 12; month++) {
        check(Date.UTC(year, month, 1, 0, 0));
        check(Date.UTC(year, month, 15, 23, 30));
      }
    }
    expect(compared).to.be.greaterThan(5000);
  });

  it("knows Warsaw's day and year, not the browser's, around midnight and the clocks' changes", () => {
    // sv-SE writes a date as YYYY-MM-DD.
    const intlDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' });
    let compared = 0;
    for (let year = 2000; year <= 2040; year++) {
      for (const [month, day] of [
        [0, 1],
        [2, 25],
        [2, 31],
        [9, 25],
        [9, 31],
        [11, 31],
      ] as const) {
        // 21:00–02:00 UTC: midnight in Warsaw (22:00 or 23:00 UTC) and in UTC.
        for (let minutes = -180; minutes <= 120; minutes += 30) {
          const ms = Date.UTC(year, month, day, 0, minutes);
          const expected = intlDay.format(ms);
          expect(warsawToday(ms), new Date(ms).toISOString()).to.equal(expected);
          expect(warsawYear(ms), new Date(ms).toISOString()).to.equal(Number(expected.slice(0, 4)));
          compared++;
        }
      }
    }
    expect(compared).to.be.greaterThan(2000);
    // New Year's Eve at 23:30 UTC: 2027 in Warsaw, still 2026 in London and in this browser.
    expect(warsawYear(Date.parse('2026-12-31T23:30:00Z'))).to.equal(2027);
    expect(warsawToday(Date.parse('2026-12-31T23:30:00Z'))).to.equal('2027-01-01');
  });
});

describe('meter values', () => {
  it('one precision per medium, as the meter reports it; never a digit taken away', () => {
    expect(formatMeterQuantity('38.17', 'm³')).to.equal('38,170\u00a0m³');
    expect(formatMeterQuantity('40.652', 'm³')).to.equal('40,652\u00a0m³');
    expect(formatMeterQuantity('1234', 'm³')).to.equal('1234,000\u00a0m³');
    expect(formatMeterQuantity('12', 'jedn.')).to.equal('12\u00a0jedn.');
    expect(formatMeterQuantity('1.23456', 'm³')).to.equal('1,23456\u00a0m³');
    expect(formatMeterQuantity('2.5', 'kWh', 'en')).to.equal('2.5\u00a0kWh');
    expect(formatMeterQuantity('12345.1', 'm³')).to.equal('12\u00a0345,100\u00a0m³');
  });
});

describe('formatting written out, as the locale data has it', () => {
  // format.ts groups numbers, writes dates and names months itself (no Intl on the way to the
  // first data); the browser's own Intl is the reference.
  const locales = { pl: 'pl-PL', en: 'en-GB' } as const;

  it('groups whole numbers of every length as Intl.NumberFormat does', () => {
    for (const lang of ['pl', 'en'] as const) {
      const intl = new Intl.NumberFormat(locales[lang]);
      let digits = '';
      for (let length = 1; length <= 22; length++) {
        digits += String((length * 7) % 10);
        for (const whole of [digits, `9${digits.slice(1)}`, `1${'0'.repeat(length - 1)}`]) {
          const expected = `${intl.format(BigInt(whole))}${lang === 'en' ? '.' : ','}00`;
          const amount = formatDecimal(`${whole}.00`, lang);
          expect(amount, `${lang} ${whole}`).to.equal(expected);
        }
      }
    }
  });

  it('writes calendar dates as Intl.DateTimeFormat does, every day of two years', () => {
    for (const lang of ['pl', 'en'] as const) {
      const intl = new Intl.DateTimeFormat(locales[lang], {
        timeZone: 'UTC',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      });
      for (let day = 0; day < 731; day++) {
        const date = new Date(Date.UTC(2027, 0, 1 + day));
        const iso = date.toISOString().slice(0, 10);
        expect(formatDate(iso, lang), iso).to.equal(intl.format(date));
      }
    }
  });

  it('names every month as Intl.DateTimeFormat does', () => {
    for (const lang of ['pl', 'en'] as const) {
      const intl = new Intl.DateTimeFormat(locales[lang], { month: 'long', timeZone: 'UTC' });
      for (let month = 1; month <= 12; month++) {
        const name = intl.format(new Date(Date.UTC(2000, month - 1, 1)));
        expect(monthName(month, lang, { capitalize: false }), name).to.equal(name);
        expect(monthName(month, lang)).to.equal(
          name.charAt(0).toLocaleUpperCase(locales[lang]) + name.slice(1),
        );
      }
    }
  });
});
