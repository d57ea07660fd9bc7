import { test, expect } from '@playwright/test';
import { ADMIN, DEMO_PASSWORD } from './helpers';

test('without JavaScript a refused course title comes back beside its field', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Email').fill(ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto('/admin/courses');
  await page.getByRole('link', { name: 'Data Literacy' }).click();
  await page.getByLabel('Title').fill('Foundations of Design');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('label:has(input[name="form[title]"]) + .field-error')).toHaveText('Another course already has this title.');
  await expect(page.getByRole('heading', { name: 'Data Literacy' })).toBeVisible();
});
