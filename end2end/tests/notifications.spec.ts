import { test, expect } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { chatWith, hydrated, person, post } from './helpers';

const LEARNER = 'learner26@northwind.example';

/** The emails the servers wrote for `address` so far (without SMTP_URL they are files). */
function mailsTo(address: string): string[] {
  const dir = join(process.env.CONFER_E2E_DATA!, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((file) => readFileSync(join(dir, file), 'utf8')).filter((mail) => mail.includes(`To: ${address}`));
}

test('a learner sets a chat to nothing: its messages send no email, while another chat still does', async ({ browser }) => {
  const instructor = await person(browser, 'instructor2@northwind.example');
  const chat = await chatWith(instructor.page, 'Femi Lindqvist');
  await post(instructor.page, chat, 'Welcome to Data Literacy');

  const learner = await person(browser, LEARNER);
  await learner.page.goto(`/messages/${chat}`);
  await hydrated(learner.page);
  await learner.page.getByText('Notifications: every message').click();
  await learner.page.getByRole('radio', { name: 'Nothing' }).check();
  await learner.page.getByRole('button', { name: 'Save' }).click();
  await expect(learner.page.getByText('Notifications: nothing')).toBeVisible();
  await learner.page.goto('/profile');

  await post(instructor.page, chat, 'These muted words stay out of email');
  // Another chat, written to after it: once its email is there, the first one's would be too.
  const mentor = await person(browser, 'mentor@northwind.example');
  const other = await chatWith(mentor.page, 'Femi Lindqvist');
  await post(mentor.page, other, 'A sentinel from Maya');
  await expect.poll(() => mailsTo(LEARNER).some((mail) => mail.includes('A sentinel from Maya')), { timeout: 20_000 }).toBe(true);
  await learner.page.waitForTimeout(3_000);
  expect(mailsTo(LEARNER).filter((mail) => mail.includes('These muted words'))).toHaveLength(0);
  await instructor.context.close();
  await learner.context.close();
  await mentor.context.close();
});
