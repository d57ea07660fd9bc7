import { test, expect } from '@playwright/test';
import { hydrated, signIn } from './helpers';

test('an instructor messages every learner of a course; each finds it in their own chat', async ({ page, browser }) => {
  await signIn(page, 'instructor2@northwind.example');
  await page.getByRole('link', { name: 'Data Literacy' }).click();
  await hydrated(page);
  await page.getByLabel('Message', { exact: true }).fill('Quiz 1 opens **tomorrow**.');
  await page.getByRole('button', { name: 'Send to every learner' }).click();
  await expect(page.getByRole('status')).toHaveText('Sent to 18 learners.');

  const context = await browser.newContext();
  const learner = await context.newPage();
  await signIn(learner, 'learner20@northwind.example');
  await learner.getByRole('link', { name: 'Messages' }).click();
  const row = learner.getByRole('link', { name: /Ivan Ilves/ });
  await expect(row).toContainText('Quiz 1 opens');
  await expect(row.locator('.unread-count')).toHaveText('1');
  await row.click();
  await expect(learner.locator('.message-body strong', { hasText: 'tomorrow' })).toBeVisible();
  await context.close();
});

test('a learner is not offered the broadcast', async ({ page }) => {
  await signIn(page, 'learner21@northwind.example');
  await page.getByRole('link', { name: 'Data Literacy' }).click();
  await expect(page.getByRole('heading', { name: 'Data Literacy' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Send to every/ })).toHaveCount(0);
});
