import { test, expect } from '@playwright/test';
import { apiTotals } from './fixtures';
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
