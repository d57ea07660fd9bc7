import { test, expect } from '@playwright/test';

test('the home page is served and readable without JavaScript', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Confer' })).toBeVisible();
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
});
