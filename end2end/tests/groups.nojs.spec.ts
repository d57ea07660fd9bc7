import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';

test('without JavaScript, staff create a feed, add someone, post and reply as plain forms', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Email').fill('instructor2@northwind.example');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.goto('/messages/groups/new');
  await page.getByLabel('Name', { exact: true }).fill('Plain forms');
  await page.getByRole('button', { name: 'Create group' }).click();
  await expect(page).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  const group = page.url();
  await page.goto(`${group}/people?q=Ada%20Silva`);
  await page.getByRole('button', { name: 'Add Ada Silva' }).click();
  await expect(page.getByText('In the group')).toBeVisible();

  await page.goto(group);
  await page.getByLabel('Message', { exact: true }).fill('Week 1 reading');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const posts = page.getByRole('list', { name: 'Posts' });
  await expect(posts.locator('.message.post')).toContainText('Week 1 reading');
  await page.getByLabel('Reply', { exact: true }).fill('Chapter 2 too');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(posts.locator('.message.reply')).toContainText('Chapter 2 too');
  await expect(posts.locator('.reply-count')).toHaveText('1 reply');
});
