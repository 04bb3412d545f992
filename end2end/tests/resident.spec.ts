import { test, expect, type Page } from '@playwright/test';
import { openHydrated } from './fixtures';

// The resident's everyday path: a laptop or a phone with a project open, the keyboard alone,
// the markers, the filters folded on a phone, and printing a project.

const project = '/?gemeente=GM1731&project=GM1731-beilen-havengebied';

/** Boxes of the map, the detail and the page, and whether anything sticks out sideways. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const box = (s: string) => document.querySelector(s)?.getBoundingClientRect().toJSON() ?? null;
    const cut = [...document.querySelectorAll('.row-name, .detail h2, .detail dd')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent);
    return { map: box('.map'), detail: box('.detail'), width: innerWidth, height: innerHeight, overflow: document.documentElement.scrollWidth - innerWidth, cut };
  });
}

for (const [width, height] of [[1920, 1080], [1440, 900], [1280, 800], [1024, 768], [800, 600]]) {
  test(`at ${width} px with a project open the map keeps 40% of the width and nothing is cut`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openHydrated(page, project);
    await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
    const m = await measure(page);
    expect(m.map!.width / width, JSON.stringify(m)).toBeGreaterThanOrEqual(0.4);
    // The detail beside the map, whole, and its heading on the first screen.
    expect(m.detail!.x >= 0 && m.detail!.x + m.detail!.width <= width, JSON.stringify(m.detail)).toBe(true);
    expect(m.detail!.y).toBeLessThan(height);
    expect(m.overflow).toBeLessThanOrEqual(0);
    expect(m.cut).toEqual([]);
  });
}

for (const width of [390, 320]) {
  test(`on a ${width} px phone the filters are folded and the map is on the first screen`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await openHydrated(page);
    const fold = page.locator('#filter-fold');
    await expect(fold).not.toHaveAttribute('open');
    await expect(page.locator('input[name=regio]').first()).toBeHidden();
    const m = await measure(page);
    expect(m.map!.y + 200, 'at least 200 px of the map on the first screen').toBeLessThan(844);
    expect(m.overflow).toBeLessThanOrEqual(0);
    // The fold opens with a tap and says what was chosen.
    await fold.locator('> summary').click();
    await page.locator('input[name=huurkoop][value=huur]').check();
    await expect(page).toHaveURL(/huurkoop=huur/);
    await expect(fold.locator('> summary')).toContainText('(1 gekozen)');
  });
}

test('on a phone a shared project link opens with the project on the first screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openHydrated(page, project);
  const heading = page.locator('.detail h2');
  const box = (await heading.boundingBox())!;
  expect(box.y + box.height).toBeLessThan(844);
});

test('on a phone a project chosen in the list opens on screen, focused', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openHydrated(page, '/?weergave=lijst');
  const row = page.locator('a.row').nth(12);
  const name = (await row.locator('.row-name').textContent())!;
  await row.click();
  const heading = page.locator('#detail-titel');
  await expect(heading).toHaveText(name);
  await expect(heading).toBeFocused();
  const box = (await heading.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(-1);
  expect(box.y + box.height).toBeLessThan(844);
});

test('keyboard only: Enter on a row opens the detail at its heading, Escape closes it and returns to the row', async ({ page }) => {
  await openHydrated(page, '/?gemeente=GM1731');
  const row = page.locator('a.row').nth(2);
  const id = await row.getAttribute('data-id');
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`project=${id}`));
  await expect(page.locator('#detail-titel')).toBeFocused();
  // The detail's first control is the next stop, not fifty stops away.
  await page.keyboard.press('Tab');
  await expect(page.locator('.detail :focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/project=/);
  await expect(page.locator('.detail')).toHaveCount(0);
  await expect(page.locator(`a.row[data-id="${id}"]`)).toBeFocused();
});

test('the close button returns the keyboard to the row too', async ({ page }) => {
  await openHydrated(page, '/?gemeente=GM1731');
  const row = page.locator('a.row').nth(1);
  const id = await row.getAttribute('data-id');
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#detail-titel')).toBeFocused();
  await page.getByRole('link', { name: 'Sluit projectdetails' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.detail')).toHaveCount(0);
  await expect(page.locator(`a.row[data-id="${id}"]`)).toBeFocused();
});

test('markers are buttons with names: Enter on a cluster zooms into it, Enter on a pin opens its project', async ({ page }) => {
  await openHydrated(page);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Inzoomen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Uitzoomen' })).toBeVisible();
  const cluster = page.locator('.leaflet-marker-icon.cluster-icon').first();
  const name = (await cluster.getAttribute('title'))!;
  expect(name).toMatch(/^[\d.]+ projecten met [\d.]+ woningen/);
  await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
  await cluster.focus();
  await page.keyboard.press('Enter');
  // Zoomed in: the keyboard is on the map, and that cluster is no longer drawn as it was.
  await expect(page.locator('.leaflet-container')).toBeFocused();
  await expect(page.locator(`.leaflet-marker-icon[title="${name}"]`)).toHaveCount(0);

  await openHydrated(page, '/?gemeente=GM1731');
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  const pin = page.locator('.leaflet-marker-icon.pin-icon').first();
  await expect(pin).toHaveAttribute('title', /: [\d.]+ woning/);
  const projectName = (await pin.getAttribute('title'))!.replace(/: [\d.]+ woning.*$/, '');
  await pin.focus();
  await page.keyboard.press(' ');
  await expect(page).toHaveURL(/project=/);
  await expect(page.locator('#detail-titel')).toHaveText(projectName);
  await expect(page.locator('#detail-titel')).toBeFocused();
});

test('a project prints with a small map above it and without the controls', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openHydrated(page, project);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.filter-fold')).toBeHidden();
  await expect(page.locator('.project-list')).toBeHidden();
  await expect(page.locator('.detail .close')).toBeHidden();
  const map = (await page.locator('.map').boundingBox())!;
  const detail = (await page.locator('.detail').boundingBox())!;
  expect(map.height).toBeLessThan(320);
  expect(detail.y).toBeGreaterThan(map.y + map.height - 1);
  expect(detail.width).toBeGreaterThan(1000);
  await expect(page.locator('.demo-banner')).toBeVisible();
});

test('clusters show their price-class mix as a ring in the legend colours, and a class filter leaves one colour', async ({ page }) => {
  await openHydrated(page, '/');
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  const legend = page.locator('.legend');
  await expect(legend).toContainText('de ring toont hun prijsklassen');
  // The legend's colours by class, from its swatches.
  const colours = await legend.locator('li .swatch[class*="c-"]').evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.className.replace('swatch ', ''), getComputedStyle(e).backgroundColor])));
  const rings = async () => page.locator('.leaflet-marker-icon .cluster').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundImage));
  const all = await rings();
  expect(all.length).toBeGreaterThan(3);
  for (const ring of all) expect(ring).toContain('conic-gradient');
  // Over the whole province the rings show several classes.
  const used = Object.entries(colours).filter(([, rgb]) => all.some((r) => r.includes(rgb))).map(([c]) => c);
  expect(used.length, used.join(', ')).toBeGreaterThanOrEqual(4);
  // Only sociale huur selected: every ring is that one colour.
  await page.goto('/?prijsklasse=sociale-huur');
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  const social = await rings();
  expect(social.length).toBeGreaterThan(0);
  for (const ring of social) {
    expect(ring).toContain(colours['c-sociale-huur']);
    for (const [c, rgb] of Object.entries(colours)) if (c !== 'c-sociale-huur') expect(ring).not.toContain(rgb);
  }
});
