import { expect, type Page, type APIRequestContext } from '@playwright/test';

/** The figures the API gives for a filter: projects and homes in the selected classes. */
export async function apiTotals(request: APIRequestContext, filterQuery: string) {
  const res = await request.get(`/api/projects${filterQuery ? `?${filterQuery}` : ''}`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  const homes = body.features.reduce((sum: number, f: any) => sum + f.properties.woningen, 0);
  return { projects: body.features.length, homes };
}

/** Dutch thousands separators back to a number. */
export function parseNumber(text: string | null): number {
  return Number((text ?? '').replace(/\./g, '').trim());
}

export async function pageTotals(page: Page) {
  return {
    projects: parseNumber(await page.getByTestId('total-projects').textContent()),
    homes: parseNumber(await page.getByTestId('total-homes').textContent()),
  };
}

/** Only the filter parameters of the page's URL, as the API takes them. */
export function filterQuery(url: string): string {
  const keys = ['huurkoop', 'prijsklasse', 'ontwikkelaar', 'soort', 'regio', 'gemeente', 'status', 'van', 'tot', 'woonvorm', 'ligging'];
  const params = new URL(url).searchParams;
  const out = new URLSearchParams();
  for (const [k, v] of params) if (keys.includes(k) && v !== '') out.append(k, v);
  return out.toString();
}

export async function openHydrated(page: Page, path = '/') {
  await page.goto(path);
  await expect(page.locator('.page[data-hydrated="true"]')).toBeVisible();
}

/** Scrolls to each chart in turn, as a reader does: a chart is painted on its canvas when it
 *  comes near the screen (until then the server's SVG of it shows). */
export async function paintCharts(page: Page) {
  const charts = page.locator('figure.chart');
  for (let i = 0; i < await charts.count(); i++) {
    await charts.nth(i).scrollIntoViewIfNeeded();
    await expect(charts.nth(i)).toHaveAttribute('data-painted', 'true');
  }
}

/** The homes the map shows: every cluster's label and every single pin's title ("naam: 12 woningen"). */
export async function mapHomes(page: Page): Promise<number> {
  const clusters = await page.locator('.leaflet-marker-icon .cluster b').allTextContents();
  const pins = await page.locator('.leaflet-marker-icon.pin-icon').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
  const pinHomes = pins.map((t) => parseNumber(/: ([\d.]+) woning/.exec(t)?.[1] ?? 'NaN'));
  return [...clusters.map(parseNumber), ...pinHomes].reduce((a, b) => a + b, 0);
}
