// Probe (not part of the suite): where the time between a filter click on our map and the
// paint goes, from a Chromium trace. Clicks the 'ligging' filter on and off CLICKS times
// (default 15) and prints medians: the whole click → paint, the click's handler, the browser's
// frame after it (style, layout, paint, layers, commit), the click until that frame is
// committed, and what follows until the paint is marked.
// Usage: node bench/trace-filter.mjs [url]   (a server on the URL, e.g. one bench/run starts)
import { openMap, clickAndWaitForPaint } from './our-map.mjs';
const url = process.argv[2] ?? 'http://127.0.0.1:3090/';
const clicks = Number(process.env.CLICKS ?? 15);
const { browser, page } = await openMap(url);
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'cc'] });
for (let i = 0; i < clicks; i++) {
  await new Promise((r) => setTimeout(r, 400));
  await clickAndWaitForPaint(page, i % 2 === 0 ? 'inbreiding' : 'uitbreiding');
}
const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
await browser.close();
const clickEvents = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click').sort((a, b) => a.ts - b.ts);
const painted = events.filter((e) => e.name === 'kaart-geverfd' && e.ph !== 'e').map((e) => e.ts).sort((a, b) => a - b);
const rows = { 'click → paint': [], handler: [], frame: [], 'click → commit': [], 'commit → paint mark': [] };
for (const click of clickEvents) {
  const end = painted.find((t) => t > click.ts);
  const frame = events.find((e) => e.name === 'ProxyMain::BeginMainFrame' && e.ts > click.ts && e.ts < end);
  if (!end || !frame) continue;
  const frameEnd = frame.ts + frame.dur;
  rows['click → paint'].push(end - click.ts);
  rows.handler.push(click.dur);
  rows.frame.push(frame.dur);
  rows['click → commit'].push(frameEnd - click.ts);
  rows['commit → paint mark'].push(end - frameEnd);
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log(Object.entries(rows).map(([k, xs]) => `${k} ${(median(xs) / 1000).toFixed(1)} ms`).join(' · '), `(median of ${rows.handler.length} clicks)`);
