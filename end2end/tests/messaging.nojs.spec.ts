import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD, chatWith, post } from './helpers';

async function signInPlain(page: import('@playwright/test').Page, email: string) {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test('without JavaScript, opening a chat reads it and "Older messages" is a link that works', async ({ page }) => {
  await signInPlain(page, 'owner@northwind.example');
  const chat = await chatWith(page, 'Hugo Lindqvist');
  for (let n = 1; n <= 55; n++) await post(page, chat, `Reading ${n}`);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signInPlain(page, 'learner08@northwind.example');
  const badge = page.getByRole('navigation', { name: 'Main' }).locator('.unread-count');
  const before = Number(await badge.textContent());
  expect(before).toBeGreaterThanOrEqual(55);
  await page.goto(`/messages/${chat}`);
  const list = page.getByRole('list', { name: 'Messages' });
  await expect(list.getByText('Reading 55', { exact: true })).toBeVisible();
  await expect(list.getByText('Reading 1', { exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Older messages' }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(list.getByText('Reading 1', { exact: true })).toBeVisible();

  await page.goto('/messages');
  if (before === 55) await expect(badge).toHaveCount(0);
  else await expect(badge).toHaveText(String(before - 55));
  await expect(page.getByRole('link', { name: /Olivia Owens/ })).not.toHaveClass(/unread/);
});
