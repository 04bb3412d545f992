// Shared by the suite (run.mjs) and the probes (filter-clicks, trace-filter, profile-filter):
// the paint after each map redraw marked, and our map in headless Chromium ready for clicks.
import { chromium } from 'playwright-core';

/** Runs in the page before its scripts: after each 'kaart-getekend' (a page's redraw of its
 *  map), marks 'kaart-geverfd' once the browser has painted it (a frame's callback runs before
 *  its paint, a timeout set there after it). */
export const markPaints = () => {
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => {
    const entry = mark(name, ...rest);
    if (name === 'kaart-getekend') requestAnimationFrame(() => setTimeout(() => mark('kaart-geverfd')));
    return entry;
  };
};

export async function openMap(url) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.addInitScript(markPaints);
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
