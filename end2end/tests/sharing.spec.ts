import { test, expect } from '@playwright/test';
import { chatWith, hydrated, inChat, live, person, post } from './helpers';

const INSTRUCTOR = 'instructor1@northwind.example';
const MENTOR = 'mentor@northwind.example';

test('an instructor shares a chat with a teammate, who reads and replies; a second learner makes it a group after a confirmation', async ({ browser }) => {
  const instructor = await person(browser, INSTRUCTOR);
  const chat = await chatWith(instructor.page, 'Dev Tanaka');
  await post(instructor.page, chat, 'How is the portfolio going?');
  await instructor.page.goto(`/messages/${chat}/people?q=Maya`);
  await expect(instructor.page.getByText('Adding a team member shares this chat with them.')).toBeVisible();
  await instructor.page.getByRole('button', { name: 'Add Maya Mendes' }).click();
  await expect(instructor.page.getByText('In the chat')).toBeVisible();
  await instructor.page.goto(`/messages/${chat}`);
  await expect(instructor.page.getByRole('heading', { name: 'Dev Tanaka +1 more' })).toBeVisible();
  await expect(instructor.page.getByText('Shared chat')).toBeVisible();

  const mentor = await person(browser, MENTOR);
  await mentor.page.goto('/messages');
  await mentor.page.getByRole('link', { name: /Dev Tanaka \+1 more/ }).click();
  await inChat(mentor.page);
  await expect(mentor.page.getByRole('list', { name: 'Messages' }).getByText('How is the portfolio going?')).toBeVisible();
  const composer = mentor.page.getByLabel('Message', { exact: true });
  await composer.fill('Maya here: happy to help too');
  await composer.press('Enter');
  await expect(instructor.page.getByRole('list', { name: 'Messages' }).getByText('Maya here: happy to help too')).toBeVisible();

  // A second learner: said first, then confirmed; the chat becomes a group named after its learner.
  await instructor.page.goto(`/messages/${chat}/people?q=Elif%20Moreau`);
  await instructor.page.getByText('Add Elif Moreau…').click();
  await expect(instructor.page.getByText('This cannot be undone').first()).toBeVisible();
  await instructor.page.getByRole('button', { name: 'Make it a group and add Elif Moreau' }).click();
  await instructor.page.goto(`/messages/${chat}`);
  await hydrated(instructor.page);
  await expect(instructor.page.getByRole('heading', { name: 'Dev Tanaka (Group)' })).toBeVisible();
  await instructor.context.close();
  await mentor.context.close();
});

test('from the roster, an instructor opens the chat with a learner of the course', async ({ browser }) => {
  const instructor = await person(browser, INSTRUCTOR);
  await instructor.page.getByRole('link', { name: 'Foundations of Design' }).click();
  const roster = instructor.page.locator('section', { has: instructor.page.getByRole('heading', { name: 'Roster' }) });
  await expect(roster.getByRole('row', { name: /Grace Silva/ })).toBeVisible();
  await roster.getByRole('button', { name: 'Message Grace Silva' }).click();
  await inChat(instructor.page);
  await expect(instructor.page.getByRole('heading', { name: 'Grace Silva' })).toBeVisible();
  await instructor.context.close();
});

test('an announcement posted on the course page reaches its learners there live, and so do its edit and its deletion', async ({ browser }) => {
  const learner = await person(browser, 'learner14@northwind.example');
  await learner.page.getByRole('link', { name: 'Foundations of Design' }).click();
  await hydrated(learner.page);
  await live(learner.page);
  const shown = learner.page.getByRole('list', { name: 'Announcements' });

  const instructor = await person(browser, INSTRUCTOR);
  await instructor.page.getByRole('link', { name: 'Foundations of Design' }).click();
  await instructor.page.getByLabel('New announcement').fill('The studio is closed on **Friday**');
  await instructor.page.getByRole('button', { name: 'Post announcement' }).click();
  const list = instructor.page.getByRole('list', { name: 'Announcements' });
  await expect(list.locator('strong', { hasText: 'Friday' })).toBeVisible();
  await expect(shown.locator('strong', { hasText: 'Friday' })).toBeVisible();
  await expect(learner.page.getByLabel('New announcement')).toHaveCount(0);
  await expect(shown.locator('summary', { hasText: 'Edit' })).toHaveCount(0);

  const item = list.getByRole('listitem').filter({ hasText: 'The studio is closed on' });
  await item.locator('summary', { hasText: 'Edit' }).click();
  await item.getByLabel('Announcement').fill('The studio is closed on **Saturday**');
  await item.getByRole('button', { name: 'Save' }).click();
  await expect(shown.locator('strong', { hasText: 'Saturday' })).toBeVisible();
  await expect(shown.getByText('edited')).toBeVisible();

  const edited = list.getByRole('listitem').filter({ hasText: 'The studio is closed on' });
  await edited.locator('summary', { hasText: 'Delete' }).click();
  await edited.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(shown.getByText('The studio is closed on')).toHaveCount(0);
  await expect(learner.page.getByText('No announcements yet.')).toBeVisible();
  await instructor.context.close();
  await learner.context.close();
});
