import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openHydrated } from './fixtures';
import { createToken, emmenCsv } from './delivery';

// Pages without a map: checked as the server sent them.
const textPages = ['/bestaat-niet', '/gemeente/GM9999', '/prijsklassen#jaar-2024', '/toegankelijkheid', '/zoeken?q=beil', '/zoeken?q=qqxqq',
  // The open data's pages for people.
  '/api/v1?f=html', '/api/v1/collections/projecten?f=html', '/api/v1/collections/projecten/items?f=html&limit=20', '/api/v1/collections/projecten/items/GM1731-beilen-havengebied?f=html'];
for (const path of ['/', '/?gemeente=GM1731&project=GM1731-beilen-havengebied', '/?huurkoop=huur&prijsklasse=dure-koop', '/?project=bestaat-niet', ...textPages]) {
  test(`no accessibility violations on ${path}`, async ({ page }) => {
    if (textPages.includes(path)) {
      await page.goto(path);
    } else {
      await openHydrated(page, path);
      await expect(page.locator('.map[data-painted="true"], .empty').first()).toBeVisible();
    }
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  });
}

for (const path of ['/regio', '/regio/zuidwest?prijsklasse=sociale-huur', '/gemeente/GM0114']) {
  test(`no accessibility violations on the figures page ${path}`, async ({ page }) => {
    await openHydrated(page, path);
    await expect(page.locator('.chart[data-painted="true"]').first()).toBeVisible();
    // With every table open, so they are checked too.
    await page.locator('details.chart-table').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  });
}

test('no accessibility violations on the server-rendered figures page (SVG charts)', async ({ page }) => {
  await page.route(/\/(pkg|vendor)\//, (route) => (route.request().resourceType() === 'stylesheet' ? route.continue() : route.abort()));
  await page.goto('/regio/noord');
  await expect(page.locator('.chart-svg svg').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});

test('no accessibility violations on the server-rendered page before any script runs', async ({ page }) => {
  // axe needs JavaScript in the page, so instead of switching it off, the app's own scripts are
  // blocked: what is checked is exactly the HTML the server sent.
  await page.route(/\/(pkg|vendor)\//, (route) => (route.request().resourceType() === 'stylesheet' ? route.continue() : route.abort()));
  await page.goto('/?regio=noord&project=GM1731-beilen-havengebied');
  await expect(page.getByRole('group', { name: /^Overzichtskaart/ })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});

test('no accessibility violations on the delivery page and its reports', async ({ page }) => {
  const check = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  };
  await page.goto('/beheer');
  await check();
  await page.getByLabel('Sleutel van je gemeente', { exact: true }).fill(createToken('GM0114'));
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(emmenCsv);
  await page.getByRole('button', { name: 'Controleer (er verandert niets)' }).click();
  await expect(page.getByRole('status')).toBeVisible();
  await check();
  await page.goto('/beheer');
  await page.getByLabel('Sleutel van je gemeente', { exact: true }).fill('geraden');
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(emmenCsv);
  await page.getByRole('button', { name: 'Controleer (er verandert niets)' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await check();
});

test('no accessibility violations with the search box open and a suggestion active', async ({ page }) => {
  await openHydrated(page, '/');
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  await page.getByRole('combobox', { name: 'Zoek een plaats of project' }).fill('ass');
  await expect(page.getByRole('listbox', { name: 'Suggesties' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});
