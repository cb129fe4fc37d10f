/**
 * The widgets' charts in Chromium against the real BFF: each is drawn once its code has loaded
 * on demand, is axe-clean, tells its series apart without colour, names every bar and point with
 * its exact value, moves the keyboard focus with the arrow keys, says what changed at a point,
 * has a text summary and a table of the same figures, and fits a 360 px phone.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type {
  ChargeHistoryResponse,
  ReadingsComparisonResponse,
  SettlementHistoryResponse,
} from '@strefa/api-types';
import {
  $,
  $$,
  get,
  loginResident,
  phoneFixture,
  restorePolish,
  text,
  unitsWithFilters,
  until,
} from '../data-test-support.ts';
import { formatMoney, formatQuantity } from '../format.ts';
import '../../media-readings/media-readings.ts';
import '../../media-settlements/media-settlements.ts';
import '../../rent-components/rent-components.ts';
import { barChart, lineChart } from './charts.ts';

const key = (target: Element, name: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));

const focused = (el: Element) => el.shadowRoot!.activeElement;

describe('charts', () => {
  afterEach(restorePolish);

  describe('in the widgets', () => {
    before(loginResident);

    it('<media-readings>: consumption per half-year beside the year before, named bars, summary', async () => {
      const { units } = await unitsWithFilters();
      const { unit, filters } = units.find((u) => u.filters.media.length)!;
      const year = filters.years[0]!;
      const medium = filters.media[0]!;
      const data = await get<ReadingsComparisonResponse>(
        `/units/${unit}/readings/comparison?year=${year}&medium=${medium.code}`,
      );
      const el = await fixture(html`<media-readings unit-id=${unit}></media-readings>`);
      await until(() => $(el, '.chart-svg'), 'the chart');
      const bars = $$(el, 'figure:first-of-type .datum');
      // Two half-years × (the year before, the year).
      expect(bars).to.have.length(4);
      const current = data.periods.filter((p) => p.year === year);
      const label = bars[1]!.getAttribute('aria-label');
      const value = current[0]!.consumption;
      expect(label).to.equal(
        `I półrocze, ${year}: ${value === null ? 'brak danych' : formatQuantity(value, medium.unit)}`,
      );
      // The series differ by pattern, not only colour: solid and hatched.
      const fills = $$(el, 'figure:first-of-type .datum rect.bar').map(
        (r) => r.getAttribute('fill') ?? 'solid',
      );
      expect(new Set(fills).size).to.be.greaterThan(1);
      expect(text($(el, '[part="chart-summary"]'))).to.match(new RegExp(`${year}`));
      // The building comparison: drawn exactly when the API gives an average (≥ 5 units).
      const withBuilding = data.periods.some((p) => p.building !== null);
      expect(!!$(el, 'figure:nth-of-type(2)'), 'the building chart').to.equal(withBuilding);
      if (!withBuilding) expect(text($(el, '.chart-block .note'))).to.contain('co najmniej 5 lokali');
      await expect(el).to.be.accessible();
    });

    it('<media-readings>: one tab stop per chart, arrows move between bars', async () => {
      const { units } = await unitsWithFilters();
      const { unit } = units.find((u) => u.filters.media.length)!;
      const el = await fixture(html`<media-readings unit-id=${unit}></media-readings>`);
      await until(() => $(el, '.chart-svg'), 'the chart');
      const bars = $$(el, 'figure:first-of-type .datum');
      expect(bars.map((b) => b.getAttribute('tabindex'))).to.deep.equal(['0', '-1', '-1', '-1']);
      (bars[0] as unknown as HTMLElement).focus();
      key(bars[0]!, 'ArrowRight');
      expect(focused(el)).to.equal(bars[1]);
      key(bars[1]!, 'End');
      expect(focused(el)).to.equal(bars[3]);
      key(bars[3]!, 'ArrowDown');
      expect(focused(el)).to.equal(bars[3]);
      key(bars[3]!, 'Home');
      expect(focused(el)).to.equal(bars[0]);
    });

    it('<rent-components>: 24 months as a line, the focused point names its fee and what changed', async () => {
      const { units } = await unitsWithFilters();
      const { unit, filters } = units[0]!;
      const { year, month } = filters.latest!;
      const data = await get<ChargeHistoryResponse>(
        `/units/${unit}/charges/history?year=${year}&month=${month}`,
      );
      const el = await fixture(html`<rent-components unit-id=${unit}></rent-components>`);
      await until(() => $(el, '.chart-svg'), 'the chart');
      const points = $$(el, '.point');
      const shown = data.months.filter((m) => m.total !== null);
      expect(points).to.have.length(shown.length);
      const changed = shown.findIndex((m) => m.changes.length > 0);
      expect(changed, 'the demo data changes a rate within 24 months').to.be.greaterThan(-1);
      const point = points[changed] as unknown as HTMLElement;
      expect(point.classList.contains('changed')).to.equal(true);
      point.focus();
      await until(
        () => text($(el, '[part="chart-readout"]')).includes(formatMoney(shown[changed]!.total)),
        'readout',
      );
      const readout = text($(el, '[part="chart-readout"]'));
      const m = shown[changed]!;
      expect(readout).to.contain(`Od ${String(m.month).padStart(2, '0')}.${m.year} `);
      expect(readout).to.contain(m.changes[0]!.name);
      expect(point.getAttribute('aria-label')).to.contain(m.changes[0]!.name);
      key(point, 'ArrowRight');
      expect(focused(el)).to.equal(points[changed + 1] ?? point);
      await expect(el).to.be.accessible();
    });

    it('<media-settlements>: cost against advances for each period of ten years', async () => {
      const { units } = await unitsWithFilters();
      const { unit, filters } = units.find((u) => u.filters.settlementAccounts.length)!;
      const year = filters.years[0]!;
      const account = filters.settlementAccounts[0]!;
      const data = await get<SettlementHistoryResponse>(
        `/units/${unit}/settlements/history?year=${year}&account=${account.id}`,
      );
      const el = await fixture(html`<media-settlements unit-id=${unit}></media-settlements>`);
      await until(() => $(el, '.chart-svg'), 'the chart');
      const bars = $$(el, '.datum');
      expect(bars).to.have.length(data.settlements.length * 2);
      expect(bars[0]!.getAttribute('aria-label')).to.contain(
        `Koszt: ${formatMoney(data.settlements[0]!.cost)}`,
      );
      expect(bars[1]!.getAttribute('aria-label')).to.contain(
        `Zaliczki: ${formatMoney(data.settlements[0]!.advances)}`,
      );
      expect(text($(el, '[part="chart-summary"]'))).to.match(/^W latach \d{4}–\d{4} koszty/);
      await expect(el).to.be.accessible();
    });

    it('fit a 360 px phone without sideways scrolling', async () => {
      const { units } = await unitsWithFilters();
      const { unit } = units.find((u) => u.filters.settlementAccounts.length)!;
      for (const template of [
        html`<media-settlements unit-id=${unit}></media-settlements>`,
        html`<rent-components unit-id=${unit}></rent-components>`,
        html`<media-readings unit-id=${unit}></media-readings>`,
      ]) {
        const el = await phoneFixture(template);
        await until(() => $(el, '.chart-svg'), 'the chart');
        expect(el.scrollWidth).to.be.at.most(360);
        const column = el.parentElement!.getBoundingClientRect().right;
        for (const svg of $$(el, '.chart-svg'))
          expect(svg.getBoundingClientRect().right).to.be.at.most(column + 0.5);
      }
    });
  });

  describe('templates', () => {
    it('a bar without data says so, and a single point is a line chart too', async () => {
      const el = await fixture(
        html`<div>
          ${barChart({
            id: 't',
            title: 'Test',
            noData: 'brak danych',
            series: [
              { label: 'A', style: 'solid' },
              { label: 'B', style: 'dotted' },
            ],
            groups: [{ label: 'Okres', values: [{ value: 2, text: '2 m³' }, null] }],
          })}
          ${lineChart({
            id: 'l',
            title: 'Linia',
            points: [{ label: '01.2026', value: { value: 1, text: '1,00 zł' } }],
            active: null,
            onActivate: () => undefined,
            hint: 'Wskaż punkt',
          })}
        </div>`,
      );
      const labels = [...el.querySelectorAll('.datum')].map((d) => d.getAttribute('aria-label'));
      expect(labels).to.deep.equal(['Okres, A: 2 m³', 'Okres, B: brak danych', '01.2026: 1,00 zł']);
      await expect(el).to.be.accessible();
    });
  });
});
