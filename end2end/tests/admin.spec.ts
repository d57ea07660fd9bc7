import { test, expect } from '@playwright/test';
import { ADMIN, hydrated, signIn } from './helpers';

test('an admin creates a course, imports people, enrols someone; the learner sees the course', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);

  await admin.getByRole('link', { name: 'Admin' }).click();
  await admin.getByRole('link', { name: 'Courses' }).click();
  await hydrated(admin);
  await admin.getByLabel('Title').fill('Evening Pottery');
  await admin.getByRole('button', { name: 'Create course' }).click();
  await expect(admin.getByRole('heading', { name: 'Evening Pottery' })).toBeVisible();

  await admin.getByRole('link', { name: 'People' }).click();
  await hydrated(admin);
  const csv = [
    'email,first_name,last_name,role,department,password,courses',
    'pat.potter@northwind.example,Pat,Potter,learner,,pottery-password-1,Evening Pottery:learner',
    'broken-row,No,Email,learner,,pottery-password-1,',
  ].join('\n');
  await admin.getByLabel('CSV').fill(csv);
  await admin.getByRole('button', { name: 'Import' }).click();
  await expect(admin.getByRole('alert')).toContainText('Line 3');
  await expect(admin.getByRole('alert')).toContainText('Nothing was imported');

  await admin.getByLabel('CSV').fill(csv.split('\n').slice(0, 2).join('\n'));
  await admin.getByRole('button', { name: 'Import' }).click();
  await expect(admin.getByRole('status')).toHaveText('Imported 1 people.');
  await expect(admin.getByRole('link', { name: 'Pat Potter' })).toBeVisible();

  await admin.getByRole('link', { name: 'Courses' }).click();
  await admin.getByRole('link', { name: 'Evening Pottery' }).click();
  await hydrated(admin);
  await admin.getByLabel('Person').selectOption({ label: 'Ada Okafor <learner01@northwind.example>' });
  await admin.getByLabel('Course role').first().selectOption('learner');
  await admin.getByRole('button', { name: 'Enrol' }).click();
  await expect(admin.getByRole('cell', { name: 'learner01@northwind.example' })).toBeVisible();
  await expect(admin.getByRole('cell', { name: 'pat.potter@northwind.example' })).toBeVisible();

  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  await signIn(learner, 'pat.potter@northwind.example', 'pottery-password-1');
  await learner.getByRole('link', { name: 'Evening Pottery' }).click();
  await expect(learner.getByRole('heading', { name: 'Evening Pottery' })).toBeVisible();

  await adminContext.close();
  await learnerContext.close();
});

test('a learner sees no admin pages', async ({ page }) => {
  await signIn(page, 'learner02@northwind.example');
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByRole('alert')).toHaveText('You are not allowed to do that.');
});

test('a course title already in use is refused beside the Title field, and the course keeps its own', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto('/admin/courses');
  await page.getByRole('link', { name: 'Data Literacy' }).click();
  await hydrated(page);
  await page.getByLabel('Title').fill('Foundations of Design');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('label:has(input[name="form[title]"]) + .field-error')).toHaveText('Another course already has this title.');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Data Literacy' })).toBeVisible();
});
