import { test, expect, type Page, type APIRequestContext } from '@playwright/test';

// The page must not jump while it loads on a phone. What can make it jump lies in the order the
// page is read: a layout the stylesheet decides with `:has()` on something later in the page
// holds only from a frame after the first paint, as do the filters a script folds after them,
// and the map's frame needs its height before its own element arrives after the server's
// drawing. Each page here is loaded afresh and its shifts summed as
// Lighthouse and Chrome's field data do (shifts without recent input), for the first five
// seconds: reading, hydration and Leaflet taking over from the drawing.

/** A public project of Emmen, for its own link (`/?project=`). */
async function someProject(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/projects?gemeente=GM0114');
  expect(res.status()).toBe(200);
  return (await res.json()).features[0].id;
}

type Shift = { at: number, value: number, moved: string[] };

/** The layout shifts of a fresh load of `path` in its first five seconds. */
async function shiftsOf(page: Page, path: string): Promise<Shift[]> {
  await page.addInitScript(() => {
    const found: Shift[] = [];
    (window as any).__shifts = found;
    const name = (node: Node | null): string => {
      const el = node && (node.nodeType === Node.ELEMENT_NODE ? node as Element : node.parentElement);
      if (!el) return '?';
      return el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) {
        if (e.hadRecentInput) continue;
        const moved = (e.sources ?? []).map((s: any) =>
          `${name(s.node)} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} (${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)} high)`);
        found.push({ at: Math.round(e.startTime), value: e.value, moved });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(path);
  await page.waitForFunction(() => performance.now() > 5000, null, { polling: 250, timeout: 15_000 });
  return page.evaluate(() => (window as any).__shifts as Shift[]);
}

async function expectSteady(page: Page, path: string) {
  const shifts = await shiftsOf(page, path);
  const total = shifts.reduce((sum, s) => sum + s.value, 0);
  expect(total, `${path}: ${JSON.stringify(shifts, null, 1)}`).toBeLessThan(0.1);
}

const paths: [string, (request: APIRequestContext) => Promise<string>][] = [
  ['the map', async () => '/'],
  ["a project's own link", async (request) => `/?project=${encodeURIComponent(await someProject(request))}`],
  ['the figures per region', async () => '/regio'],
];

test.describe('on a phone with a slow processor (390 × 844, CPU ×4)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  for (const [what, path] of paths) {
    test(`${what} does not move while it loads`, async ({ page, request }) => {
      // Lighthouse's mobile run slows the processor four times: the page is then read in
      // several pieces, with frames painted in between.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await expectSteady(page, await path(request));
    });
  }
});

test.describe('on a laptop (1280 × 800)', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  for (const [what, path] of paths) {
    test(`${what} does not move while it loads`, async ({ page, request }) => {
      await expectSteady(page, await path(request));
    });
  }
});
