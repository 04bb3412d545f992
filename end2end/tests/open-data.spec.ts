import { test, expect } from '@playwright/test';
import { apiTotals, openHydrated, pageTotals } from './fixtures';
import { startHost, hostPage } from './host';

// A web developer's page on another site reads the open data with fetch(); the browser's own
// CORS checks decide, not a test client.
test('a page on another origin fetches the public data, revalidates it, and cannot reach the management API', async ({ page, request, baseURL }) => {
  const host = await startHost({ '/': hostPage('<p id="uit">…</p>', 'Woningbouw in cijfers') });
  try {
    await page.goto(host.url('/'));
    const want = await apiTotals(request, 'gemeente=GM0114');
    const got = await page.evaluate(async (api) => {
      const first = await fetch(`${api}/api/projects?gemeente=GM0114`);
      const body = await first.json();
      const etag = first.headers.get('etag');
      // If-None-Match is not a simple header: this one goes through a preflight.
      const again = await fetch(`${api}/api/projects?gemeente=GM0114`, { headers: { 'If-None-Match': etag ?? '' }, cache: 'no-store' });
      const places = await fetch(`${api}/api/plaatsen`);
      let management = 'gelezen';
      try {
        await fetch(`${api}/api/beheer/projecten`, { headers: { Authorization: 'Bearer x' } });
      } catch (e) {
        management = `geweigerd: ${e}`;
      }
      return { projects: body.features.length, etag, again: again.status, places: places.status, management };
    }, baseURL);
    expect(got.projects).toBe(want.projects);
    expect(got.etag).toMatch(/^"/);
    expect(got.again).toBe(304);
    expect(got.places).toBe(200);
    expect(got.management).toContain('geweigerd');
  } finally {
    await host.close();
  }
});

// A journalist filters the map and downloads what it shows: the files hold the page's totals,
// also after a filter changed in the hydrated page.
test('the map page downloads its own selection as CSV and GeoJSON', async ({ page, request }) => {
  await openHydrated(page, '/?gemeente=GM0114');
  const details = page.locator('details.filter-group', { has: page.getByText('Ligging', { exact: true }) });
  await details.locator('summary').click();
  await details.getByLabel('Inbreiding', { exact: false }).first().check();
  await expect(page).toHaveURL(/ligging=inbreiding/);
  await expect(page.getByTestId('download-csv')).toHaveAttribute('href', /ligging=inbreiding/);
  const totals = await pageTotals(page);
  const csvHref = await page.getByTestId('download-csv').getAttribute('href');
  expect(csvHref).toContain('gemeente=GM0114');
  const csv = await request.get(csvHref!);
  expect(csv.headers()['content-disposition']).toContain('attachment');
  const [header, ...rows] = readCsv((await csv.text()).replace(/^\uFEFF/, ''));
  const woningen = header.indexOf('woningen');
  expect(rows.length).toBe(totals.projects);
  expect(rows.reduce((sum, r) => sum + Number(r[woningen]), 0)).toBe(totals.homes);
  const geojson = await (await request.get((await page.getByTestId('download-geojson').getAttribute('href'))!)).json();
  expect(geojson.features.length).toBe(totals.projects);
});

/** Rows of a `;`-separated CSV with quoted fields (RFC 4180), as a spreadsheet reads it. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
