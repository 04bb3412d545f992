// Time from navigation to the map's first paint with markers, in headless Chromium.
// Usage: node bench/map-render.mjs http://127.0.0.1:3000/ [runs]  (or an /embed URL)
// Start the server first (scripts/serve, or the release binary with WONINGBOUW_DEMO_SCHAAL=11
// for about 10k projects). Each run uses a fresh browser profile; prints the median.
import { chromium } from '../end2end/node_modules/playwright-core/index.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:3000/';
const runs = Number(process.argv[3] ?? 5);
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const times = [];
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
  const page = await browser.newPage();
  let transferred = 0;
  const pending = [];
  page.on('requestfinished', (r) => pending.push(r.sizes().then((s) => { transferred += s.responseBodySize + s.responseHeadersSize; }).catch(() => {})));
  await page.goto(url);
  await page.waitForSelector('.map[data-painted="true"]', { timeout: 60_000 });
  const t = await page.evaluate(() => performance.getEntriesByName('kaart-getekend')[0].startTime);
  times.push(t);
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  bytes = transferred;
  await browser.close();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`${url}: navigation → map painted, median of ${runs}: ${median.toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')}); ~${(bytes / 1024).toFixed(0)} KB transferred (bodies as sent, with headers, until the network is idle)`);
