import { test, expect, Page } from '@playwright/test';
import { chatWith, hydrated, person, post, signIn } from './helpers';

const OWNER = 'owner@northwind.example';

/** Records every server call the page makes, and whether "Loading" ever shows, from now on. */
async function watch(page: Page) {
  const calls: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) calls.push(path);
  });
  await page.evaluate(() => {
    const w = window as unknown as { sawLoading: boolean };
    w.sawLoading = false;
    new MutationObserver(() => {
      if (document.body.innerText.includes('Loading')) w.sawLoading = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return {
    calls,
    sawLoading: () => page.evaluate(() => (window as unknown as { sawLoading: boolean }).sawLoading),
  };
}

test('a message arrives live with no request at all, nothing blanks, and screen readers hear it once', async ({ browser }) => {
  const owner = await person(browser, OWNER);
  const chat = await chatWith(owner.page, 'Elif Silva');
  const learner = await person(browser, 'learner05@northwind.example');
  // The open conversation tells the server it is in view, once, when it opens.
  const watching = learner.page.waitForResponse((r) => r.url().endsWith('/api/watch') && (r.request().postData() ?? '').includes('conversation'));
  await learner.page.goto(`/messages/${chat}`);
  await hydrated(learner.page);
  await watching;
  const seen = await watch(learner.page);

  await hydrated(owner.page);
  const composer = owner.page.getByLabel('Message', { exact: true });
  await composer.fill('Welcome to **week 3**');
  await composer.press('Enter');

  const list = learner.page.getByRole('list', { name: 'Messages' });
  await expect(list.locator('.message-body strong', { hasText: 'week 3' })).toBeVisible({ timeout: 3_000 });
  await expect(learner.page.getByRole('link', { name: /Olivia Owens/ })).toContainText('Welcome to week 3');
  await expect(learner.page.locator('[aria-live="polite"]', { hasText: 'Olivia Owens: Welcome to week 3' })).toHaveCount(1);
  // The server read it on delivery: the count never shows, and the page asked for nothing.
  await expect(learner.page.getByRole('link', { name: /Olivia Owens/ }).locator('.unread-count')).toHaveCount(0);
  await expect(owner.page.getByRole('list', { name: 'Messages' }).getByText('Seen', { exact: true })).toBeVisible();
  // A later message is the sentinel: by the time it shows, anything the first had set off
  // would have been asked for.
  await composer.fill('Sentinel');
  await composer.press('Enter');
  await expect(list.getByText('Sentinel', { exact: true })).toBeVisible();
  expect(seen.calls).toEqual([]);
  expect(await seen.sawLoading()).toBe(false);
  await owner.context.close();
  await learner.context.close();
});

test('reading in one tab clears the badge in another', async ({ browser }) => {
  const owner = await person(browser, OWNER);
  const chat = await chatWith(owner.page, 'Femi Novak');
  await post(owner.page, chat, 'Are you coming on Friday?');

  const learner = await person(browser, 'learner06@northwind.example');
  const badge = learner.page.getByRole('navigation', { name: 'Main' }).locator('.unread-count');
  await expect(badge).toHaveText('1');
  const otherTab = await learner.context.newPage();
  await otherTab.goto(`/messages/${chat}`);
  await expect(otherTab.getByRole('list', { name: 'Messages' }).getByText('Are you coming on Friday?')).toBeVisible();
  await expect(badge).toHaveCount(0, { timeout: 3_000 });
  await owner.context.close();
  await learner.context.close();
});

test('a reader scrolled up is not pulled down; "New messages" takes them there', async ({ browser }) => {
  const owner = await person(browser, OWNER);
  const chat = await chatWith(owner.page, 'Grace Okafor');
  for (let n = 1; n <= 30; n++) await post(owner.page, chat, `Note ${n} of the reading list`);

  const learner = await person(browser, 'learner07@northwind.example');
  await learner.page.setViewportSize({ width: 800, height: 600 });
  await learner.page.goto(`/messages/${chat}`);
  await hydrated(learner.page);
  const list = learner.page.getByRole('list', { name: 'Messages' });
  await expect(list.getByText('Note 30 of the reading list')).toBeVisible();
  await list.evaluate((el) => { el.scrollTop = 0; });

  await post(owner.page, chat, 'One more, at the end');
  const jump = learner.page.getByRole('button', { name: /New messages/ });
  await expect(jump).toBeVisible({ timeout: 3_000 });
  expect(await list.evaluate((el) => el.scrollTop)).toBeLessThan(50);
  await jump.click();
  await expect(list.getByText('One more, at the end')).toBeInViewport();
  await expect(jump).toHaveCount(0);
  await owner.context.close();
  await learner.context.close();
});

test('on a 360-pixel phone nothing scrolls sideways and the composer is on screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signIn(page, OWNER);
  const chat = await chatWith(page, 'Jonas Tanaka');
  await post(page, chat, 'A long word: pneumonoultramicroscopicsilicovolcanoconiosis-and-then-some-more-characters');
  await page.reload();
  await expect(page.getByRole('list', { name: 'Messages' }).getByText('A long word')).toBeVisible();
  await expect(page.getByLabel('Message', { exact: true })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await context.close();
});
