import { test, expect } from '@playwright/test';

test('the home page hydrates and its button works', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('button', { name: 'Show details' }).click();
  await expect(page.getByText('Direct messages, group chats and announcements')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hide details' })).toBeVisible();
  expect(errors, 'no console errors (CSP or hydration)').toEqual([]);
});
