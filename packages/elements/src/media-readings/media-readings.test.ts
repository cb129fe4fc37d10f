import { expect, fixture, html } from '@open-wc/testing';
import type { ReadingsResponse } from '@strefa/api-types';
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
  restorePolish,
  spyFetch,
  text,
  unavailable,
  unitsWithFilters,
  until,
  withStub,
} from '../internal/data-test-support.ts';
import { formatDate } from '../internal/format.ts';

/**
 * What a meter of this unit shows, written out by hand: water in m³ to the litre (three places),
 * allocator units whole; Polish digit grouping from four digits of the whole part up.
 */
function asMeterShows(value: string, unit: string): string {
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  const places = unit === 'm³' ? Math.max(3, fraction.length) : fraction.length;
  const grouped = whole!.length > 4 ? whole!.replace(/\B(?=(\d{3})+$)/g, '\u00a0') : whole!;
  const sign = value.startsWith('-') ? '-' : '';
  return `${sign}${grouped}${places ? `,${fraction.padEnd(places, '0')}` : ''}\u00a0${unit}`;
}
import type { MediaReadings } from './media-readings.ts';
import './media-readings.ts';

const table = (el: Element) => $(el, '[part="table"]');
const KINDS = { actual: 'rzeczywisty', estimated: 'szacunkowy', remote: 'radiowy' } as const;

async function context() {
  const { me, units } = await unitsWithFilters();
  // The unit with meters (the flat), and one without (the garage), whichever order /me lists them.
  return {
    me,
    withMedia: units.find(({ filters }) => filters.media.length)!,
    withoutMedia: units.find(({ filters }) => !filters.media.length)?.unit,
  };
}

describe('<media-readings>', () => {
  afterEach(restorePolish);

  it('without a session shows the login prompt', async () => {
    await expectLoginPrompt<MediaReadings>(html`<media-readings></media-readings>`);
  });

  describe('with a session', () => {
    before(loginResident);

    it('shows every reading of the first medium in the newest year, with units', async () => {
      const { withMedia } = await context();
      const { unit, filters } = withMedia;
      const year = filters.years[0]!;
      const medium = filters.media[0]!;
      const readings = await get<ReadingsResponse>(
        `/units/${unit}/readings?year=${year}&medium=${medium.code}`,
      );
      const el = await fixture<MediaReadings>(html`<media-readings unit-id=${unit}></media-readings>`);
      await until(() => table(el) || $(el, '[part="empty"]'), 'the readings');
      expect($<HTMLSelectElement>(el, '#param-medium')!.value).to.equal(medium.code);
      const rows = $$(el, '[part="table"] tbody tr');
      expect(rows.length).to.equal(readings.readings.length);
      readings.readings.forEach((reading, index) => {
        const cells = [...rows[index]!.children].map((cell) => text(cell));
        expect(cells).to.deep.equal([
          reading.meter.number,
          reading.meter.location,
          formatDate(reading.date),
          KINDS[reading.kind],
          asMeterShows(reading.value, medium.unit),
          asMeterShows(reading.consumption, medium.unit),
        ]);
      });
      // One precision for the whole medium: every value and consumption has as many places.
      const places = new Set(
        rows.flatMap((row) =>
          [...row.children].slice(4).map((cell) => /,(\d+)/.exec(text(cell))?.[1]?.length ?? 0),
        ),
      );
      expect(places.size, [...places].join()).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('changes the medium only on "Wyślij"', async () => {
      const { withMedia } = await context();
      const { unit, filters } = withMedia;
      const other = filters.media[1] ?? filters.media[0]!;
      const year = filters.years.at(-1)!;
      const expected = await get<ReadingsResponse>(
        `/units/${unit}/readings?year=${year}&medium=${other.code}`,
      );
      const el = await fixture<MediaReadings>(html`<media-readings unit-id=${unit}></media-readings>`);
      await until(() => table(el), 'the readings');
      const spy = spyFetch();
      try {
        choose($<HTMLSelectElement>(el, '#param-medium')!, other.code);
        choose($<HTMLSelectElement>(el, '#param-year')!, String(year));
        await el.updateComplete;
        expect(spy.urls.filter((url) => url.includes('/readings'))).to.deep.equal([]);
        $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
        await until(
          () => text($(el, 'caption')) === `Odczyty: ${other.name}, rok ${year}`,
          'the new readings',
        );
      } finally {
        spy.stop();
      }
      expect($$(el, '[part="table"] tbody tr').length).to.equal(expected.readings.length);
    });

    it('says so for a unit without meters', async () => {
      const { withoutMedia } = await context();
      if (withoutMedia === undefined) return;
      const el = await fixture<MediaReadings>(
        html`<media-readings unit-id=${withoutMedia}></media-readings>`,
      );
      const empty = await until(() => $(el, '[part="empty"]'), 'the empty state');
      expect(text(empty)).to.equal('Ten lokal nie ma liczników mediów.');
      await expect(el).to.be.accessible();
    });

    it('shows an empty state for a year without readings', async () => {
      await withStub(
        /\/readings\?/,
        () => json({ year: 2024, medium: { code: 'ZW', name: 'Zimna woda', unit: 'm³' }, readings: [] }),
        async () => {
          const el = await fixture<MediaReadings>(html`<media-readings></media-readings>`);
          const empty = await until(() => $(el, '[part="empty"]'), 'the empty state');
          expect(text(empty)).to.equal('Brak odczytów: Zimna woda, rok 2024.');
          await expect(el).to.be.accessible();
        },
      );
    });

    it('shows an error with a retry', async () => {
      const el = await withStub(/\/readings\?/, unavailable, async () => {
        const el = await fixture<MediaReadings>(html`<media-readings></media-readings>`);
        await until(() => $(el, '[part="error"]'), 'the error state');
        await expect(el).to.be.accessible();
        return el;
      });
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await until(() => table(el), 'the readings after the retry');
    });

    it('speaks English with lang="en"', async () => {
      const el = await fixture<MediaReadings>(html`<media-readings lang="en"></media-readings>`);
      await until(
        () => table(el) && text($(el, 'h2')) === 'Utilities – meter readings',
        'the English readings',
      );
      expect(text($(el, 'thead th:nth-child(4)'))).to.equal('Reading kind');
      expect(['actual', 'estimated', 'remote']).to.include(
        text($(el, '[part="table"] tbody td:nth-of-type(3)')),
      );
      await expect(el).to.be.accessible();
    });

    it('turns the table into cards in a 360 px wide column', async () => {
      const el = await phoneFixture(html`<media-readings></media-readings>`);
      await until(() => table(el), 'the readings');
      expect(cellDisplay(el)).not.to.equal('table-cell');
      expect(el.scrollWidth).to.be.at.most(360);
      await expect(el).to.be.accessible();
    });
  });
});
