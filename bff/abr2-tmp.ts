// Time to data: round 2's code (5e7bf09, "448 ms") vs this checkout, alternating cold runs, plus the host-page floor
// (this checkout's /bench/host-floor.html), all watched from inside the page (init script).
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium.js';
import { startBff } from './bench/server.ts';
const servers = {
  r2: await startBff({ database: '/tmp/wt-r2/var/r2-20000.sqlite', port: 18897, label: 'ab-r2', scryptLogN: 14, root: '/tmp/wt-r2' } as never),
  now: await startBff({ database: '/work/main/var/bench/strefa-20000u-10y-s1-2026-11-15.sqlite', port: 18898, label: 'ab-now', scryptLogN: 14 } as never),
};
await new Promise((r) => setTimeout(r, 1500));
const found = `(() => {
  const roots = [document]; let w = null;
  while (roots.length && !w) { for (const e of roots.pop().querySelectorAll('*')) { if (e.localName === 'rent-components') { w = e; break; } if (e.shadowRoot) roots.push(e.shadowRoot); } }
  if (!w) return false;
  for (const root of [w, w.shadowRoot].filter(Boolean)) for (const row of root.querySelectorAll('table tbody tr')) if (/\\d,\\d\\d/.test(row.textContent || '')) return performance.now();
  return false;
})`;
const watch = `(() => { const shown = ${found}; const poll = () => { const at = shown(); if (at === false) requestAnimationFrame(poll); else console.debug('shown ' + at); }; requestAnimationFrame(poll); })();`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const res: Record<string, number[]> = { r2: [], now: [], floor: [] };
async function time(storage: unknown, url: string) {
  const context: BrowserContext = await browser.newContext({ storageState: storage as never });
  await context.addInitScript({ content: watch });
  const tab = await context.newPage();
  const ev = tab.waitForEvent('console', { predicate: (m) => m.text().startsWith('shown '), timeout: 30000 });
  await tab.goto(url, { waitUntil: 'commit' });
  const t = Number((await ev).text().slice(6));
  await context.close();
  return Math.round(t);
}
try {
  const setups: Record<string, { storage: unknown; url: string }> = {};
  for (const [name, server] of Object.entries(servers)) {
    const setup = await browser.newContext();
    const r = await setup.request.post(`${server.url}/api/v1/session`, { data: { login: 'demo-resident', password: 'demo-resident-password' }, headers: { Origin: server.url } });
    if (r.status() !== 200) throw new Error(`${name} login ${r.status()}`);
    const page = await setup.newPage();
    await page.goto(`${server.url}/strefa-mieszkanca.html`);
    await page.getByRole('tab', { name: 'Czynsz' }).click({ timeout: 30_000 });
    await page.waitForTimeout(2000);
    setups[name] = { storage: await setup.storageState(), url: page.url() };
    console.log(name, page.url());
    await setup.close();
  }
  const runs = Number(process.argv[2] ?? 12);
  const orders = [['r2', 'now', 'floor'], ['now', 'floor', 'r2'], ['floor', 'r2', 'now']];
  for (let run = 0; run < runs; run++) {
    for (const name of orders[run % 3]!) {
      if (name === 'floor') res.floor!.push(await time(setups.now!.storage, `${servers.now.url}/bench/host-floor.html`));
      else res[name]!.push(await time(setups[name]!.storage, setups[name]!.url));
    }
  }
  const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
  for (const [k, v] of Object.entries(res)) console.log(k.padEnd(6), 'median', med(v), '|', v.join(' '));
  const own = (k: string) => res[k]!.map((t, i) => t - res.floor![i]!);
  console.log('own r2', med(own('r2')), 'own now', med(own('now')));
  console.log(`whole now/r2 ${(med(res.now!) / med(res.r2!)).toFixed(3)}; own now/r2 ${(med(own('now')) / med(own('r2'))).toFixed(3)}`);
} finally {
  await browser.close();
  for (const s of Object.values(servers)) await s.stop();
}
