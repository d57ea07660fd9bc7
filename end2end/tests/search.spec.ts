import { test, expect } from '@playwright/test';
import { chatWith, hydrated, person, post } from './helpers';

test('a learner searches their messages, sees the words marked, and opens the chat at the message; others find nothing', async ({ browser }) => {
  const instructor = await person(browser, 'instructor1@northwind.example');
  const chat = await chatWith(instructor.page, 'Grace Silva');
  await post(instructor.page, chat, 'The **glaze chemistry** quiz moves to Thursday');
  await post(instructor.page, chat, 'Bring a notebook');

  const learner = await person(browser, 'learner17@northwind.example');
  await learner.page.goto('/messages');
  await hydrated(learner.page);
  await learner.page.getByLabel('Search messages').fill('glaze chemistry');
  await learner.page.getByLabel('Search messages').press('Enter');
  const results = learner.page.getByRole('list', { name: 'Results' });
  await expect(results.locator('mark', { hasText: 'glaze' })).toBeVisible();
  await expect(results.getByRole('link')).toHaveCount(1);
  await results.getByRole('link').click();
  await expect(learner.page).toHaveURL(new RegExp(`/messages/${chat}\\?at=`));
  await expect(learner.page.getByRole('list', { name: 'Messages' }).getByText('quiz moves to Thursday')).toBeVisible();

  const other = await person(browser, 'learner24@northwind.example');
  await other.page.goto('/messages/search?q=glaze+chemistry');
  await expect(other.page.getByText('No messages match')).toBeVisible();
  await instructor.context.close();
  await learner.context.close();
  await other.context.close();
});
