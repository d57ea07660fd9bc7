import { test, expect } from '@playwright/test';
import { ADMIN, hydrated, inChat, person } from './helpers';

test('an admin opens an announcement channel for a course; its learner finds it live, reads the post and cannot write', async ({ browser }) => {
  const learner = await person(browser, 'learner24@northwind.example');
  const admin = await person(browser, ADMIN);
  await admin.page.goto('/admin/courses');
  await hydrated(admin.page);
  await admin.page.getByLabel('Title').fill('Glassblowing');
  await admin.page.getByRole('button', { name: 'Create course' }).click();
  await expect(admin.page.getByRole('heading', { name: 'Glassblowing' })).toBeVisible();
  await hydrated(admin.page);
  await admin.page.getByLabel('Person').selectOption({ label: 'Dev Novak <learner24@northwind.example>' });
  await admin.page.getByLabel('Course role').first().selectOption('learner');
  await admin.page.getByRole('button', { name: 'Enrol' }).click();
  await expect(admin.page.getByRole('cell', { name: 'learner24@northwind.example' })).toBeVisible();

  await learner.page.goto('/messages');
  await hydrated(learner.page);
  await admin.page.goto('/messages/channels');
  const row = admin.page.getByRole('listitem').filter({ hasText: 'Announcements: all learners of Glassblowing' });
  await row.getByText('Create channel').click();
  await row.getByRole('button', { name: 'Create the channel for all learners of Glassblowing' }).click();
  await inChat(admin.page);
  const composer = admin.page.getByLabel('Message', { exact: true });
  await composer.fill('The kiln opens at nine');
  await composer.press('Enter');

  const channel = learner.page.getByRole('link', { name: /Announcements: all learners of Glassblowing/ });
  await expect(channel).toContainText('The kiln opens at nine');
  await channel.click();
  await inChat(learner.page);
  await expect(learner.page.getByText('Only staff post in this channel.')).toBeVisible();
  await expect(learner.page.getByLabel('Message', { exact: true })).toHaveCount(0);
  await learner.context.close();
  await admin.context.close();
});
