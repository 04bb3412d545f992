import { test, expect, type Page } from '@playwright/test';
import { openHydrated } from './fixtures';

// Every page runs under the server's Content-Security-Policy with nothing refused: the map, the
// charts, the embed and the builder hydrate and paint, and the browser reports no violation.

/** Collects the page's CSP violation reports (and console messages that name the policy). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Permissions-Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  return async () => [...(await page.evaluate(() => (window as any).__violations as string[])), ...console];
}

const pages: [string, string][] = [
  ['/', '.map[data-painted="true"]'],
  ['/?gemeente=GM1731&project=GM1731-beilen-havengebied', '.map[data-painted="true"]'],
  ['/regio', '.chart[data-painted="true"]'],
  ['/gemeente/GM0114', '.chart[data-painted="true"]'],
  ['/embed?gemeente=GM0114', '.map[data-painted="true"]'],
  ['/embed?gemeente=GM0114&weergave=cijfers', '.chart[data-painted="true"]'],
  ['/embed/maken', 'iframe.embed-preview'],
];

for (const [path, painted] of pages) {
  test(`${path} runs under the Content-Security-Policy with no violation`, async ({ page }) => {
    const violations = await watchViolations(page);
    const response = await page.goto(path);
    const policy = response!.headers()['content-security-policy'];
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;/);
    // The page (or the embed) has hydrated: its WASM ran under the policy.
    await expect(page.locator('[data-hydrated="true"]').first()).toBeVisible();
    await expect(page.locator(painted).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await violations()).toEqual([]);
  });
}

test('an injected inline script is refused by the policy', async ({ page }) => {
  const violations = await watchViolations(page);
  await openHydrated(page, '/');
  // A script the server did not send (as an injection would be) does not run.
  const ran = await page.evaluate(async () => {
    (window as any).__ran = false;
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 100));
    return (window as any).__ran;
  });
  expect(ran).toBe(false);
  expect((await violations()).some((v) => v.startsWith('script-src'))).toBe(true);
});

test('pages send the other security headers, and the embed may be opened by its host', async ({ request }) => {
  for (const path of ['/', '/regio', '/embed/maken']) {
    const headers = (await request.get(path)).headers();
    expect(headers['permissions-policy']).toContain('geolocation=()');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['x-content-type-options']).toBe('nosniff');
  }
  const embed = (await request.get('/embed?gemeente=GM0114')).headers();
  expect(embed['cross-origin-opener-policy']).toBeUndefined();
  expect(embed['content-security-policy']).toContain('frame-ancestors *');
  expect((await request.get('/api/beheer/projecten')).headers()['cache-control']).toBe('no-store');
});
