import { test, expect, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { openHydrated } from './fixtures';

// Finding your way: the search box over places and projects (a combobox, keyboard complete,
// offline from our own data), the places' names on the map, and a note when tiles fail.

async function openMap(page: Page, path = '/') {
  await openHydrated(page, path);
  await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
  // The names come with the places, just after the first paint.
  await expect(page.locator('.place-label').first()).toBeAttached();
}

/** The place names drawn on the map and inside its box. */
async function labelsInView(page: Page) {
  return page.evaluate(() => {
    const map = document.querySelector('.map')!.getBoundingClientRect();
    return [...document.querySelectorAll('.place-label')]
      .filter((l) => {
        const b = l.getBoundingClientRect();
        return b.x >= map.left && b.x <= map.right && b.y >= map.top && b.y <= map.bottom;
      })
      .map((l) => l.textContent);
  });
}

test('the map names the towns on the province view and the villages when zoomed in', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openMap(page);
  const names = await labelsInView(page);
  for (const town of ['Assen', 'Emmen', 'Hoogeveen', 'Meppel']) expect(names).toContain(town);
  expect(names, 'a hamlet is not named on the province view').not.toContain('Amen');
  // Names are not in the tab order and not read out (the list and the search are).
  await expect(page.locator('.place-label').first()).not.toHaveAttribute('tabindex');
  await expect(page.locator('.place-label span').first()).toHaveAttribute('aria-hidden', 'true');
});

test('keyboard only: type a village, choose it with the arrow keys and Enter, the map goes there', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openMap(page);
  const before = (await labelsInView(page)).length;
  const box = page.getByRole('combobox', { name: 'Zoek een plaats of project' });
  await box.focus();
  await page.keyboard.type('beil');
  const list = page.getByRole('listbox', { name: 'Suggesties' });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const options = list.getByRole('option');
  await expect(options.first()).toContainText('Beilen');
  await expect(options.first()).toContainText('plaats in Midden-Drenthe');
  await expect(page.locator('#zoek-status')).toHaveText(/\d+ suggesties?/);
  await page.keyboard.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'zoek-optie-0');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]plaats=beilen/);
  await expect(list).toBeHidden();
  await expect(box).toHaveValue('Beilen');
  await expect(box).toBeFocused();
  // Zoomed in on Beilen: its name stands out in the map, with the villages around it.
  const chosen = page.locator('.place-label.chosen');
  await expect(chosen).toHaveText('Beilen');
  const names = await labelsInView(page);
  expect(names).toContain('Beilen');
  expect(names).not.toContain('Emmen');
  expect(names.length, `${before} names on the province view, then ${names.join(', ')}`).toBeGreaterThan(3);
  const m = await page.evaluate(() => {
    const map = document.querySelector('.map')!.getBoundingClientRect();
    const b = document.querySelector('.place-label.chosen')!.getBoundingClientRect();
    return { dx: Math.abs(b.x - (map.left + map.width / 2)) / map.width, dy: Math.abs(b.y - (map.top + map.height / 2)) / map.height };
  });
  expect(m.dx, 'Beilen in the middle of the map').toBeLessThan(0.1);
  expect(m.dy).toBeLessThan(0.1);
});

test('Escape closes the suggestions, then empties the box; Up opens at the last one', async ({ page }) => {
  await openMap(page);
  const box = page.getByRole('combobox', { name: 'Zoek een plaats of project' });
  await box.focus();
  await page.keyboard.type('ee');
  const list = page.getByRole('listbox', { name: 'Suggesties' });
  await expect(list).toBeVisible();
  const count = await list.getByRole('option').count();
  expect(count).toBe(8);
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveValue('ee');
  await page.keyboard.press('ArrowUp');
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute('aria-activedescendant', `zoek-optie-${count - 1}`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('');
  await expect(page, 'nothing was chosen').not.toHaveURL(/plaats=/);
});

test('a project found by a word of its name opens its detail, and the map shows it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openMap(page);
  // The names follow the points; search them once they are there.
  await expect(page.locator('.leaflet-marker-icon').first()).toBeVisible();
  const box = page.getByRole('combobox', { name: 'Zoek een plaats of project' });
  await box.click();
  await page.keyboard.type('havengebied');
  const option = page.getByRole('option').filter({ hasText: 'Beilen Havengebied' });
  await expect(option).toContainText('project in Midden-Drenthe');
  await option.click();
  await expect(page).toHaveURL(/[?&]project=GM1731-beilen-havengebied/);
  await expect(page.locator('.detail h2')).toContainText('Beilen Havengebied');
  await expect(page.locator('.leaflet-marker-icon .pin.selected')).toBeVisible();
});

test('a shared link to a place opens the map there', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openMap(page, '/?plaats=tweede-exloermond');
  await expect(page.locator('.place-label.chosen')).toHaveText('Tweede Exloërmond');
  await expect(page.getByRole('combobox', { name: 'Zoek een plaats of project' })).toHaveValue('Tweede Exloërmond');
  expect(await labelsInView(page)).not.toContain('Assen');
});

test('"Zoeken" without a suggestion chosen opens the search page, whose results open the map', async ({ page }) => {
  await openMap(page, '/?huurkoop=koop');
  const box = page.getByRole('combobox', { name: 'Zoek een plaats of project' });
  await box.fill('emmen');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/\/zoeken\?/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zoeken');
  await page.getByTestId('search-results').getByRole('link', { name: 'Emmen', exact: true }).click();
  await expect(page).toHaveURL(/huurkoop=koop/);
  await expect(page).toHaveURL(/plaats=emmen/);
  await expect(page.locator('.place-label.chosen')).toHaveText('Emmen');
});

test('when background tiles fail to load, the map says so and still names the places', async ({ page }) => {
  // A second server whose tiles come from a path that does not exist, as behind a firewall.
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = spawn('target/server-release/server', [], {
    cwd: '..',
    env: {
      ...process.env,
      LEPTOS_SITE_ROOT: 'target/site',
      LEPTOS_OUTPUT_NAME: 'woningbouwkaart',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_ENV: 'PROD',
      WONINGBOUW_TEGELS: `http://127.0.0.1:${port}/geen-tegels/{z}/{x}/{y}.png`,
      WONINGBOUW_DATABASE: `target/e2e-tegels-${port}.sqlite`,
    },
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await page.request.get(`${base}/api/plaatsen`).catch(() => null))?.status(), { timeout: 30_000 }).toBe(200);
    await page.goto(`${base}/`);
    await expect(page.locator('.map[data-painted="true"]')).toBeVisible();
    const note = page.getByTestId('tiles-note');
    await expect(note).toHaveText('De achtergrondkaart kon niet worden geladen. De kaart toont de grenzen, plaatsnamen en projecten.');
    await expect(note).toHaveAttribute('role', 'status');
    await expect(page.locator('.place-label').filter({ hasText: 'Assen' })).toBeVisible();
  } finally {
    server.kill('SIGTERM');
    for (const end of ['', '-wal', '-shm']) rmSync(`../target/e2e-tegels-${port}.sqlite${end}`, { force: true });
  }
});

test('the search box is on a phone above the map, and the map stays on the first screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openMap(page);
  const box = await page.getByRole('combobox', { name: 'Zoek een plaats of project' }).boundingBox();
  const map = await page.locator('.map').boundingBox();
  expect(box!.y).toBeLessThan(map!.y);
  expect(map!.y + 200).toBeLessThan(844);
  await page.getByRole('combobox').fill('ass');
  const list = await page.getByRole('listbox', { name: 'Suggesties' }).boundingBox();
  expect(list!.x).toBeGreaterThanOrEqual(0);
  expect(list!.x + list!.width).toBeLessThanOrEqual(390);
});
