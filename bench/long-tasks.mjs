// Probe (not part of the suite): what the main thread's long tasks around the first filter
// click of a fresh page are made of, from a Chromium trace. For RUNS fresh pages (default 3):
// every task over 30 ms from the click until the page's parts have been swapped, with the
// events over 2 ms inside it (the click's handler, parsing the server's answer, layout).
// Usage: node bench/long-tasks.mjs [url]   (a server on the URL, e.g. one bench/run starts)
import { openMap, clickAndWaitForPaint } from './our-map.mjs';
const url = process.argv[2] ?? 'http://127.0.0.1:3090/';
for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
  const { browser, page } = await openMap(url);
  await new Promise((r) => setTimeout(r, 500));
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute'] });
  await clickAndWaitForPaint(page, 'inbreiding');
  await page.waitForLoadState('networkidle');
  await new Promise((r) => setTimeout(r, 300));
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const main = events.filter((e) => e.name === 'RunTask' && e.dur > 30000);
  for (const t of main) {
    const inside = events.filter((e) => e.tid === t.tid && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e.dur > 2000 && e.name !== 'RunTask');
    console.log(`task ${(t.dur / 1000).toFixed(0)} ms:`, inside.map((e) => `${e.name}${e.args?.data?.functionName ? '(' + e.args.data.functionName + ')' : ''}${e.args?.data?.url ? '[' + e.args.data.url.slice(-30) + ']' : ''} ${(e.dur / 1000).toFixed(1)}`).join(' | '));
  }
  console.log('--');
  await browser.close();
}
