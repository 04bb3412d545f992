// Shared by the probes (filter-clicks, trace-filter): our map in headless Chromium, the paint
// after each redraw marked ('kaart-geverfd', as bench/run.mjs marks it), ready for clicks.
import { chromium } from 'playwright-core';

export async function openMap(url) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name, ...rest) => { const e = mark(name, ...rest); if (name === 'kaart-getekend') requestAnimationFrame(() => setTimeout(() => mark('kaart-geverfd'))); return e; };
  });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('kaart-interactief').length > 0, null, { timeout: 60000 });
  await page.waitForLoadState('networkidle');
  return { browser, page };
}

/** Clicks the 'ligging' checkbox of `value` in a task of the page's own; resolves to the
 *  page's time just before, once the map's change is painted. */
export async function clickAndWaitForPaint(page, value) {
  const start = await page.evaluate((v) => { setTimeout(() => document.querySelector(`input[name="ligging"][value="${v}"]`).click()); return performance.now(); }, value);
  await page.waitForFunction((t) => performance.getEntriesByName('kaart-geverfd').some((e) => e.startTime > t), start, { polling: 'raf' });
  return start;
}
