import { test, expect } from '@playwright/test';
import { ADMIN, hydrated, signIn } from './helpers';

test('the sign-in page hydrates and its show-password button works', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.goto('/');
  await hydrated(page);
  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Show password' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: 'Hide password' }).click();
  await expect(password).toHaveAttribute('type', 'password');
  expect(errors, 'no console errors (CSP or hydration)').toEqual([]);
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel('Email').fill(ADMIN);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  // Beside the field it is about, not only at the top of the form.
  await expect(page.locator('label:has(input[name="form[password]"]) + .field-error')).toHaveText('Email or password is incorrect.');
});

test('signing in and out', async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('the bundle goes compressed under content-hashed names cached for a year; pages are never stored', async ({ page }) => {
  const response = await page.goto('/');
  expect(response!.headers()['cache-control']).toBe('no-store');
  const wasm = await page.locator('link[href$=".wasm"]').getAttribute('href');
  expect(wasm).toMatch(/^\/pkg\/confer\.[\w-]+\.wasm$/);
  const bundle = await page.request.get(wasm!, { headers: { 'Accept-Encoding': 'br, gzip' } });
  expect(bundle.headers()['content-encoding']).toBe('br');
  expect(bundle.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const gzipOnly = await page.request.get(wasm!, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gzipOnly.headers()['content-encoding']).toBe('gzip');
});
