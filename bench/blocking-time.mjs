// The main thread's blocking time on a page as a phone loads it: 390×844, the CPU slowed 4×
// (DevTools protocol), long tasks (PerformanceObserver) summed over 50 ms each for 6 s after
// hydration, in fresh profiles. Usage: node bench/blocking-time.mjs [url] [runs]
// (default http://127.0.0.1:3000/regio, 3), against a running release server.
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://127.0.0.1:3000/regio';
const runs = Number(process.argv[3] ?? 3);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
for (let run = 1; run <= runs; run++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForSelector('.page[data-hydrated="true"]');
  // The window measured: long tasks are counted for this long after hydration, as Lighthouse
  // counts them until the page is quiet.
  await page.waitForTimeout(6000);
  const tasks = await page.evaluate(() => window.__longTasks);
  const painted = await page.locator('.chart[data-painted="true"]').count();
  const blocking = tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0);
  console.log(`run ${run}: blocking ${Math.round(blocking)} ms, longest task ${Math.round(Math.max(0, ...tasks))} ms, ${tasks.length} long tasks, ${painted} charts painted`);
  await context.close();
}
await browser.close();
