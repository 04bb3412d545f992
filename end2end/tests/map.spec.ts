import { test, expect, type Page } from '@playwright/test';
import { apiTotals, pageTotals, filterQuery, openHydrated, mapHomes } from './fixtures';

test('the map draws boundaries and markers from our own origin only', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith(baseURL!)) foreign.push(r.url()); });
  await openHydrated(page);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await expect(page.locator('.leaflet-marker-icon').first()).toBeVisible();
  await expect(page.locator('path.leaflet-interactive, .leaflet-overlay-pane path').first()).toBeAttached();
  await expect(page.getByTestId('attribution')).toContainText('CBS / Kadaster');
  await expect(page.getByTestId('attribution')).toContainText('GeoNames');
  await expect(page.getByTestId('demo-banner')).toContainText('Demogegevens');
  expect(foreign).toEqual([]);
  const mark = await page.evaluate(() => performance.getEntriesByName('kaart-getekend').length);
  expect(mark).toBeGreaterThanOrEqual(1);
});

test("the server's drawing of the map stands in until Leaflet has drawn, then goes", async ({ page }) => {
  const response = await page.goto('/?regio=noord');
  // In the page as it came from the server (Leaflet may have replaced it by now): the drawing,
  // with the same totals as the page.
  const drawn = /aria-label="Overzichtskaart: (\d+) projecten/.exec(await response!.text());
  expect(drawn).not.toBeNull();
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  expect(drawn![1]).toBe(await page.getByTestId('total-projects').textContent());
  await expect(page.locator('.map-preview')).toHaveCount(0);
  // Marked twice: the drawing, in the page, and Leaflet's first view.
  expect(await page.evaluate(() => performance.getEntriesByName('kaart-getekend').length)).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => performance.getEntriesByName('kaart-interactief').length)).toBe(1);
});

test('when the WASM cannot load, the drawn map still shows the projects', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/');
  await expect(page.locator('.map-preview .mark.cluster').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.map-preview')).toBeVisible();
});

/** The versioned prefix the page's own files are asked under (`/v/<version>`). */
async function assetPrefix(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const html = await (await request.get('/')).text();
  const prefix = /href="(\/v\/[0-9a-f]+)\/pkg\/woningbouwkaart\.css"/.exec(html);
  expect(prefix, 'the stylesheet at a versioned address').not.toBeNull();
  return prefix![1];
}

test('the WASM and scripts are sent compressed, versioned and kept for a year', async ({ request }) => {
  const prefix = await assetPrefix(request);
  for (const path of ['/pkg/woningbouwkaart.wasm', '/pkg/woningbouwkaart.js', '/pkg/woningbouwkaart.css', '/vendor/leaflet/leaflet.js', '/favicon.svg']) {
    const res = await request.get(prefix + path, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-encoding'], path).toBe('br');
    expect(res.headers()['cache-control'], path).toBe('public, max-age=31536000, immutable');
    // The plain address revalidates: an ETag and a 304 while the file is the same.
    const plain = await request.get(path, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(plain.headers()['cache-control'], path).toBe('no-cache');
    const etag = plain.headers()['etag'];
    expect(etag, path).toBeTruthy();
    const again = await request.get(path, { headers: { 'accept-encoding': 'br, gzip', 'if-none-match': etag } });
    expect(again.status(), path).toBe(304);
  }
  // Another build's version is not this build's file.
  expect((await request.get('/v/000000000000/pkg/woningbouwkaart.js')).status()).toBe(404);
});

test('a returning visitor downloads none of the site\'s files again', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openHydrated(page);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  // What the server sent again (the DevTools protocol says which answers came from a cache).
  const received: { id: string, what: string, cached: boolean }[] = [];
  const fromMemory = new Set<string>();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestServedFromCache', (e) => fromMemory.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    const path = new URL(e.response.url).pathname;
    const cached = !!(e.response.fromDiskCache || e.response.fromPrefetchCache);
    if (path.startsWith('/v/')) received.push({ id: e.requestId, what: `${path} ${e.response.status}`, cached });
  });
  await page.goto('/?regio=noord');
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  // Chromium answers immutable files from its cache without asking the server at all.
  expect(received.length).toBeGreaterThan(3);
  expect(received.filter((r) => !r.cached && !fromMemory.has(r.id)).map((r) => r.what)).toEqual([]);
  await context.close();
});

test("the charts' code is its own compressed file, loaded only where there are charts", async ({ page, request }) => {
  const prefix = await assetPrefix(request);
  const manifest = await (await request.get(`${prefix}/pkg/__wasm_split_manifest.json`)).json();
  const parts = Object.keys(manifest).map((k) => k.replace(/_\d+$/, ''));
  expect(parts).toEqual(['chart_canvases_loader']);
  const files = [...new Set(Object.values(manifest).flat() as string[])];
  for (const file of files) {
    const res = await request.get(`${prefix}/pkg/${file}.wasm`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.status(), file).toBe(200);
    expect(res.headers()['content-encoding'], file).toBe('br');
  }
  const loaded: string[] = [];
  page.on('request', (r) => { if (/\/pkg\/split_.*\.wasm$/.test(r.url())) loaded.push(new URL(r.url()).pathname); });
  await openHydrated(page);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  expect(loaded).toEqual([]);
  await openHydrated(page, '/regio/noord');
  await expect(page.locator('figure.chart[data-painted="true"]').first()).toBeVisible();
  expect(loaded).toEqual(files.map((f) => `${prefix}/pkg/${f}.wasm`));
});

test("the map's points are asked for in the page's head, once, before the WASM runs", async ({ page }) => {
  const points: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/kaart') points.push(r.url()); });
  await openHydrated(page);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await expect(page.locator('head link[rel="preload"][as="fetch"][href^="/api/"]')).toHaveAttribute('href', '/api/kaart');
  expect(points).toHaveLength(1);
  // The one request is the preload's (initiated by the link), which the map's fetch then used.
  const initiators = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname === '/api/kaart').map((e) => (e as PerformanceResourceTiming).initiatorType));
  expect(initiators).toEqual(['link']);
});

test('the names follow the first view, and then every pin has its name', async ({ page, request }) => {
  await openHydrated(page);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const order = await page.evaluate(() => {
    const at = (path: string) => performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === path);
    return { firstDrawn: performance.getEntriesByName('kaart-getekend')[0].startTime, names: at('/api/kaart/namen')?.startTime ?? -1 };
  });
  expect(order.names).toBeGreaterThan(order.firstDrawn);
  const names = new Set(((await (await request.get('/api/projects')).json()).features as any[]).map((f) => f.properties.naam));
  await expect.poll(async () => {
    const titles = await page.locator('.leaflet-marker-icon.pin-icon').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    return titles.length > 0 && titles.every((t) => names.has(t.slice(0, t.lastIndexOf(': '))));
  }).toBe(true);
});

test('clusters show the number of homes', async ({ page, request }) => {
  await openHydrated(page);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  const labels = await page.locator('.cluster b').allTextContents();
  const inClusters = labels.map((t) => Number(t.replace(/\./g, ''))).reduce((a, b) => a + b, 0);
  const pins = await page.locator('.pin').count();
  const all = await apiTotals(request, '');
  // Every home is in a cluster except those of single pins.
  expect(inClusters).toBeLessThanOrEqual(all.homes);
  expect(inClusters).toBeGreaterThan(all.homes * 0.5);
  expect(labels.length + pins).toBeGreaterThan(3);
});

const dimensions: [string, string][] = [
  ['Huur of koop', 'Huur'],
  ['Prijsklasse', 'Sociale huur'],
  ['Regio', 'Zuidwest'],
  ['Gemeente', 'Emmen'],
  ['Status', 'In aanbouw'],
  ['Woonvorm', 'Eengezinswoning'],
  ['Ligging', 'Uitbreiding'],
  ['Soort ontwikkelaar', 'Woningcorporatie'],
  ['Ontwikkelaar', 'Woonconcept'],
];

for (const [group, option] of dimensions) {
  test(`filtering on ${group.toLowerCase()} gives the API's figures`, async ({ page, request }) => {
    await openHydrated(page);
    await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
    const before = await pageTotals(page);
    const dataCalls: string[] = [];
    page.on('request', (r) => { if (/\/api\/(kaart|projects)/.test(r.url())) dataCalls.push(r.url()); });
    const details = page.locator('details.filter-group', { has: page.getByText(group, { exact: true }) });
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    await details.getByLabel(option, { exact: false }).first().check();
    await expect(page).toHaveURL(/\?.+=/);
    await expect.poll(async () => (await pageTotals(page)).projects).not.toBe(before.projects);
    const shown = await pageTotals(page);
    expect(shown).toEqual(await apiTotals(request, filterQuery(page.url())));
    expect(shown.projects).toBeGreaterThan(0);
    // The map filtered its own points to the same homes, without asking the server.
    await expect.poll(() => mapHomes(page)).toBe(shown.homes);
    expect(dataCalls).toEqual([]);
  });
}

test('a filter change is on the map before the URL, the list and the totals follow it', async ({ page, request }) => {
  // Each redraw notes the URL it happened under.
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    (window as any).drawnAt = [];
    performance.mark = (name: string, ...rest: any[]) => {
      if (name === 'kaart-getekend') (window as any).drawnAt.push(location.search);
      return mark(name, ...rest);
    };
  });
  await openHydrated(page);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const before = await page.evaluate(() => (window as any).drawnAt.length);
  const details = page.locator('details.filter-group', { has: page.getByText('Ligging', { exact: true }) });
  await details.locator('summary').click();
  await details.getByLabel('Inbreiding', { exact: false }).first().check();
  await expect(page).toHaveURL(/ligging=inbreiding/);
  const redraws: string[] = (await page.evaluate(() => (window as any).drawnAt)).slice(before);
  // Drawn once, while the URL was still the old one; the URL's change found it drawn.
  expect(redraws).toEqual(['']);
  const shown = await apiTotals(request, 'ligging=inbreiding');
  await expect.poll(async () => (await pageTotals(page)).homes).toBe(shown.homes);
  expect(await mapHomes(page)).toBe(shown.homes);
});

/** Every marker as it looks and reads: its kind, what it shows, its size and place, its title. */
async function markerLooks(page: Page): Promise<string[]> {
  const looks = await page.locator('.leaflet-marker-icon').evaluateAll((els) => els.map((e) => {
    const el = e as HTMLElement;
    const kind = el.classList.contains('pin-icon') ? 'pin' : el.classList.contains('cluster-icon') ? 'cluster' : 'other';
    const s = el.style;
    return [kind, el.innerHTML, s.width, s.height, s.marginLeft, s.marginTop, s.transform, el.title].join(' | ');
  }));
  return looks.sort();
}

test("filter changes redraw the markers in place exactly as a fresh page draws them", async ({ page }) => {
  await openHydrated(page);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const details = page.locator('details.filter-group', { has: page.getByText('Ligging', { exact: true }) });
  await details.locator('summary').click();
  // Inner-city plans, then all of them, then only the others: clusters become pins and pins
  // clusters, counts and sizes change.
  const box = (option: string) => details.getByLabel(option, { exact: false }).first();
  await box('Inbreiding').check();
  await expect(page).toHaveURL(/ligging=inbreiding/);
  await box('Uitbreiding').check();
  await expect(page).toHaveURL(/ligging=uitbreiding/);
  await box('Inbreiding').uncheck();
  await expect(page).not.toHaveURL(/ligging=inbreiding/);
  await page.waitForLoadState('networkidle');
  await expect.poll(async () => (await markerLooks(page)).filter((l) => l.includes('| Woningbouwproject: '))).toEqual([]);
  const redrawn = await markerLooks(page);
  await openHydrated(page, new URL(page.url()).pathname + new URL(page.url()).search);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => markerLooks(page)).toEqual(redrawn);
  expect(redrawn.some((l) => l.startsWith('cluster'))).toBe(true);
  expect(redrawn.some((l) => l.startsWith('pin'))).toBe(true);
});

test('a year range filters on expected delivery', async ({ page, request }) => {
  await openHydrated(page);
  await page.locator('select[name="van"]').selectOption('2027');
  await expect(page).toHaveURL(/van=2027/);
  await page.locator('select[name="tot"]').selectOption('2028');
  await expect(page).toHaveURL(/tot=2028/);
  await expect.poll(async () => pageTotals(page)).toEqual(await apiTotals(request, 'van=2027&tot=2028'));
});

test('a mixed project counts only the homes in the selected class', async ({ page }) => {
  await openHydrated(page, '/?prijsklasse=betaalbare-koop&gemeente=GM1731');
  const row = page.locator('a.row', { hasText: 'Beilen Havengebied' });
  await expect(row).toContainText('12 woningen');
});

test('opening a project shows its detail and marks it in the list', async ({ page }) => {
  await openHydrated(page, '/?gemeente=GM1731');
  await page.locator('a.row', { hasText: 'Beilen Havengebied' }).click();
  await expect(page).toHaveURL(/project=GM1731-beilen-havengebied/);
  const detail = page.getByRole('complementary');
  await expect(detail.getByRole('heading', { name: 'Beilen Havengebied' })).toBeVisible();
  await expect(detail).toContainText('43');
  await expect(detail).toContainText('Bij benadering');
  // Its status history, fetched with the detail: the demo put it on the map with one status.
  const steps = detail.getByRole('list', { name: 'Statusverloop' }).getByRole('listitem');
  await expect(steps).toHaveCount(1);
  await expect(steps.first()).toHaveAttribute('aria-current', 'step');
  await expect(page.locator('a.row[aria-current="true"]')).toHaveAttribute('data-id', 'GM1731-beilen-havengebied');
});

test('a deep link restores filters and selection after reload', async ({ page }) => {
  await openHydrated(page, '/?regio=noord&status=vergund');
  const first = page.locator('a.row').first();
  const id = await first.getAttribute('data-id');
  await first.click();
  await expect(page).toHaveURL(new RegExp(`project=${id}`));
  await page.reload();
  await expect(page.locator('.page[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator('input[name=regio][value=noord]')).toBeChecked();
  await expect(page.locator('input[name=status][value=vergund]')).toBeChecked();
  await expect(page.locator(`a.row[data-id="${id}"]`)).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('complementary').getByRole('heading', { level: 2 })).toBeVisible();
});

test('Back and Forward move through filter states', async ({ page }) => {
  await openHydrated(page);
  await page.locator('input[name=huurkoop][value=koop]').check();
  await expect(page).toHaveURL(/huurkoop=koop/);
  await page.locator('input[name=regio][value=zuidoost]').check();
  await expect(page).toHaveURL(/regio=zuidoost/);
  await page.goBack();
  await expect(page).not.toHaveURL(/regio=zuidoost/);
  await expect(page.locator('input[name=regio][value=zuidoost]')).not.toBeChecked();
  await expect(page.locator('input[name=huurkoop][value=koop]')).toBeChecked();
  await page.goForward();
  await expect(page.locator('input[name=regio][value=zuidoost]')).toBeChecked();
});

test('an empty result explains itself and offers to clear the filters', async ({ page }) => {
  await openHydrated(page, '/?huurkoop=huur&prijsklasse=dure-koop');
  await expect(page.getByText('Geen projecten gevonden')).toBeVisible();
  await page.getByRole('link', { name: 'Wis alle filters' }).first().click();
  await expect(page.locator('a.row').first()).toBeVisible();
});

test('arrow keys move through the list', async ({ page }) => {
  await openHydrated(page);
  const rows = page.locator('a.row');
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.first()).toBeFocused();
});

test('filtering stays on the page: the keyboard stays on the ticked box, groups and lists stay as they were, the map stays', async ({ page }) => {
  await openHydrated(page);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  // Marks on this page's map element and window: a page loaded anew has neither.
  await page.evaluate(() => { (window as any).samePage = true; (document.querySelector('.map') as any).sameMap = true; });
  // A closed group opened by hand and left; another opened, its list scrolled, a box in it
  // ticked with the keyboard.
  const other = page.locator('#g-woonvorm');
  await other.locator('summary').click();
  await expect(other).toHaveAttribute('open', '');
  const group = page.locator('#g-ontwikkelaar');
  await group.locator('summary').click();
  const list = group.locator('fieldset');
  await list.evaluate((e) => { e.scrollTop = 120; });
  const box = group.locator('input[type=checkbox]').nth(6);
  const id = await box.getAttribute('id');
  await box.focus();
  const scrolled = await list.evaluate((e) => e.scrollTop);
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/ontwikkelaar=/);
  // The server's new form is in (its counts follow the filter) ...
  await expect(page.getByTestId('total-projects')).not.toHaveText(/^\s*$/);
  await expect.poll(() => page.evaluate(() => document.querySelector('#filters .count')?.textContent)).toBeTruthy();
  // ... and the resident is where they were.
  await expect(page.locator(`#${id}`)).toBeFocused();
  await expect(page.locator(`#${id}`)).toBeChecked();
  await expect(group).toHaveAttribute('open', '');
  await expect(other).toHaveAttribute('open', '');
  expect(await list.evaluate((e) => e.scrollTop)).toBe(scrolled);
  expect(await page.evaluate(() => (window as any).samePage && (document.querySelector('.map') as any).sameMap)).toBe(true);
  // The list and the totals are the server's for the new URL: read together, so that totals read
  // before the server's answer was swapped in are not compared with the list after it.
  await expect
    .poll(async () => {
      const total = Number((await page.getByTestId('total-projects').textContent())!.replace(/\./g, ''));
      return (await page.locator('a.row').count()) === Math.min(total, 50);
    })
    .toBe(true);
});
