import { test, expect, type Page, type Frame, type Request } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { apiTotals, openHydrated, parseNumber } from './fixtures';
import { startHost, hostPage } from './host';

const EMMEN = 'GM0114';

/** The snippet the builder writes for a choice, as a web editor would copy it. */
async function snippetFromBuilder(page: Page, choose: (page: Page) => Promise<void>) {
  await openHydrated(page, '/embed/maken');
  await choose(page);
  return (await page.locator('#embed-code').inputValue()).trim();
}

/** The embed's frame in a host page, once hydrated. */
async function embedFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('iframe').first().elementHandle();
  const frame = await handle!.contentFrame();
  await expect(frame!.locator('.embed[data-hydrated="true"]')).toBeVisible();
  return frame!;
}

async function frameTotals(frame: Frame) {
  return {
    projects: parseNumber(await frame.getByTestId('total-projects').textContent()),
    homes: parseNumber(await frame.getByTestId('total-homes').textContent()),
  };
}

/** The iframe's height in the host page and the height of the content inside it. */
async function heights(page: Page, frame: Frame) {
  const outer = await page.locator('iframe').first().evaluate((f) => f.getBoundingClientRect().height);
  const inner = await frame.locator('.embed').evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY);
  return { outer, inner };
}

test('a snippet from the builder, pasted into a page on another site, shows Emmen in a right-sized frame', async ({ page, request, baseURL }) => {
  const snippet = await snippetFromBuilder(page, async (p) => {
    await p.getByLabel('Gebied').selectOption({ label: 'Emmen' });
    await expect(p.locator('iframe.embed-preview')).toHaveAttribute('src', `/embed?gemeente=${EMMEN}`);
    await p.getByLabel('Huur of koop').selectOption({ label: 'Alleen huur' });
    await expect(p.locator('iframe.embed-preview')).toHaveAttribute('src', `/embed?gemeente=${EMMEN}&huurkoop=huur`);
  });
  expect(snippet).toContain(`src="${baseURL}/embed?gemeente=${EMMEN}&amp;huurkoop=huur"`);
  expect(snippet).toContain('title="Woningbouwprojecten in de gemeente Emmen (Publieke Woningbouwkaart)"');

  const host = await startHost({ '/nieuwbouw.html': hostPage(snippet) });
  try {
    // Leave the builder first: its preview frame could still be loading points.
    await page.goto('about:blank');
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await page.goto(host.url('/nieuwbouw.html'));
    const frame = await embedFrame(page);
    await expect(frame.locator('.map[data-painted="true"]')).toBeVisible();

    // Only Emmen's projects, with the preset filter applied.
    const expected = await apiTotals(request, `gemeente=${EMMEN}&huurkoop=huur`);
    expect(await frameTotals(frame)).toEqual(expected);
    await frame.locator('.embed-filters > summary').click();
    await expect(frame.getByRole('checkbox', { name: /^Huur \d/ })).toBeChecked();
    await expect(frame.getByRole('group', { name: 'Gemeente' })).toHaveCount(0);

    // It loaded only Emmen: its projects, its outline, no other municipality's.
    const paths = requests.map((r) => new URL(r.url())).filter((u) => u.pathname.startsWith('/api/'));
    // The map loads its area's projects once, as compact points, and filters them itself.
    const pointCalls = paths.filter((u) => u.pathname === '/api/kaart');
    expect(pointCalls.length).toBe(1);
    // That one request is the preload in the embed's head, which the map's fetch used.
    await expect(frame.locator('head link[rel="preload"][href^="/api/"]')).toHaveAttribute('href', `/api/kaart?gemeente=${EMMEN}`);
    for (const u of pointCalls) expect(u.searchParams.getAll('gemeente')).toEqual([EMMEN]);
    expect(paths.filter((u) => /^\/api(\/v1)?\/projects$/.test(u.pathname))).toEqual([]);
    expect(paths.map((u) => u.pathname)).toContain(`/api/v1/grenzen/gemeenten/${EMMEN}`);
    expect(paths.map((u) => u.pathname)).not.toContain('/api/v1/grenzen/gemeenten');
    const features = await frame.evaluate(async (q) => (await (await fetch(`/api/projects?${q}`)).json()).features, `gemeente=${EMMEN}&huurkoop=huur`);
    expect(features.every((f: any) => f.properties.gemeente === EMMEN)).toBe(true);

    // The host applied the height the embed reported.
    await expect.poll(async () => {
      const h = await heights(page, frame);
      return Math.abs(h.outer - h.inner);
    }).toBeLessThanOrEqual(2);
    expect((await heights(page, frame)).outer).not.toBe(640);
  } finally {
    await host.close();
  }
});

test('residents filter and open a project inside the frame; the frame follows the content and opens the full site on top', async ({ page, request }) => {
  const snippet = (await (await request.get(`/embed/maken?gebied=gemeente%2F${EMMEN}`)).text())
    .match(/<textarea[^>]*>([\s\S]*?)<\/textarea>/)![1]
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const host = await startHost({ '/': hostPage(snippet) });
  try {
    await page.goto(host.url('/'));
    const frame = await embedFrame(page);
    await expect(frame.locator('.map[data-painted="true"]')).toBeVisible();
    const mapHeight = (await heights(page, frame)).outer;

    // Filter to koop: the totals are Emmen's koop projects.
    await frame.locator('.embed-filters > summary').click();
    await frame.getByRole('checkbox', { name: /^Koop \d/ }).check();
    await expect(frame.getByRole('checkbox', { name: /^Koop \d/ })).toBeChecked();
    const koop = await apiTotals(request, `huurkoop=koop&gemeente=${EMMEN}`);
    await expect.poll(() => frameTotals(frame)).toEqual(koop);

    // The list is longer than the map: the frame grows with it.
    await frame.getByRole('link', { name: 'Lijst', exact: true }).click();
    await expect(frame.locator('.project-list a.row').first()).toBeVisible();
    await expect.poll(async () => (await heights(page, frame)).outer).toBeGreaterThan(mapHeight);
    await expect.poll(async () => {
      const h = await heights(page, frame);
      return Math.abs(h.outer - h.inner);
    }).toBeLessThanOrEqual(2);

    // Open a project: its detail shows in the frame.
    const first = frame.locator('.project-list a.row').first();
    const id = await first.getAttribute('data-id');
    const name = (await first.locator('.row-name').textContent())!;
    await first.click();
    await expect(frame.getByRole('heading', { level: 2, name })).toBeVisible();

    // "Bekijk op de volledige kaart" opens the full site in the top window, same state.
    const full = frame.getByTestId('full-site');
    await expect(full).toHaveAttribute('target', '_top');
    await full.click();
    await page.waitForURL((u) => u.pathname === '/' && u.port !== new URL(host.url()).port);
    const url = new URL(page.url());
    expect(url.searchParams.get('gemeente')).toBe(EMMEN);
    expect(url.searchParams.get('huurkoop')).toBe('koop');
    expect(url.searchParams.get('project')).toBe(id);
    await expect(page.locator('.detail h2')).toHaveText(name);
  } finally {
    await host.close();
  }
});

test('the main site refuses to be framed by another site; the embed is allowed and stores nothing', async ({ page, baseURL }) => {
  const host = await startHost({
    '/': hostPage(`<iframe id="embed" title="Ingesloten kaart" src="${baseURL}/embed?gemeente=${EMMEN}" style="width:100%;height:500px"></iframe>
<iframe id="full" title="Volledige kaart" src="${baseURL}/" style="width:100%;height:300px"></iframe>`),
  });
  try {
    const cookies: string[] = [];
    page.on('response', async (r) => {
      const c = await r.headerValue('set-cookie');
      if (c) cookies.push(`${r.url()}: ${c}`);
    });
    await page.goto(host.url('/'));
    const embed = await (await page.locator('#embed').elementHandle())!.contentFrame();
    await expect(embed!.locator('.map[data-painted="true"]')).toBeVisible();
    const full = await (await page.locator('#full').elementHandle())!.contentFrame();
    await expect(full!.locator('.page')).toHaveCount(0);
    expect(full!.url()).not.toContain('127.0.0.1');
    // No cookies and no storage: blocking third-party cookies cannot break it.
    expect(cookies).toEqual([]);
    // (Chromium may deny a third-party frame its storage altogether; then there is nothing in it either.)
    const stored = await embed!.evaluate(() => {
      const count = (get: () => Storage) => { try { return get().length; } catch { return 0; } };
      return [document.cookie, count(() => localStorage), count(() => sessionStorage)];
    });
    expect(stored).toEqual(['', 0, 0]);
  } finally {
    await host.close();
  }
});

test('from 280 px wide nothing sticks out of the frame, in any view', async ({ page, baseURL }) => {
  const host = await startHost({
    '/': hostPage(`<iframe title="Woningbouwprojecten" src="${baseURL}/embed?gemeente=${EMMEN}" style="width:280px;height:900px;border:0"></iframe>`),
  });
  try {
    await page.goto(host.url('/'));
    const frame = await embedFrame(page);
    for (const view of ['Kaart', 'Lijst', 'Cijfers']) {
      await frame.getByRole('link', { name: view, exact: true }).click();
      await expect(frame.getByRole('link', { name: view, exact: true })).toHaveAttribute('aria-current', 'page');
      if (view === 'Cijfers') await expect(frame.locator('.chart[data-painted="true"]').first()).toBeVisible();
      const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, view).toBeLessThanOrEqual(0);
    }
  } finally {
    await host.close();
  }
});

test('the figures view draws the municipality\'s charts', async ({ page }) => {
  await page.goto(`/embed?gemeente=${EMMEN}&weergave=cijfers&tegels=uit&filters=uit`);
  await expect(page.locator('.embed[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator('.chart[data-painted="true"]').first()).toBeVisible();
  await expect(page.locator('.embed-filters')).toHaveCount(0);
  await expect(page.getByTestId('full-site')).toHaveAttribute('href', `/gemeente/${EMMEN}`);
  // A fixed selection still sorts the list, and keeps its switches.
  await page.getByRole('link', { name: 'Lijst', exact: true }).click();
  await page.getByLabel('Sorteer op').selectOption({ label: 'Woningen' });
  await expect(page).toHaveURL(/sorteer=woningen/);
  expect(new URL(page.url()).searchParams.get('filters')).toBe('uit');
  expect(new URL(page.url()).searchParams.get('gemeente')).toBe(EMMEN);
});

test('no accessibility violations in the embed inside a host page, nor on the builder', async ({ page, baseURL }) => {
  const axe = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
  };
  const host = await startHost({
    '/': hostPage(`<iframe title="Woningbouwprojecten in de gemeente Emmen" src="${baseURL}/embed?gemeente=${EMMEN}" style="width:100%;height:1400px;border:0"></iframe>`),
  });
  try {
    await page.goto(host.url('/'));
    const frame = await embedFrame(page);
    await expect(frame.locator('.map[data-painted="true"]')).toBeVisible();
    // The map with the filters open.
    await frame.locator('.embed-filters > summary').click();
    expect(await axe()).toEqual([]);
    // The list with a project's detail.
    await frame.getByRole('link', { name: 'Lijst', exact: true }).click();
    await frame.locator('.project-list a.row').first().click();
    await expect(frame.locator('.detail h2')).toBeVisible();
    expect(await axe()).toEqual([]);
    // The figures.
    await frame.getByRole('link', { name: 'Cijfers', exact: true }).click();
    // A chart is painted when it comes on screen (the host page's, for a frame).
    await frame.locator('figure.chart').first().scrollIntoViewIfNeeded();
    await expect(frame.locator('.chart[data-painted="true"]').first()).toBeVisible();
    expect(await axe()).toEqual([]);
  } finally {
    await host.close();
  }
  await openHydrated(page, '/embed/maken');
  expect(await axe()).toEqual([]);
});
