// Probe: filter → paint over many clicks on one page of our map (not part of the suite).
// Usage: node bench/filter-clicks.mjs [url] [clicks]
import { chromium } from 'playwright-core';
const url = process.argv[2] ?? 'http://127.0.0.1:3090/';
const clicks = Number(process.argv[3] ?? 20);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.addInitScript(() => {
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => { const e = mark(name, ...rest); if (name === 'kaart-getekend') requestAnimationFrame(() => setTimeout(() => mark('kaart-geverfd'))); return e; };
});
await page.goto(url);
await page.waitForFunction(() => performance.getEntriesByName('kaart-interactief').length > 0, null, { timeout: 60000 });
await page.waitForLoadState('networkidle');
const values = await page.evaluate(() => [...document.querySelectorAll('input[name="ligging"]')].map((i) => i.value));
const times = [];
for (let i = 0; i < clicks; i++) {
  await new Promise((r) => setTimeout(r, 400));
  const v = i % 2 === 0 ? 'inbreiding' : values.find((x) => x !== 'inbreiding');
  const start = await page.evaluate((v) => { setTimeout(() => document.querySelector(`input[name="ligging"][value="${v}"]`).click()); return performance.now(); }, v);
  await page.waitForFunction((t) => performance.getEntriesByName('kaart-geverfd').some((e) => e.startTime > t), start, { polling: 'raf' });
  times.push(await page.evaluate((t) => performance.getEntriesByName('kaart-geverfd').find((e) => e.startTime > t).startTime - t, start));
}
const sorted = [...times].sort((a, b) => a - b);
console.log('filter → paint ms:', times.map((t) => t.toFixed(0)).join(' '));
console.log('first', times[0].toFixed(1), 'median', sorted[Math.floor(sorted.length / 2)].toFixed(1), 'p90', sorted[Math.floor(sorted.length * 0.9)].toFixed(1));
await browser.close();
