/**
 * Every page of the demo website in Chromium, as a web editor built it (one script tag and plain
 * HTML): it loads with no console error, no failed request and no axe-core violation (WCAG 2.1
 * AA, shadow roots included), for a visitor, for the demo resident and for the demo clerk, on a
 * laptop and at phone width. The real BFF serves the pages, the widgets and the API.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLERK, DEMO_RESIDENT, ensureWidgetsBuilt, startBff, type RunningBff } from './support/bff.ts';
import {
  axeViolations,
  describeViolations,
  launchChromium,
  loginViaApi,
  newContext,
  sessionCheckStarters,
  watchProblems,
  widgetsSettled,
} from './support/browser.ts';

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

type Who = { login: string; password: string } | null;

/** What must be visible on each page once its widgets have rendered. */
const PAGES: Record<string, { anonymous: string[]; resident?: string[]; clerk?: string[] }> = {
  '/': {
    anonymous: ['resident-login input[autocomplete="username"]'],
    resident: ['resident-login .strefa-login__logout'],
  },
  '/strefa-mieszkanca.html': {
    anonymous: ['resident-portal resident-login input[autocomplete="username"]'],
    resident: [
      'resident-portal [role="tablist"]',
      'resident-portal [role="tab"]',
      'payment-info [part~="amount"]',
    ],
  },
  '/artykul.html': {
    // One login form on the page (the box beside the text); the data widgets point to it.
    anonymous: [
      'aside resident-login input[autocomplete="current-password"]',
      'rent-components [part="login-pointer"]',
      'ledger-accounts [part="login-pointer"]',
    ],
    resident: ['rent-components table', 'ledger-accounts table'],
  },
  '/motyw.html': {
    anonymous: ['resident-profile resident-login input[autocomplete="username"]'],
    resident: [
      'resident-profile [part~="assignment"]',
      'media-readings table',
      'media-settlements [part~="settlement"]',
    ],
  },
  '/pracownicy.html': {
    anonymous: ['clerk-admin resident-login input[autocomplete="username"]'],
    clerk: ['clerk-admin [part~="search"] input'],
  },
};

/** Opens `path` in a fresh profile (logged in as `who`), and returns the page and its problems. */
async function open(path: string, who: Who, phone = false) {
  const context = await newContext(browser, { baseURL: bff.url, phone });
  const page = await context.newPage();
  const problems = watchProblems(page);
  // Settle first: a reload while the anonymous page still loads a chunk aborts that request.
  await page.goto(path, { waitUntil: 'networkidle' });
  if (who) {
    await loginViaApi(page, who.login, who.password);
    await page.reload();
  }
  await widgetsSettled(page);
  return { page, problems, close: () => context.close() };
}

async function expectVisible(page: Page, selectors: string[]) {
  for (const selector of selectors) {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: 15_000 });
  }
}

/** The page's one session check is the one its head's preload started (see sessionCheckStarters). */
async function expectOneSessionCheck(page: Page) {
  expect(await sessionCheckStarters(page)).toEqual(['link']);
}

/** The page itself never scrolls sideways: widgets fit the viewport (tables become cards). */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

describe('demo website in Chromium', () => {
  for (const [path, expected] of Object.entries(PAGES)) {
    it(`${path} for a visitor: the login prompt, no errors, axe-clean`, async () => {
      const { page, problems, close } = await open(path, null);
      try {
        await expectVisible(page, expected.anonymous);
        // Only the one script tag the editor pasted loads code; everything else is widgets.
        const scripts = await page
          .locator('script')
          .evaluateAll((els) => els.map((e) => e.getAttribute('src')));
        expect(scripts).toEqual(['/widgets/strefa.js']);
        await expectOneSessionCheck(page);
        const violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
        expect(problems.list).toEqual([]);
      } finally {
        await close();
      }
    });

    for (const [role, who, selectors] of [
      ['the demo resident', DEMO_RESIDENT, expected.resident],
      ['the demo clerk', DEMO_CLERK, expected.clerk],
    ] as const) {
      if (!selectors) continue;
      it(`${path} for ${role}: the data, no errors, axe-clean, also at phone width`, async () => {
        for (const phone of [false, true]) {
          const { page, problems, close } = await open(path, who, phone);
          try {
            await expectVisible(page, selectors);
            await expectOneSessionCheck(page);
            const violations = await axeViolations(page);
            expect(violations, describeViolations(violations)).toEqual([]);
            if (phone) await expectNoSidewaysScroll(page);
            expect(problems.list).toEqual([]);
          } finally {
            await close();
          }
        }
      });
    }
  }

  it('the themed page changes the widgets only through --strefa-* properties and ::part()', async () => {
    const { page, close } = await open('/motyw.html', DEMO_RESIDENT);
    try {
      await expectVisible(page, ['media-readings table']);
      const looks = await page.evaluate(() => {
        const widget = document.querySelector('media-readings')!;
        const submit = widget.shadowRoot!.querySelector<HTMLElement>('[part~="submit"]')!;
        const style = getComputedStyle(submit);
        return {
          primary: getComputedStyle(widget).getPropertyValue('--strefa-color-primary').trim(),
          background: style.backgroundColor,
          radius: style.borderTopLeftRadius,
        };
      });
      expect(looks.primary).toBe('#1f5130');
      expect(looks.background).toBe('rgb(31, 81, 48)');
      // `::part(submit) { border-radius: 999px }` from motyw.css reached the button.
      expect(looks.radius).toBe('999px');
    } finally {
      await close();
    }
  });
});
