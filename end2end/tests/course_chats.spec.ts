import { test, expect } from '@playwright/test';
import { ADMIN, hydrated, inChat, person } from './helpers';

const LEARNER = 'learner22@northwind.example';

test('a new course gets its cohort chat, and a learner enrolled in it finds the chat live', async ({ browser }) => {
  const learner = await person(browser, LEARNER);
  await learner.page.goto('/messages');
  await hydrated(learner.page);

  const admin = await person(browser, ADMIN);
  await admin.page.goto('/admin/courses');
  await hydrated(admin.page);
  await admin.page.getByLabel('Title').fill('Glassblowing Basics');
  await expect(admin.page.getByLabel(/Course chats/)).toBeChecked();
  await admin.page.getByRole('button', { name: 'Create course' }).click();
  await expect(admin.page.getByRole('heading', { name: 'Glassblowing Basics' })).toBeVisible();
  await hydrated(admin.page);
  await admin.page.getByLabel('Person').selectOption({ label: 'Ben Tanaka <learner22@northwind.example>' });
  await admin.page.getByLabel('Course role').first().selectOption('learner');
  await admin.page.getByRole('button', { name: 'Enrol' }).click();
  await expect(admin.page.getByRole('cell', { name: LEARNER })).toBeVisible();

  // Enrolled, the learner finds the course's chat among their group chats without reloading.
  const groups = learner.page.locator('h2:has-text("Group chats") + ul');
  const row = groups.getByRole('link', { name: /Glassblowing Basics/ });
  await expect(row).toBeVisible({ timeout: 3_000 });
  await row.click();
  await inChat(learner.page);
  await expect(learner.page.getByRole('heading', { name: 'Glassblowing Basics' })).toBeVisible();
  const composer = learner.page.getByLabel('Message', { exact: true });
  await composer.fill('Hello, glass people');
  await composer.press('Enter');
  await expect(learner.page.getByRole('list', { name: 'Messages' }).getByText('Hello, glass people')).toBeVisible();

  await learner.page.getByText('Who is in this chat (1)').click();
  await expect(learner.page.getByText("People join and leave a course chat with the course's enrolments and teams.")).toBeVisible();
  await expect(learner.page.getByRole('link', { name: /leave the group/ })).toHaveCount(0);
  await learner.context.close();
  await admin.context.close();
});
