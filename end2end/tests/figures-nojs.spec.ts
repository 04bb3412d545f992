import { test, expect } from '@playwright/test';
import { parseNumber } from './fixtures';

// JavaScript off: the figures pages must be complete as the server sends them.

test('the region page shows its charts as SVG, with tables and filters', async ({ page, request }) => {
  await page.goto('/regio/zuidoost?status=vergund&status=in-aanbouw');
  const stats = await (await request.get('/api/stats/regio/zuidoost?status=vergund&status=in-aanbouw')).json();
  expect(parseNumber(await page.getByTestId('area-homes').first().textContent())).toBe(stats.woningen);
  const charts = page.locator('.all-charts .chart');
  expect(await charts.count()).toBeGreaterThanOrEqual(6);
  for (const chart of await charts.all()) {
    await expect(chart.locator('.chart-svg svg')).toBeVisible();
    await expect(chart.locator('canvas')).toBeHidden();
    expect(await chart.locator('.chart-svg svg rect').count()).toBeGreaterThan(1);
  }
  // The status table equals the API.
  const table = page.locator('.chart[data-chart=pijplijn]');
  await table.locator('summary').click();
  const vergund = table.locator('tr', { has: page.locator('th', { hasText: /^Vergund$/ }) }).locator('td').first();
  expect(parseNumber(await vergund.textContent())).toBe(stats.per_status['vergund']);
  await expect(page.locator('input[name=status][value=vergund]')).toBeChecked();
});

test('the filter form works on the figures page without JavaScript', async ({ page, request }) => {
  await page.goto('/regio');
  await page.locator('input[name=prijsklasse][value=sociale-huur]').check();
  await page.getByRole('button', { name: 'Toon resultaten' }).click();
  await expect(page).toHaveURL(/\/regio\?prijsklasse=sociale-huur/);
  const stats = await (await request.get('/api/stats?prijsklasse=sociale-huur')).json();
  expect(parseNumber(await page.getByTestId('area-homes').first().textContent())).toBe(stats.woningen);
  await expect(page.locator('.region-column')).toHaveCount(3);
});
