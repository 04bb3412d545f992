import { test, expect } from '@playwright/test';
import { apiTotals, pageTotals } from './fixtures';

// This file runs with JavaScript disabled: the server-rendered page must be useful on its own.

test('the server renders the filtered list and totals for the URL', async ({ page, request }) => {
  await page.goto('/?regio=zuidoost&prijsklasse=sociale-huur');
  await expect(page.locator('a.row').first()).toBeVisible();
  expect(await pageTotals(page)).toEqual(await apiTotals(request, 'prijsklasse=sociale-huur&regio=zuidoost'));
  await expect(page.locator('input[name=regio][value=zuidoost]')).toBeChecked();
  await expect(page.getByText('De kaart heeft JavaScript nodig')).toBeVisible();
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
