// Probe: filter → paint over many clicks on one page of our map (not part of the suite).
// Usage: node bench/filter-clicks.mjs [url] [clicks]
import { openMap, clickAndWaitForPaint } from './our-map.mjs';
const url = process.argv[2] ?? 'http://127.0.0.1:3090/';
const clicks = Number(process.argv[3] ?? 20);
const { browser, page } = await openMap(url);
const values = await page.evaluate(() => [...document.querySelectorAll('input[name="ligging"]')].map((i) => i.value));
const times = [];
for (let i = 0; i < clicks; i++) {
  await new Promise((r) => setTimeout(r, 400));
  const v = i % 2 === 0 ? 'inbreiding' : values.find((x) => x !== 'inbreiding');
  const start = await clickAndWaitForPaint(page, v);
  times.push(await page.evaluate((t) => performance.getEntriesByName('kaart-geverfd').find((e) => e.startTime > t).startTime - t, start));
}
const sorted = [...times].sort((a, b) => a - b);
console.log('filter → paint ms:', times.map((t) => t.toFixed(0)).join(' '));
console.log('first', times[0].toFixed(1), 'median', sorted[Math.floor(sorted.length / 2)].toFixed(1), 'p90', sorted[Math.floor(sorted.length * 0.9)].toFixed(1));
await browser.close();
