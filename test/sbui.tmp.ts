import { launchChromium, newContext } from './support/browser.ts';
import { serveFolder } from './support/static-server.ts';
const server = await serveFolder('/work/main/storybook/storybook-static');
const browser = await launchChromium();
try {
  const page = await (await newContext(browser)).newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.goto(`${server.url}/?path=/story/resident-portal--phone`);
  await page.waitForTimeout(6000);
  await page.screenshot({ path: '/tmp/strefa-gen/sbui-phone.png' });
  await page.goto(`${server.url}/?path=/story/rent-components--data`);
  await page.waitForTimeout(5000);
  await page.screenshot({ path: '/tmp/strefa-gen/sbui-data.png' });
} finally { await browser.close(); await server.close(); }
