import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createToken, emmenCsv } from './delivery';

// This file runs with JavaScript disabled: an official delivers a file with plain forms.
// Only dry runs and refused deliveries here, so the data the other browser tests use stays the
// same; applying is tested against the real router in server/tests/delivery_page.rs.

test('an official checks a spreadsheet and sees what it would change', async ({ page }) => {
  const token = createToken('GM0114');
  await page.goto('/');
  await page.getByRole('link', { name: 'gegevens aanleveren' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gegevens aanleveren');
  await page.getByLabel('Sleutel van je gemeente', { exact: true }).fill(token);
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(emmenCsv);
  await page.getByRole('button', { name: 'Controleer (er verandert niets)' }).click();
  await expect(page.getByRole('status')).toHaveText('Geen problemen. Dit zou de levering doen met de plannen van Emmen');
  await expect(page.getByRole('table', { name: 'Toegevoegd (4)' })).toContainText('Testplan Schoonebeek Oost');
  await expect(page.getByRole('table', { name: /^Verwijderd \(\d+\)$/ })).toBeVisible();
  // Applying asks only for the token again; the checked file travels with the page.
  await expect(page.getByLabel('Sleutel van je gemeente (nog een keer)')).toBeEmpty();
  await expect(page.getByRole('button', { name: 'Toepassen' })).toBeVisible();
  expect(await page.content()).not.toContain(token);
});

test('a file with mistakes gets every problem with its line and field', async ({ page }) => {
  const token = createToken('GM0114');
  const broken = readFileSync(emmenCsv, 'utf8').replace(';24;12;;;36;', ';24;12;;;40;').replace('Vergund', 'Bijna klaar');
  await page.goto('/beheer');
  await page.getByLabel('Sleutel van je gemeente', { exact: true }).fill(token);
  await page.getByLabel('Bestand', { exact: true }).setInputFiles({ name: 'plannen.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
  await page.getByRole('button', { name: 'Controleer en pas meteen toe' }).click();
  await expect(page.getByRole('alert')).toHaveText('2 problemen in de levering; er is niets gewijzigd');
  const rows = page.getByRole('table', { name: 'Problemen in de levering' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('regel 2');
  await expect(rows.nth(1)).toContainText('woningen_totaal');
  await expect(rows.nth(2)).toContainText('regel 3');
  await expect(rows.nth(2)).toContainText('status');
});

test('an unknown token is refused in plain words', async ({ page }) => {
  await page.goto('/beheer');
  await page.getByLabel('Sleutel van je gemeente', { exact: true }).fill('geraden');
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(emmenCsv);
  await page.getByRole('button', { name: 'Controleer (er verandert niets)' }).click();
  await expect(page.getByRole('alert')).toContainText('deze sleutel is onbekend of ingetrokken');
});
