import { test, expect, type Page, type Locator } from '@playwright/test';

// The server's drawing of the map takes clicks from its first paint (issue 24): its clusters
// and pins are links, so a resident who clicks before the WASM has loaded (blocked here) gets
// what Leaflet would give: a cluster zooms into its area, a pin opens its project. Leaflet then
// starts on exactly what was drawn.

type Bounds = [number, number, number, number];

const bounds = async (page: Page): Promise<Bounds> =>
  (await page.locator('.map-preview-box').getAttribute('data-bounds'))!.split(',').map(Number) as Bounds;

/** Web Mercator y (at zoom 0, in 256 px): to place a point of the drawing in degrees. */
const mercY = (lat: number) => (1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2 * 256;
const latOfY = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 256))) * 180) / Math.PI;

/** Where a mark of the drawing is, in degrees, from its place in percent of the drawing. */
async function lonLatOf(page: Page, mark: Locator): Promise<[number, number]> {
  const [w, s, e, n] = await bounds(page);
  const [left, top] = await mark.evaluate((el) => [parseFloat((el as HTMLElement).style.left), parseFloat((el as HTMLElement).style.top)]);
  return [w + (e - w) * (left / 100), latOfY(mercY(n) + (mercY(s) - mercY(n)) * (top / 100))];
}

/** Projects and homes a drawn mark stands for, from its name. */
async function counted(mark: Locator): Promise<number> {
  const label = (await mark.getAttribute('aria-label'))!;
  return /^(\d+) projecten/.exec(label) ? Number(/^(\d+)/.exec(label)![1]) : 1;
}

async function drawnProjects(page: Page): Promise<number> {
  let sum = 0;
  for (const mark of await page.locator('.map-preview a.mark').all()) sum += await counted(mark);
  return sum;
}

test.describe('with the WASM blocked', () => {
  test.beforeEach(async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.abort());
  });

  test('a click on a drawn cluster zooms into its area, a click on a pin opens its project', async ({ page }) => {
    await page.goto('/');
    const whole = await bounds(page);
    // The cluster with the most projects.
    const clusters = page.locator('.map-preview a.mark.cluster');
    let biggest = clusters.first();
    for (const c of await clusters.all()) if ((await counted(c)) > (await counted(biggest))) biggest = c;
    const members = await counted(biggest);
    const at = await lonLatOf(page, biggest);
    expect(members).toBeGreaterThan(1);
    await biggest.click();
    await expect(page).toHaveURL(/uitsnede=/);
    await expect(page.locator('.map-preview-box.part')).toBeVisible();
    // Zoomed in on the cluster: a much smaller part of the province, around where it was.
    const part = await bounds(page);
    expect((part[2] - part[0]) / (whole[2] - whole[0])).toBeLessThan(0.25);
    expect(at[0] > part[0] && at[0] < part[2] && at[1] > part[1] && at[1] < part[3], `${at} in ${part}`).toBe(true);
    // Its projects are all there, split into smaller clusters or pins (and perhaps neighbours).
    expect(await drawnProjects(page)).toBeGreaterThanOrEqual(members);
    // The label of the map says what this part holds.
    await expect(page.getByRole('group', { name: /^Overzichtskaart/ })).toBeVisible();
    // Zoom in until a pin is there, and open it.
    for (let i = 0; i < 4 && (await page.locator('.map-preview a.mark.pin').count()) === 0; i++) {
      await page.locator('.map-preview a.mark.cluster').first().click();
      await expect(page.locator('.map-preview-box.part')).toBeVisible();
    }
    const pin = page.locator('.map-preview a.mark.pin').first();
    const name = (await pin.getAttribute('aria-label'))!.split(':')[0];
    await pin.click();
    await expect(page).toHaveURL(/project=/);
    await expect(page).toHaveURL(/uitsnede=/);
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    // The open project's pin is marked on the drawn map.
    await expect(page.locator('.map-preview a.mark.pin.selected')).toHaveCount(1);
  });

  test('the drawn map is reached and used with the keyboard', async ({ page }) => {
    await page.goto('/');
    const cluster = page.locator('.map-preview a.mark.cluster').first();
    await cluster.focus();
    await expect(cluster).toBeFocused();
    await expect(cluster).toHaveAccessibleName(/^\d+ projecten met [\d.]+ woningen/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/uitsnede=/);
  });
});

test('a part that holds none of the filtered projects gives way to where they are', async ({ page }) => {
  // The north-east corner of Drenthe, and a filter for Meppel (in the south-west).
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/?uitsnede=6.9,53.0,7.1,53.1');
  expect((await bounds(page))[0]).toBeGreaterThan(6.85);
  await page.goto('/?uitsnede=6.9,53.0,7.1,53.1&gemeente=GM0119');
  const [w, , e] = await bounds(page);
  expect(e).toBeLessThan(6.5);
  expect(w).toBeLessThan(6.3);
  await page.goto('/?uitsnede=oost');
  await expect(page.getByRole('alert')).toContainText("uitsnede: 'oost'");
});

/** The centres of the place names on screen: the drawing's SVG texts or Leaflet's labels. */
async function names(page: Page, selector: string): Promise<Map<string, [number, number]>> {
  const found = await page.locator(selector).evaluateAll((els) =>
    els.map((el) => { const r = el.getBoundingClientRect(); return [el.textContent, r.x + r.width / 2, r.y + r.height / 2]; }));
  return new Map(found.map(([t, x, y]) => [t as string, [x as number, y as number]]));
}

for (const width of [1280, 390]) {
  test(`Leaflet takes over where the drawing is, without a jump (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    // Held back until the drawing's names are measured.
    let release = () => {};
    const held = new Promise<void>((r) => { release = r; });
    await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
    await page.goto('/?uitsnede=6.45,52.80,6.70,52.95');
    await page.locator('.map-preview').scrollIntoViewIfNeeded();
    const drawn = await names(page, '.map-preview-lines .names text');
    expect(drawn.size).toBeGreaterThan(2);
    release();
    await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
    await expect(page.locator('.place-label').first()).toBeAttached();
    const live = await names(page, '.place-label span');
    const both = [...drawn.keys()].filter((n) => live.has(n));
    expect(both.length, [...drawn.keys()].join(', ')).toBeGreaterThan(1);
    // Every name shifted by the same few pixels at most (the labels' own anchor), and the
    // distances between names the same: same centre, same scale.
    const shifts = both.map((n) => [live.get(n)![0] - drawn.get(n)![0], live.get(n)![1] - drawn.get(n)![1]]);
    for (const [dx, dy] of shifts) expect(Math.hypot(dx, dy), JSON.stringify(shifts)).toBeLessThan(12);
    const [a, b] = [both[0], both[both.length - 1]];
    const d = (m: Map<string, [number, number]>) => Math.hypot(m.get(a)![0] - m.get(b)![0], m.get(a)![1] - m.get(b)![1]);
    expect(Math.abs(d(live) / d(drawn) - 1), `${a}–${b}: ${d(drawn)} drawn, ${d(live)} live`).toBeLessThan(0.02);
  });
}

/** The part of the map the URL names (`uitsnede`), or null. */
const partInUrl = (page: Page): Bounds | null => {
  const v = new URL(page.url()).searchParams.get('uitsnede');
  return v ? (v.split(',').map(Number) as Bounds) : null;
};

test('the URL follows the moved map: a filter keeps the part, a copied link opens there', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await expect(page.locator('.page[data-hydrated="true"]')).toBeVisible();
  expect(partInUrl(page)).toBeNull();
  const entries = await page.evaluate(() => history.length);
  // In with the map's button, then east with the keyboard, as a resident without a mouse would.
  await page.getByRole('button', { name: 'Inzoomen' }).click();
  await expect(page).toHaveURL(/uitsnede=/);
  const zoomed = partInUrl(page)!;
  await page.getByRole('button', { name: 'Inzoomen' }).click();
  await expect.poll(() => partInUrl(page)![2] - partInUrl(page)![0]).toBeLessThan((zoomed[2] - zoomed[0]) * 0.6);
  const inner = partInUrl(page)!;
  await page.locator('.leaflet-container').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => partInUrl(page)![0]).toBeGreaterThan(inner[0] + (inner[2] - inner[0]) * 0.05);
  const part = partInUrl(page)!;
  // A move replaces the history entry: Back would not undo a pan.
  expect(await page.evaluate(() => history.length)).toBe(entries);

  // A filter keeps the map's part; the page's parts are asked for without it (they do not
  // depend on it: the server's cache answers).
  const asked: string[] = [];
  page.on('request', (r) => { if (r.headers()['x-alleen-onderdelen']) asked.push(r.url()); });
  await page.locator('input[name=huurkoop][value=koop]').check();
  await expect(page).toHaveURL(/huurkoop=koop/);
  expect(partInUrl(page)).toEqual(part);

  // The link, opened elsewhere before any WASM: the server draws the same part.
  const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await other.route('**/*.wasm', (route) => route.abort());
  await other.goto(page.url());
  await expect(other.locator('.map-preview-box.part')).toBeVisible();
  const [w, s, e, n] = await bounds(other);
  const centre = [(part[0] + part[2]) / 2, (part[1] + part[3]) / 2];
  const width = part[2] - part[0];
  expect(Math.abs((w + e) / 2 - centre[0]), `${[w, s, e, n]} for ${part}`).toBeLessThan(width * 0.05);
  expect(Math.abs((s + n) / 2 - centre[1]), `${[w, s, e, n]} for ${part}`).toBeLessThan((part[3] - part[1]) * 0.05);
  expect((e - w) / width, `${[w, s, e, n]} for ${part}`).toBeGreaterThan(0.9);
  expect((e - w) / width, `${[w, s, e, n]} for ${part}`).toBeLessThan(2);
  await other.close();

  // So does a project opened from the list (the map moves to it if it was out of view, and the
  // URL with it).
  await page.locator('a.row').first().click();
  await expect(page).toHaveURL(/project=/);
  expect(partInUrl(page)).not.toBeNull();
  await expect.poll(() => asked.length).toBe(2);
  expect(asked.filter((u) => u.includes('uitsnede'))).toEqual([]);
});

test('Back returns the map to where it was at that step, exactly', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await expect(page.locator('.page[data-hydrated="true"]')).toBeVisible();
  await page.getByRole('button', { name: 'Inzoomen' }).click();
  await expect(page).toHaveURL(/uitsnede=/);
  const before = await names(page, '.place-label span');
  expect(before.size).toBeGreaterThan(2);
  // A filter (a step in the history), then a move on that step.
  await page.locator('input[name=huurkoop][value=koop]').check();
  await expect(page).toHaveURL(/huurkoop=koop/);
  const filtered = partInUrl(page)!;
  await page.locator('.leaflet-container').focus();
  const shift = async () => {
    const now = await names(page, '.place-label span');
    const both = [...before.keys()].filter((n) => now.has(n));
    return both.length < 2 ? Infinity : Math.max(...both.map((n) => Math.hypot(now.get(n)![0] - before.get(n)![0], now.get(n)![1] - before.get(n)![1])));
  };
  // Three steps of 80 px (Leaflet ignores a key while it is still moving), each written into
  // the URL when it ends.
  for (let i = 1; i <= 3; i++) {
    const at = page.url();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.url()).not.toBe(at);
  }
  expect(await shift()).toBeGreaterThan(200);
  expect(partInUrl(page)![0]).toBeGreaterThan(filtered[0]);
  await page.goBack();
  await expect(page).not.toHaveURL(/huurkoop=koop/);
  await expect(page.locator('input[name=huurkoop][value=koop]')).not.toBeChecked();
  await expect.poll(shift).toBeLessThan(3);
  // Forward: the filter again, and the map where it was moved to on that step.
  await page.goForward();
  await expect(page.locator('input[name=huurkoop][value=koop]')).toBeChecked();
  await expect.poll(shift).toBeGreaterThan(200);
});
