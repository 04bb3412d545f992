import { test, expect } from '@playwright/test';
import { apiTotals, pageTotals } from './fixtures';

// This file runs with JavaScript disabled: the server-rendered page must be useful on its own.

test('the server renders the filtered list and totals for the URL', async ({ page, request }) => {
  await page.goto('/?regio=zuidoost&prijsklasse=sociale-huur');
  await expect(page.locator('a.row').first()).toBeVisible();
  expect(await pageTotals(page)).toEqual(await apiTotals(request, 'prijsklasse=sociale-huur&regio=zuidoost'));
  await expect(page.locator('input[name=regio][value=zuidoost]')).toBeChecked();
  // The server draws the map: the filtered projects in clusters on the region's boundaries.
  const map = page.getByRole('group', { name: /^Overzichtskaart/ });
  await expect(map).toBeVisible();
  const totals = await apiTotals(request, 'prijsklasse=sociale-huur&regio=zuidoost');
  const label = (await map.getAttribute('aria-label')) ?? '';
  const [projects, homes] = [...label.matchAll(/([\d.]+) (?:project|woning)/g)].map((m) => Number(m[1].replace(/\./g, '')));
  expect({ projects, homes }).toEqual(totals);
  await expect(page.locator('.map-preview .mark').first()).toBeVisible();
  await expect(page.locator('.map-preview-lines path.thick')).toBeAttached();
  await expect(page.getByText('Zonder JavaScript is dit een vaste kaart: klik op een groep om in te zoomen')).toBeVisible();
  // Every marker lies on the map, not outside its frame.
  const frame = (await page.locator('.map-preview').boundingBox())!;
  for (const box of await page.locator('.map-preview .mark').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    expect(x >= frame.x && x <= frame.x + frame.width && y >= frame.y && y <= frame.y + frame.height, JSON.stringify(box)).toBe(true);
  }
});

test('the filter form works without JavaScript', async ({ page, request }) => {
  await page.goto('/');
  await page.locator('input[name=regio][value=zuidwest]').check();
  await page.getByRole('button', { name: 'Toon resultaten' }).click();
  await expect(page).toHaveURL(/regio=zuidwest/);
  expect(await pageTotals(page)).toEqual(await apiTotals(request, 'regio=zuidwest'));
});

test('a project opens from the list without JavaScript', async ({ page }) => {
  await page.goto('/?gemeente=GM0118');
  await page.locator('a.row', { hasText: 'Hoogeveen Kemperstraat' }).click();
  await expect(page.getByRole('heading', { name: 'Hoogeveen Kemperstraat' })).toBeVisible();
  await expect(page.getByRole('complementary')).toContainText('Woonconcept');
});

test('a bad parameter is explained, not fatal', async ({ page }) => {
  await page.goto('/?prijsklasse=goedkoop');
  await expect(page.getByRole('alert')).toContainText("prijsklasse");
  await expect(page.locator('a.row').first()).toBeVisible();
});

test('search without JavaScript: the form opens the search page, a place opens the map around it with its municipality listed', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Zoek een plaats of project').fill('beilen');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/\/zoeken\?q=beilen/);
  const results = page.getByTestId('search-results');
  await results.getByRole('link', { name: 'Beilen', exact: true }).click();
  await expect(page).toHaveURL(/gemeente=GM1731/);
  await expect(page).toHaveURL(/plaats=beilen/);
  await expect(page.locator('input[name=gemeente][value=GM1731]')).toBeChecked();
  // The map is drawn around the place, its name on it.
  await expect(page.locator('.map-preview-box.part')).toBeVisible();
  await expect(page.locator('.map-preview-lines .names text', { hasText: /^Beilen$/ })).toBeVisible();
  // A project found opens its detail.
  await page.goto('/zoeken?q=havengebied');
  await page.getByTestId('search-results').getByRole('link', { name: 'Beilen Havengebied' }).click();
  await expect(page.locator('.detail h2')).toContainText('Beilen Havengebied');
});

test('on a phone without JavaScript the filters are open and usable', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.locator('#filter-fold')).toHaveAttribute('open');
  await expect(page.locator('input[name=regio]').first()).toBeVisible();
  await page.locator('input[name=regio][value=noord]').check();
  await page.getByRole('button', { name: 'Toon resultaten' }).click();
  await expect(page).toHaveURL(/regio=noord/);
});

test('the footer and the price classes page work without JavaScript', async ({ page }) => {
  await page.goto('/');
  const footer = page.locator('footer');
  await footer.getByRole('link', { name: 'Prijsklassen uitgelegd' }).click();
  await expect(page).toHaveURL(/\/prijsklassen/);
  await expect(page.locator('#jaar-2024')).toBeVisible();
  await expect(page.locator('#jaar-2024')).toContainText('€');
  await page.goBack();
  await page.locator('footer').getByRole('link', { name: 'Toegankelijkheid' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toegankelijkheid');
});

test('without JavaScript the drawn map zooms into a cluster and keeps the part across a filter', async ({ page }) => {
  await page.goto('/');
  await page.locator('.map-preview a.mark.cluster').first().click();
  await expect(page).toHaveURL(/uitsnede=/);
  await expect(page.locator('.map-preview-box.part')).toBeVisible();
  const part = new URL(page.url()).searchParams.get('uitsnede');
  // A filter chosen in this part keeps it while projects are left in it.
  await page.locator('input[name=huurkoop][value=huur]').check();
  await page.getByRole('button', { name: 'Toon resultaten' }).click();
  await expect(page).toHaveURL(/huurkoop=huur/);
  expect(new URL(page.url()).searchParams.get('uitsnede')).toBe(part);
  await expect(page.locator('.map-preview-box.part')).toBeVisible();
});
