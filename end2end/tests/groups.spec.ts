import { test, expect, Page } from '@playwright/test';
import { hydrated, inChat, person } from './helpers';

const INSTRUCTOR = 'instructor1@northwind.example';
const LEARNER = 'learner05@northwind.example';
/** A one-pixel PNG. */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** From the group chat the page shows, with its owner alone in it, adds the person of that full name. */
async function addToOpenGroup(page: Page, name: string) {
  await page.getByText('Who is in this chat (1)').click();
  await page.getByRole('link', { name: 'Add people and settings' }).click();
  await page.getByLabel('Find a person').fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: `Add ${name}` }).click();
  await expect(page.getByText('In the group')).toBeVisible();
}

test('staff create a group with first names only; the learner they add finds it live and sees first names', async ({ browser }) => {
  const learner = await person(browser, LEARNER);
  await learner.page.goto('/messages');
  await hydrated(learner.page);

  const instructor = await person(browser, INSTRUCTOR);
  await instructor.page.goto('/messages');
  await instructor.page.getByRole('link', { name: 'New group chat' }).click();
  await instructor.page.getByLabel('Name', { exact: true }).fill('Week 3 study group');
  await instructor.page.getByLabel('First name only').check();
  await instructor.page.getByRole('button', { name: 'Create group' }).click();
  await inChat(instructor.page);
  await addToOpenGroup(instructor.page, 'Elif Silva');
  await expect(instructor.page.getByRole('list').getByText('Elif Silva')).toHaveCount(2);

  // Added, the learner finds the group among their group chats without reloading.
  const groups = learner.page.locator('h2:has-text("Group chats") + ul');
  const row = groups.getByRole('link', { name: /Week 3 study group/ });
  await expect(row).toBeVisible({ timeout: 3_000 });

  await instructor.page.getByRole('link', { name: '← Back to the chat' }).click();
  await inChat(instructor.page);
  const composer = instructor.page.getByLabel('Message', { exact: true });
  await composer.fill('Welcome, everyone');
  await composer.press('Enter');

  await expect(row.locator('.unread-count')).toHaveText('1', { timeout: 3_000 });
  await row.click();
  await inChat(learner.page);
  // New groups show as a feed unless their creator chooses otherwise.
  const message = learner.page.getByRole('list', { name: 'Posts' }).locator('.message', { hasText: 'Welcome, everyone' });
  await expect(message.locator('.message-head strong')).toHaveText('Irene');
  await learner.page.getByText('Who is in this chat (2)').click();
  await expect(learner.page.locator('.participants').getByText('Irene', { exact: true })).toBeVisible();
  await expect(learner.page.locator('.participants').getByText('Ibarra')).toHaveCount(0);
  await expect(learner.page.getByRole('link', { name: 'Add people and settings' })).toHaveCount(0);

  await instructor.context.close();
  await learner.context.close();
});

test('a learner is not offered creating a group, and the server refuses it', async ({ browser }) => {
  const learner = await person(browser, LEARNER);
  await learner.page.goto('/messages');
  await hydrated(learner.page);
  await expect(learner.page.getByRole('link', { name: 'New group chat' })).toHaveCount(0);
  const response = await learner.page.request.post('/api/create_group', { form: { 'input[name]': 'Ours' } });
  expect(response.status()).toBe(403);
  await learner.context.close();
});

test('the owner switches a group to feed style; a reply arrives live under its post; a lock leaves learners reading', async ({ browser }) => {
  const instructor = await person(browser, INSTRUCTOR);
  await instructor.page.goto('/messages/groups/new');
  await instructor.page.getByLabel('Name', { exact: true }).fill('Design crit');
  await instructor.page.getByLabel(/^Chat:/).check();
  await instructor.page.getByRole('button', { name: 'Create group' }).click();
  await inChat(instructor.page);
  const group = instructor.page.url();
  await instructor.page.goto(`${group}/people?q=Ines%20Moreau`);
  await instructor.page.getByRole('button', { name: 'Add Ines Moreau' }).click();
  await expect(instructor.page.getByText('In the group')).toBeVisible();
  await instructor.page.goto(group);
  await hydrated(instructor.page);
  const composer = instructor.page.getByLabel('Message', { exact: true });
  await composer.fill('Share your sketches here');
  await composer.press('Enter');
  await expect(instructor.page.getByRole('list', { name: 'Messages' }).getByText('Share your sketches here')).toBeVisible();

  await instructor.page.goto(`${group}/people`);
  await instructor.page.getByLabel(/^Feed:/).check();
  await instructor.page.getByRole('button', { name: 'Save' }).click();
  await expect(instructor.page.getByText('Saved.')).toBeVisible();
  await instructor.page.goto(group);
  await hydrated(instructor.page);
  const posts = instructor.page.getByRole('list', { name: 'Posts' });
  await expect(posts.locator('.message.post').first()).toContainText('Share your sketches here');
  await expect(posts.locator('.reply-count').first()).toHaveText('No replies yet');

  const learner = await person(browser, 'learner09@northwind.example');
  await learner.page.goto(group);
  await hydrated(learner.page);
  const reply = learner.page.getByLabel('Reply', { exact: true }).first();
  await reply.fill('Here is mine');
  await reply.press('Enter');
  await expect(learner.page.locator('.reply-count').first()).toHaveText('1 reply');

  // No reload: the reply arrives under its post on the instructor's page.
  await expect(posts.locator('.message.reply').first()).toContainText('Here is mine', { timeout: 3_000 });
  await expect(posts.locator('.reply-count').first()).toHaveText('1 reply');

  // The author edits the post; the learner sees the change live, marked as edited.
  const post = posts.locator('.message.post').first();
  await post.getByRole('link', { name: 'Edit', exact: true }).click();
  await post.getByLabel('Edit message').fill('Share your sketches here by Friday');
  await post.getByRole('button', { name: 'Save' }).click();
  const learnersPost = learner.page.locator('.message.post').first();
  await expect(learnersPost.locator('.message-body')).toHaveText('Share your sketches here by Friday', { timeout: 3_000 });
  await expect(learnersPost.getByText('(edited)')).toBeVisible();
  await expect(learnersPost.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0);
  await post.getByRole('button', { name: 'Pin' }).click();
  await expect(learnersPost.getByText('Pinned')).toBeVisible({ timeout: 3_000 });

  await instructor.page.goto(`${group}/people`);
  await instructor.page.getByLabel(/^Locked/).check();
  await instructor.page.getByLabel('Name', { exact: true }).fill('Design crit (closed)');
  await instructor.page.getByRole('button', { name: 'Save' }).click();
  await expect(instructor.page.getByText('Saved.')).toBeVisible();
  // The rename and the lock reach the learner's open chat without a reload.
  await expect(learner.page.getByRole('heading', { name: 'Design crit (closed)' })).toBeVisible({ timeout: 3_000 });
  await expect(learner.page.getByText('This chat is locked: only its owner posts.')).toBeVisible({ timeout: 3_000 });
  await expect(learner.page.getByLabel('Reply', { exact: true })).toHaveCount(0);
  await learner.page.reload();
  await hydrated(learner.page);
  await expect(learner.page.getByText('This chat is locked: only its owner posts.')).toBeVisible();
  await expect(learner.page.getByLabel('Reply', { exact: true })).toHaveCount(0);
  await expect(learner.page.getByRole('list', { name: 'Posts' }).getByText('Here is mine')).toBeVisible();

  await instructor.context.close();
  await learner.context.close();
});

test('a member leaves a group after a confirmation that says their messages go with them', async ({ browser }) => {
  const instructor = await person(browser, INSTRUCTOR);
  await instructor.page.goto('/messages/groups/new');
  await instructor.page.getByLabel('Name', { exact: true }).fill('Short course');
  await instructor.page.getByRole('button', { name: 'Create group' }).click();
  await inChat(instructor.page);
  const group = instructor.page.url();
  await instructor.page.goto(`${group}/people?q=Ben%20Novak`);
  await instructor.page.getByRole('button', { name: 'Add Ben Novak' }).click();
  await expect(instructor.page.getByText('In the group')).toBeVisible();

  const learner = await person(browser, 'learner12@northwind.example');
  await learner.page.goto(group);
  await hydrated(learner.page);
  await learner.page.getByLabel('Message', { exact: true }).fill('Hello from Ben');
  await learner.page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(learner.page.getByRole('list', { name: 'Posts' }).getByText('Hello from Ben')).toBeVisible();
  await learner.page.getByText('Who is in this chat (2)').click();
  await learner.page.getByRole('link', { name: 'People, or leave the group' }).click();
  await learner.page.getByText('Leave this group', { exact: true }).click();
  await expect(learner.page.getByText('Everything you wrote in it, and the threads you started, will be deleted for everyone.')).toBeVisible();
  await learner.page.getByRole('button', { name: 'Yes, leave and delete my messages' }).click();
  await expect(learner.page).toHaveURL(/\/messages$/);
  await expect(learner.page.getByRole('link', { name: /Short course/ })).toHaveCount(0);

  await instructor.page.goto(group);
  await expect(instructor.page.getByText('Hello from Ben')).toHaveCount(0);
  await instructor.context.close();
  await learner.context.close();
});

test('typing @ offers the participants; the person mentioned sees the message marked for them', async ({ browser }) => {
  const instructor = await person(browser, INSTRUCTOR);
  await instructor.page.goto('/messages/groups/new');
  await instructor.page.getByLabel('Name', { exact: true }).fill('Mentions study group');
  await instructor.page.getByRole('button', { name: 'Create group' }).click();
  await inChat(instructor.page);
  await addToOpenGroup(instructor.page, 'Chloe Silva');
  await instructor.page.getByRole('link', { name: '← Back to the chat' }).click();
  await inChat(instructor.page);

  const composer = instructor.page.getByLabel('Message', { exact: true });
  await composer.pressSequentially('Welcome @chl');
  const offer = instructor.page.getByRole('list', { name: 'People to mention' });
  await expect(offer.getByRole('button', { name: '@Chloe Silva' })).toBeVisible();
  await composer.press('Enter');
  await expect(composer).toHaveValue('Welcome @Chloe Silva ');
  await composer.pressSequentially('glad you are here');
  await composer.press('Enter');
  await expect(instructor.page.locator('.message').getByText('Welcome @Chloe Silva glad you are here')).toBeVisible();

  const learner = await person(browser, 'learner23@northwind.example');
  await learner.page.goto('/messages');
  await hydrated(learner.page);
  // The inbox says so before the chat is opened, and stops saying so once it is read.
  const row = learner.page.getByRole('link', { name: /Mentions study group/ });
  await expect(row.getByLabel('Mentions you')).toBeVisible();
  await row.click();
  await inChat(learner.page);
  await expect(row.getByLabel('Mentions you')).toHaveCount(0, { timeout: 3_000 });
  const mine = learner.page.locator('.message.mentioned');
  await expect(mine).toContainText('Welcome @Chloe Silva glad you are here');
  await expect(mine.getByText('Mentions you')).toBeVisible();
  await instructor.context.close();
  await learner.context.close();
});

test('the owner uploads a photo for the group, which its inbox row then shows', async ({ browser }) => {
  const instructor = await person(browser, INSTRUCTOR);
  await instructor.page.goto('/messages/groups/new');
  await instructor.page.getByLabel('Name', { exact: true }).fill('Photo club');
  await instructor.page.getByRole('button', { name: 'Create group' }).click();
  await inChat(instructor.page);
  const group = instructor.page.url();
  await instructor.page.goto(`${group}/people`);
  const file = instructor.page.getByLabel(/^Picture \(PNG/);
  await file.setInputFiles({ name: 'notes.txt', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await instructor.page.getByRole('button', { name: 'Upload' }).click();
  await expect(instructor.page.getByRole('alert')).toHaveText('Choose a PNG, JPEG, GIF or WebP picture.');
  await file.setInputFiles({ name: 'club.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') });
  await instructor.page.getByRole('button', { name: 'Upload' }).click();
  await expect(instructor.page.getByText('Picture saved.')).toBeVisible();
  await expect(instructor.page.getByLabel('Its photo')).toBeChecked();

  await instructor.page.goto(group);
  const photo = instructor.page.getByRole('link', { name: /Photo club/ }).locator('img.avatar');
  await expect(photo).toHaveAttribute('src', /^\/avatars\/uploads\//);
  expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await instructor.context.close();
});
