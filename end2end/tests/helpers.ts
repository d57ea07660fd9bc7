import { randomUUID } from 'node:crypto';
import { expect, Browser, Page } from '@playwright/test';

export const DEMO_PASSWORD = 'confer-demo-password';
export const ADMIN = 'admin@northwind.example';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await hydrated(page);
}

/** Waits until the WASM has taken over the page, so clicks run client code. */
export async function hydrated(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** Waits for the page's event stream to be open: from then on every change reaches it. */
export async function live(page: Page) {
  await expect(page.locator('body')).toHaveAttribute('data-live', 'connected');
}

/** Waits for the conversation a click led to, and for its page to hydrate. */
export async function inChat(page: Page) {
  await expect(page).toHaveURL(/\/messages\/[0-9a-f-]{36}/);
  await hydrated(page);
}

/** A signed-in person in a browser context of their own. */
export async function person(browser: Browser, email: string, baseURL?: string) {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await signIn(page, email);
  return { context, page, dialogs };
}

/** Opens (or starts) the direct chat with the person of that full name; returns its id. */
export async function chatWith(page: Page, name: string): Promise<string> {
  await page.goto(`/messages/new?q=${encodeURIComponent(name)}`);
  await page.getByRole('button', { name: `Message ${name}` }).first().click();
  await expect(page).toHaveURL(/\/messages\/[0-9a-f-]{36}/);
  return page.url().match(/\/messages\/([0-9a-f-]{36})/)![1];
}

/** Sends a message as the page's user without going through the composer. */
export async function post(page: Page, conversation: string, body: string) {
  const response = await page.request.post('/api/send_message', {
    form: { 'input[conversation]': conversation, 'input[client_id]': randomUUID(), 'input[body]': body },
  });
  expect(response.ok()).toBeTruthy();
}
