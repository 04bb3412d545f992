import { test, expect, type Page } from '@playwright/test';
import { openHydrated } from './fixtures';

// WCAG 2.2, 2.5.8 Target Size (Minimum): every marker's box is what a pointer must hit, at
// least 24 × 24 px, in the server's drawing of the map (whose clusters and pins are links) and in
// Leaflet's map alike; a pin's dot is drawn smaller inside its box, so the map looks no busier.

/** Around Assen: clusters, and single pins between them. */
const PART = '/?uitsnede=6.50,52.93,6.62,53.02';

type Target = { name: string, width: number, height: number, dot: string | null, hit: boolean | null };

/** Every element `selector` finds: its box, its pin's dot (a pin's `::before`) and whether a
 *  pointer at each corner of its box, 1 px in, hits a marker (for a box wholly on screen and in
 *  the map: a marker near the edge is cut off by it). */
async function targets(page: Page, selector: string, map: string): Promise<Target[]> {
  return page.locator(selector).evaluateAll((els, map) => {
    const frame = document.querySelector(map)!.getBoundingClientRect();
    // The dot's diameter with its ring, as seen.
    const dotSize = (s: CSSStyleDeclaration) => `${parseFloat(s.width) + parseFloat(s.borderLeftWidth) + parseFloat(s.borderRightWidth)}px`;
    return els.map((el) => {
      const r = el.getBoundingClientRect();
      const pin = el.classList.contains('pin') ? el : el.querySelector('.pin');
      const inside = r.left >= frame.left && r.top >= frame.top && r.right <= frame.right && r.bottom <= frame.bottom
        && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
      const corners = [[r.left + 1, r.top + 1], [r.right - 1, r.top + 1], [r.left + 1, r.bottom - 1], [r.right - 1, r.bottom - 1]];
      const isMarker = (e: Element | null) => !!e?.closest('.map-preview a, .leaflet-marker-icon.leaflet-interactive');
      return {
        name: el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.className,
        width: r.width,
        height: r.height,
        dot: pin ? dotSize(getComputedStyle(pin, '::before')) : null,
        hit: inside ? corners.every(([x, y]) => isMarker(document.elementFromPoint(x, y))) : null,
      };
    });
  }, map);
}

function expectTargets(found: Target[]) {
  expect(found.filter((t) => t.hit !== null).length, 'markers wholly on screen').toBeGreaterThan(2);
  for (const t of found) {
    expect(t.width, t.name).toBeGreaterThanOrEqual(24);
    expect(t.height, t.name).toBeGreaterThanOrEqual(24);
    // The whole box takes the pointer, not only the dot drawn in it.
    if (t.hit !== null) expect(t.hit, `${t.name}: a corner of its box`).toBe(true);
  }
  // The dots are as large as they were: 16 px, the open project's 22.
  const dots = found.filter((t) => t.dot !== null).map((t) => t.dot);
  expect(dots.length).toBeGreaterThan(0);
  expect(dots).toContain('22px');
  expect(dots.filter((d) => d !== '16px' && d !== '22px')).toEqual([]);
}

/** The part around Assen with one of its pins open (the one nearest the middle: not cut off). */
async function partWithOpenPin(page: Page): Promise<string> {
  // Read from the drawing, before Leaflet would take over from it.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(PART);
  const hrefs = await page.locator('.map-preview a.mark.pin').evaluateAll((els) => els
    .map((e) => ({ href: e.getAttribute('href')!, off: Math.hypot(parseFloat((e as HTMLElement).style.left) - 50, parseFloat((e as HTMLElement).style.top) - 50) }))
    .sort((a, b) => a.off - b.off)
    .map((p) => p.href));
  expect(hrefs.length, 'single pins in the part').toBeGreaterThan(0);
  await page.unroute('**/*.wasm');
  return hrefs[0];
}

for (const width of [1280, 390]) {
  test.describe(`${width} px wide`, () => {
    test.use({ viewport: { width, height: width > 500 ? 800 : 844 } });

    test("every marker of the server's drawing is a target of 24 × 24 px or more", async ({ page }) => {
      const open = await partWithOpenPin(page);
      await page.route('**/*.wasm', (route) => route.abort());
      await page.goto(open);
      await expect(page.locator('.map-preview a.mark.pin.selected')).toHaveCount(1);
      await page.locator('.map-preview').scrollIntoViewIfNeeded();
      const found = await targets(page, '.map-preview a', '.map-preview-box');
      expect(found.filter((t) => t.dot !== null).length, 'pins').toBeGreaterThan(1);
      expect(found.length, 'clusters too').toBeGreaterThan(found.filter((t) => t.dot !== null).length);
      expectTargets(found);
    });

    test("every marker of Leaflet's map is a target of 24 × 24 px or more", async ({ page }) => {
      const open = await partWithOpenPin(page);
      await openHydrated(page, open);
      await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
      await expect(page.locator('.leaflet-marker-icon .pin.selected')).toHaveCount(1);
      await page.locator('.map').scrollIntoViewIfNeeded();
      const found = await targets(page, '.leaflet-marker-icon.leaflet-interactive', '.leaflet-container');
      expect(found.filter((t) => t.dot !== null).length, 'pins').toBeGreaterThan(1);
      expectTargets(found);
      // The other icons on the map are the places' names: no targets, a pointer goes through them.
      const names = page.locator('.leaflet-marker-icon:not(.leaflet-interactive)');
      expect(await names.count()).toBeGreaterThan(0);
      expect(await names.evaluateAll((els) => els.filter((e) => getComputedStyle(e).pointerEvents !== 'none').map((e) => e.textContent))).toEqual([]);
    });
  });
}
