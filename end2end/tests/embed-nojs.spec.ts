import { test, expect } from '@playwright/test';
import { apiTotals, pageTotals } from './fixtures';

// JavaScript off: the embed's list, filters and builder are useful from the server's HTML alone.

const EMMEN = 'GM0114';

test('the embed lists only the municipality and keeps it through a filter change', async ({ page, request }) => {
  await page.goto(`/embed?gemeente=${EMMEN}&weergave=lijst&toon=1000`);
  const places = await page.locator('.row-place').allTextContents();
  expect(places.length).toBeGreaterThan(0);
  for (const place of places) expect(place).toMatch(/, Emmen$/);
  expect(await pageTotals(page)).toEqual(await apiTotals(request, `gemeente=${EMMEN}`));

  // The filters are a form: tick koop and send it; Emmen and the list view stay.
  await page.locator('.embed-filters > summary').click();
  await page.locator('input[name=huurkoop][value=koop]').check();
  await page.getByRole('button', { name: 'Toon resultaten' }).click();
  await expect(page).toHaveURL(/huurkoop=koop/);
  const url = new URL(page.url());
  expect(url.searchParams.get('gemeente')).toBe(EMMEN);
  expect(url.searchParams.get('weergave')).toBe('lijst');
  expect(await pageTotals(page)).toEqual(await apiTotals(request, `huurkoop=koop&gemeente=${EMMEN}`));
  const full = new URL((await page.getByTestId('full-site').getAttribute('href'))!, 'http://x');
  expect(full.pathname).toBe('/');
  expect([...full.searchParams].sort()).toEqual([['gemeente', EMMEN], ['huurkoop', 'koop'], ['weergave', 'lijst']]);
});

test("an embed's map is drawn by the server for its own municipality", async ({ page, request }) => {
  await page.goto(`/embed?gemeente=${EMMEN}`);
  const label = (await page.getByRole('group', { name: /^Overzichtskaart/ }).getAttribute('aria-label')) ?? '';
  const { projects } = await apiTotals(request, `gemeente=${EMMEN}`);
  expect(label).toContain(`${projects} project`);
  // Only Emmen's outline, filling the frame: the markers spread over it rather than in one corner.
  await expect(page.locator('.map-preview-lines path')).toHaveCount(1);
  const xs = await page.locator('.map-preview .mark').evaluateAll((els) => els.map((e) => parseFloat((e as HTMLElement).style.left)));
  expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(30);
});

test('the builder writes the code with JavaScript off', async ({ page, baseURL }) => {
  await page.goto('/embed/maken');
  await page.getByLabel('Gebied').selectOption({ label: 'Emmen' });
  await page.getByLabel('Lijst').check();
  await page.getByRole('button', { name: 'Maak de code' }).click();
  await expect(page).toHaveURL(/gebied=gemeente%2FGM0114/);
  const code = await page.locator('#embed-code').inputValue();
  expect(code).toContain(`<iframe src="${baseURL}/embed?gemeente=${EMMEN}&amp;weergave=lijst"`);
  await expect(page.locator('iframe.embed-preview')).toHaveAttribute('src', `/embed?gemeente=${EMMEN}&weergave=lijst`);
});
