/**
 * A CMS theme that fights the widgets: resets of every element (`* { all: unset }`), huge fonts,
 * hidden inputs, buttons and divs, transparent text. Shadow DOM keeps it out of the data widgets;
 * the light-DOM login form (light DOM so password managers see it) keeps it out with scoped,
 * heavier rules. The test loads the real demo article page with such a stylesheet added, logs in
 * through the form with the keyboard and the mouse, and expects the data tables to show.
 *
 * The stylesheet is served from the page's own origin (routed in the browser), because the
 * BFF's Content-Security-Policy rightly refuses inline `<style>` on its pages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RESIDENT, ensureWidgetsBuilt, startBff, type RunningBff } from './support/bff.ts';
import { launchChromium, newContext, watchProblems, widgetsSettled } from './support/browser.ts';
import { HOSTILE_CSS } from './support/hostile-css.ts';

let bff: RunningBff;
let browser: Browser;

beforeAll(async () => {
  await ensureWidgetsBuilt();
  [bff, browser] = await Promise.all([startBff(), launchChromium()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bff?.stop();
});

describe('hostile global CSS on the host page', () => {
  for (const phone of [false, true]) {
    it(`the login form can be filled and submitted, and the data shows${phone ? ' (phone width)' : ''}`, async () => {
      // At phone width without mobile emulation: the hostile theme makes the page's own text
      // wider than the screen, and an emulated phone would zoom the whole page out.
      const context = await newContext(browser, { baseURL: bff.url, phone, mobile: false });
      try {
        // Every demo page gets the hostile stylesheet after its own, as a CMS theme would add it.
        await context.route('**/*.html', async (route) => {
          const response = await route.fetch();
          const html = (await response.text()).replace(
            '</head>',
            '<link rel="stylesheet" href="/hostile-theme.css" /></head>',
          );
          await route.fulfill({ response, body: html });
        });
        await context.route('**/hostile-theme.css', (route) =>
          route.fulfill({ status: 200, contentType: 'text/css; charset=utf-8', body: HOSTILE_CSS }),
        );
        const page = await context.newPage();
        const problems = watchProblems(page);
        await page.goto('/artykul.html');
        await widgetsSettled(page);

        // The page's own text is unreadable now: the theme is hostile indeed.
        const pageTextColor = await page.evaluate(
          () => getComputedStyle(document.querySelector('main p:not(.meta)')!).color,
        );
        expect(pageTextColor).toBe('rgba(0, 0, 0, 0)');

        // The hostile theme hides the sidebar's login box: the first data widget shows the form.
        const form = page.locator('rent-components resident-login form');
        const identifier = form.locator('input[autocomplete="username"]');
        const password = form.locator('input[autocomplete="current-password"]');
        await identifier.waitFor({ state: 'visible', timeout: 15_000 });

        // Readable: the form's text keeps a real size and colour.
        const look = await identifier.evaluate((input) => {
          const label = document.querySelector<HTMLLabelElement>(`label[for="${input.id}"]`)!;
          const style = getComputedStyle(label);
          return {
            labelColor: style.color,
            labelSize: parseFloat(style.fontSize),
            inputHeight: input.getBoundingClientRect().height,
            inputWidth: input.getBoundingClientRect().width,
            formWidth: input.closest('form')!.getBoundingClientRect().width,
          };
        });
        expect(look.labelColor).not.toBe('rgba(0, 0, 0, 0)');
        expect(look.labelSize).toBeGreaterThanOrEqual(12);
        expect(look.inputHeight).toBeGreaterThanOrEqual(24);
        // The page squeezes its own column (a 40 px rem); the field still spans its form.
        expect(look.inputWidth).toBeGreaterThanOrEqual(48);
        expect(look.inputWidth).toBeGreaterThanOrEqual(look.formWidth - 2);

        // Filled with the keyboard, submitted with a real click on the visible button.
        await identifier.click();
        await page.keyboard.type(DEMO_RESIDENT.login);
        await password.fill(DEMO_RESIDENT.password);
        await form.getByRole('button', { name: 'Zaloguj' }).click();

        // Both data widgets show their tables (one session for the page), readable.
        for (const selector of ['rent-components table', 'ledger-accounts table']) {
          const table = page.locator(selector).first();
          await table.waitFor({ state: 'visible', timeout: 15_000 });
          const cell = await table
            .locator('td')
            .first()
            .evaluate((td) => {
              const style = getComputedStyle(td);
              return { color: style.color, size: parseFloat(style.fontSize), text: td.textContent?.trim() };
            });
          expect(cell.color, selector).not.toBe('rgba(0, 0, 0, 0)');
          expect(cell.size, selector).toBeGreaterThanOrEqual(12);
          expect(cell.text, selector).toBeTruthy();
        }
        // The "Wyślij" button of a data widget still works under the hostile theme.
        await page.locator('rent-components [part~="submit"]').click();
        await page.locator('rent-components table').first().waitFor({ state: 'visible' });
        expect(problems.list).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("the widgets' own CSS never leaks into the page", async () => {
    const context = await newContext(browser, { baseURL: bff.url });
    try {
      const page = await context.newPage();
      await page.goto('/artykul.html');
      const before = await page.evaluate(() => {
        const p = document.querySelector('main p')!;
        const s = getComputedStyle(p);
        return { font: s.fontFamily, size: s.fontSize, color: s.color, sheets: document.styleSheets.length };
      });
      await widgetsSettled(page);
      // Without the hostile theme the box beside the text is the page's one login form.
      await page.locator('aside resident-login form').waitFor({ state: 'visible' });
      const after = await page.evaluate(() => {
        const p = document.querySelector('main p')!;
        const s = getComputedStyle(p);
        // A stray global rule would show on ordinary page elements outside the widgets too.
        const button = document.createElement('button');
        button.className = 'strefa-button';
        document.body.append(button);
        const buttonBackground = getComputedStyle(button).backgroundColor;
        button.remove();
        return { font: s.fontFamily, size: s.fontSize, color: s.color, buttonBackground };
      });
      expect(after.font).toBe(before.font);
      expect(after.size).toBe(before.size);
      expect(after.color).toBe(before.color);
      // `.strefa-button` is styled inside the widgets only (shadow DOM), never on the page.
      expect(after.buttonBackground).toBe('rgb(239, 239, 239)');
    } finally {
      await context.close();
    }
  });
});
