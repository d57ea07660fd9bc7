import { test, expect } from '@playwright/test';
import { hydrated, signIn } from './helpers';

// A 1x1 transparent PNG.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test('a person uploads a profile picture and sees it in the header', async ({ page }) => {
  await signIn(page, 'learner05@northwind.example');
  await page.goto('/profile');
  await page.getByLabel(/Picture \(PNG/).setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PIXEL });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status')).toHaveText('Picture saved.');
  await expect(page.locator('header img.avatar')).toHaveAttribute('src', /^\/avatars\/uploads\//);

  await page.getByLabel(/Picture \(PNG/).setInputFiles({ name: 'evil.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg onload=alert(1)>') });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('alert')).toHaveText('Choose a PNG, JPEG, GIF or WebP picture.');
});

test('a person turns notification emails off and the choice stays', async ({ page }) => {
  await signIn(page, 'learner06@northwind.example');
  await page.goto('/profile');
  await hydrated(page);
  const emails = page.getByLabel(/Email me about messages/);
  await expect(emails).toBeChecked();
  await emails.uncheck();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  await page.reload();
  await expect(page.getByLabel(/Email me about messages/)).not.toBeChecked();
});
