import { test, expect } from '@playwright/test';
import { ADMIN, DEMO_PASSWORD } from './helpers';

test('without JavaScript the page is served and sign-in works as a plain form', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Confer' })).toBeVisible();
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');

  await page.getByLabel('Email').fill(ADMIN);
  await page.getByLabel('Password', { exact: true }).fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  // Beside the field it is about, not only at the top of the form.
  await expect(page.locator('label:has(input[name="form[password]"]) + .field-error')).toHaveText('Email or password is incorrect.');

  await page.getByLabel('Email').fill(ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Foundations of Design' })).toBeVisible();
});

test('without JavaScript a message is sent as a plain form post', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Email').fill('owner@northwind.example');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto('/messages/new?q=Dev');
  await page.getByRole('button', { name: /Message Dev/ }).first().click();
  await page.getByLabel('Message', { exact: true }).fill('Sent _without_ scripts');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('list', { name: 'Messages' }).locator('em', { hasText: 'without' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Dev/ }).first()).toBeVisible();
});
