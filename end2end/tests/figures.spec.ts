import { test, expect, type Page, type Locator } from '@playwright/test';
import { openHydrated, paintCharts, parseNumber } from './fixtures';

/** A chart's table as rows of cell texts (header row first). */
async function tableRows(chart: Locator): Promise<string[][]> {
  await chart.locator('details.chart-table summary').click();
  return chart.locator('table tr').evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
  );
}

/** Whether a canvas has anything but white on it. */
async function canvasHasInk(chart: Locator): Promise<boolean> {
  return chart.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) coloured++;
    return canvas.width > 0 && coloured > 500;
  });
}

async function statsJson(page: Page, path: string) {
  const res = await page.request.get(path);
  expect(res.status()).toBe(200);
  return res.json();
}

test('the province overview shows the three regions side by side, each with painted charts', async ({ page }) => {
  await openHydrated(page, '/regio');
  const columns = page.locator('.region-column');
  await expect(columns).toHaveCount(3);
  await expect(columns.locator('h3')).toHaveText(['Regio Noord', 'Regio Zuidoost', 'Regio Zuidwest']);
  const stats = await statsJson(page, '/api/stats');
  for (const [i, region] of ['noord', 'zuidoost', 'zuidwest'].entries()) {
    const r = stats.delen[i];
    await expect(columns.nth(i).getByTestId('area-homes')).toHaveText(new Intl.NumberFormat('nl-NL').format(r.woningen));
    for (const chart of ['oplevering', 'normen', 'doelen']) {
      const figure = page.locator(`.region-column[data-region=${region}] .chart[data-chart=${chart}]`);
      await figure.scrollIntoViewIfNeeded();
      await expect(figure).toHaveAttribute('data-painted', 'true');
      expect(await canvasHasInk(figure), `${region} ${chart}`).toBe(true);
      await expect(figure.locator('.chart-svg')).toBeHidden();
    }
  }
});

test('every chart follows the filter, and its table equals /api/stats', async ({ page }) => {
  await openHydrated(page, '/regio/zuidwest');
  const before = parseNumber(await page.getByTestId('area-homes').first().textContent());
  await page.locator('input[name=prijsklasse][value=sociale-huur]').check();
  await expect(page).toHaveURL(/prijsklasse=sociale-huur/);
  await expect(page.getByTestId('area-homes').first()).not.toHaveText(new Intl.NumberFormat('nl-NL').format(before));
  const stats = await statsJson(page, '/api/stats/regio/zuidwest?prijsklasse=sociale-huur');
  expect(parseNumber(await page.getByTestId('area-homes').first().textContent())).toBe(stats.woningen);

  // Delivery years: each row's total is the API's year total.
  const years = await tableRows(page.locator('.all-charts .chart[data-chart=oplevering]'));
  expect(years[0][0]).toBe('Jaar');
  const byYear = stats.per_opleverjaar;
  expect(years.length - 1).toBe(Object.keys(byYear).length);
  for (const row of years.slice(1)) {
    const expected = (Object.values(byYear[row[0]]) as number[]).reduce((a, b) => a + b, 0);
    expect(parseNumber(row[row.length - 1]), row.join(' ')).toBe(expected);
  }
  // Norms: with only sociale huur chosen, all of it is sociale huur.
  const norms = await tableRows(page.locator('.all-charts .chart[data-chart=normen]'));
  expect(norms[2][0]).toBe('Sociale huur');
  expect(parseNumber(norms[2][1])).toBe(stats.normen[1].woningen);
  expect(norms[2][3]).toBe('100,0 %');
  // Targets and municipalities.
  const targets = await tableRows(page.locator('.all-charts .chart[data-chart=doelen]'));
  expect(parseNumber(targets[1][1])).toBe(5033);
  expect(parseNumber(targets[1][5])).toBe(stats.doelen[0].opgeleverd + stats.doelen[0].vergund_of_in_aanbouw + stats.doelen[0].gepland);
  const municipalities = await tableRows(page.locator('.all-charts .chart[data-chart=gemeenten]'));
  expect(municipalities.slice(1).map((r) => parseNumber(r[2]))).toEqual(stats.delen.map((p: any) => p.woningen));
  // Every chart on the page is painted for the new filter as the reader comes to it.
  const charts = page.locator('.chart');
  const count = await charts.count();
  expect(count).toBeGreaterThan(6);
  await paintCharts(page);
  await expect(page.locator('.chart[data-painted=true]')).toHaveCount(count);
});

test('on a phone the charts are painted as the reader comes to them, not all as the page loads', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openHydrated(page, '/regio');
  await expect(page.locator('.chart[data-painted="true"]').first()).toBeVisible();
  const last = page.locator('figure.chart').last();
  // Far below the screen: the server's drawing of it stands, not painted yet.
  await expect(last).not.toHaveAttribute('data-painted', 'true');
  await expect(last.locator('.chart-svg')).toBeAttached();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toHaveAttribute('data-painted', 'true');
});

test('the figures link to the map and the map links back', async ({ page }) => {
  await openHydrated(page, '/regio/noord?huurkoop=huur');
  await page.locator('.key-figures').first().getByRole('link', { name: 'Bekijk op de kaart' }).click();
  await expect(page).toHaveURL(/\/\?.*huurkoop=huur/);
  await expect(page).toHaveURL(/regio=noord/);
  await page.getByRole('navigation', { name: 'Onderdelen' }).getByRole('link', { name: 'Cijfers per regio' }).click();
  await expect(page).toHaveURL(/\/regio\?huurkoop=huur$/);
  await page.getByRole('link', { name: 'Regio Zuidoost' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Woningbouw in regio Zuidoost');
  await page.getByRole('navigation', { name: 'Gemeenten in deze regio' }).getByRole('link', { name: 'Emmen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Woningbouw in de gemeente Emmen');
  await expect(page).toHaveURL(/\/gemeente\/GM0114\?huurkoop=huur/);
});

test('a chart downloads as CSV with the numbers of its table', async ({ page }) => {
  await openHydrated(page, '/gemeente/GM0114');
  const chart = page.locator('.chart[data-chart=ontwikkelaars]');
  const rows = await tableRows(chart);
  const href = await chart.getByRole('link', { name: 'Download als CSV' }).getAttribute('href');
  const csv = await (await page.request.get(href!)).text();
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';'));
  expect(lines.length).toBe(rows.length);
  expect(lines.map((l) => l[0])).toEqual(rows.map((r) => r[0]));
  expect(lines.slice(1).map((l) => Number(l[3]))).toEqual(rows.slice(1).map((r) => parseNumber(r[3])));
});

test('a phone gets the regions one under the other, charts sized to the screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openHydrated(page, '/regio');
  const boxes = await page.locator('.region-column').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  expect(boxes[1].top).toBeGreaterThan(boxes[0].bottom - 1);
  const canvas = page.locator('.region-column .chart canvas').first();
  await expect(page.locator('.region-column .chart').first()).toHaveAttribute('data-painted', 'true');
  const width = await canvas.evaluate((c: HTMLCanvasElement) => c.getBoundingClientRect().width);
  expect(width).toBeLessThanOrEqual(360);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Turned sideways: the charts are drawn again for the new width of their column, not scaled.
  const before = await canvas.evaluate((c: HTMLCanvasElement) => c.width);
  await page.setViewportSize({ width: 740, height: 360 });
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width)).not.toBe(before);
  const fit = await canvas.evaluate((c: HTMLCanvasElement) => Math.abs(c.width - c.parentElement!.clientWidth));
  expect(fit).toBeLessThanOrEqual(2);
});
