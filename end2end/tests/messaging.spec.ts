import { test, expect } from '@playwright/test';
import { hydrated, inChat, person } from './helpers';

const INSTRUCTOR = 'instructor1@northwind.example';
const LEARNER = 'learner01@northwind.example';
const secondInstance = `http://127.0.0.1:${process.env.CONFER_E2E_PORT2}`;

test('a learner contacts the instructor from the course page; it arrives live on the other instance', async ({ browser }) => {
  const instructor = await person(browser, INSTRUCTOR, secondInstance);
  await instructor.page.getByRole('link', { name: 'Messages' }).click();
  await expect(instructor.page).toHaveURL(/\/messages$/);
  await hydrated(instructor.page);

  const learner = await person(browser, LEARNER);
  await learner.page.getByRole('link', { name: 'Foundations of Design' }).click();
  await learner.page.getByRole('link', { name: 'Contact instructor' }).click();
  await learner.page.getByRole('button', { name: 'Write to your instructor' }).click();
  await inChat(learner.page);
  const composer = learner.page.getByLabel('Message', { exact: true });
  await composer.fill('Hello **Irene**, a question about week 2');
  await composer.press('Enter');
  await expect(learner.page.getByRole('list', { name: 'Messages' }).getByText('a question about week 2')).toBeVisible();
  await expect(composer).toHaveValue('');

  // No reload on the instructor's side: the inbox row appears through the event stream.
  const row = instructor.page.getByRole('link', { name: /Ada Okafor/ });
  await expect(row).toBeVisible({ timeout: 3_000 });
  await expect(row.locator('.unread-count')).toHaveText('1');
  await row.click();
  await inChat(instructor.page);
  await expect(instructor.page.locator('.message-body strong', { hasText: 'Irene' })).toBeVisible();

  // And back: the instructor replies, the learner sees it without reloading.
  const reply = instructor.page.getByLabel('Message', { exact: true });
  await reply.fill('Happy to help.');
  await reply.press('Enter');
  await expect(learner.page.getByRole('list', { name: 'Messages' }).getByText('Happy to help.')).toBeVisible({ timeout: 3_000 });

  await instructor.context.close();
  await learner.context.close();
});

test('a message with script or event-handler payloads is shown as text and never runs', async ({ browser }) => {
  const admin = await person(browser, 'admin@northwind.example');
  await admin.page.goto('/messages/new?q=Ben');
  await admin.page.getByRole('button', { name: /Message Ben/ }).first().click();
  await inChat(admin.page);
  const payload = '<img src=x onerror=alert(1)> <script>alert(2)</script> [x](javascript:alert(3))';
  const composer = admin.page.getByLabel('Message', { exact: true });
  await composer.fill(payload);
  await composer.press('Enter');
  const list = admin.page.getByRole('list', { name: 'Messages' });
  await expect(list.getByText('<script>alert(2)</script>', { exact: false })).toBeVisible();
  await expect(list.locator('a[href^="javascript"]')).toHaveCount(0);
  await admin.page.reload();
  await expect(list.getByText('<img src=x onerror=alert(1)>', { exact: false })).toBeVisible();
  expect(admin.dialogs).toEqual([]);
  expect(await list.locator('img[src="x"], script').count()).toBe(0);
  await admin.context.close();
});

test('deleting a message removes it for everyone, once confirmed, with no placeholder', async ({ browser }) => {
  const admin = await person(browser, 'admin@northwind.example');
  await admin.page.goto('/messages/new?q=Chloe');
  await admin.page.getByRole('button', { name: /Message Chloe/ }).first().click();
  await inChat(admin.page);
  const composer = admin.page.getByLabel('Message', { exact: true });
  await composer.fill('sent by mistake');
  await composer.press('Enter');
  const list = admin.page.getByRole('list', { name: 'Messages' });
  await expect(list.getByText('sent by mistake')).toBeVisible();
  await list.getByText('Delete', { exact: true }).last().click();
  await expect(list.getByText('Delete this message for everyone?')).toBeVisible();
  await list.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(list.getByText('sent by mistake')).toHaveCount(0);
  await expect(list.getByText('Message deleted')).toHaveCount(0);
  await admin.page.reload();
  await expect(admin.page.getByRole('list', { name: 'Messages' }).getByText('sent by mistake')).toHaveCount(0);
  await admin.context.close();
});

test('a "Message instructor" link puts its context on the first message only', async ({ browser }) => {
  const learner = await person(browser, 'learner03@northwind.example');
  await learner.page.getByRole('link', { name: 'Foundations of Design' }).click();
  const contact = learner.page.getByRole('link', { name: 'Contact instructor' });
  const href = await contact.getAttribute('href');
  await learner.page.goto(`${href}&context=${encodeURIComponent('Assignment 3')}&context_url=${encodeURIComponent('https://lms.example/a/3')}`);
  await expect(learner.page.getByText('About: Assignment 3')).toBeVisible();
  await learner.page.getByRole('button', { name: 'Write to your instructor' }).click();
  await inChat(learner.page);
  const composer = learner.page.getByLabel('Message', { exact: true });
  await composer.fill('Is part B optional?');
  await composer.press('Enter');
  const list = learner.page.getByRole('list', { name: 'Messages' });
  await expect(list.getByRole('link', { name: 'Assignment 3' })).toHaveAttribute('href', 'https://lms.example/a/3');
  await composer.fill('And a second question');
  await composer.press('Enter');
  await expect(list.getByText('And a second question')).toBeVisible();
  await expect(list.locator('.context')).toHaveCount(1);
  await learner.context.close();
});
